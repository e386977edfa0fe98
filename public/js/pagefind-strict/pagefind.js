// Pagefind's search API as the search page uses it, with one rule added: a result must hold every
// query word (or a stem of it). Pagefind on its own drops a word that matches nothing in the index
// and answers with the pages that hold the others; here such a query finds nothing.
// The search UI loads this file as its bundle's `pagefind.js` (see search.js).
import * as pagefind from '../../pagefind/pagefind.js';
export * from '../../pagefind/pagefind.js';

var WORD = /[\p{L}\p{N}]/u;

/** Searches like Pagefind, but returns no results when any word of the query matches no page. */
export async function search(term, options) {
  var words = typeof term === 'string' ? term.split(/\s+/).filter(function (w) { return WORD.test(w); }) : [];
  if (words.length > 1) {
    var found = await Promise.all(words.map(function (w) { return pagefind.search(w); }));
    if (found.some(function (r) { return !r || r.results.length === 0; })) {
      var all = await pagefind.search(term, options);
      return Object.assign({}, all, { results: [], unfilteredResultCount: 0 });
    }
  }
  return pagefind.search(term, options);
}
