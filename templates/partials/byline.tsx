import type { ArticleView } from '../../src/collections/types.js';
import type { Strings } from '../i18n.js';
import { authorLabel } from '../../src/collections/labels.js';

/** “By A and B” with links to author pages, or the free-text byline. */
export function Byline({ article, t }: { article: ArticleView; t: Strings }) {
  if (article.authorList.length === 0) {
    return <span class="byline">{article.byline ?? t.staff}</span>;
  }
  const names = article.authorList;
  return (
    <span class="byline">
      {t.by}{' '}
      {names.map((a, i) => (
        <>
          {i > 0 && (i === names.length - 1 ? ` ${t.and} ` : ', ')}
          <a href={`/authors/${a.id}/`} rel="author">
            <bdi>{authorLabel(a, article.lang)}</bdi>
          </a>
        </>
      ))}
    </span>
  );
}
