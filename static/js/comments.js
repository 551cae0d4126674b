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
})();
