import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import Parser from 'rss-parser';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { fromHtml } from 'hast-util-from-html';
import { toString as hastText } from 'hast-util-to-string';
import { outputFormats } from '../../src/emit/index.js';
import type { Site } from '../../src/collections/types.js';
import { fakeArticle, fakeAuthor, fakeConfig, fakePhotoSet, fakeSite } from './helpers/fake-site.js';

const HOSTILE = 'Inject <script>alert(1)</script> & <img src=x onerror=alert(2)> "here" ]]> \'now\'';
const TITLE = `${HOSTILE} title`;
const SUMMARY = `${HOSTILE} summary`;
const AUTHOR = `${HOSTILE} author`;
const BYLINE = `${HOSTILE} byline`;
const CAPTION = `${HOSTILE} caption`;
const CREDIT = `${HOSTILE} credit`;
const TAG = `${HOSTILE} tag`;

const emitted = async (site: Site, name: string, file: string): Promise<string> => {
  const files = await outputFormats.find((f) => f.name === name)!.emit(site);
  return String(files.find((f) => f.path === file)!.contents);
};

function hostileSite(): Site {
  const base = fakeArticle({ slug: 'hostile', title: `${TITLE}\u0001`, summary: SUMMARY, tags: ['danger'] });
  const lead = fakePhotoSet(path.join(base.bundleDir, 'lead.jpg'));
  const article = {
    ...base,
    authorList: [{ ...fakeAuthor('evil', 'x'), name: AUTHOR }],
    lead,
    image: { path: lead.source, src: 'lead.jpg', alt: 'alt', caption: CAPTION, credit: CREDIT, line: 9 },
    content: { ...base.content, html: '<p>Body &lt;b&gt; text</p>' },
  };
  const bylined = fakeArticle({ slug: 'bylined', date: '2025-05-04T09:00:00+03:00', authorList: [], byline: BYLINE });
  return fakeSite([article, bylined], { config: fakeConfig({ tags: { danger: { en: TAG } } }) });
}

/** The text a reader shows for an HTML fragment. */
const htmlText = (html: string) => hastText(fromHtml(html, { fragment: true }));
const xml = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@', parseTagValue: false, processEntities: true, htmlEntities: false });

test('Atom: titles, summaries, authors and categories are type="text", and a feed parser reads back the exact text', async () => {
  const atom = await emitted(hostileSite(), 'atom', 'atom.xml');
  assert.equal(XMLValidator.validate(atom), true);
  assert.doesNotMatch(atom, /<script|<img|CDATA|type="html"><!\[/, 'no markup from text fields reaches the file unescaped');
  const doc = xml.parse(atom) as { feed: { entry: Record<string, unknown>[] } };
  const entry = doc.feed.entry[0]!;
  const title = entry.title as Record<string, string>;
  assert.equal(title['@type'], 'text');
  assert.equal(title['#text'], TITLE, 'the control character is dropped, the rest kept');
  assert.equal((entry.summary as Record<string, string>)['@type'], 'text');
  assert.equal((entry.summary as Record<string, string>)['#text'], SUMMARY);
  assert.equal((entry.author as { name: string }).name, AUTHOR);
  assert.deepEqual((entry.category as Record<string, string>[]).map((c) => c['@label']), ['Politics', TAG]);
  assert.equal((entry.content as Record<string, string>)['@type'], 'html');
  assert.equal(htmlText((entry.content as Record<string, string>)['#text']!), 'Body <b> text');
  const parsed = await new Parser().parseString(atom);
  assert.equal(parsed.items[0]!.title, TITLE);
  assert.equal((parsed.items[1] as unknown as { author: string }).author, BYLINE);
});

test('RSS: the title is plain text; description is HTML that shows the summary as text; names, tags and captions are escaped', async () => {
  const rss = await emitted(hostileSite(), 'rss', 'feed.xml');
  assert.equal(XMLValidator.validate(rss), true);
  assert.doesNotMatch(rss, /<script|<img|CDATA/);
  const parser = new Parser({ customFields: { item: [['dc:creator', 'creators', { keepArray: true }], ['media:content', 'media', { keepArray: false }]] } });
  const feed = await parser.parseString(rss);
  const item = feed.items[0]! as unknown as { title: string; content: string; creators: string[]; categories: string[]; media: { 'media:credit': string[]; 'media:description': { _: string }[] } };
  assert.equal(item.title, TITLE);
  assert.equal(htmlText(item.content), SUMMARY, 'a reader rendering description as HTML shows the summary, not markup');
  assert.doesNotMatch(item.content, /<script|<img/);
  assert.deepEqual(item.creators, [AUTHOR]);
  assert.deepEqual(item.categories, ['Politics', TAG]);
  assert.equal(item.media['media:credit'][0], CREDIT);
  assert.equal(item.media['media:description'][0]!._, CAPTION);
  assert.deepEqual((feed.items[1] as unknown as { creators: string[] }).creators, [BYLINE]);
});

test('JSON Feed: text fields stay plain strings and only content_html is HTML', async () => {
  const doc = JSON.parse(await emitted(hostileSite(), 'json-feed', 'feed.json')) as { items: { title: string; summary: string; content_html: string; authors: { name: string }[]; tags: string[] }[] };
  const [item, bylined] = doc.items;
  assert.equal(item!.title, `${TITLE}\u0001`, 'JSON can carry a control character (escaped)');
  assert.equal(item!.summary, SUMMARY);
  assert.deepEqual(item!.authors.map((a) => a.name), [AUTHOR]);
  assert.deepEqual(item!.tags, ['Politics', TAG]);
  assert.equal(htmlText(item!.content_html), 'Body <b> text');
  assert.deepEqual(bylined!.authors, [{ name: BYLINE }]);
});
