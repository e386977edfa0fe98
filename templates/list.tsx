import type { ListPage } from '../src/collections/types.js';
import type { PageProps } from './props.js';
import { Layout } from './partials/layout.js';
import { StoryCard } from './partials/story-card.js';

/** Section, tag, author and archive pages, paginated. */
export function ListTemplate(props: PageProps<ListPage>) {
  const { page, t, f } = props;
  const { pagination: pg } = page;
  const label = page.list === 'tag' ? t.topic : page.list === 'author' ? t.storiesBy : page.list === 'section' ? undefined : t.archive;
  return (
    <Layout {...props} bodyClass={`page-list page-list--${page.list}`}>
      <header class="list-header">
        {label && <p class="kicker">{label}</p>}
        <h1>
          <bdi>{page.title}</bdi>
        </h1>
        {page.description && <p class="dek">{page.description}</p>}
        {page.author?.bio && <p class="author-bio">{page.author.bio}</p>}
      </header>
      <div class="story-list">
        {page.items.map((a) => (
          <StoryCard article={a} props={props} showSection={page.list !== 'section'} level={2} />
        ))}
      </div>
      {pg.pages > 1 && (
        <nav class="pagination" aria-label={t.pagination}>
          {pg.prev ? (
            <a href={pg.prev} rel="prev">
              {t.newer}
            </a>
          ) : (
            <span />
          )}
          <span>{t.page(f.number(pg.page), f.number(pg.pages))}</span>
          {pg.next ? (
            <a href={pg.next} rel="next">
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
