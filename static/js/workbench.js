// The workbench (templates/workbench/workbench.html): text selected on the page fills the
// passage field and chooses its page, so the editor only picks what to do with it. Static, for
// the site's Content-Security-Policy; without it the field is typed or pasted.
(function () {
  "use strict";

  function fill() {
    var text = document.querySelector("[data-page-text]");
    var field = document.getElementById("id_passage");
    var page = document.getElementById("id_page");
    var status = document.querySelector("[data-selection-status]");
    if (!text || !field || !page) return;
    var selection = window.getSelection();
    if (!selection || selection.isCollapsed || !text.contains(selection.anchorNode)) return;
    var passage = selection.toString().trim();
    if (!passage) return;
    field.value = passage;
    page.value = text.getAttribute("data-page");
    if (status) status.textContent = status.getAttribute("data-filled") || "";
  }

  document.addEventListener("DOMContentLoaded", function () {
    var text = document.querySelector("[data-page-text]");
    if (!text) return;
    text.addEventListener("mouseup", fill);
    text.addEventListener("keyup", fill);
  });
})();
