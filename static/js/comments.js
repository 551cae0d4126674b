// Live character counter for the comment field. The server counts the same way:
// String.length (UTF-16 code units), with every line break as one character.
(function () {
  "use strict";
  // After a refused post, take keyboard and screen-reader users straight to what went wrong.
  var summary = document.querySelector(".comment-form .error-summary");
  if (summary) {
    summary.focus();
  }
  document.querySelectorAll("textarea[data-comment-counter]").forEach(function (field) {
    var max = parseInt(field.getAttribute("maxlength"), 10);
    var counter = field.form && field.form.querySelector(".comment-form__counter");
    if (!max || !counter) {
      return;
    }
    var template = counter.getAttribute("data-template");
    var timer = null;
    function update() {
      var left = max - field.value.length;
      counter.textContent = template.replace("__N__", String(left));
      counter.classList.toggle("comment-form__counter--low", left < 20);
    }
    // Screen readers hear the count after a pause in typing, not on every key.
    field.addEventListener("input", function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(update, 400);
    });
    update();
  });

  // "Svara" opens the form under the comment it answers; without JavaScript the link leads to a
  // reply page. The form keeps its place in the document as a marker to go back to.
  var place = document.querySelector(".comment-form-place");
  var replyField = place && place.querySelector("input[name=reply_to]");
  if (!place || !replyField) {
    return;
  }
  var heading = place.querySelector("#comment-form-heading");
  var originalHeading = heading ? heading.textContent : "";
  var home = document.createComment("comment-form");
  place.parentNode.insertBefore(home, place);
  var cancel = document.createElement("button");
  cancel.type = "button";
  cancel.className = "comment-form__cancel";
  cancel.textContent = place.getAttribute("data-cancel");
  cancel.hidden = true;
  place.querySelector("form").appendChild(cancel);

  function openUnder(commentId, focus) {
    var item = document.getElementById("kommentar-" + commentId);
    var name = document.getElementById("kommentar-" + commentId + "-namn");
    if (!item) {
      return false;
    }
    var article = item.querySelector("article");
    article.parentNode.insertBefore(place, article.nextSibling);
    replyField.value = commentId;
    if (heading && name) {
      heading.textContent = place.getAttribute("data-reply-heading").replace("__NAME__", name.textContent);
    }
    cancel.hidden = false;
    if (focus) {
      place.querySelector("textarea").focus();
    }
    return true;
  }

  function closeReply() {
    home.parentNode.insertBefore(place, home.nextSibling);
    replyField.value = "";
    if (heading) {
      heading.textContent = originalHeading;
    }
    cancel.hidden = true;
    place.querySelector("textarea").focus();
  }

  cancel.addEventListener("click", closeReply);
  document.querySelectorAll("a[data-reply-to]").forEach(function (link) {
    link.addEventListener("click", function (event) {
      if (openUnder(link.getAttribute("data-reply-to"), true)) {
        event.preventDefault();
      }
    });
  });
  // A refused reply comes back with its target filled in: show it where it belongs.
  if (replyField.value) {
    openUnder(replyField.value, false);
  }
})();
