import { promises as fs } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';

/**
 * A small site and a seeded sequence of the edits a newsroom makes to it (body, front matter,
 * section, tags, date, additions, removals, renamed bundles, photos, authors, site.yaml), for
 * the test that compares every incremental build with a clean one.
 */

/** A deterministic pseudo-random generator (mulberry32) from a seed: the benchmark corpus's. */
export { rng as seeded } from '../bench/generate.js';

const SECTIONS = ['politics', 'economy'];
const TAGS = ['budget', 'markets', 'elections', 'water', 'schools'];
const AUTHORS = ['jane-doe', 'omar-haddad'];
const WORDS = 'the council said on tuesday that new figures show prices rising again across the city while traders and families wait for a decision'.split(' ');

const siteYaml = (name: string) => `name: ${name}
description: News from a small test city.
baseUrl: https://random.example
language: en
languages:
  - { code: en, name: English, locale: en-GB }
timezone: Asia/Amman
pageSize: 2
leadPhotoMinWidth: 200
sections:
  - id: politics
    title: Politics
  - id: economy
    title: Economy
`;

/** One article's front matter fields, as the edits change them. */
interface Story {
  dir: string;
  title: string;
  date: string;
  section: string;
  tags: string[];
  authors: string[];
  paragraphs: string[];
  photo?: { src: string; colour: number };
  /** Old URLs, added as an editor does when a story moves (the build's URL guard asks for them). */
  redirectFrom: string[];
}

/** A small site on disk and the edits applied to it. */
export class RandomSite {
  private readonly stories: Story[] = [];
  private next = 0;
  private siteName = 'The Random Courier';

  constructor(
    readonly root: string,
    private readonly random: () => number,
  ) {}

  private pick<T>(list: readonly T[]): T {
    return list[Math.floor(this.random() * list.length)]!;
  }

  private sentence(): string {
    const n = 6 + Math.floor(this.random() * 8);
    const words = Array.from({ length: n }, () => this.pick(WORDS));
    return words.join(' ').replace(/^./, (c) => c.toUpperCase()) + '.';
  }

