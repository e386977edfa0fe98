import type { ListPage } from '../src/collections/types.js';
import type { PageProps } from './props.js';
import { Layout } from './partials/layout.js';
import { StoryCard } from './partials/story-card.js';

/** Section, tag, author and archive pages, paginated. */
export function ListTemplate(props: PageProps<ListPage>) {
  const { page, t, f } = props;
  const { pagination: pg } = page;
  // A numbered page says which page it is and the dates it covers: neither changes as the list grows.
  const where = pg.page === undefined ? undefined : `${t.page(f.number(pg.page))} · ${f.dateSpan(page.items)}`;
  const label = page.list === 'tag' ? t.topic : page.list === 'author' ? t.storiesBy : page.list === 'section' ? undefined : t.archive;
  return (
    <Layout {...props} bodyClass={`page-list page-list--${page.list}`}>
      <header class="list-header">
        {label && <p class="kicker">{label}</p>}
        <h1>
          <bdi>{page.title}</bdi>
        </h1>
        {page.description && <p class="dek">{page.description}</p>}
        {where && <p class="list-span">{where}</p>}
        {page.author?.bio && <p class="author-bio">{page.author.bio}</p>}
      </header>
      <div class="story-list">
        {page.items.map((a) => (
          <StoryCard article={a} props={props} showSection={page.list !== 'section'} level={2} />
        ))}
      </div>
      {(pg.newer || pg.older) && (
        <nav class="pagination" aria-label={t.pagination}>
          {pg.newer ? (
            <a href={pg.newer} rel="prev">
              {t.newer}
            </a>
          ) : (
            <span />
          )}
          <span>{where ?? f.dateSpan(page.items)}</span>
          {pg.older ? (
            <a href={pg.older} rel="next">
              {t.older}
            </a>
          ) : (
            <span />
          )}
        </nav>
      )}
    </Layout>
  );
}
