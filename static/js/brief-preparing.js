// The "being prepared" page of a PDF brief (templates/briefs/brief_preparing.html). Asks the same
// address again (HEAD) every Retry-After seconds while it answers 202; once it answers anything
// else, goes there: the PDF downloads, or the error page says why. The page itself never reloads,
// so a screen reader is not sent back to its top; the status line says when the download starts.
(function () {
  "use strict";
  var root = document.querySelector("[data-brief-pdf]");
  if (!root || !window.fetch) return;
  var url = root.getAttribute("data-brief-pdf");
  var status = root.querySelector("[data-brief-status]");
  var delay = parseInt(root.getAttribute("data-retry-after"), 10) || 3;
  var deadline = Date.now() + 5 * 60 * 1000;

  function later(seconds) {
    if (Date.now() > deadline) {
      status.textContent = root.getAttribute("data-text-late");
      return;
    }
    window.setTimeout(ask, seconds * 1000);
  }

  function ask() {
    fetch(url, { method: "HEAD", cache: "no-store", credentials: "same-origin" }).then(
      function (response) {
        if (response.status === 202) {
          later(parseInt(response.headers.get("Retry-After"), 10) || delay);
          return;
        }
        status.textContent = response.ok
          ? root.getAttribute("data-text-ready")
          : root.getAttribute("data-text-failed");
        if (response.ok) {
          // The download does not leave this page: it says the PDF is ready, no longer that it
          // is being prepared, and offers the download again.
          root.querySelector("h1").textContent = root.getAttribute("data-heading-ready");
          root.querySelector("[data-brief-preparing]").hidden = true;
          root.querySelector("[data-brief-ready]").hidden = false;
        }
        window.location.assign(url);
      },
      function () { later(delay * 2); }
    );
  }

  later(delay);
})();
