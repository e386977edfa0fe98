import type { CollectionPage, ProfilePage, Thing, WebPage, WebSite, WithContext } from 'schema-dts';
import type { PageRecord, Site } from '../../collections/types.js';
import { absolute } from '../../emit/urls.js';
import { articleJsonLd } from './json-ld-article.js';
import { personOf, publisher, siteName, socialUrl } from './json-ld-site.js';

const CONTEXT = 'https://schema.org' as const;

function searchUrl(site: Site, page: PageRecord): string {
  const search = site.pages.find((p) => p.kind === 'search' && p.lang === page.lang) ?? site.pages.find((p) => p.kind === 'search');
  return absolute(site, `${search?.url ?? '/search/'}?q={search_term_string}`);
}

/** The JSON-LD objects of a page, each written as its own `<script type="application/ld+json">`. */
export function pageJsonLd(page: PageRecord, site: Site): WithContext<Thing>[] {
  const url = absolute(site, page.url);
  switch (page.kind) {
    case 'article':
      return articleJsonLd(page, site);
    case 'home': {
      const website = {
        '@context': CONTEXT,
        '@type': 'WebSite',
        '@id': absolute(site, '/#website'),
        name: siteName(site, page.lang),
        url,
        inLanguage: page.lang,
        publisher: publisher(site, page.lang),
        potentialAction: { '@type': 'SearchAction', target: { '@type': 'EntryPoint', urlTemplate: searchUrl(site, page) }, 'query-input': 'required name=search_term_string' },
      } as WithContext<WebSite>;
      return [website];
    }
    case 'list': {
      if (page.list === 'author' && page.author) {
        const person = personOf(site, page.author);
        if (page.author.bio) person.description = page.author.bio;
        if (page.author.x) person.sameAs = [socialUrl('x', page.author.x)];
        person.worksFor = publisher(site, page.lang);
        const profile: WithContext<ProfilePage> = { '@context': CONTEXT, '@type': 'ProfilePage', url, inLanguage: page.lang, mainEntity: person };
        return [profile];
      }
      const collection: WithContext<CollectionPage> = { '@context': CONTEXT, '@type': 'CollectionPage', name: page.title, url, inLanguage: page.lang, isPartOf: { '@id': absolute(site, '/#website') } };
      if (page.description) collection.description = page.description;
      return [collection];
    }
    case 'page': {
      const web: WithContext<WebPage> = { '@context': CONTEXT, '@type': 'WebPage', name: page.page.title, url, inLanguage: page.lang, publisher: publisher(site, page.lang), isPartOf: { '@id': absolute(site, '/#website') } };
      return [web];
    }
    default:
      return [];
  }
}
