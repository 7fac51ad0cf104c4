// The critique form's one target picker: turns the "What it criticises" text box into a WAI-ARIA
// combobox (editable, list autocomplete) that searches the chosen plan's elements by code or by
// words of their wording, grouped by type. Without this script the box still works: the server
// resolves the code typed in it (critiques/admin/picker.py). A static file, so it runs under the
// site's CSP; its messages come in the editor's language from the wrapper's data-* attributes.
//
// Keys: Down/Up move through the options (Alt+Down opens the list), Enter chooses,
// Escape closes the list (a second Escape clears the box), Home/End move in the text.
"use strict";
(function () {
  let counter = 0;

  function setup() {
    document.querySelectorAll(".nw-picker[data-targets-url]").forEach(enhance);
  }

  function enhance(wrapper) {
    const input = wrapper.querySelector("input");
    const planField = document.getElementById(wrapper.dataset.planField);
    if (!input || !planField) return;
    const id = "nw-picker-" + ++counter;
    const listbox = document.createElement("div");
    listbox.id = id + "-listbox";
    listbox.className = "nw-picker__listbox";
    listbox.setAttribute("role", "listbox");
    listbox.setAttribute("aria-label", labelText(input));
    listbox.hidden = true;
    const status = document.createElement("div");
    status.className = "nw-picker__status visually-hidden";
    status.setAttribute("role", "status");
    wrapper.append(listbox, status);

    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", listbox.id);

    let options = [];
    let active = -1;
    let timer = null;
    let sent = 0;

    function open() {
      if (!options.length && !listbox.querySelector(".nw-picker__empty")) return;
      listbox.hidden = false;
      input.setAttribute("aria-expanded", "true");
    }

    function close() {
      listbox.hidden = true;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
      setActive(-1);
    }

    function setActive(index) {
      options.forEach(function (option, i) {
        option.setAttribute("aria-selected", i === index ? "true" : "false");
        option.classList.toggle("nw-picker__option--active", i === index);
      });
      active = index;
      if (index >= 0) {
        input.setAttribute("aria-activedescendant", options[index].id);
        options[index].scrollIntoView({ block: "nearest" });
      } else {
        input.removeAttribute("aria-activedescendant");
      }
    }

    function choose(option) {
      input.value = option.dataset.value;
      close();
      input.dispatchEvent(new Event("change", { bubbles: true }));
    }

    function render(groups) {
      listbox.replaceChildren();
      options = [];
      groups.forEach(function (group, g) {
        const box = document.createElement("div");
        box.setAttribute("role", "group");
        const heading = document.createElement("div");
        heading.id = id + "-group-" + g;
        heading.className = "nw-picker__group";
        heading.setAttribute("role", "presentation");
        heading.textContent = group.group;
        box.setAttribute("aria-labelledby", heading.id);
        box.append(heading);
        group.options.forEach(function (item) {
          const option = document.createElement("div");
          option.id = id + "-option-" + options.length;
          option.className = "nw-picker__option";
          option.setAttribute("role", "option");
          option.setAttribute("aria-selected", "false");
          option.dataset.value = item.label;
          const label = document.createElement("span");
          label.className = "nw-picker__label";
          label.textContent = item.label;
          option.append(label);
          // Each option says what kind of element it is, whatever group it sits in.
          const meta = document.createElement("span");
          meta.className = "nw-picker__meta";
          const kind = document.createElement("span");
          kind.className = "nw-picker__kind";
          const type = item.type || group.group;
          kind.textContent = type.charAt(0).toUpperCase() + type.slice(1);
          meta.append(kind);
          if (item.pillar) {
            const pillar = document.createElement("span");
            pillar.className = "nw-picker__pillar";
            pillar.textContent = (wrapper.dataset.pillar || "pillar") + ": " + item.pillar;
            meta.append(" · ", pillar);
          }
          option.append(meta);
          option.addEventListener("mousedown", function (event) {
            event.preventDefault(); // keep the focus in the text box
            choose(option);
          });
          box.append(option);
          options.push(option);
        });
        listbox.append(box);
      });
      if (!options.length) {
        const empty = document.createElement("div");
        empty.className = "nw-picker__empty";
        empty.textContent = wrapper.dataset.noResults || "No element matches.";
        listbox.append(empty);
      }
      status.textContent = options.length
        ? (wrapper.dataset.results || "%(count)s").replace("%(count)s", options.length)
        : wrapper.dataset.noResults || "";
    }

    async function search() {
      const mine = ++sent;
      if (!planField.value) {
        render([]);
        status.textContent = wrapper.dataset.choosePlan || "";
        return;
      }
      const url = new URL(wrapper.dataset.targetsUrl, window.location.href);
      url.searchParams.set("plan", planField.value);
      // A chosen "CODE – wording" searches by its code; anything else by what was typed.
      url.searchParams.set("q", input.value.split(" – ")[0]);
      try {
        const response = await fetch(url, {
          credentials: "same-origin",
          headers: { Accept: "application/json" },
        });
        const payload = await response.json();
        if (mine !== sent) return;
        if (!response.ok) throw new Error(payload.error || response.statusText);
        render(payload.groups);
        if (document.activeElement === input) open();
      } catch (error) {
        if (mine !== sent) return;
        render([]);
        status.textContent = error.message;
      }
    }

    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(search, 200);
    });
    input.addEventListener("keydown", function (event) {
      const expanded = !listbox.hidden;
      if (event.key === "ArrowDown") {
        event.preventDefault();
        if (!expanded) {
          if (options.length) open();
          else search();
          if (event.altKey) return;
        }
        if (options.length) setActive(active < options.length - 1 ? active + 1 : 0);
      } else if (event.key === "ArrowUp") {
        event.preventDefault();
        if (!expanded && options.length) open();
        if (options.length) setActive(active > 0 ? active - 1 : options.length - 1);
      } else if (event.key === "Enter") {
        if (expanded && active >= 0) {
          event.preventDefault(); // choose, do not submit the form
          choose(options[active]);
        }
      } else if (event.key === "Escape") {
        if (expanded) {
          event.preventDefault();
          close();
        } else if (input.value) {
          event.preventDefault();
          input.value = "";
        }
      }
    });
    input.addEventListener("blur", function () {
      setTimeout(close, 150);
    });
    planField.addEventListener("change", function () {
      options = [];
      if (input.value) search();
    });
  }

  function labelText(input) {
    const label = input.id && document.querySelector('label[for="' + input.id + '"]');
    return label ? label.textContent.replace(/:$/, "").trim() : "";
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setup);
  } else {
    setup();
  }
})();
