import { existsSync, promises as fs } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';

/** A small seeded PRNG (mulberry32), so every corpus of a size is the same. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WORDS = 'the of and to in a said that for on was with officials residents government city province people forces aid families border camp water prices market council fighting villages week report according told told ministry health rebels army school road winter power bread fuel rent wages workers talks ceasefire refugees return homes hospital convoy trucks night morning local new last years months'.split(' ');
const PLACES = ['AMMAN', 'BEIRUT', 'DAMASCUS', 'ALEPPO', 'IDLIB', 'GAZIANTEP', 'ERBIL', 'MOSUL', 'HOMS', 'DARAA', 'IRBID', 'TRIPOLI'];
const SECTIONS = ['conflict', 'displacement', 'economy', 'culture', 'politics', 'health'];
const NAMES = ['Rania', 'Karim', 'Salma', 'Youssef', 'Lina', 'Omar', 'Nour', 'Hadi', 'Maya', 'Tarek', 'Dima', 'Sami', 'Huda', 'Fadi', 'Reem'];
const FAMILY = ['Haddad', 'Saab', 'Khoury', 'Darwish', 'Nasser', 'Aziz', 'Hamdan', 'Mansour', 'Farah', 'Jaber'];

/** Stories a year in a generated archive: a daily's output, not a few stories a week. */
export const STORIES_PER_YEAR = 2000;
/** Names the corpora's shape in their folder, so a corpus of an earlier shape is not reused. */
const CORPUS_SHAPE = 'daily';

/** Parameters of a corpus. */
export interface CorpusOptions {
  size: number;
  dir: string;
  seed?: number;
}

function sentence(r: () => number, min = 10, max = 24): string {
  const n = min + Math.floor(r() * (max - min));
  const w = Array.from({ length: n }, () => WORDS[Math.floor(r() * WORDS.length)]!);
  w[0] = w[0]![0]!.toUpperCase() + w[0]!.slice(1);
  return w.join(' ') + '.';
}

function zipf(r: () => number, n: number): number {
  // Inverse-CDF of a 1/k distribution: a few tags are everywhere, most are rare.
  return Math.min(n - 1, Math.floor(Math.exp(r() * Math.log(n + 1)) - 1));
}

function body(r: () => number, i: number, corpusSize: number): string {
  const parts: string[] = [];
  let words = 0;
  const target = 550 + Math.floor(r() * 200);
  let block = 0;
  while (words < target) {
    const kind = r();
    let text: string;
    if (block > 0 && kind < 0.08) text = `## ${sentence(r, 3, 6).replace(/\.$/, '')}`;
    else if (kind < 0.25) text = `"${sentence(r)}" said ${NAMES[Math.floor(r() * NAMES.length)]}, a ${WORDS[Math.floor(r() * WORDS.length)]} official. “${sentence(r, 6, 12)}”`;
    else if (kind < 0.3) text = Array.from({ length: 3 }, () => `- ${sentence(r, 4, 9)}`).join('\n');
    else if (kind < 0.34) text = `> ${sentence(r)} ${sentence(r)}`;
    else if (kind < 0.37) text = `| Item | Before | Now |\n|---|--:|--:|\n${Array.from({ length: 4 }, () => `| ${WORDS[Math.floor(r() * WORDS.length)]} | ${Math.floor(r() * 5000)} | ${Math.floor(r() * 9000)} |`).join('\n')}`;
    else if (kind < 0.45) text = `${sentence(r)} See [our earlier report](https://levantledger.example/archive/) and [the ${WORDS[Math.floor(r() * WORDS.length)]} data](https://data.example.org/${i}) -- it's ${Math.floor(r() * 90)}% higher...`;
    else text = `${sentence(r)} ${sentence(r)} ${sentence(r)}`;
    words += text.split(/\s+/).length;
    parts.push(text);
    block++;
  }
  void corpusSize;
  return parts.join('\n\n') + '\n';
}

