// The video facade: the poster and a link to the film are served by the site. Only when the reader
// presses "Spela upp filmen" is the player frame created, so nothing is requested from the video
// host before that. Without JavaScript the link simply leads to the film.
(function () {
  "use strict";

  var ALLOWED_PLAYERS = ["https://www.youtube-nocookie.com/embed/", "https://player.vimeo.com/video/"];

  function isAllowed(url) {
    return ALLOWED_PLAYERS.some(function (prefix) {
      return url.indexOf(prefix) === 0;
    });
  }

  function enhance(link) {
    var src = link.getAttribute("data-video-embed") || "";
    var facade = link.closest(".video__facade");
    if (!facade || !isAllowed(src)) {
      return;
    }
    var button = document.createElement("button");
    button.type = "button";
    button.className = link.className;
    Array.prototype.forEach.call(link.childNodes, function (node) {
      if (!(node.classList && node.classList.contains("video__host"))) {
        button.appendChild(node.cloneNode(true));
      }
    });
    button.addEventListener("click", function () {
      var frame = document.createElement("iframe");
      frame.className = "video__frame";
      frame.src = src;
      frame.title = link.getAttribute("data-video-title") || button.textContent;
      frame.setAttribute("allow", "autoplay; fullscreen; picture-in-picture; encrypted-media");
      frame.setAttribute("allowfullscreen", "");
      frame.setAttribute("referrerpolicy", "strict-origin-when-cross-origin");
      while (facade.firstChild) {
        facade.removeChild(facade.firstChild);
      }
      facade.appendChild(frame);
      frame.focus();
    });
    link.parentNode.replaceChild(button, link);
  }

  document.querySelectorAll("a[data-video-embed]").forEach(enhance);
})();
