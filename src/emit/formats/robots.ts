import type { OutputFormat } from '../types.js';
import { absolute } from '../urls.js';

/** `robots.txt`: everything may be crawled but the search index; names both sitemaps. */
export const robotsFormat: OutputFormat = {
  name: 'robots',
  emit: (site) => [
    {
      path: 'robots.txt',
      contents: ['User-agent: *', 'Allow: /', 'Disallow: /pagefind/', '', `Sitemap: ${absolute(site, '/sitemap.xml')}`, `Sitemap: ${absolute(site, '/news-sitemap.xml')}`, ''].join('\n'),
    },
  ],
};
