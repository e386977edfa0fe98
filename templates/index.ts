import { h } from 'preact';
import { renderToString } from 'preact-render-to-string';
import type { PageRecord, Site } from '../src/collections/types.js';
import { headMetaFor } from '../src/render/seo/index.js';
import { ArticleTemplate } from './article.js';
import { HomeTemplate } from './home.js';
import { ListTemplate } from './list.js';
import { CorrectionsTemplate, GoneTemplate, NotFoundTemplate, RedirectTemplate, SearchTemplate, StaticTemplate } from './simple-pages.js';
import { formatterFor } from './format.js';
import { strings } from './i18n.js';
import type { PageProps } from './props.js';

type AnyTemplate = (props: PageProps<never>) => ReturnType<typeof HomeTemplate>;

/** The template of each page kind. */
export const templates: Record<PageRecord['kind'], AnyTemplate> = {
  article: ArticleTemplate as AnyTemplate,
  home: HomeTemplate as AnyTemplate,
  list: ListTemplate as AnyTemplate,
  page: StaticTemplate as AnyTemplate,
  corrections: CorrectionsTemplate as AnyTemplate,
  search: SearchTemplate as AnyTemplate,
  'not-found': NotFoundTemplate as AnyTemplate,
  gone: GoneTemplate as AnyTemplate,
  redirect: RedirectTemplate as AnyTemplate,
};

/** Renders one page record to a complete HTML document. */
export function renderPage(page: PageRecord, site: Site): string {
  const props = { page, site, meta: headMetaFor(page, site), t: strings(page.lang), f: formatterFor(site.config, page.lang) };
  return '<!doctype html>' + renderToString(h(templates[page.kind], props as PageProps<never>));
}
