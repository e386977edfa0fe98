import type { ArticleView } from '../../src/collections/types.js';
import type { PageProps } from '../props.js';
import { local } from '../props.js';
import { CARD_SIZES, pictureHtml } from './picture.js';

/** A story in a list: kicker, headline link, dek, date and a thumbnail. */
export function StoryCard({ article, props, lead = false, showSection = true, level = 3 }: { article: ArticleView; props: PageProps; lead?: boolean; showSection?: boolean; level?: 2 | 3 }) {
  const Heading = level === 2 ? 'h2' : 'h3';
  const { site } = props;
  const f = props.f;
  const other = article.lang !== props.page.lang;
  // In the preview, a story that is not out yet says so wherever it is listed, not only on its own page.
  const held = site.preview && (article.draft || article.time > site.now);
  return (
    <article class={lead ? 'story-card story-card--lead' : 'story-card'} lang={other ? article.lang : undefined} dir={other ? article.dir : undefined}>
      {article.lead && (
        <div
          class="story-card__photo"
          dangerouslySetInnerHTML={{ __html: pictureHtml(article.lead, article.image?.alt ?? '', lead ? '(min-width: 48rem) 40rem, 100vw' : CARD_SIZES, false) }}
        />
      )}
      <div class="story-card__text">
        {held && <p class="held-label">{article.draft ? props.t.draftLabel : props.t.embargoLabel(f.dateTime(article.date))}</p>}
        {showSection && <p class="kicker">{local(article.sectionInfo.title, article.lang, site)}</p>}
        <Heading class="story-card__headline">
          <a href={article.url}>{article.title}</a>
        </Heading>
        <p class="dek">{article.summary}</p>
        <p class="meta">
          <time datetime={article.date}>{f.date(article.date)}</time>
        </p>
      </div>
    </article>
  );
}
