import { test } from 'node:test';
import assert from 'node:assert/strict';
import { validateSite, scheduleArticles, slugTag } from '../../src/validate/index.js';
import { parseYamlSource } from '../../src/util/yaml-source.js';
import type { Article } from '../../src/validate/types.js';

const yaml = `name: { en: Ledger, ar: سجل }
baseUrl: https://ledger.example/
language: en
languages: [{ code: en, name: English }, { code: ar, name: العربية }]
sections: [{ id: news, title: News }]
`;

test('site.yaml: defaults, localized names, RTL detection, trailing slash removed', () => {
  const { config, diagnostics } = validateSite('content/site.yaml', parseYamlSource(yaml));
  assert.deepEqual(diagnostics, []);
  assert.ok(config);
  assert.equal(config.baseUrl, 'https://ledger.example');
  assert.equal(config.languages.find((l) => l.code === 'ar')?.dir, 'rtl');
  assert.deepEqual(config.sections[0]!.title, { en: 'News' });
  assert.equal(config.pageSize, 20);
  assert.equal(config.permalink, '/:section/:year/:month/:slug/');
});

test('site.yaml: unknown keys and bad values are positioned config errors', () => {
  const { config, diagnostics } = validateSite('content/site.yaml', parseYamlSource(yaml + 'pagesize: 10\ntimezone: Mars/Base\n'));
  assert.equal(config, undefined);
  assert.ok(diagnostics.every((d) => d.ruleId === 'config:invalid'));
  const unknown = diagnostics.find((d) => d.position?.line === 6);
  assert.ok(unknown, JSON.stringify(diagnostics));
  assert.match(unknown.message, /`pagesize` is not a key dateline knows\. Did you mean “pageSize”\?/);
});

test('tags are slugged topic ids', () => {
  assert.equal(slugTag('Islamic State'), 'islamic-state');
  assert.equal(slugTag('  Hama  '), 'hama');
  assert.equal(slugTag('سوريا'), 'سوريا');
});

test('scheduling holds drafts and embargoes, and expires articles', () => {
  const base = { time: 1000, draft: false, url: '/a/' } as Article;
  const articles = [
    { ...base, url: '/now/' },
    { ...base, url: '/draft/', draft: true },
    { ...base, url: '/later/', time: 5000 },
    { ...base, url: '/gone/', expiresTime: 1500 },
  ] as Article[];
  const s = scheduleArticles(articles, { now: 2000, drafts: false, preview: false });
  assert.deepEqual(s.published.map((a) => a.url), ['/now/']);
  assert.deepEqual(s.expired.map((a) => a.url), ['/gone/']);
  assert.deepEqual(s.held.map((h) => [h.article.url, h.reason]), [['/draft/', 'draft'], ['/later/', 'embargo']]);
  const after = scheduleArticles(articles, { now: 6000, drafts: true, preview: false });
  assert.deepEqual(after.published.map((a) => a.url).sort(), ['/draft/', '/later/', '/now/']);
});