  private date(): string {
    const year = 2024 + Math.floor(this.random() * 3);
    const month = 1 + Math.floor(this.random() * (year === 2026 ? 10 : 12));
    const day = 1 + Math.floor(this.random() * 27);
    return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}T${String(8 + Math.floor(this.random() * 10)).padStart(2, '0')}:00:00+03:00`;
  }

  private folder(s: Story, slug: string): string {
    return path.join(this.root, 'content/articles', s.date.slice(0, 4), s.date.slice(5, 7), slug);
  }

  /** The story's URL under the site's permalink pattern (`/:section/:year/:month/:slug/`). */
  private url(s: Story): string {
    return `/${s.section}/${s.date.slice(0, 4)}/${s.date.slice(5, 7)}/${path.basename(s.dir)}/`;
  }

  /** After a move from `before`, keeps the old URL working through `redirectFrom`. */
  private moved(s: Story, before: string): void {
    const now = this.url(s);
    s.redirectFrom = s.redirectFrom.filter((u) => u !== now);
    if (before !== now && !s.redirectFrom.includes(before)) s.redirectFrom.push(before);
  }

  private async write(s: Story): Promise<void> {
    const fm = [
      `title: "${s.title}"`,
      `summary: "${s.title} — what we know."`,
      `date: ${s.date}`,
      `authors: [${s.authors.join(', ')}]`,
      `section: ${s.section}`,
      `tags: [${s.tags.join(', ')}]`,
      ...(s.redirectFrom.length ? [`redirectFrom: [${s.redirectFrom.join(', ')}]`] : []),
      ...(s.photo ? [`image:\n  src: ${s.photo.src}\n  alt: A street in the city centre\n  caption: The city centre on a weekday.`] : []),
    ];
    await fs.mkdir(s.dir, { recursive: true });
    await fs.writeFile(path.join(s.dir, 'index.md'), `---\n${fm.join('\n')}\n---\n\n${s.paragraphs.join('\n\n')}\n`);
  }

  private async writePhoto(s: Story): Promise<void> {
    const c = s.photo!.colour;
    const png = await sharp({ create: { width: 240, height: 160, channels: 3, background: { r: c % 256, g: (c * 7) % 256, b: (c * 13) % 256 } } }).jpeg().toBuffer();
    await fs.writeFile(path.join(s.dir, s.photo!.src), png);
  }

  private async newStory(): Promise<Story> {
    const slug = `story-${++this.next}`;
    const s: Story = {
      dir: '',
      title: `Story ${this.next}: ${this.sentence().slice(0, 40)}`,
      date: this.date(),
      section: this.pick(SECTIONS),
      tags: [this.pick(TAGS)],
      authors: [this.pick(AUTHORS)],
      paragraphs: [this.sentence(), this.sentence()],
      redirectFrom: [],
    };
    s.dir = this.folder(s, slug);
    return s;
  }

  /** Writes the starting site: site.yaml, two authors, a page and a few stories (one with a photo). */
  async create(stories = 5): Promise<void> {
    await fs.mkdir(path.join(this.root, 'content/authors'), { recursive: true });
    await fs.mkdir(path.join(this.root, 'content/pages'), { recursive: true });
    await fs.writeFile(path.join(this.root, 'content/site.yaml'), siteYaml(this.siteName));
    await fs.writeFile(path.join(this.root, 'content/authors/jane-doe.yaml'), 'name: Jane Doe\nrole: Reporter\n');
    await fs.writeFile(path.join(this.root, 'content/authors/omar-haddad.yaml'), 'name: Omar Haddad\nrole: Economics editor\n');
    await fs.writeFile(path.join(this.root, 'content/pages/about.md'), '---\ntitle: About us\n---\n\nWe report on the city.\n');
    for (let i = 0; i < stories; i++) {
      const s = await this.newStory();
      if (i === 0) s.photo = { src: 'street.jpg', colour: 40 };
      this.stories.push(s);
      await this.write(s);
      if (s.photo) await this.writePhoto(s);
    }
  }

  /** The kinds of edit, each returning a line saying what it did. */
  private readonly operations: Record<string, () => Promise<string>> = {
    'edit body': async () => {
      const s = this.pick(this.stories);
      s.paragraphs.push(this.sentence());
      await this.write(s);
      return `edit body of ${path.basename(s.dir)}`;
    },
    'edit title': async () => {
      const s = this.pick(this.stories);
      s.title = `${s.title.split(':')[0]}: ${this.sentence().slice(0, 40)}`;
      await this.write(s);
      return `edit title of ${path.basename(s.dir)}`;
    },
    'change section': async () => {
      const s = this.pick(this.stories);
      const before = this.url(s);
      s.section = s.section === 'politics' ? 'economy' : 'politics';
      this.moved(s, before);
      await this.write(s);
      return `move ${path.basename(s.dir)} to ${s.section}`;
    },
    'change tags': async () => {
      const s = this.pick(this.stories);
      s.tags = [...new Set([this.pick(TAGS), this.pick(TAGS)])];
      await this.write(s);
      return `tag ${path.basename(s.dir)} ${s.tags.join(',')}`;
    },
    'change date': async () => {
      const s = this.pick(this.stories);
      const slug = path.basename(s.dir);
      const before = this.url(s);
      s.date = this.date();
      const dir = this.folder(s, slug);
      if (dir !== s.dir) {
        await fs.mkdir(path.dirname(dir), { recursive: true });
        await fs.rename(s.dir, dir);
        s.dir = dir;
      }
      this.moved(s, before);
      await this.write(s);
      return `re-date ${slug} to ${s.date}`;
    },
    add: async () => {
      const s = await this.newStory();
      this.stories.push(s);
      await this.write(s);
      return `add ${path.basename(s.dir)}`;
    },
    remove: async () => {
      if (this.stories.length <= 2) return this.operations.add!();
      const s = this.pick(this.stories);
      this.stories.splice(this.stories.indexOf(s), 1);
      await fs.rm(s.dir, { recursive: true });
      // Taken down on purpose, as `dateline unpublish` records it: its URLs answer 410.
      const entries = [this.url(s), ...s.redirectFrom].map((u) => `- url: ${u}\n  date: 2026-11-25T09:00:00+02:00\n  title: "${s.title}"\n`);
      await fs.appendFile(path.join(this.root, 'content/unpublished.yaml'), entries.join(''));
      return `remove ${path.basename(s.dir)}`;
    },
    'rename bundle': async () => {
      const s = this.pick(this.stories);
      const from = path.basename(s.dir);
      const before = this.url(s);
      const dir = this.folder(s, `${from.replace(/-r\d+$/, '')}-r${++this.next}`);
      await fs.rename(s.dir, dir);
      s.dir = dir;
      this.moved(s, before);
      await this.write(s);
      return `rename ${from} to ${path.basename(dir)}`;
    },
    'add or replace photo': async () => {
      const s = this.pick(this.stories);
      const had = s.photo !== undefined;
      s.photo = { src: s.photo?.src ?? 'lead.jpg', colour: Math.floor(this.random() * 1000) };
      await this.writePhoto(s);
      if (!had) await this.write(s);
      return `${had ? 'replace' : 'add'} photo of ${path.basename(s.dir)}`;
    },
    'change author': async () => {
      if (this.random() < 0.5) {
        const id = this.pick(AUTHORS);
        await fs.writeFile(path.join(this.root, 'content/authors', `${id}.yaml`), `name: ${this.sentence().split(' ').slice(0, 2).join(' ')}\nrole: Correspondent\n`);
        return `rename author ${id}`;
      }
      const s = this.pick(this.stories);
      s.authors = s.authors.length === 2 ? [this.pick(AUTHORS)] : [...AUTHORS];
      await this.write(s);
      return `byline of ${path.basename(s.dir)}: ${s.authors.join(',')}`;
    },
    'change site.yaml': async () => {
      this.siteName = this.siteName.endsWith('Weekly') ? 'The Random Courier' : 'The Random Courier Weekly';
      await fs.writeFile(path.join(this.root, 'content/site.yaml'), siteYaml(this.siteName));
      return `site name ${this.siteName}`;
    },
  };

  /** The names of every kind of edit. */
  get kinds(): string[] {
    return Object.keys(this.operations);
  }

  /** Applies the edit `kind` (or a random one); returns what it did. */
  async edit(kind?: string): Promise<string> {
    return this.operations[kind ?? this.pick(this.kinds)]!();
  }
}
