import { test } from 'node:test';
import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import Parser from 'rss-parser';
import { article, makeSite, removeSite, runCli, testSiteYaml } from '../helpers/project.js';

const NOW = ['--now', '2025-06-01T00:00:00Z'];
const SITE = `${testSiteYaml}tags:
  syria: { en: Syria, ar: سوريا }
  hayat-tahrir-al-sham: { en: Hayat Tahrir al-Sham, ar: هيئة تحرير الشام }
`;
const AR = 'content/articles/2025/05/budget-vote-ar/index.md';
const EN = 'content/articles/2025/05/budget-vote/index.md';

function files(arTags = '[syria, hayat-tahrir-al-sham]') {
  return {
    'content/site.yaml': SITE,
    'content/authors/jane-doe.yaml': 'name: { en: Rania Haddad, ar: رانيا حداد }\nrole: Reporter\n',
    [EN]: article({ tags: '[syria, hayat-tahrir-al-sham]' }),
    [AR]: article({ title: 'البرلمان يقر الموازنة', summary: 'تصويت بفارق ضئيل.', lang: 'ar', translationOf: 'budget-vote', tags: arTags }, 'قال المسؤولون إن التصويت سيجري.\n'),
  };
}

const jsonLd = (html: string): Record<string, unknown>[] =>
  [...html.matchAll(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/g)].flatMap((m) => {
    const data = JSON.parse(m[1]!) as Record<string, unknown>;
    return Array.isArray(data['@graph']) ? (data['@graph'] as Record<string, unknown>[]) : [data];
  });

test('Arabic pages, feeds and JSON-LD name tags and authors in Arabic; English ones in English', async () => {
  const root = await makeSite(files());
  try {
    const r = await runCli(['build', ...NOW], { cwd: root });
    assert.equal(r.code, 0, r.stderr);
    const read = (rel: string) => fs.readFile(path.join(root, '_site', rel), 'utf8');
    const ar = await read('ar/politics/2025/05/budget-vote-ar/index.html');
    assert.match(ar, /<bdi>رانيا حداد<\/bdi>/);
    assert.match(ar, /<a href="\/ar\/tags\/syria\/">سوريا<\/a>/);
    assert.match(ar, /<a href="\/ar\/tags\/hayat-tahrir-al-sham\/">هيئة تحرير الشام<\/a>/);
    assert.doesNotMatch(ar, />Rania Haddad<|>Syria<|>hayat tahrir al sham</);
    assert.match(ar, /<meta property="article:tag" content="سوريا"/);
    const news = jsonLd(ar).find((d) => String(d['@type']).includes('Article'))!;
    assert.deepEqual(news.keywords, ['سوريا', 'هيئة تحرير الشام']);
    assert.deepEqual((news.author as { name: string }[]).map((p) => p.name), ['رانيا حداد']);
    assert.match(await read('ar/tags/syria/index.html'), /<h1><bdi>سوريا<\/bdi><\/h1>/);

    const en = await read('politics/2025/05/budget-vote/index.html');
    assert.match(en, /<bdi>Rania Haddad<\/bdi>/);
    assert.match(en, /<a href="\/tags\/hayat-tahrir-al-sham\/">Hayat Tahrir al-Sham<\/a>/);
    assert.deepEqual(jsonLd(en).find((d) => String(d['@type']).includes('Article'))!.keywords, ['Syria', 'Hayat Tahrir al-Sham']);

    const parser = new Parser({ customFields: { item: [['dc:creator', 'creators', { keepArray: true }]] } });
    const arFeed = (await parser.parseString(await read('ar/feed.xml'))).items[0] as unknown as { creators: string[]; categories: string[] };
    assert.deepEqual(arFeed.creators, ['رانيا حداد']);
    assert.deepEqual(arFeed.categories, ['سياسة', 'سوريا', 'هيئة تحرير الشام']);
    const atom = (await parser.parseString(await read('ar/atom.xml'))).items[0] as unknown as { author: string };
    assert.equal(atom.author, 'رانيا حداد');
    const json = JSON.parse(await read('ar/feed.json')) as { items: { authors: { name: string }[]; tags: string[] }[] };
    assert.deepEqual(json.items[0]!.authors.map((a) => a.name), ['رانيا حداد']);
    assert.deepEqual(json.items[0]!.tags, ['سياسة', 'سوريا', 'هيئة تحرير الشام']);
    assert.deepEqual(((await parser.parseString(await read('feed.xml'))).items[0] as unknown as { creators: string[] }).creators, ['Rania Haddad']);

    const check = await runCli(['check', ...NOW], { cwd: root });
    assert.equal(check.code, 0, check.stderr);
    assert.doesNotMatch(check.stderr, /label:untranslated/);
  } finally {
    await removeSite(root);
  }
});

test('check warns when an Arabic page would show a tag or author name with no Arabic name', async () => {
  const root = await makeSite({ ...files('[syria, idlib]'), 'content/authors/jane-doe.yaml': 'name: Rania Haddad\n' });
  try {
    const r = await runCli(['check', ...NOW], { cwd: root });
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, new RegExp(`^${AR.replace(/\//g, '\\/')}$`, 'm'));
    assert.match(r.stderr, /1:1\s+warning\s+This العربية page would show tag “idlib”, author “Rania Haddad” untranslated\.\s+label:untranslated/);
    assert.match(r.stderr, /in site\.yaml, `tags: \{idlib: \{en: idlib, ar: …\}\}`; in content\/authors\/jane-doe\.yaml, `name: \{en: Rania Haddad, ar: …\}`/);
    assert.equal((r.stderr.match(/label:untranslated/g) ?? []).length, 1, 'English pages are not reported');
    const strict = await runCli(['check', '--strict', ...NOW], { cwd: root });
    assert.equal(strict.code, 1);
  } finally {
    await removeSite(root);
  }
});
