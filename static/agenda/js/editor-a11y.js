/* Accessible names for the editor's script-drawn widgets (WCAG 2.2: aria-input-field-name,
 * label). Progressive: without it the page still works; with it, every select2 combobox,
 * select2 search box and rich-text area is announced by its field's name, taken from the
 * field's <label> or the aria-label the server gave the underlying input
 * (agenda/admin/labels.py). Rich text is also spellchecked.
 */
(function () {
  "use strict";

  function nameOf(input) {
    var own = input.getAttribute("aria-label");
    if (own) return own;
    if (input.id) {
      var label = document.querySelector('label[for="' + input.id + '"]');
      if (label) return label.textContent.replace(/[:\s]+$/, "").trim();
    }
    return "";
  }

  function nameSpan(input, name) {
    // A hidden element to point aria-labelledby at (it may name things while hidden).
    var id = input.id + "-a11y-name";
    var span = document.getElementById(id);
    if (!span) {
      span = document.createElement("span");
      span.id = id;
      span.hidden = true;
      input.parentNode.insertBefore(span, input);
    }
    span.textContent = name;
    return id;
  }

  function nameSelect2(select) {
    var container = select.nextElementSibling;
    if (!container || !container.classList.contains("select2")) return;
    var name = nameOf(select);
    if (!name || !select.id) return;
    var nameId = nameSpan(select, name);
    var combobox = container.querySelector(".select2-selection");
    var rendered = container.querySelector(".select2-selection__rendered");
    if (combobox) {
      // Name first, then the current choice, so both are announced.
      var labelledby = nameId + (rendered && rendered.id ? " " + rendered.id : "");
      if (combobox.getAttribute("aria-labelledby") !== labelledby) {
        combobox.setAttribute("aria-labelledby", labelledby);
      }
    }
    if (combobox) {
      // An open dropdown's list is "owned" (select2 4.0); ARIA 1.2 asks for aria-controls.
      var owns = combobox.getAttribute("aria-owns");
      if (owns && combobox.getAttribute("aria-controls") !== owns) {
        combobox.setAttribute("aria-controls", owns);
      } else if (!owns && combobox.hasAttribute("aria-controls")) {
        combobox.removeAttribute("aria-controls");
      }
    }
    if (rendered && rendered.getAttribute("aria-labelledby") !== nameId) {
      rendered.setAttribute("aria-labelledby", nameId);
    }
    var search = container.querySelector(".select2-search__field");
    if (search && search.getAttribute("aria-label") !== name) {
      search.setAttribute("aria-label", name);
    }
  }

  function nameDropdownSearch() {
    // The search box of an open single-choice dropdown lives at the end of <body>.
    var open = document.querySelectorAll(".select2-dropdown .select2-search__field");
    for (var i = 0; i < open.length; i++) {
      if (!open[i].getAttribute("aria-label")) open[i].setAttribute("aria-label", "Search");
    }
  }

  function nameRichText(textarea) {
    var wrapper = textarea.closest(".prose-editor");
    var area = wrapper && wrapper.querySelector('[contenteditable="true"]');
    if (!area) return;
    var name = nameOf(textarea);
    if (name && area.getAttribute("aria-label") !== name) area.setAttribute("aria-label", name);
    if (area.getAttribute("aria-multiline") !== "true") area.setAttribute("aria-multiline", "true");
    if (area.getAttribute("spellcheck") !== "true") area.setAttribute("spellcheck", "true");
  }

  function nameAll() {
    var selects = document.querySelectorAll("select.admin-autocomplete");
    for (var i = 0; i < selects.length; i++) nameSelect2(selects[i]);
    var areas = document.querySelectorAll(".prose-editor textarea");
    for (var j = 0; j < areas.length; j++) nameRichText(areas[j]);
    nameDropdownSearch();
  }

  var pending = false;
  function soon() {
    if (pending) return;
    pending = true;
    window.setTimeout(function () {
      pending = false;
      nameAll();
    }, 0);
  }

  document.addEventListener("DOMContentLoaded", function () {
    soon();
    // select2 and the rich-text editor draw (and redraw) after load, and new inline rows
    // arrive later still: name whatever appears.
    new MutationObserver(soon).observe(document.body, {
      childList: true,
      subtree: true,
      attributes: true,
      attributeFilter: ["aria-labelledby", "aria-owns", "spellcheck", "aria-label"],
    });
  });
})();
