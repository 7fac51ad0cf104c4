// Live preview of a critique's Markdown body in the admin, rendered and sanitised by the server
// (the same nh3 allow-list the public pages use). A static file, so it works under a strict CSP.
// Its one message comes in the editor's language from the preview's data-unavailable attribute
// (critiques/admin/critique.py).
"use strict";
(function () {
  // One preview per language: each .nw-preview names the body it renders (data-preview-for).
  function setup() {
    document.querySelectorAll(".nw-preview[data-preview-url]").forEach(function (preview) {
      const body = document.getElementById(preview.dataset.previewFor || "id_body");
      if (body) follow(body, preview);
    });
  }

  function follow(body, preview) {
    const form = body.form;
    const tokenInput = form && form.querySelector("input[name=csrfmiddlewaretoken]");
    if (!tokenInput) return;
    let timer = null;
    let sent = 0;

    async function refresh() {
      const mine = ++sent;
      const data = new FormData();
      data.append("body", body.value);
      try {
        const response = await fetch(preview.dataset.previewUrl, {
          method: "POST",
          body: data,
          headers: { "X-CSRFToken": tokenInput.value },
          credentials: "same-origin",
        });
        const payload = await response.json();
        if (mine !== sent) return; // a newer request is on its way
        if (!response.ok) throw new Error(payload.error || response.statusText);
        preview.classList.remove("nw-preview--error");
        // Sanitised by the server with nh3 against an explicit allow-list.
        preview.innerHTML = payload.html;
      } catch (error) {
        if (mine !== sent) return;
        preview.classList.add("nw-preview--error");
        const unavailable = preview.dataset.unavailable || "Preview unavailable:";
        preview.textContent = unavailable + " " + error.message;
      }
    }

    body.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(refresh, 300);
    });
    if (!preview.innerHTML.trim() && body.value.trim()) refresh();
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setup);
  } else {
    setup();
  }
})();
