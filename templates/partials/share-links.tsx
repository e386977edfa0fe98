import type { Strings } from '../i18n.js';

/** Plain share links (no third-party script) and a copy-link button enhanced by /js/share.js. */
export function ShareLinks({ url, title, t }: { url: string; title: string; t: Strings }) {
  const u = encodeURIComponent(url);
  const text = encodeURIComponent(title);
  const links: [string, string, string][] = [
    ['x', 'X', `https://x.com/intent/post?url=${u}&text=${text}`],
    ['facebook', 'Facebook', `https://www.facebook.com/sharer/sharer.php?u=${u}`],
    ['whatsapp', 'WhatsApp', `https://wa.me/?text=${text}%20${u}`],
    ['telegram', 'Telegram', `https://t.me/share/url?url=${u}&text=${text}`],
    ['email', t.email, `mailto:?subject=${text}&body=${u}`],
  ];
  return (
    <aside class="share" aria-labelledby="share-title">
      <h2 id="share-title" class="share__title">
        {t.share}
      </h2>
      <ul class="share__list">
        {links.map(([id, label, href]) => (
          <li>
            <a class={`share__link share__link--${id}`} href={href} rel="noopener noreferrer" target={id === 'email' ? undefined : '_blank'}>
              {label}
            </a>
          </li>
        ))}
        <li>
          <button type="button" class="share__link share__copy" data-url={url} data-copied={t.copied} hidden>
            {t.copyLink}
          </button>
        </li>
      </ul>
    </aside>
  );
}
