// Which language of every wording comes first (templates/includes/elements.html#wording_toggle).
// Without JavaScript the switch is a link (?lead=original|en) that the server answers with the
// other order. With it, the link swaps the two sides of every wording in place (in the document,
// not only on screen, so that screen readers follow the same order) and keeps the address in step.
(function () {
  "use strict";

  var toggle = document.querySelector("[data-wording-toggle]");
  if (!toggle) return;
  var link = toggle.querySelector("[data-lead]");
  var state = toggle.querySelector(".wording-toggle__state");

  function lead(kind) {
    document.querySelectorAll("[data-wording]").forEach(function (wording) {
      var first = wording.querySelector('[data-side="' + kind + '"]');
      var sides = wording.querySelectorAll("[data-side]");
      if (!first || sides.length < 2) return;
      sides.forEach(function (side) {
        side.classList.toggle("wording__side--lead", side === first);
      });
      wording.insertBefore(first, sides[0]);
    });
    var other = kind === "original" ? "en" : "original";
    link.setAttribute("data-lead", other);
    link.setAttribute("href", "?lead=" + other);
    link.textContent = link.getAttribute("data-label-" + other);
    state.textContent = state.getAttribute("data-state-" + kind);
    if (window.history && window.history.replaceState) {
      var url = new URL(window.location.href);
      url.searchParams.set("lead", kind);
      window.history.replaceState(null, "", url);
    }
  }

  link.addEventListener("click", function (event) {
    event.preventDefault();
    lead(link.getAttribute("data-lead"));
  });
})();
