// "Cite" disclosures (templates/includes/elements.html#cite): show a Copy button that puts the
// citation on the clipboard. Without JavaScript, or when the Clipboard API is refused, the text
// stays visible in the open disclosure and is selected so the reader can copy it by hand.
// What it says comes in the page's language from its own <script> tag (data-copied,
// data-selected: templates/plans/pillar_detail.html), with English if they are missing.
(function () {
  "use strict";

  var script = document.currentScript;
  var messages = {
    copied: (script && script.getAttribute("data-copied")) || "Citation copied.",
    selected: (script && script.getAttribute("data-selected")) ||
      "Selected: press Ctrl+C (⌘C on a Mac) to copy.",
  };

  function selectText(element) {
    var range = document.createRange();
    range.selectNodeContents(element);
    var selection = window.getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
  }

  function copy(button) {
    var text = document.getElementById(button.getAttribute("data-cite"));
    var status = button.parentNode.querySelector(".cite__status");
    if (!text) return;
    function fallback() {
      selectText(text);
      status.textContent = messages.selected;
    }
    if (!navigator.clipboard || !window.isSecureContext) {
      fallback();
      return;
    }
    navigator.clipboard.writeText(text.textContent.trim()).then(function () {
      status.textContent = messages.copied;
    }, fallback);
  }

  document.querySelectorAll(".cite__copy").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () { copy(button); });
  });
})();
