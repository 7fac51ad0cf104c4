// A document's change page while its extraction runs (templates/admin/documents/document/
// change_form.html): asks …/status/ (JSON) every 2 seconds and writes the progress into the
// page's "progress" field and its status line, without reloading (a screen reader stays where it
// is); reloads once when the extraction is done or failed, to show the pages or the reason.
(function () {
  "use strict";
  var line = document.querySelector("[data-extraction-status]");
  if (!line || !window.fetch) return;
  var url = line.getAttribute("data-extraction-status");
  var field = document.querySelector(".field-progress .readonly");
  var state = document.querySelector(".field-status .readonly");
  var failures = 0;

  function ask() {
    fetch(url, { cache: "no-store", credentials: "same-origin" })
      .then(function (response) {
        if (!response.ok) throw new Error(response.status);
        return response.json();
      })
      .then(function (data) {
        failures = 0;
        var bar = field && field.querySelector("progress");
        if (bar) {
          bar.max = data.pages_total || 1;
          bar.value = data.pages_done;
          bar.nextSibling.textContent = " " + data.progress_text;
        }
        if (state) state.textContent = data.status_label;
        line.textContent = data.status_label + " — " + data.pages_done + " / " + data.pages_total;
        if (data.finished) {
          window.location.reload();
          return;
        }
        window.setTimeout(ask, 2000);
      })
      .catch(function () {
        failures += 1;
        if (failures < 10) window.setTimeout(ask, 4000);
      });
  }

  window.setTimeout(ask, 1000);
})();
