import { test } from 'node:test';
import assert from 'node:assert/strict';
import { paginate } from '../../src/collections/paginate.js';
import type { ArticleView, ListPage } from '../../src/collections/types.js';

/** `n` stand-in stories, newest first: story n-1 is the newest, story 0 the oldest. */
const stories = (n: number) => Array.from({ length: n }, (_, i) => ({ url: `/s/${n - 1 - i}/` }) as ArticleView);
const series = (n: number, size = 3) => paginate(stories(n), size, { list: 'archive', lang: 'en', title: 'All', first: '/all/' });
const shape = (pages: ListPage[]) => pages.map((p) => ({ url: p.url, items: p.items.map((a) => Number(a.url.split('/')[2])), ...p.pagination }));

test('no stories: no pages', () => {
  assert.deepEqual(series(0), []);
});

test('fewer stories than a page: the front page alone, with no links', () => {
  assert.deepEqual(shape(series(2)), [{ url: '/all/', items: [1, 0], first: '/all/' }]);
});

test('exactly a page: the front page alone (the full chunk would repeat it)', () => {
  assert.deepEqual(shape(series(3)), [{ url: '/all/', items: [2, 1, 0], first: '/all/' }]);
});

test('one more than a page: the front page shows the newest, page 1 the oldest full chunk', () => {
  assert.deepEqual(shape(series(4)), [
    { url: '/all/', items: [3, 2, 1], first: '/all/', older: '/all/page/1/' },
    { url: '/all/page/1/', items: [2, 1, 0], page: 1, first: '/all/', newer: '/all/' },
  ]);
});

test('two pages exactly: page 1 only; the second chunk is the front page', () => {
  assert.deepEqual(shape(series(6)), [
    { url: '/all/', items: [5, 4, 3], first: '/all/', older: '/all/page/1/' },
    { url: '/all/page/1/', items: [2, 1, 0], page: 1, first: '/all/', newer: '/all/' },
  ]);
});

test('two pages and one: page 2 appears, page 1 now links to it and keeps its stories', () => {
  assert.deepEqual(shape(series(7)), [
    { url: '/all/', items: [6, 5, 4], first: '/all/', older: '/all/page/2/' },
    { url: '/all/page/2/', items: [5, 4, 3], page: 2, first: '/all/', newer: '/all/', older: '/all/page/1/' },
    { url: '/all/page/1/', items: [2, 1, 0], page: 1, first: '/all/', newer: '/all/page/2/' },
  ]);
});

test('growing a series one story at a time never changes a numbered page, except the newest one\'s "newer" link when a chunk fills', () => {
  let before = new Map<string, ListPage>();
  for (let n = 1; n <= 40; n++) {
    const pages = series(n, 4);
    const after = new Map(pages.filter((p) => p.pagination.page !== undefined).map((p) => [p.url, p]));
    const changed = [...before].filter(([url, p]) => JSON.stringify(after.get(url)) !== JSON.stringify(p)).map(([url]) => url);
    for (const url of before.keys()) assert.ok(after.has(url), `${url} still exists at n = ${n}`);
    const filled = after.size > before.size;
    assert.equal(after.size - before.size, filled ? 1 : 0);
    assert.deepEqual(changed, filled && before.size > 0 ? [`/all/page/${before.size}/`] : [], `n = ${n}`);
    for (const url of changed) assert.deepEqual(after.get(url)!.items, before.get(url)!.items, 'only its links changed');
    before = after;
  }
});
