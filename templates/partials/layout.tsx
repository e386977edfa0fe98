import type { ComponentChildren } from 'preact';
import type { PageProps } from '../props.js';
import { Header } from './header.js';
import { Footer } from './footer.js';

/** JSON for a <script> element: `<` escaped so no text can close the element. */
function safeJson(value: object): string {
  return JSON.stringify(value).replace(/</g, '\\u003c');
}

/** The document around every page: head metadata, skip link, header, main, footer. */
export function Layout(props: PageProps & { children: ComponentChildren; bodyClass?: string; head?: ComponentChildren }) {
  const { page, site, meta, t } = props;
  const dir = site.config.languages.find((l) => l.code === page.lang)?.dir ?? 'ltr';
  return (
    <html lang={page.lang} dir={dir}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{meta.title}</title>
        <link rel="canonical" href={meta.canonical} />
        {meta.names.map(([name, content]) => (
          <meta name={name} content={content} />
        ))}
        {meta.properties.map(([property, content]) => (
          <meta property={property} content={content} />
        ))}
        {meta.alternates.map((a) => (
          <link rel="alternate" hrefLang={a.hreflang} href={a.href} />
        ))}
        {meta.feeds.map((f) => (
          <link rel="alternate" type={f.type} title={f.title} href={f.href} />
        ))}
        {meta.prev && <link rel="prev" href={meta.prev} />}
        {meta.next && <link rel="next" href={meta.next} />}
        <meta name="color-scheme" content="light dark" />
        <link rel="icon" href="/favicon.svg" type="image/svg+xml" />
        <link rel="stylesheet" href="/css/site.css" />
        {props.head}
        {meta.jsonLd.map((j) => (
          <script type="application/ld+json" dangerouslySetInnerHTML={{ __html: safeJson(j) }} />
        ))}
      </head>
      <body class={props.bodyClass}>
        <a class="skip-link" href="#main">
          {t.skip}
        </a>
        <Header {...props} />
        <main id="main" tabIndex={-1}>
          {props.children}
        </main>
        <Footer {...props} />
      </body>
    </html>
  );
}
