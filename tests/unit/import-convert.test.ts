import { test } from 'node:test';
import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { readWordpress } from '../../src/import/wordpress.js';
import { wordpressBodyToHtml } from '../../src/import/wordpress-body.js';
import { htmlToMarkdown, splitCredit } from '../../src/import/html-to-markdown.js';
import { parseSourceDate, siteIso } from '../../src/import/dates.js';
import { splitFrontMatter } from '../../src/import/front-matter.js';
import type { ImportNote } from '../../src/import/types.js';

const keep = async (src: string) => src;

test('WXR quirks: values with and without CDATA, empty elements, post formats, escaped markup in titles, internal post types', async () => {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'dateline-wxr-'));
  const file = path.join(dir, 'export.xml');
  await fs.writeFile(
    file,
    `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:excerpt="https://wordpress.org/export/1.2/excerpt/" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="https://wordpress.org/export/1.2/">
<channel>
<link>https://blog.example</link>
<wp:base_blog_url>https://blog.example</wp:base_blog_url>
<wp:author><wp:author_login>editor</wp:author_login><wp:author_email>editor@blog.example</wp:author_email><wp:author_display_name><![CDATA[The Editor]]></wp:author_display_name></wp:author>
<wp:category><wp:term_id>5</wp:term_id><wp:category_nicename>town</wp:category_nicename><wp:category_parent/><wp:cat_name><![CDATA[Town]]></wp:cat_name></wp:category>
<item>
<title>Markup: Title &lt;em&gt;With&lt;/em&gt; Markup &amp; More</title>
<link>https://blog.example/2015/01/01/markup/</link>
<dc:creator>editor</dc:creator>
<content:encoded><![CDATA[[gallery]

[embed]https://vimeo.com/22439234[/embed]

[audio src="https://blog.example/a.mp3"]]]></content:encoded>
<wp:post_id>7</wp:post_id>
<wp:post_date>2015-01-01 12:00:00</wp:post_date>
<wp:post_date_gmt>0000-00-00 00:00:00</wp:post_date_gmt>
<wp:post_name>markup-title-%e2%80%a6</wp:post_name>
<wp:status>publish</wp:status>
<wp:post_type>post</wp:post_type>
<category domain="post_format" nicename="post-format-gallery"><![CDATA[Gallery]]></category>
<category domain="category" nicename="town"><![CDATA[Town]]></category>
</item>
<item><title>One</title><wp:post_id>8</wp:post_id><wp:post_type>attachment</wp:post_type><wp:post_parent>7</wp:post_parent><wp:menu_order>2</wp:menu_order><wp:attachment_url>https://blog.example/one.jpg</wp:attachment_url></item>
<item><title>Two</title><wp:post_id>9</wp:post_id><wp:post_type>attachment</wp:post_type><wp:post_parent>7</wp:post_parent><wp:menu_order>1</wp:menu_order><wp:attachment_url>https://blog.example/two.jpg</wp:attachment_url></item>
<item><title>Menu</title><wp:post_id>10</wp:post_id><wp:post_type>wp_navigation</wp:post_type><content:encoded><![CDATA[<!-- wp:navigation-link /-->]]></content:encoded></item>
</channel>
</rss>`,
  );
  try {
    const found = await readWordpress(file, { timezone: 'Asia/Amman' });
    assert.equal(found.origin, 'https://blog.example');
    assert.deepEqual(found.authors, [{ key: 'editor', name: 'The Editor', email: 'editor@blog.example' }]);
    assert.equal(found.stories.length, 1, 'attachments and navigation are not stories');
    const [post] = found.stories;
    assert.equal(post!.title, 'Markup: Title With Markup & More');
    assert.equal(post!.slug, 'markup-title-…');
    assert.deepEqual(post!.categories, ['town'], 'a post format is not a category');
    assert.equal(siteIso(post!.time!, 'Asia/Amman'), '2015-01-01T12:00:00+02:00', 'no GMT date: the local date is read in the site zone');
    const notes: ImportNote[] = [];
    const md = await htmlToMarkdown(post!.body.text, { resolveImage: keep, notes });
    // A [gallery] without ids shows the post's attachments in their menu order.
    assert.match(md, /^:::figure\n!\[\]\(https:\/\/blog\.example\/two\.jpg\)\n:::\n\n:::figure\n!\[\]\(https:\/\/blog\.example\/one\.jpg\)\n:::$/m);
    assert.match(md, /^::embed\{url="https:\/\/vimeo\.com\/22439234"\}$/m);
    assert.match(md, /^<https:\/\/blog\.example\/a\.mp3>$/m);
    assert.deepEqual(notes, [{ reason: 'external embed https://blog.example/a.mp3 is not one dateline embeds; it became a link', ruleId: 'import:embed-as-link' }]);
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
});

