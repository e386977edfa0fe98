import type { PageProps } from '../props.js';
import { local, prefixOf } from '../props.js';

/** Footer: policy pages from site.yaml, archive, corrections and feeds. */
export function Footer({ page, site, t }: PageProps) {
  const p = prefixOf(site, page.lang);
  const pol = site.config.policies;
  const links: [string | undefined, string][] = [
    [pol.about ?? pol.masthead, t.about],
    [pol.ethics, t.ethics],
    [pol.corrections, t.correctionsPolicy],
    [pol.contact, t.contact],
  ];
  return (
    <footer class="site-footer">
      <nav aria-label={t.about}>
        <ul>
          {links.filter(([href]) => href).map(([href, label]) => (
            <li>
              <a href={href}>{label}</a>
            </li>
          ))}
          <li>
            <a href={`${p}/corrections/`}>{t.corrections}</a>
          </li>
          <li>
            <a href={`${p}/archive/`}>{t.archive}</a>
          </li>
          <li>
            <a href={`${p}/feed.xml`}>{t.feeds} (RSS)</a>
          </li>
        </ul>
      </nav>
      <p class="colophon">
        © {local(site.config.name, page.lang, site)} · {local(site.config.description, page.lang, site)}
      </p>
    </footer>
  );
}
