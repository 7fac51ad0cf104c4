// The header's language switch (templates/base.html) links to the same page in another language.
// The server cannot know the #fragment a reader is at, so this adds it to the link: switching
// language on a pillar page keeps the reader on the same element. Without JavaScript the link
// still leads to the same page, at its top.
(function () {
  "use strict";

  var links = document.querySelectorAll("a.language-switch");

  function follow() {
    links.forEach(function (link) {
      var href = link.getAttribute("href").split("#")[0];
      link.setAttribute("href", href + window.location.hash);
    });
  }

  follow();
  window.addEventListener("hashchange", follow);
})();
