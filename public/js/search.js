// Starts Pagefind's search UI on the search page (the page works without it: see <noscript>).
window.addEventListener('DOMContentLoaded', function () {
  var el = document.getElementById('search');
  if (!el || !window.PagefindUI) return;
  // The index is split by year: the newest year's bundle is the page's own, the others are merged in.
  var bundles = (el.getAttribute('data-bundles') || '').split(' ').filter(Boolean);
  el.innerHTML = '';
  new window.PagefindUI({
    element: '#search',
    mergeIndex: bundles.map(function (b) { return { bundlePath: b }; }),
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
