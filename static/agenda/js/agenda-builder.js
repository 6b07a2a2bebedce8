// The agenda builder on the meeting page: reorder the items table by dragging a row's
// handle, or with its Up and Down buttons, without reloading the page. Only the rows'
// "order" inputs change; saving the page applies the order and renumbers the items.
// Without this script the Up and Down buttons submit the page and move the item there.
// No inline script and no eval: it runs under the editor's strict Content-Security-Policy.
(function () {
  "use strict";

  function start() {
    var group = document.getElementById("items-group");
    var live = document.getElementById("builder-live");
    if (!group) {
      return;
    }
    var body = group.querySelector("table tbody");
    if (!body || !body.querySelector("button[data-move]")) {
      return; // a published or locked agenda: its order changes only with a notice
    }

    function rows() {
      return Array.prototype.filter.call(body.querySelectorAll("tr.has_original"), function (row) {
        return row.querySelector("button[data-move]");
      });
    }

    function titleOf(row) {
      var input = row.querySelector('input[name$="-title"]');
      return input ? input.value : "";
    }

    function refresh(moved) {
      var all = rows();
      all.forEach(function (row, index) {
        var position = row.querySelector('input[name$="-position"]');
        if (position) {
          position.value = String(index + 1);
        }
        var up = row.querySelector('button[data-move="up"]');
        var down = row.querySelector('button[data-move="down"]');
        if (up) {
          up.disabled = index === 0;
        }
        if (down) {
          down.disabled = index === all.length - 1;
        }
      });
      if (moved) {
        group.classList.add("order-changed");
        if (live) {
          live.textContent = "“" + titleOf(moved) + "” moved to place " +
            (all.indexOf(moved) + 1) + " of " + all.length +
            ". Save the page to keep the new order and numbers.";
        }
      }
    }

    // Up and Down: move the row in place, keep the focus on a button of that row.
    body.addEventListener("click", function (event) {
      var button = event.target.closest("button[data-move]");
      if (!button || !body.contains(button)) {
        return;
      }
      event.preventDefault();
      var row = button.closest("tr");
      var all = rows();
      var index = all.indexOf(row);
      if (button.dataset.move === "up" && index > 0) {
        body.insertBefore(row, all[index - 1]);
      } else if (button.dataset.move === "down" && index < all.length - 1) {
        body.insertBefore(row, all[index + 1].nextSibling);
      } else {
        return;
      }
      refresh(row);
      if (button.disabled) {
        var other = row.querySelector('button[data-move]:not([disabled])');
        if (other) {
          other.focus();
        }
      } else {
        button.focus();
      }
    });

    // Drag and drop, by a handle at the start of each row's buttons.
    var dragged = null;
    rows().forEach(function (row) {
      var cell = row.querySelector("td.field-move");
      if (!cell) {
        return;
      }
      var handle = document.createElement("span");
      handle.className = "drag-handle";
      handle.draggable = true;
      handle.title = "Drag to move this item";
      handle.setAttribute("aria-hidden", "true");
      handle.textContent = "⠿";
      cell.insertBefore(handle, cell.firstChild);
      handle.addEventListener("dragstart", function (event) {
        dragged = row;
        row.classList.add("dragging");
        event.dataTransfer.effectAllowed = "move";
        event.dataTransfer.setData("text/plain", titleOf(row));
      });
      handle.addEventListener("dragend", function () {
        row.classList.remove("dragging");
        dragged = null;
      });
    });

    function targetRow(event) {
      var row = event.target.closest && event.target.closest("tr");
      return row && rows().indexOf(row) !== -1 ? row : null;
    }

    body.addEventListener("dragover", function (event) {
      if (dragged && targetRow(event)) {
        event.preventDefault();
        event.dataTransfer.dropEffect = "move";
      }
    });
    body.addEventListener("drop", function (event) {
      var target = targetRow(event);
      if (!dragged || !target) {
        return;
      }
      event.preventDefault();
      if (target !== dragged) {
        var box = target.getBoundingClientRect();
        var after = event.clientY > box.top + box.height / 2;
        body.insertBefore(dragged, after ? target.nextSibling : target);
        refresh(dragged);
      }
      dragged.classList.remove("dragging");
      dragged = null;
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
