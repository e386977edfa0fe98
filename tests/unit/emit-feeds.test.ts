import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import Parser from 'rss-parser';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { outputFormats } from '../../src/emit/index.js';
import type { EmittedFile } from '../../src/emit/types.js';
import type { Site } from '../../src/collections/types.js';
import { fakeArticle, fakePhotoSet, fakeSite } from './helpers/fake-site.js';

const emitted = async (site: Site, name: string): Promise<Map<string, string>> => {
  const format = outputFormats.find((f) => f.name === name)!;
  const files: EmittedFile[] = await format.emit(site);
  return new Map(files.map((f) => [f.path, String(f.contents)]));
};
const parser = new Parser({ customFields: { item: [['media:content', 'media', { keepArray: false }], ['dc:creator', 'creators', { keepArray: true }], ['atom:updated', 'updated']] } });

function photoArticle() {
  const a = fakeArticle({ slug: 'border-reopens', date: '2025-05-06T08:00:00+03:00', modified: '2025-05-06T10:30:00+03:00', sectionInfo: fakeArticle().sectionInfo });
  const lead = fakePhotoSet(path.join(a.bundleDir, 'lead.jpg'), 'aaaaaaaaaaaa');
  const body = fakePhotoSet(path.join(a.bundleDir, 'crowd at gate.jpg'), 'bbbbbbbbbbbb');
  const article = {
    ...a,
    lead,
    image: { path: lead.source, src: 'lead.jpg', alt: 'Trucks at the crossing', caption: 'Trucks queue at the Nasib crossing.', credit: 'Photo: Rami Haddad', line: 9 },
    content: {
      ...a.content,
      html: '<p>See <a href="../other/">the earlier report</a> and <a href="#timeline">the timeline</a>.</p><figure><img data-photo="crowd%20at%20gate.jpg" alt="A crowd at the gate" loading="lazy"></figure><picture><source srcset="/media/x-400.webp 400w, /media/x-800.webp 800w"><img src="/media/x-800.jpg" alt="x"></picture><img data-photo="missing.jpg" alt="gone">',
    },
  };
  return { article, bodyPhoto: body };
}

function sampleSite(): Site {
  const { article: withPhoto, bodyPhoto } = photoArticle();
  const older = fakeArticle({ slug: 'budget-vote', authorList: [], byline: 'Our correspondent', sectionInfo: fakeArticle().sectionInfo });
  const economy = fakeArticle({ slug: 'fuel-prices', date: '2025-05-04T09:00:00+03:00', section: 'economy', sectionInfo: { id: 'economy', title: { en: 'Economy', ar: 'اقتصاد' }, description: {} } });
  const arabic = fakeArticle({ slug: 'budget-vote-ar', lang: 'ar', title: 'البرلمان يقر الموازنة', date: '2025-05-05T10:00:00+03:00' });
  const site = fakeSite([withPhoto, older, economy, arabic]);
  site.photos.set(bodyPhoto.source, bodyPhoto);
  return site;
}

test('RSS, Atom and JSON Feed are written site-wide, per section and per language, and parse', async () => {
  const site = sampleSite();
  const rss = await emitted(site, 'rss');
  const atom = await emitted(site, 'atom');
  const json = await emitted(site, 'json-feed');
  assert.deepEqual([...rss.keys()].sort(), ['ar/feed.xml', 'ar/politics/feed.xml', 'economy/feed.xml', 'feed.xml', 'politics/feed.xml']);
  assert.deepEqual([...atom.keys()].sort(), ['ar/atom.xml', 'ar/politics/atom.xml', 'atom.xml', 'economy/atom.xml', 'politics/atom.xml']);
  assert.deepEqual([...json.keys()].sort(), ['ar/feed.json', 'ar/politics/feed.json', 'economy/feed.json', 'feed.json', 'politics/feed.json']);
  for (const [file, xml] of [...rss, ...atom]) {
    assert.equal(XMLValidator.validate(xml), true, file);
    const feed = await parser.parseString(xml);
    assert.ok(feed.items.length > 0, file);
  }
  const en = await parser.parseString(rss.get('feed.xml')!);
  assert.equal(en.items.length, 3);
  assert.deepEqual(en.items.map((i) => i.link), ['https://news.example/politics/2025/05/border-reopens/', 'https://news.example/politics/2025/05/budget-vote/', 'https://news.example/economy/2025/05/fuel-prices/']);
  const ar = await parser.parseString(rss.get('ar/feed.xml')!);
  assert.deepEqual(ar.items.map((i) => i.link), ['https://news.example/ar/politics/2025/05/budget-vote-ar/']);
  assert.equal((await parser.parseString(rss.get('economy/feed.xml')!)).items.length, 1);
  const feed = JSON.parse(json.get('feed.json')!) as { version: string; feed_url: string; items: { id: string; content_html: string; summary: string; date_modified: string; authors: { name: string; url?: string }[]; tags: string[] }[] };
  assert.equal(feed.version, 'https://jsonfeed.org/version/1.1');
  assert.equal(feed.feed_url, 'https://news.example/feed.json');
  assert.equal(feed.items.length, 3);
  assert.equal(feed.items[0]!.id, en.items[0]!.guid);
  assert.equal(feed.items[0]!.date_modified, '2025-05-06T10:30:00+03:00');
  assert.deepEqual(feed.items[0]!.authors, [{ name: 'Jane Doe', url: 'https://news.example/authors/jane-doe/' }]);
  assert.deepEqual(feed.items[1]!.authors, [{ name: 'Our correspondent' }]);
  assert.deepEqual(feed.items[0]!.tags, ['Politics', 'budget', 'parliament']);
});

