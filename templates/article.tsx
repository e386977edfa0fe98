import type { ArticlePage } from '../src/collections/types.js';
import type { PageProps } from './props.js';
import { local, prefixOf } from './props.js';
import { Layout } from './partials/layout.js';
import { Byline } from './partials/byline.js';
import { ShareLinks } from './partials/share-links.js';
import { StoryCard } from './partials/story-card.js';
import { ARTICLE_SIZES, pictureHtml, resolveBodyPhotos } from './partials/picture.js';
import { readInPhrase } from './i18n.js';
import { tagLabel } from '../src/collections/labels.js';

const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** Puts the dateline at the start of the first paragraph, as newspapers print it. */
function withDateline(html: string, dateline: string | undefined): string {
  if (!dateline) return html;
  const i = html.indexOf('<p>');
  const mark = `<span class="dateline">${escapeHtml(dateline)}</span> — `;
  return i < 0 ? `<p>${mark}</p>${html}` : html.slice(0, i + 3) + mark + html.slice(i + 3);
}

/** The article page: everything a news story shows. */
export function ArticleTemplate(props: PageProps<ArticlePage>) {
  const { page, site, t, f } = props;
  const a = page.article;
  const p = prefixOf(site, a.lang);
  const sectionTitle = local(a.sectionInfo.title, a.lang, site);
  const held = site.preview && (a.draft || a.time > site.now);
  const updated = a.modifiedTime > a.time ? a.modified : undefined;
  // Embed previews become players only with /js/embed.js; other articles never load it.
  const head = (
    <>
      <script src="/js/share.js" defer />
      {a.content.html.includes('<figure class="embed') && <script src="/js/embed.js" defer />}
    </>
  );
  return (
    <Layout {...props} bodyClass="page-article" head={head}>
      {held && (
        <p class="preview-banner" role="status">
          {a.draft ? t.draftBanner : t.embargoBanner(f.dateTime(a.date))}
        </p>
      )}
      <article class="article" data-pagefind-body>
        <header class="article__header">
          <p class="kicker">
            <a href={`${p}/${a.section}/`}>{sectionTitle}</a>
          </p>
          <h1 class="headline" data-pagefind-meta="title">
            {a.title}
          </h1>
          <p class="dek">{a.summary}</p>
          <div class="article__meta">
            <Byline article={a} t={t} />
            <span class="dates">
              <time datetime={a.date} data-pagefind-meta="date">
                {f.dateTime(a.date)}
              </time>
              {updated && (
                <>
                  {' · '}
                  {t.updated} <time datetime={updated}>{f.dateTime(updated)}</time>
                </>
              )}
            </span>
            <span class="reading-time">{t.minRead(f.number(a.content.readingMinutes), a.content.readingMinutes)}</span>
          </div>
          {a.translations.map((tr) => (
            <p class="translation-link">
              <a href={tr.url} hrefLang={tr.lang} lang={tr.lang}>
                {readInPhrase(tr.lang)}
              </a>
            </p>
          ))}
        </header>
        {a.lead && a.image && (
          <figure class="lead-photo">
            <div class="photo" dangerouslySetInnerHTML={{ __html: pictureHtml(a.lead, a.image.alt, ARTICLE_SIZES, true) }} />
            {(a.image.caption || a.image.credit) && (
              <figcaption>
                {a.image.caption && <span class="caption">{a.image.caption}</span>} {a.image.credit && <span class="credit">{a.image.credit}</span>}
              </figcaption>
            )}
          </figure>
        )}
        <div class="article__body prose" dangerouslySetInnerHTML={{ __html: withDateline(resolveBodyPhotos(a, site), a.dateline) }} />
        {(a.corrections.length > 0 || a.updateNote) && (
          <section class="corrections-box" aria-labelledby="corrections-title">
            <h2 id="corrections-title">{a.corrections.length ? t.corrections : t.updateNote}</h2>
            <ul>
              {a.corrections.map((c) => (
                <li>
                  <time datetime={c.date}>{f.date(c.date)}</time>: {c.text}
                </li>
              ))}
              {a.updateNote && a.updated && (
                <li>
                  <time datetime={a.updated}>{f.date(a.updated)}</time>: {a.updateNote}
                </li>
              )}
            </ul>
          </section>
        )}
        {a.tags.length > 0 && (
          <nav class="tags" aria-label={t.tags}>
            <h2 class="tags__title">{t.tags}</h2>
            <ul>
              {a.tags.map((tag) => (
                <li>
                  <a href={`${p}/tags/${tag}/`}>{tagLabel(site.config, tag, a.lang)}</a>
                </li>
              ))}
            </ul>
          </nav>
        )}
      </article>
      <ShareLinks url={new URL(a.url, site.config.baseUrl + '/').href} title={a.title} t={t} />
      {page.related.length > 0 && (
        <section class="related" aria-labelledby="related-title">
          <h2 id="related-title">{t.moreFrom(sectionTitle)}</h2>
          <div class="story-grid">
            {page.related.map((r) => (
              <StoryCard article={r} props={props} showSection={false} />
            ))}
          </div>
        </section>
      )}
    </Layout>
  );
}
