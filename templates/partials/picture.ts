import path from 'node:path';
import { renderPicture } from '../../src/images/index.js';
import type { PhotoSet } from '../../src/images/types.js';
import type { ArticleView, Site } from '../../src/collections/types.js';

/** `sizes` matching the layout: full width on phones, the article column (~44rem) on wide screens. */
export const ARTICLE_SIZES = '(min-width: 48rem) 44rem, 100vw';
/** `sizes` of story-card thumbnails. */
export const CARD_SIZES = '(min-width: 48rem) 14rem, 40vw';

/** The <picture> HTML of a photo set. */
export function pictureHtml(set: PhotoSet, alt: string, sizes: string, priority: boolean): string {
  return renderPicture(set, { alt, sizes, priority });
}

/** Swaps the markdown stage's photo markers for responsive pictures. */
export function resolveBodyPhotos(article: ArticleView, site: Site): string {
  return article.content.html.replace(/<img data-photo="([^"]*)" alt="([^"]*)"[^>]*>/g, (_m, src: string, alt: string) => {
    const set = site.photos.get(path.join(article.bundleDir, decodeURI(src)));
    const decodedAlt = alt.replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
    return set ? renderPicture(set, { alt: decodedAlt, sizes: ARTICLE_SIZES, priority: false }) : `<span class="missing-photo">${alt}</span>`;
  });
}
