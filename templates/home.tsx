import type { HomePage } from '../src/collections/types.js';
import type { PageProps } from './props.js';
import { local } from './props.js';
import { Layout } from './partials/layout.js';
import { StoryCard } from './partials/story-card.js';

/** The front page: the newest stories, then a block per section. */
export function HomeTemplate(props: PageProps<HomePage>) {
  const { page, site, t } = props;
  const [top, ...rest] = page.latest;
  return (
    <Layout {...props} bodyClass="page-home">
      <h1 class="visually-hidden">{local(site.config.name, page.lang, site)}</h1>
      {top && (
        <section class="front-lead" aria-label={t.latest}>
          <StoryCard article={top} props={props} lead level={2} />
          <div class="story-list">
            {rest.slice(0, 5).map((a) => (
              <StoryCard article={a} props={props} level={2} />
            ))}
          </div>
        </section>
      )}
      {page.blocks.map((b) => (
        <section class="section-block" aria-labelledby={`block-${b.section.id}`}>
          <h2 id={`block-${b.section.id}`} class="section-block__title">
            <a href={b.url}>{local(b.section.title, page.lang, site)}</a>
          </h2>
          <div class="story-grid">
            {b.items.map((a) => (
              <StoryCard article={a} props={props} showSection={false} />
            ))}
          </div>
        </section>
      ))}
    </Layout>
  );
}