test('items carry full HTML with absolute URLs, the summary, a permanent guid, authors, categories and times', async () => {
  const site = sampleSite();
  const rssXml = (await emitted(site, 'rss')).get('feed.xml')!;
  const item = (await parser.parseString(rssXml)).items[0]! as unknown as Record<string, unknown> & { guid: string; categories: string[]; content: string; creators: string[]; updated: string };
  const html = String(item['content:encoded']);
  assert.match(html, /<a href="https:\/\/news\.example\/politics\/2025\/05\/other\/">/);
  assert.match(html, /<a href="https:\/\/news\.example\/politics\/2025\/05\/border-reopens\/#timeline">/);
  assert.match(html, /<img src="https:\/\/news\.example\/media\/bbbbbbbbbbbb-1200\.jpg" width="1200" height="800" alt="A crowd at the gate" loading="lazy">/);
  assert.match(html, /srcset="https:\/\/news\.example\/media\/x-400\.webp 400w, https:\/\/news\.example\/media\/x-800\.webp 800w"/);
  assert.doesNotMatch(html, /data-photo|missing\.jpg/, 'markers without a photo set are dropped');
  assert.doesNotMatch(html, /(href|src|srcset)="(?!https:)/, 'every URL is absolute');
  assert.equal(item.content, 'Deputies approved the 2025 budget after a night session.');
  assert.match(rssXml, /<guid isPermaLink="false">tag:news\.example,2025-05-06:\/politics\/2025\/05\/border-reopens\/<\/guid>/);
  assert.deepEqual(item.creators, ['Jane Doe']);
  assert.deepEqual(item.categories, ['Politics', 'budget', 'parliament']);
  assert.equal(item.updated, '2025-05-06T10:30:00+03:00');
  assert.equal(new Date(String(item.pubDate)).toISOString(), '2025-05-06T05:00:00.000Z', 'pubDate is first publication');
  const atom = await parser.parseString((await emitted(site, 'atom')).get('atom.xml')!);
  const entry = atom.items[0]! as unknown as { id: string; author: string; content: string; pubDate: string };
  assert.equal(entry.id, item.guid);
  assert.match(entry.content, /https:\/\/news\.example\/media\/bbbbbbbbbbbb-1200\.jpg/);
  assert.match(String((await emitted(site, 'atom')).get('atom.xml')), /<updated>2025-05-06T07:30:00\.000Z<\/updated>/);
});

test('the lead photo is Media RSS with url, size, type, credit and caption, under a root xmlns:media', async () => {
  const xml = (await emitted(sampleSite(), 'rss')).get('feed.xml')!;
  const doc = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@', parseAttributeValue: false }).parse(xml) as { rss: Record<string, unknown> & { channel: { item: Record<string, unknown>[] } } };
  assert.equal(doc.rss['@xmlns:media'], 'http://search.yahoo.com/mrss/');
  assert.equal(doc.rss['@xmlns:content'], 'http://purl.org/rss/1.0/modules/content/');
  const media = doc.rss.channel.item[0]!['media:content'] as Record<string, unknown>;
  assert.equal(media['@url'], 'https://news.example/media/aaaaaaaaaaaa-1200.jpg');
  assert.equal(media['@width'], '1200');
  assert.equal(media['@height'], '800');
  assert.equal(media['@type'], 'image/jpeg');
  assert.equal(media['@medium'], 'image');
  assert.equal(media['media:credit'], 'Photo: Rami Haddad');
  assert.equal((media['media:description'] as Record<string, string>)['#text'], 'Trucks queue at the Nasib crossing.');
  assert.equal(doc.rss.channel.item[1]!['media:content'], undefined, 'no lead photo, no media');
});

test('a feed holds the newest 50 stories', async () => {
  const many = Array.from({ length: 60 }, (_, i) => fakeArticle({ slug: `story-${i}`, date: new Date(Date.UTC(2025, 0, 1, i)).toISOString().replace('Z', '+00:00') }));
  const site = fakeSite(many);
  const rss = await parser.parseString((await emitted(site, 'rss')).get('feed.xml')!);
  assert.equal(rss.items.length, 50);
  assert.match(rss.items[0]!.link!, /story-59/);
  assert.match(rss.items[49]!.link!, /story-10/);
  assert.equal(JSON.parse((await emitted(site, 'json-feed')).get('feed.json')!).items.length, 50);
});

test('the guid survives a slug and URL change', async () => {
  const before = fakeArticle({ slug: 'budget-vote' });
  const after = { ...fakeArticle({ slug: 'budget-passes', redirectFrom: [before.url] }), guid: before.guid };
  const guidOf = async (site: Site) => (await parser.parseString((await emitted(site, 'rss')).get('feed.xml')!)).items[0]!.guid;
  assert.notEqual(after.url, before.url);
  assert.equal(await guidOf(fakeSite([after])), await guidOf(fakeSite([before])));
  const jsonId = async (site: Site) => JSON.parse((await emitted(site, 'json-feed')).get('feed.json')!).items[0].id as string;
  assert.equal(await jsonId(fakeSite([after])), before.guid);
});

test('a site without stories still has valid, empty default-language feeds', async () => {
  const site = fakeSite([]);
  const rss = await emitted(site, 'rss');
  assert.deepEqual([...rss.keys()], ['feed.xml']);
  assert.equal(XMLValidator.validate(rss.get('feed.xml')!), true);
  assert.equal((await parser.parseString(rss.get('feed.xml')!)).items.length, 0);
});
