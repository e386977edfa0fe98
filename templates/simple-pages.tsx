import type { CorrectionsPage, GonePage, NotFoundPage, RedirectPage, SearchPage, StaticPageView } from '../src/collections/types.js';
import type { PageProps } from './props.js';
import { local, prefixOf } from './props.js';
import { Layout } from './partials/layout.js';

/** A static page from content/pages/. */
export function StaticTemplate(props: PageProps<StaticPageView>) {
  const { page } = props;
  return (
    <Layout {...props} bodyClass="page-static">
      <article class="article">
        <header class="article__header">
          <h1 class="headline">{page.page.title}</h1>
          {page.page.summary && <p class="dek">{page.page.summary}</p>}
        </header>
        <div class="article__body prose" dangerouslySetInnerHTML={{ __html: page.html }} />
      </article>
    </Layout>
  );
}

/** Every correction on the site, newest first. */
export function CorrectionsTemplate(props: PageProps<CorrectionsPage>) {
  const { page, t, f } = props;
  return (
    <Layout {...props} bodyClass="page-corrections">
      <header class="list-header">
        <h1>{t.corrections}</h1>
        <p class="dek">{t.correctionsIntro}</p>
      </header>
      {page.items.length === 0 ? (
        <p>{t.noCorrections}</p>
      ) : (
        <ol class="corrections-list">
          {page.items.map(({ article, correction }) => (
            <li>
              <p class="meta">
                <time datetime={correction.date}>{f.date(correction.date)}</time>
              </p>
              <h2 class="story-card__headline">
                <a href={article.url}>{article.title}</a>
              </h2>
              <p>{correction.text}</p>
            </li>
          ))}
        </ol>
      )}
    </Layout>
  );
}

/** The search page: Pagefind's UI, with a plain fallback without JavaScript. */
export function SearchTemplate(props: PageProps<SearchPage>) {
  const { page, site, t } = props;
  const p = prefixOf(site, page.lang);
  return (
    <Layout
      {...props}
      bodyClass="page-search"
      head={
        <>
          <link rel="stylesheet" href="/pagefind/pagefind-ui.css" />
          <script src="/pagefind/pagefind-ui.js" defer />
          <script src="/js/search.js" defer />
        </>
      }
    >
      <header class="list-header">
        <h1>{t.search}</h1>
      </header>
      <div id="search" data-placeholder={t.searchPlaceholder} data-lang={page.lang}>
        <noscript>
          <p>{t.searchNoScript}</p>
        </noscript>
        <p>
          <a href={`${p}/archive/`}>{t.browseArchive}</a>
        </p>
      </div>
    </Layout>
  );
}

/** The 404 page. */
export function NotFoundTemplate(props: PageProps<NotFoundPage>) {
  const { t, page, site } = props;
  return (
    <Layout {...props} bodyClass="page-error">
      <h1>{t.notFoundTitle}</h1>
      <p>{t.notFoundText}</p>
      <p>
        <a href={`${prefixOf(site, page.lang)}/`}>{t.goHome}</a> · <a href={`${prefixOf(site, page.lang)}/search/`}>{t.search}</a>
      </p>
    </Layout>
  );
}

/** An expired story (served with status 410 where the host reads `_redirects`). */
export function GoneTemplate(props: PageProps<GonePage>) {
  const { page, site, t } = props;
  return (
    <Layout {...props} bodyClass="page-error">
      <h1>{t.goneTitle}</h1>
      <p>{t.goneText}</p>
      <p>
        {page.section ? (
          <a href={`${prefixOf(site, page.lang)}/${page.section.id}/`}>{local(page.section.title, page.lang, site)}</a>
        ) : (
          <a href={page.home ?? `${prefixOf(site, page.lang)}/`}>{local(site.config.name, page.lang, site)}</a>
        )}
      </p>
    </Layout>
  );
}

/** A redirect that works on any static host: canonical link, refresh and a plain link. */
export function RedirectTemplate({ page, site, t }: PageProps<RedirectPage>) {
  const to = new URL(page.to, site.config.baseUrl + '/').href;
  return (
    <html lang={page.lang}>
      <head>
        <meta charset="utf-8" />
        <title>{to}</title>
        <meta name="robots" content="noindex" />
        <link rel="canonical" href={to} />
        <meta http-equiv="refresh" content={`0; url=${page.to}`} />
      </head>
      <body>
        <p>
          {t.redirectText} <a href={page.to}>{to}</a>
        </p>
      </body>
    </html>
  );
}
