import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { article, makeSite, removeSite, runCli } from '../helpers/project.js';
import { problemLines } from '../helpers/problems.js';

const TOTAL = 320;

interface Story {
  file: string;
  /** Where the page of a good story is written. */
  page: string;
  /** For a broken story: the rule its first error has. */
  rule?: string;
  text: string;
}

/** One way a story from an old archive is broken: the file's text and the rule that reports it. */
const breakages: { rule: string; make: (slug: string, month: string) => { folder?: string; text: string } }[] = [
  { rule: 'front-matter:invalid-date', make: () => ({ text: article({ date: 'the day after the vote' }) }) },
  { rule: 'front-matter:missing-field', make: () => ({ text: article({ summary: null }) }) },
  { rule: 'front-matter:unknown-section', make: () => ({ text: article({ section: 'sport' }) }) },
  { rule: 'front-matter:unknown-author', make: () => ({ text: article({ authors: '[a-ghost]' }) }) },
  { rule: 'photo:not-found', make: () => ({ text: article({ image: '\n  src: scan.jpg\n  alt: A scanned page' }) }) },
  { rule: 'link:broken', make: (_s, month) => ({ text: article({}, `See [the budget](/politics/2025/${month}/no-such-story/).\n`) }) },
  { rule: 'front-matter:yaml-syntax', make: () => ({ text: '---\ntitle: "Unclosed quote\nsummary: x\n---\n\nBody.\n' }) },
  { rule: 'bundle:bad-slug', make: (slug) => ({ folder: `${slug.replace('story-', 'Story.')}`, text: article() }) },
  { rule: 'front-matter:expires-before-date', make: () => ({ text: article({ expires: '2020-01-01T00:00:00+03:00' }) }) },
  { rule: 'front-matter:invalid-path', make: () => ({ text: article({ url: 'relative/old-address/' }) }) },
  { rule: 'front-matter:invalid-value', make: () => ({ text: '---\nA note the old CMS left instead of fields\n---\n\nBody.\n' }) },
];

/** A generated archive: TOTAL stories over twelve months, every tenth broken in one of the ways above. */
function archive(): { files: Record<string, string>; stories: Story[] } {
  const files: Record<string, string> = {};
  const stories: Story[] = [];
  for (let i = 0; i < TOTAL; i++) {
    const month = String((i % 12) + 1).padStart(2, '0');
    const slug = `story-${i}`;
    const date = `2025-${month}-${String((i % 27) + 1).padStart(2, '0')}T09:00:00+03:00`;
    if (i % 10 === 3) {
      const b = breakages[Math.floor(i / 10) % breakages.length]!;
      const made = b.make(slug, month);
      const file = `content/articles/2025/${month}/${made.folder ?? slug}/index.md`;
      const text = made.text.replace('2025-05-05T09:00:00+03:00', date);
      files[file] = text;
      stories.push({ file, page: '', rule: b.rule, text });
      continue;
    }
    // Good stories link to the one before them, so lists, links and anchors are exercised too.
    const body = i > 0 && i % 10 !== 4 ? `Officials said more.\n\n## Reaction\n\nSee [the earlier story](../../${String(((i - 1) % 12) + 1).padStart(2, '0')}/story-${i - 1}/).\n` : 'Officials said more.\n';
    const file = `content/articles/2025/${month}/${slug}/index.md`;
    const text = article({ title: `Story number ${i}`, date }, body);
    files[file] = text;
    stories.push({ file, page: `politics/2025/${month}/${slug}/index.html`, text });
  }
  return { files, stories };
}

test(`build --keep-going on a generated archive of ${TOTAL} stories, one in ten broken: every good story is published, every broken one is named with a position`, async () => {
  const { files, stories } = archive();
  const root = await makeSite(files);
  try {
    const r = await runCli(['build', '--keep-going', '--now', '2026-01-01T00:00:00+03:00'], { cwd: root });
    assert.equal(r.code, 1, r.stderr.slice(-2000));
    assert.doesNotMatch(r.stderr, /Internal error|internal:article-failed/);
    const problems = problemLines(r.stderr);
    const broken = stories.filter((s) => s.rule);
    const good = stories.filter((s) => !s.rule);
    assert.equal(broken.length, TOTAL / 10);
    assert.equal(new Set(broken.map((s) => s.rule)).size, breakages.length, 'every kind of breakage is in the archive');
    for (const s of broken) {
      const mine = problems.filter((p) => p.startsWith(`${s.file} `) && p.includes(' error '));
      assert.ok(mine.length > 0, `${s.file} is not named:\n${problems.join('\n')}`);
      assert.ok(mine.every((p) => /^\S+ \d+:\d+ error /.test(p)), `${s.file} has an error without a position: ${mine.join('; ')}`);
      assert.ok(mine.some((p) => p.endsWith(` ${s.rule}`)), `${s.file}: expected ${s.rule}, got ${mine.join('; ')}`);
    }
    // No good story has an error, and every one has its page.
    assert.deepEqual(problems.filter((p) => p.includes(' error ') && !broken.some((s) => p.startsWith(`${s.file} `))), []);
    const missing = good.filter((s) => !existsSync(path.join(root, '_site', s.page)));
    assert.deepEqual(missing.map((s) => s.file), []);
    assert.match(r.stderr, new RegExp(`^Held back ${broken.length} stories with errors \\(`, 'm'));
    for (const b of breakages) assert.match(r.stderr, new RegExp(`\\b\\d+ ${b.rule}\\b`), `the summary names ${b.rule}`);
  } finally {
    await removeSite(root);
  }
});
