// Progressive enhancement for the share block: the plain links work without this file.
(function () {
  var button = document.querySelector('.share__copy');
  if (!button) return;
  var url = button.getAttribute('data-url');
  var label = button.textContent;
  button.hidden = false;
  button.addEventListener('click', function () {
    var title = document.querySelector('h1') ? document.querySelector('h1').textContent : document.title;
    if (navigator.share && matchMedia('(pointer: coarse)').matches) {
      navigator.share({ title: title, url: url }).catch(function () {});
      return;
    }
    if (!navigator.clipboard) return;
    navigator.clipboard.writeText(url).then(function () {
      button.textContent = button.getAttribute('data-copied');
      setTimeout(function () { button.textContent = label; }, 2000);
    });
  });
})();
