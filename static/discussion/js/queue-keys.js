// Keyboard shortcuts in the comment queue (templates/discussion/admin/comment_index.html):
// j / k move to the next / previous comment, a approves it, r rejects it (the reason form opens),
// ? shows the list of shortcuts. Nothing fires while the moderator types in a field or holds a
// modifier key. What happens is announced in the page's live region; the texts come from the page
// (data attributes, translated on the server).
(function () {
  "use strict";

  var help = document.getElementById("comment-shortcuts-dialog");
  var status = document.getElementById("comment-shortcuts-status");
  if (!help || !status) {
    return;
  }
  var text = help.dataset;
  var FOCUS_KEY = "discussion.queue.focus";

  function rows() {
    var cells = document.querySelectorAll("#listing-results td.comment-decisions");
    return Array.prototype.map.call(cells, function (cell) {
      return cell.closest("tr");
    });
  }

  function announce(message) {
    // Cleared first so that the same message twice is announced twice.
    status.textContent = "";
    window.setTimeout(function () {
      status.textContent = message;
    }, 50);
  }

  function format(template, values) {
    return template.replace(/%\((\w+)\)s/g, function (match, name) {
      return name in values ? values[name] : match;
    });
  }

  function currentIndex(list) {
    var row = document.activeElement && document.activeElement.closest("tr");
    return row ? list.indexOf(row) : -1;
  }

  function describe(row) {
    var commenter = row.querySelector("[data-commenter]");
    var comment = row.querySelector("[id$='_title']");
    return [commenter ? commenter.dataset.commenter : "", comment ? comment.textContent.trim() : ""]
      .filter(Boolean)
      .join(": ");
  }

  function focusRow(list, index) {
    var row = list[index];
    if (!row) {
      return;
    }
    row.setAttribute("tabindex", "-1");
    row.classList.add("comment-row");
    row.focus();
    row.scrollIntoView({ block: "nearest" });
    announce(
      format(text.position, { number: index + 1, total: list.length }) + " " + describe(row),
    );
  }

  function move(step) {
    var list = rows();
    if (!list.length) {
      announce(text.empty);
      return;
    }
    var index = currentIndex(list);
    var next = index === -1 ? (step > 0 ? 0 : list.length - 1) : index + step;
    if (next < 0 || next >= list.length) {
      announce(step > 0 ? text.last : text.first);
      return;
    }
    focusRow(list, next);
  }

  function decide(kind) {
    var list = rows();
    var index = currentIndex(list);
    if (index === -1) {
      announce(text.choose);
      return;
    }
    var control = list[index].querySelector("[data-decision='" + kind + "']");
    if (!control) {
      announce(kind === "approve" ? text.alreadyApproved : text.alreadyRejected);
      return;
    }
    // Back in the listing after the decision, focus goes to the comment in this place.
    window.sessionStorage.setItem(FOCUS_KEY, String(index));
    announce(kind === "approve" ? text.approving : text.rejecting);
    if (control.form) {
      control.form.requestSubmit(control);
    } else {
      window.location.assign(control.href);
    }
  }

  function typing(target) {
    var field = target.closest && target.closest("input, textarea, select, [contenteditable]");
    if (!field) {
      return false;
    }
    if (field.tagName === "INPUT") {
      // A checkbox or a button takes no text: the shortcuts still work there.
      return !/^(checkbox|radio|button|submit|reset|image)$/i.test(field.type);
    }
    return field.getAttribute("contenteditable") !== "false";
  }

  function onKey(event) {
    if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey) {
      return;
    }
    if (typing(event.target) || (document.querySelector("dialog[open]") && event.key !== "?")) {
      return;
    }
    var actions = {
      j: function () {
        move(1);
      },
      k: function () {
        move(-1);
      },
      a: function () {
        decide("approve");
      },
      r: function () {
        decide("reject");
      },
      "?": function () {
        if (!help.open) {
          help.showModal();
        }
      },
    };
    var action = actions[event.key];
    if (!action) {
      return;
    }
    event.preventDefault();
    // Wagtail's own "?" would open its general shortcuts dialog as well.
    event.stopPropagation();
    action();
  }

  // Capture on window: before Wagtail's document-level shortcut handlers.
  window.addEventListener("keydown", onKey, true);

  document.querySelectorAll("[data-comment-shortcuts-open]").forEach(function (button) {
    button.addEventListener("click", function () {
      help.showModal();
    });
  });
  help.querySelectorAll("[data-comment-shortcuts-close]").forEach(function (button) {
    button.addEventListener("click", function () {
      help.close();
    });
  });

  var saved = window.sessionStorage.getItem(FOCUS_KEY);
  if (saved !== null) {
    window.sessionStorage.removeItem(FOCUS_KEY);
    var list = rows();
    if (list.length) {
      focusRow(list, Math.min(Number(saved) || 0, list.length - 1));
    }
  }
})();
