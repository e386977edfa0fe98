// Embeds load nothing from their provider until the reader asks: a click on the preview swaps in
// the player. Without this file each preview is a plain link to the original.
(function () {
  document.addEventListener('click', function (event) {
    var link = event.target.closest && event.target.closest('.embed__facade');
    var figure = link && link.closest('.embed[data-embed-src]');
    if (!figure || event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    var frame = document.createElement('iframe');
    frame.className = 'embed__frame';
    frame.src = figure.getAttribute('data-embed-src');
    frame.title = figure.getAttribute('data-embed-title');
    frame.allow = 'autoplay; encrypted-media; fullscreen; picture-in-picture; clipboard-write';
    frame.allowFullscreen = true;
    frame.referrerPolicy = 'strict-origin-when-cross-origin';
    frame.style.aspectRatio = link.style.aspectRatio;
    link.replaceWith(frame);
    frame.focus();
  });
})();