/** Writes a corpus (site.yaml, authors, articles, a few shared photos) unless it is already there. */
export async function generateCorpus(options: CorpusOptions): Promise<string> {
  const seed = options.seed ?? 42;
  const root = path.join(options.dir, `${options.size}-${seed}-${CORPUS_SHAPE}`);
  if (existsSync(path.join(root, '.complete'))) return root;
  await fs.rm(root, { recursive: true, force: true });
  const r = rng(seed);
  const content = path.join(root, 'content');
  await fs.mkdir(path.join(content, 'authors'), { recursive: true });
  await fs.writeFile(
    path.join(content, 'site.yaml'),
    `name: Bench Ledger\ndescription: Generated corpus\nbaseUrl: https://bench.example\nlanguage: en\nlanguages: [{ code: en, name: English, locale: en-GB }]\ntimezone: Asia/Amman\npageSize: 20\nsections:\n${SECTIONS.map((s) => `  - id: ${s}\n    title: ${s[0]!.toUpperCase()}${s.slice(1)}`).join('\n')}\n`,
  );
  const authors: string[] = [];
  for (let a = 0; a < 30; a++) {
    const name = `${NAMES[a % NAMES.length]} ${FAMILY[(a * 7) % FAMILY.length]}`;
    const id = `${name.toLowerCase().replace(/\s+/g, '-')}-${a}`;
    authors.push(id);
    await fs.writeFile(path.join(content, 'authors', `${id}.yaml`), `name: ${name}\nrole: Correspondent\n`);
  }
  const photos: Buffer[] = [];
  for (let p = 0; p < 4; p++) {
    const noise = await sharp({ create: { width: 1600, height: 1000, channels: 3, noise: { type: 'gaussian', mean: 110 + p * 20, sigma: 30 } } } as never).jpeg({ quality: 80 }).toBuffer();
    photos.push(noise);
  }
  const tags = Array.from({ length: 300 }, (_, t) => `topic-${t}`);
  // Shaped like a daily's archive: STORIES_PER_YEAR stories a year, ending at the bench's clock, so
  // months and years are as full as a newsroom's (4,000 stories are two years, not a decade).
  const end = Date.UTC(2026, 0, 1);
  const span = Math.round((options.size / STORIES_PER_YEAR) * 365.25 * 86_400_000);
  const start = end - span;
  for (let i = 0; i < options.size; i++) {
    const time = start + Math.floor((span * i) / options.size) + Math.floor(r() * 3600_000);
    const d = new Date(time + 3 * 3600_000);
    const iso = d.toISOString().slice(0, 19) + '+03:00';
    const slug = `story-${i}-${WORDS[Math.floor(r() * WORDS.length)]}`;
    const dir = path.join(content, 'articles', iso.slice(0, 4), iso.slice(5, 7), slug);
    await fs.mkdir(dir, { recursive: true });
    const n = 1 + Math.floor(r() * 3);
    const by = Array.from(new Set(Array.from({ length: n }, () => authors[Math.floor(r() * authors.length)]!)));
    const tagList = Array.from(new Set(Array.from({ length: 3 + Math.floor(r() * 3) }, () => tags[zipf(r, tags.length)]!)));
    const lead = r() < 0.1;
    const fm = [
      `title: "${sentence(r, 6, 12).replace(/\.$/, '')}"`,
      `summary: "${sentence(r, 14, 24)}"`,
      `date: ${iso}`,
      `authors: [${by.join(', ')}]`,
      `dateline: ${PLACES[Math.floor(r() * PLACES.length)]}`,
      `section: ${SECTIONS[Math.floor(r() * SECTIONS.length)]}`,
      `tags: [${tagList.join(', ')}]`,
    ];
    if (lead) {
      fm.push('image:', '  src: photo.jpg', '  alt: A generated photo', '  caption: A generated caption.', '  credit: Bench Ledger');
      await fs.writeFile(path.join(dir, 'photo.jpg'), photos[i % photos.length]!);
    }
    await fs.writeFile(path.join(dir, 'index.md'), `---\n${fm.join('\n')}\n---\n\n${body(r, i, options.size)}`);
  }
  await fs.writeFile(path.join(root, '.complete'), '');
  return root;
}
