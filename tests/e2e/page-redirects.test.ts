import { test } from 'node:test';
import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { makeSite, removeSite, runCli } from '../helpers/project.js';

const NOW = '2026-11-25T09:00:00+02:00';

/** A WordPress export holding one page nested under another, as WordPress sites often have. */
const WXR = `<?xml version="1.0" encoding="UTF-8" ?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/">
<channel>
	<title>The Valley Post</title>
	<link>https://valleypost.example</link>
	<wp:base_site_url>https://valleypost.example</wp:base_site_url>
	<wp:author><wp:author_id>1</wp:author_id><wp:author_login><![CDATA[desk]]></wp:author_login><wp:author_display_name><![CDATA[News Desk]]></wp:author_display_name></wp:author>
	<item>
		<title>Our team</title>
		<link>https://valleypost.example/about/team/</link>
		<dc:creator><![CDATA[desk]]></dc:creator>
		<content:encoded><![CDATA[<p>Four reporters and an editor cover the valley from a room above the bakery.</p>]]></content:encoded>
		<wp:post_id>12</wp:post_id>
		<wp:post_date><![CDATA[2021-02-01 09:00:00]]></wp:post_date>
		<wp:post_date_gmt><![CDATA[2021-02-01 07:00:00]]></wp:post_date_gmt>
		<wp:post_name><![CDATA[team]]></wp:post_name>
		<wp:status><![CDATA[publish]]></wp:status>
		<wp:post_type><![CDATA[page]]></wp:post_type>
	</item>
	<item>
		<title>Επικοινωνία</title>
		<link>https://valleypost.example/%ce%b5%cf%80%ce%b9%ce%ba%ce%bf%ce%b9%ce%bd%cf%89%ce%bd%ce%af%ce%b1/</link>
		<dc:creator><![CDATA[desk]]></dc:creator>
		<content:encoded><![CDATA[<p>Write to the desk at the address below.</p>]]></content:encoded>
		<wp:post_id>13</wp:post_id>
		<wp:post_date><![CDATA[2021-02-02 09:00:00]]></wp:post_date>
		<wp:post_date_gmt><![CDATA[2021-02-02 07:00:00]]></wp:post_date_gmt>
		<wp:post_name><![CDATA[%ce%b5%cf%80%ce%b9%ce%ba%ce%bf%ce%b9%ce%bd%cf%89%ce%bd%ce%af%ce%b1]]></wp:post_name>
		<wp:status><![CDATA[publish]]></wp:status>
		<wp:post_type><![CDATA[page]]></wp:post_type>
	</item>
</channel>
</rss>
`;

test('a static page keeps its old addresses through redirectFrom; an imported nested page keeps its URL that way', async () => {
  const root = await makeSite({ 'export.xml': WXR });
  try {
    const r = await runCli(['import', 'wordpress', 'export.xml'], { cwd: root });
    // The import ends with `check --against` its list of old URLs, percent-encoded Greek included.
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.doesNotMatch(r.stdout, /import:url-changed|site:removed-url/);
    const page = await fs.readFile(path.join(root, 'content/pages/team.md'), 'utf8');
    assert.match(page, /^redirectFrom:\n {2}- \/about\/team\/$/m);
    assert.match(await fs.readFile(path.join(root, '.dateline/imported-urls.txt'), 'utf8'), /^\/about\/team\/$/m);
    const build = await runCli(['build', '--now', NOW], { cwd: root, env: { DATELINE_OEMBED: 'off' } });
    assert.equal(build.code, 0, build.stderr);
    const redirect = await fs.readFile(path.join(root, '_site/about/team/index.html'), 'utf8');
    assert.match(redirect, /<link rel="canonical" href="https:\/\/[^"]*\/team\/"\/?>/);
    assert.match(await fs.readFile(path.join(root, '_site/_redirects'), 'utf8'), /^\/about\/team\/ \/team\/ 301$/m);
    assert.match(await fs.readFile(path.join(root, '_site/team/index.html'), 'utf8'), /Four reporters and an editor/);
  } finally {
    await removeSite(root);
  }
});

test('a page’s redirectFrom entry that is not a path on this site is a positioned error', async () => {
  const root = await makeSite({ 'content/pages/ethics.md': '---\ntitle: Ethics\nredirectFrom:\n  - standards/\n  - /policies/ethics/\n---\nWe correct our mistakes.\n' });
  try {
    const r = await runCli(['check'], { cwd: root });
    assert.equal(r.code, 1);
    assert.match(r.stdout + r.stderr, /content\/pages\/ethics\.md\s+4:5\s+error\s+`redirectFrom` entry “standards\/”[^\n]*front-matter:invalid-path/);
  } finally {
    await removeSite(root);
  }
});
