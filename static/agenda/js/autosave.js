// Autosave long text in the editor as a server-side draft. Configured by
// <div id="autosave-config" data-url data-fields data-interval data-version>; no inline
// script, so it runs under a strict Content-Security-Policy.
(function () {
  "use strict";
  function start() {
    var config = document.getElementById("autosave-config");
    if (!config || !window.fetch) {
      return;
    }
    var form = config.closest("form");
    var status = document.getElementById("autosave-status");
    var fields = (config.dataset.fields || "").split(" ").filter(Boolean);
    var interval = Math.max(2, parseInt(config.dataset.interval, 10) || 10) * 1000;
    var sent = {};
    fields.forEach(function (name) {
      var input = form && form.elements.namedItem(name);
      sent[name] = input ? input.value : "";
    });
    function save() {
      var token = form.elements.namedItem("csrfmiddlewaretoken");
      fields.forEach(function (name) {
        var input = form.elements.namedItem(name);
        if (!input || input.value === sent[name]) {
          return;
        }
        var text = input.value;
        var body = new FormData();
        body.append("field", name);
        body.append("text", text);
        body.append("version", config.dataset.version || "");
        fetch(config.dataset.url, {
          method: "POST",
          body: body,
          credentials: "same-origin",
          headers: { "X-CSRFToken": token ? token.value : "" }
        }).then(function (response) {
          if (!response.ok) {
            throw new Error(response.status);
          }
          sent[name] = text;
          return response.json();
        }).then(function (data) {
          if (status) {
            status.textContent = data.message;
          }
        }).catch(function () {
          if (status) {
            status.textContent = "Draft not saved: check you are still signed in.";
          }
        });
      });
    }
    window.setInterval(save, interval);
    window.addEventListener("pagehide", save);
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
