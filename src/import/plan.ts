import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from '../vendor/yaml.js';
import { slugFromHeadline, type SlugStyle } from '../util/slug.js';
import { normalizeUrlPath } from '../util/permalink.js';
import { siteIso } from './dates.js';
import type { SiteConfig } from '../validate/types.js';
import type { SourceAuthor, SourceResult, SourceStory } from './types.js';

/** Maps source categories to section ids and source authors to author ids, collecting new ones. */
export class Mapper {
  /** Sections this import adds to site.yaml. */
  readonly newSections: { id: string; title: string }[] = [];
  /** Authors this import needs, by id. */
  readonly authors = new Map<string, SourceAuthor>();

  constructor(
    private readonly site: SiteConfig,
    private readonly source: SourceResult,
    private readonly sectionMap: Record<string, string>,
    private readonly authorMap: Record<string, string>,
  ) {}

  private ensureSection(id: string, title: string): string {
    if (!this.site.sections.some((s) => s.id === id) && !this.newSections.some((s) => s.id === id)) this.newSections.push({ id, title });
    return id;
  }

  /** The section of a story: the first category (mapped through --section-map), else `*` of the map, else `news`. */
  section(story: SourceStory): string {
    for (const c of story.categories) {
      const title = this.source.categories.get(c) ?? c;
      const mapped = this.sectionMap[c] ?? this.sectionMap[title];
      if (mapped) return this.ensureSection(mapped, title);
    }
    const first = story.categories[0];
    if (first !== undefined) {
      const title = this.source.categories.get(first) ?? first;
      const id = slugFromHeadline(first) || slugFromHeadline(title);
      if (id) return this.ensureSection(id, title);
    }
    return this.ensureSection(this.sectionMap['*'] ?? 'news', 'News');
  }

  /** Author ids of a story (mapped through --author-map); new ones are remembered for their files. */
  authorIds(story: SourceStory): string[] {
    return story.authors.map((key) => {
      const known = this.source.authors.find((a) => a.key === key);
      const mapped = this.authorMap[key] ?? (known ? this.authorMap[known.name] : undefined);
      const id = mapped ?? (slugFromHeadline(key) || slugFromHeadline(known?.name ?? '') || 'staff');
      if (!mapped && !this.authors.has(id)) this.authors.set(id, known ?? { key, name: key });
      return id;
    });
  }
}

/** An old URL as a site path (`/2019/04/slug/`), or undefined when it cannot be redirected (a query string, another site). */
export function oldPath(url: string, origin: string | undefined): string | undefined {
  let u: URL;
  try {
    u = new URL(url, origin ?? 'https://old.invalid');
  } catch {
    return undefined;
  }
  if (u.search || (origin && /^https?:/i.test(url) && u.origin !== new URL(origin).origin)) return undefined;
  if (u.pathname === '/' || !u.pathname) return undefined;
  return normalizeUrlPath(u.pathname);
}

/** Where a story goes: its bundle folder, slug and local date. */
export interface Placement {
  slug: string;
  date: string;
  bundleDir: string;
  /** True when an earlier run imported this story already. */
  existing: boolean;
}

/** Title of an existing index.md, to tell an earlier import of the same story from another story. */
function existingTitle(file: string): string | undefined {
  try {
    const m = /^---\r?\n([\s\S]*?)\r?\n---/.exec(readFileSync(file, 'utf8'));
    return m ? String((parse(m[1]!) as { title?: unknown })?.title ?? '') : undefined;
  } catch {
    return undefined;
  }
}

/** Chooses bundle folders: `content/articles/YYYY/MM/<slug>/`, a `-2` suffix when the slug is taken by another story. */
export class Placer {
  private readonly taken = new Set<string>();

  constructor(
    private readonly root: string,
    private readonly timezone: string,
    private readonly style: SlugStyle = 'latin',
  ) {}

  /** The slug a story asks for (in the site's slug style): its own, else one from its title. */
  slugOf(story: SourceStory): string {
    return slugFromHeadline(story.slug ?? '', this.style) || slugFromHeadline(story.title ?? '', this.style) || 'story';
  }

  /** Places a static page: `content/pages/<slug>.md`, a `-2` suffix when another page has the slug. */
  page(story: SourceStory, title: string): { slug: string; file: string; existing: boolean } {
    const base = this.slugOf(story);
    for (let i = 1; ; i++) {
      const slug = i === 1 ? base : `${base}-${i}`;
      const file = path.join(this.root, 'content', 'pages', `${slug}.md`);
      if (this.taken.has(file)) continue;
      if (existsSync(file) && existingTitle(file) !== title) continue;
      this.taken.add(file);
      return { slug, file, existing: existsSync(file) };
    }
  }

  /** Places a dated article. */
  article(story: SourceStory, title: string): Placement {
    const date = siteIso(story.time!, this.timezone);
    const base = this.slugOf(story);
    for (let i = 1; ; i++) {
      const slug = i === 1 ? base : `${base}-${i}`;
      const bundleDir = path.join(this.root, 'content', 'articles', date.slice(0, 4), date.slice(5, 7), slug);
      if (this.taken.has(bundleDir)) continue;
      const index = path.join(bundleDir, 'index.md');
      if (existsSync(index)) {
        if (existingTitle(index) !== title) continue;
        this.taken.add(bundleDir);
        return { slug, date, bundleDir, existing: true };
      }
      this.taken.add(bundleDir);
      return { slug, date, bundleDir, existing: false };
    }
  }
}
