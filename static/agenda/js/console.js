// The meeting console's offline queue (templates/admin/agenda/meeting/console.html).
//
// Without this file every action is a plain form post and the page works as it is. With
// it, a form's action is taken from the form, given its own client id
// (crypto.randomUUID), kept in localStorage and posted as JSON to the console's address
// in the order pressed. If the connection drops, actions wait in a visible list and are
// sent once it returns; the server applies a client id once, so a resend after a lost
// answer records nothing twice. After each action, and every few seconds, the live state
// (?format=json) is read and, when another device has acted, the page's sections are
// read again, unless something is being typed in them. No inline script (strict CSP).
(function () {
  "use strict";

  var SKIP = { csrfmiddlewaretoken: 1, kind: 1, client_id: 1, focus: 1 };
  var ALIASES = { motion_kind: "kind", interest_kind: "kind" };
  var VOTE_FIELD = /^vote_(\d+)$/;
  var SECTIONS = ["roll-call", "item", "items", "log"];
  var POLL_MS = 4000;
  var RETRY_MS = 3000;

  function newId() {
    if (window.crypto && window.crypto.randomUUID) {
      return window.crypto.randomUUID();
    }
    var bytes = new Uint8Array(16);
    window.crypto.getRandomValues(bytes);
    return Array.prototype.map.call(bytes, function (b) {
      return ("0" + b.toString(16)).slice(-2);
    }).join("");
  }

  function start() {
    var root = document.querySelector(".console[data-console-url]");
    if (!root || !window.fetch || !window.localStorage || !window.JSON) {
      return;
    }
    var url = root.getAttribute("data-console-url");
    var key = "minutebook-console-" + root.getAttribute("data-meeting");
    var queueBox = document.getElementById("console-queue");
    var queueList = document.getElementById("console-queue-list");
    var status = document.getElementById("console-status");
    var problems = document.getElementById("console-problems");
    var lastSequence = parseInt(root.getAttribute("data-last-sequence"), 10) || 0;
    var sending = false;
    var refreshing = false;
    var again = false;
    var log = [];

    function load() {
      try {
        return JSON.parse(window.localStorage.getItem(key) || "[]");
      } catch (e) {
        return [];
      }
    }
    function save(queue) {
      window.localStorage.setItem(key, JSON.stringify(queue));
    }
    function say(text) {
      if (status) {
        status.textContent = text;
      }
    }
    function csrf() {
      var input = root.querySelector("input[name=csrfmiddlewaretoken]");
      if (input) {
        return input.value;
      }
      var match = document.cookie.match(/(?:^|;\s*)csrftoken=([^;]+)/);
      return match ? decodeURIComponent(match[1]) : "";
    }

    function show() {
      var queue = load();
      queueList.textContent = "";
      queue.forEach(function (entry) {
        var li = document.createElement("li");
        li.textContent = entry.label + " (waiting)";
        li.setAttribute("data-client-id", entry.client_id);
        queueList.appendChild(li);
      });
      queueBox.hidden = queue.length === 0;
    }

    function enqueue(kind, payload, clientId, label) {
      var queue = load();
      var entry = {
        client_id: clientId || newId(),
        kind: kind,
        payload: payload,
        label: label || kind.replace(/_/g, " ")
      };
      if (!entry.payload.at) {
        entry.payload.at = new Date().toISOString();
      }
      queue.push(entry);
      save(queue);
      show();
      flush();
      return entry.client_id;
    }

    function payloadOf(form) {
      var payload = {};
      var votes = {};
      var hasVotes = false;
      new FormData(form).forEach(function (value, name) {
        if (SKIP[name]) {
          return;
        }
        var vote = name.match(VOTE_FIELD);
        if (vote) {
          votes[vote[1]] = value;
          hasVotes = true;
        } else {
          payload[ALIASES[name] || name] = value;
        }
      });
      if (hasVotes) {
        payload.votes = votes;
      }
      return payload;
    }

    function labelOf(form, submitter) {
      var legend = form.querySelector("legend");
      var button = submitter || form.querySelector("button[type=submit], button");
      var text = button ? button.textContent : "";
      if (legend && text.indexOf(":") === -1) {
        text = legend.textContent + ": " + text;
      }
      return text.replace(/\s+/g, " ").trim();
    }

    root.addEventListener("submit", function (event) {
      var form = event.target;
      var kind = form.elements.namedItem("kind");
      if (!kind || form.getAttribute("action") !== url) {
        return;
      }
      event.preventDefault();
      enqueue(kind.value, payloadOf(form), null, labelOf(form, event.submitter));
      form.reset();
    });

    function flush() {
      if (sending) {
        return;
      }
      var queue = load();
      if (!queue.length) {
        return;
      }
      if (navigator.onLine === false) {
        say("Offline: " + queue.length + " action" + (queue.length === 1 ? "" : "s") +
          " waiting; they will be sent when the connection returns.");
        return;
      }
      sending = true;
      var entry = queue[0];
      fetch(url, {
        method: "POST",
        credentials: "same-origin",
        headers: { "Content-Type": "application/json", "X-CSRFToken": csrf() },
        body: JSON.stringify({ client_id: entry.client_id, kind: entry.kind, payload: entry.payload })
      }).then(function (response) {
        var type = response.headers.get("Content-Type") || "";
        if (type.indexOf("application/json") === -1) {
          throw new Error("The server did not answer (" + response.status + ").");
        }
        return response.json().then(function (data) {
          return { ok: response.ok, status: response.status, data: data };
        });
      }).then(function (answer) {
        var rest = load().filter(function (e) { return e.client_id !== entry.client_id; });
        save(rest);
        if (answer.ok) {
          log.push({ client_id: entry.client_id, kind: entry.kind, applied: answer.data.applied,
            sequence: answer.data.sequence });
          say((answer.data.applied ? "Recorded: " : "Already recorded: ") + answer.data.summary +
            (answer.data.warnings && answer.data.warnings.length ? " " + answer.data.warnings.join(" ") : ""));
        } else {
          log.push({ client_id: entry.client_id, kind: entry.kind, refused: answer.data.error });
          var li = document.createElement("li");
          li.textContent = entry.label + ": not recorded. " + (answer.data.error || "") +
            " What was typed is back in the form: correct it and press the button again.";
          problems.appendChild(li);
          problems.parentNode.hidden = false;
          say("Not recorded: " + (answer.data.error || entry.label));
          refill(entry);
        }
        sending = false;
        show();
        if (rest.length) {
          flush();
        } else {
          refresh(true);
        }
      }).catch(function () {
        sending = false;
        show();
        say("Not connected: " + load().length + " action(s) waiting; they will be sent " +
          "when the connection returns.");
      });
    }

    // A refused action's values go back into the form they came from (found by its kind
    // and the item or motion it acts on), so nothing typed is lost.
    function refill(entry) {
      var forms = root.querySelectorAll("form");
      var payload = entry.payload;
      for (var i = 0; i < forms.length; i += 1) {
        var form = forms[i];
        var kind = form.elements.namedItem("kind");
        if (!kind || kind.value !== entry.kind) {
          continue;
        }
        var same = ["item", "motion", "person"].every(function (name) {
          var hidden = form.querySelector("input[type=hidden][name=" + name + "]");
          return !hidden || String(payload[name]) === hidden.value;
        });
        if (!same) {
          continue;
        }
        var first = null;
        Array.prototype.forEach.call(form.elements, function (field) {
          if (!field.name || field.type === "hidden" || SKIP[field.name]) {
            return;
          }
          var key = ALIASES[field.name] || field.name;
          var vote = field.name.match(VOTE_FIELD);
          var value = vote ? (payload.votes || {})[vote[1]] : payload[key];
          if (value === undefined) {
            return;
          }
          if (key === "at" && /T/.test(String(value))) {
            return;
          }
          if (field.type === "checkbox" || field.type === "radio") {
            field.checked = String(field.value) === String(value);
          } else {
            field.value = value;
          }
          first = first || field;
        });
        if (first) {
          first.focus();
        }
        return;
      }
    }

    // Where the keyboard was, found again after a section is read afresh: the same
    // element id, else the first button of the same roll-call row or of the same form.
    function focusKey(element) {
      if (!element || element === document.body) {
        return null;
      }
      var row = element.closest("tr");
      var legend = element.closest("fieldset") && element.closest("fieldset").querySelector("legend");
      return {
        id: element.id || null,
        row: row && row.querySelector("th") ? row.querySelector("th").textContent : null,
        legend: legend ? legend.textContent : null,
        text: element.textContent
      };
    }
    function refocus(key) {
      if (!key || (document.activeElement && document.activeElement !== document.body)) {
        return;
      }
      if (key.id && document.getElementById(key.id)) {
        document.getElementById(key.id).focus();
        return;
      }
      var i;
      if (key.row) {
        var heads = root.querySelectorAll("tr > th[scope=row]");
        for (i = 0; i < heads.length; i += 1) {
          if (heads[i].textContent === key.row && heads[i].parentNode.querySelector("button")) {
            heads[i].parentNode.querySelector("button").focus();
            return;
          }
        }
      }
      var buttons = root.querySelectorAll("button");
      for (i = 0; i < buttons.length; i += 1) {
        var legend = buttons[i].closest("fieldset") && buttons[i].closest("fieldset").querySelector("legend");
        if (buttons[i].textContent === key.text ||
            (key.legend && legend && legend.textContent === key.legend)) {
          buttons[i].focus();
          return;
        }
      }
    }

    function dirty(section) {
      var fields = section.querySelectorAll("input, textarea, select");
      for (var i = 0; i < fields.length; i += 1) {
        var field = fields[i];
        if (field.type === "hidden") {
          continue;
        }
        if (field.tagName === "SELECT") {
          // With no option marked selected, the first one is the default.
          var wanted = 0;
          for (var j = 0; j < field.options.length; j += 1) {
            if (field.options[j].defaultSelected) {
              wanted = j;
              break;
            }
          }
          if (field.options.length && field.selectedIndex !== wanted) {
            return true;
          }
        } else if (field.type === "checkbox" || field.type === "radio") {
          if (field.checked !== field.defaultChecked) {
            return true;
          }
        } else if (field.value !== field.defaultValue) {
          return true;
        }
      }
      return false;
    }

    function showState(state) {
      var box = document.getElementById("quorum");
      if (!box) {
        return;
      }
      var started = state.present > 0 || state.lastSequence > 0;
      box.className = "quorum " + (state.quorate ? "quorum-ok" : "quorum-lost");
      var p = document.createElement("p");
      var strong = document.createElement("strong");
      strong.textContent = (state.quorate ? "Quorate" : (started ? "Not quorate" : "Not yet quorate")) + ":";
      p.appendChild(strong);
      p.appendChild(document.createTextNode(" " + state.present + " voting member" +
        (state.present === 1 ? "" : "s") + " in the room; the quorum is " + state.quorum + "." +
        (started && !state.quorate ? " No vote can be taken until it is quorate." : "")));
      var who = document.createElement("p");
      who.className = "in-the-room";
      who.textContent = state.inTheRoom.length ? "In the room: " + state.inTheRoom.join(", ") + "." : "";
      box.textContent = "";
      box.appendChild(p);
      box.appendChild(who);
    }

    function redraw() {
      return fetch(window.location.href, { credentials: "same-origin" }).then(function (response) {
        if (!response.ok) {
          throw new Error(response.status);
        }
        return response.text();
      }).then(function (html) {
        var fresh = new DOMParser().parseFromString(html, "text/html");
        var key = focusKey(document.activeElement);
        SECTIONS.forEach(function (id) {
          var old = document.getElementById(id);
          var next = fresh.getElementById(id);
          if (old && next && !dirty(old)) {
            old.innerHTML = next.innerHTML;
          }
        });
        refocus(key);
      });
    }

    function refresh(force) {
      if (refreshing || sending) {
        again = again || force;
        return;
      }
      refreshing = true;
      fetch(url + "?format=json", { credentials: "same-origin" }).then(function (response) {
        if (!response.ok) {
          throw new Error(response.status);
        }
        return response.json();
      }).then(function (state) {
        showState(state);
        root.setAttribute("data-current-item", state.currentItem || "");
        if (force || state.lastSequence !== lastSequence) {
          lastSequence = state.lastSequence;
          root.setAttribute("data-last-sequence", String(lastSequence));
          return redraw();
        }
        return null;
      }).then(function () {
        refreshing = false;
        root.setAttribute("data-synced", String(lastSequence));
        if (again) {
          again = false;
          refresh(true);
        }
      }).catch(function () {
        refreshing = false;
      });
    }

    window.addEventListener("online", function () {
      say("Connected again: sending what was waiting.");
      flush();
    });
    window.addEventListener("offline", function () {
      say("Offline: actions will wait here and be sent when the connection returns.");
    });
    window.setInterval(function () {
      if (load().length) {
        flush();
      } else {
        refresh(false);
      }
    }, Math.min(POLL_MS, RETRY_MS));

    window.MinutebookConsole = {
      enqueue: enqueue,
      waiting: function () { return load().length; },
      log: log,
      busy: function () { return sending || refreshing || again || load().length > 0; }
    };
    root.setAttribute("data-queue", "ready");
    show();
    flush();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
}());
