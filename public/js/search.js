// Starts Pagefind's search UI on the search page (the page works without it: see <noscript>).
window.addEventListener('DOMContentLoaded', function () {
  var el = document.getElementById('search');
  if (!el || !window.PagefindUI) return;
  el.innerHTML = '';
  new window.PagefindUI({
    element: '#search',
    showImages: false,
    showSubResults: false,
    translations: { placeholder: el.getAttribute('data-placeholder') },
  });
  var q = new URLSearchParams(location.search).get('q');
  if (q) {
    var input = el.querySelector('input');
    if (input) { input.value = q; input.dispatchEvent(new Event('input')); }
  }
});
