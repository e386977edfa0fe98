// Pagefind's search API as the search page uses it, with two things added:
//
// 1. The index comes in two tiers (see src/render/search-index.ts): the archive bundle in
//    /pagefind/ and a small delta bundle of stories added or changed since it was built, named by
//    /pagefind/delta.json with the archive records it replaces. The delta is merged with
//    Pagefind's mergeIndex, and results for replaced records are dropped.
// 2. A result must hold every query word (or a stem of it). Pagefind on its own drops a word that
//    matches nothing in an index and answers with the pages that hold the others; here such a
//    page is not a result.
//
// The search UI loads this file as its bundle's `pagefind.js` (see search.js).
import * as pagefind from '../../pagefind/pagefind.js';
export * from '../../pagefind/pagefind.js';

var WORD = /[\p{L}\p{N}]/u;
var ready = null;

/** Merges the delta bundle (once) and resolves to the ids of archive records it replaces. */
function delta() {
  if (!ready) {
    var file = new URL('../../pagefind/delta.json', import.meta.url);
    // Fetched past any cache, as Pagefind fetches its own entry file: it changes with every build.
    ready = fetch(file.href + '?ts=' + Date.now(), { cache: 'no-cache' })
      .then(function (r) { return r.ok ? r.json() : null; })
      .catch(function () { return null; })
      .then(async function (d) {
        if (!d) return new Set();
        var lang = (document.documentElement.lang || '').toLowerCase().split('-')[0];
        if (d.bundle && d.languages.indexOf(lang) >= 0) await pagefind.mergeIndex(new URL(d.bundle, file).pathname);
        return new Set(d.superseded);
      });
  }
  return ready;
}

/** Pagefind's search over both tiers, without results the delta replaces. */
async function current(term, options) {
  var drop = await delta();
  var found = await pagefind.search(term, options);
  if (!found || drop.size === 0) return found;
  var results = found.results.filter(function (r) { return !drop.has(r.id); });
  var dropped = found.results.length - results.length;
  return Object.assign({}, found, { results: results, unfilteredResultCount: Math.max(0, found.unfilteredResultCount - dropped) });
}

/**
 * Searches like Pagefind, but keeps only results that hold every word of the query: each word is
 * searched alone and a result must be among the pages found for each (with two bundles merged,
 * Pagefind's own rule holds within one bundle only).
 */
export async function search(term, options) {
  var words = typeof term === 'string' ? term.split(/\s+/).filter(function (w) { return WORD.test(w); }) : [];
  if (words.length < 2) return current(term, options);
  var each = await Promise.all(words.map(function (w) { return current(w); }));
  var all = await current(term, options);
  if (!all) return all;
  var found = each.map(function (r) { return new Set(r ? r.results.map(function (x) { return x.id; }) : []); });
  var results = all.results.filter(function (r) { return found.every(function (ids) { return ids.has(r.id); }); });
  return Object.assign({}, all, { results: results, unfilteredResultCount: results.length });
}
