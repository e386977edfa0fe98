import type { PageProps } from '../props.js';
import { hasPage, local, prefixOf } from '../props.js';

/** Masthead: publication name, section navigation, language switch and search. */
export function Header({ page, site, t }: PageProps) {
  const p = prefixOf(site, page.lang);
  const langs = site.config.languages.filter((l) => l.code !== page.lang);
  const current = page.kind === 'list' && page.list === 'section' ? page.section?.id : page.kind === 'article' ? page.article.section : undefined;
  return (
    <header class="site-header">
      <div class="masthead">
        <a class="brand" href={`${p}/`}>
          {local(site.config.name, page.lang, site)}
        </a>
        <div class="masthead-tools">
          {langs.map((l) => {
            const alt = page.alternates.find((a) => a.lang === l.code);
            return (
              <a class="lang-switch" href={alt?.url ?? `${prefixOf(site, l.code)}/`} hrefLang={l.code} lang={l.code}>
                {l.name}
              </a>
            );
          })}
          <a class="search-link" href={`${p}/search/`}>
            {t.search}
          </a>
        </div>
      </div>
      <nav class="sections" aria-label={t.sections}>
        <ul>
          {site.config.sections.filter((s) => hasPage(site, `${p}/${s.id}/`)).map((s) => (
            <li>
              <a href={`${p}/${s.id}/`} aria-current={current === s.id ? 'page' : undefined}>
                {local(s.title, page.lang, site)}
              </a>
            </li>
          ))}
        </ul>
      </nav>
    </header>
  );
}
