import type { Article, Author, SectionConfig, SiteConfig, StaticPage, Correction } from '../validate/types.js';
import type { ArticleHtml } from '../markdown/types.js';
import type { PhotoSet } from '../images/types.js';

/** A published article with everything the pages about it need. */
export interface ArticleView extends Article {
  content: ArticleHtml;
  /** Resolved authors, in byline order. */
  authorList: Author[];
  sectionInfo: SectionConfig;
  /** The lead photo's set, when the article has one. */
  lead?: PhotoSet;
  /** A generated share card (headline on the publication's colours) when there is no lead photo: `share` and `crops` only. */
  card?: PhotoSet;
  /** The same story in other languages. */
  translations: { lang: string; url: string; title: string }[];
  /** Latest of `date`, `updated` and the corrections' dates (epoch ms). */
  modifiedTime: number;
  /** ISO 8601 of `modifiedTime`, with the offset of the value it came from. */
  modified: string;
  /** A permanent id for feeds (`tag:` URI from the first URL and date); does not change with the slug. */
  guid: string;
}

/**
 * Position of a list page within its series: the front page (the newest items; it grows) or a
 * numbered page holding one full chunk counted from the oldest (it never changes once written).
 * Nothing here depends on the series' length, so a numbered page's record stays the same as the
 * series grows.
 */
export interface Pagination {
  /** K of `/page/K/`: the K-th chunk of pageSize items counted from the oldest; absent on the front page. */
  page?: number;
  /** URL of the front page of the series. */
  first: string;
  /** The page of newer items (`rel=prev`): the next chunk, or the front page from the newest chunk. */
  newer?: string;
  /** The page of older items (`rel=next`). */
  older?: string;
}

/** The kinds of list pages; each series is paginated. */
export type ListKind = 'section' | 'tag' | 'author' | 'year' | 'month' | 'archive';

interface PageBase {
  /** Site-relative URL path ending in `/` (or a file name such as `/404.html`). */
  url: string;
  lang: string;
  /** Pages in other languages that are the same page (for hreflang). */
  alternates: { lang: string; url: string }[];
}

/** An article page. */
export interface ArticlePage extends PageBase {
  kind: 'article';
  article: ArticleView;
  /** More from the same section, newest first, excluding this article. */
  related: ArticleView[];
}

/** The front page of one language. */
export interface HomePage extends PageBase {
  kind: 'home';
  /** Newest stories, newest first. */
  latest: ArticleView[];
  /** A block per section with its newest stories. */
  blocks: { section: SectionConfig; url: string; items: ArticleView[] }[];
}

/** One page of a paginated list of articles. */
export interface ListPage extends PageBase {
  kind: 'list';
  list: ListKind;
  /** Heading of the page, already in the page's language. */
  title: string;
  description?: string;
  items: ArticleView[];
  pagination: Pagination;
  section?: SectionConfig;
  tag?: string;
  author?: Author;
  year?: number;
  month?: number;
}

/** A static page from content/pages/. */
export interface StaticPageView extends PageBase {
  kind: 'page';
  page: StaticPage;
  html: string;
}

/** Every correction on the site, newest first. */
export interface CorrectionsPage extends PageBase {
  kind: 'corrections';
  items: { article: ArticleView; correction: Correction }[];
}

/** The search page (the index is built by the emit stage). */
export interface SearchPage extends PageBase {
  kind: 'search';
}

/** The 404 page. */
export interface NotFoundPage extends PageBase {
  kind: 'not-found';
}

/** An article taken down after its `expires` date, or unpublished on purpose (served as 410 where the host allows). */
export interface GonePage extends PageBase {
  kind: 'gone';
  title: string;
  /** The section readers are sent on to; absent for a URL unpublished without one (then `home`). */
  section?: SectionConfig;
  /** The front page of the page's language, when there is no section. */
  home?: string;
}

/** An HTML redirect page for an old URL (also listed in `_redirects`). */
export interface RedirectPage extends PageBase {
  kind: 'redirect';
  to: string;
}

/** Any page the render stage writes. */
export type PageRecord =
  | ArticlePage
  | HomePage
  | ListPage
  | StaticPageView
  | CorrectionsPage
  | SearchPage
  | NotFoundPage
  | GonePage
  | RedirectPage;

/** The whole publishable site, input to render and emit. */
export interface Site {
  config: SiteConfig;
  /** Published articles, newest first (no drafts unless asked, no embargoed or expired ones). */
  articles: ArticleView[];
  authors: Map<string, Author>;
  /** Every page to write. */
  pages: PageRecord[];
  /** Photo sets by absolute source path. */
  photos: Map<string, PhotoSet>;
  /** The build's notion of now (epoch ms), from `--now` or the clock. */
  now: number;
  /** True when drafts and embargoed articles are shown (preview only). */
  preview: boolean;
  /** The publisher's logo, when site.yaml names one. */
  logo?: PhotoSet;
}