test('WordPress shortcodes: common ones are named even without attributes; bracketed text is not a shortcode', () => {
  const notes: ImportNote[] = [];
  wordpressBodyToHtml('A quote [sic] and [editor note here].\n\n[wpvideo tFnqC2j2]\n\n[contact-form-7 id="5"]\n\n[note]Wrapped[/note]', { gallery: () => [], notes });
  assert.deepEqual(notes.map((n) => n.reason), ['shortcode [wpvideo] was left as text', 'shortcode [contact-form-7] was left as text', 'shortcode [note] was left as text']);
});

test('HTML → Markdown: iframes, tweets, nested galleries, linked photos and scripts', async () => {
  const notes: ImportNote[] = [];
  const md = await htmlToMarkdown(
    '<p>Intro <a href="https://example.org/x">link</a>.</p>' +
      '<iframe src="https://www.youtube.com/embed/M7lc1UVf-VE" width="560"></iframe>' +
      '<blockquote class="twitter-tweet"><p>Text</p>&mdash; Someone <a href="https://twitter.com/someone/status/123456">May 1</a></blockquote><script async src="https://platform.twitter.com/widgets.js"></script>' +
      '<p><a href="https://old.example/wp-content/uploads/big.jpg"><img src="https://old.example/wp-content/uploads/big-300x200.jpg" alt="A crowd"></a></p>' +
      '<iframe src="https://www.example.com/widget"></iframe>',
    { resolveImage: async (src) => (src.includes('big') ? 'big.jpg' : src), notes },
  );
  assert.equal(
    md,
    'Intro [link](https://example.org/x).\n\n::embed{url="https://www.youtube.com/watch?v=M7lc1UVf-VE"}\n\n::embed{url="https://twitter.com/someone/status/123456"}\n\n![A crowd](big.jpg)\n\n<https://www.example.com/widget>\n',
  );
  assert.deepEqual(notes.map((n) => n.ruleId), ['import:embed-as-link']);
});

test('captions: a trailing photo credit is split off', () => {
  assert.deepEqual(splitCredit('Rebels on Monday. Photo: Jane Doe'), { caption: 'Rebels on Monday.', credit: 'Photo: Jane Doe' });
  assert.deepEqual(splitCredit('Rebels on Monday (Photo by Jane Doe)'), { caption: 'Rebels on Monday', credit: 'Photo by Jane Doe' });
  assert.deepEqual(splitCredit('Photo courtesy of the agency'), { credit: 'Photo courtesy of the agency' });
  assert.deepEqual(splitCredit('A photograph of the harbour at dawn'), { caption: 'A photograph of the harbour at dawn' });
  assert.deepEqual(splitCredit('Courtesy of the family'), { credit: 'Courtesy of the family' });
});

test('dates: offsets kept, wall-clock times read in the site zone across a daylight-saving change, zero dates refused', () => {
  assert.equal(siteIso(parseSourceDate('2024-03-31 02:30:00', 'Europe/Berlin')!, 'Europe/Berlin'), '2024-03-31T03:30:00+02:00');
  assert.equal(siteIso(parseSourceDate('2024-07-01 12:00:00', 'Europe/Berlin')!, 'Europe/Berlin'), '2024-07-01T12:00:00+02:00');
  assert.equal(siteIso(parseSourceDate('2022-03-02 10:00:00 +0100', 'UTC')!, 'UTC'), '2022-03-02T09:00:00+00:00');
  assert.equal(siteIso(parseSourceDate('Tue, 09 Jan 2024 06:30:00 +0000', 'Asia/Amman')!, 'Asia/Amman'), '2024-01-09T09:30:00+03:00');
  assert.equal(parseSourceDate('0000-00-00 00:00:00', 'UTC'), undefined);
  assert.equal(parseSourceDate('', 'UTC'), undefined);
});

test('front matter: TOML, YAML and JSON, and a body without any', () => {
  const toml = splitFrontMatter('+++\ntitle = "A"\ndate = 2024-01-02T03:04:05\n+++\nBody\n');
  assert.equal(toml.format, 'toml');
  assert.equal(toml.data.title, 'A');
  assert.equal(siteIso(parseSourceDate(toml.data.date, 'Asia/Amman')!, 'Asia/Amman'), '2024-01-02T03:04:05+03:00', 'a TOML local date is wall-clock time');
  assert.equal(toml.body, 'Body\n');
  assert.deepEqual(splitFrontMatter('---\ntitle: B\n---\nText').data, { title: 'B' });
  const json = splitFrontMatter('{\n  "title": "C {braces}",\n  "tags": ["x"]\n}\n\nText');
  assert.deepEqual(json.data, { title: 'C {braces}', tags: ['x'] });
  assert.equal(json.body, '\nText');
  assert.equal(splitFrontMatter('Just text').format, 'none');
});
