// Starts Pagefind's search UI on the search page (the page works without it: see <noscript>).
// The site has one index (one per language inside it), so results are ranked against the whole archive.
window.addEventListener('DOMContentLoaded', function () {
  var el = document.getElementById('search');
  if (!el || !window.PagefindUI) return;
  el.innerHTML = '';
  new window.PagefindUI({
    element: '#search',
    // The index's own pagefind.js, behind a wrapper that keeps only results holding every query word.
    bundlePath: '/js/pagefind-strict/',
    showImages: false,
    showSubResults: false,
    translations: { placeholder: el.getAttribute('data-placeholder') },
  });
  // Pagefind's input has only a placeholder; give it an accessible name, then fill in ?q=.
  var tries = 0;
  (function label() {
    var input = el.querySelector('input');
    if (!input) { if (tries++ < 50) requestAnimationFrame(label); return; }
    input.setAttribute('aria-label', el.getAttribute('data-placeholder'));
    var q = new URLSearchParams(location.search).get('q');
    if (q) { input.value = q; input.dispatchEvent(new Event('input')); }
  })();
});
