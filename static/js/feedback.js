// "Var sidan till hjälp?": send the answer without leaving the page and say thank you in place.
// Progressive enhancement only: without this file the form posts and the page comes back with the answer.
(function () {
  "use strict";
  var section = document.querySelector("[data-page-feedback]");
  if (!section || !window.fetch || !window.FormData) {
    return;
  }
  var form = section.querySelector("form");
  if (!form) {
    return;
  }
  form.addEventListener("submit", function (event) {
    var submitter = event.submitter;
    if (!submitter) {
      return; // an old browser: let the form post normally
    }
    event.preventDefault();
    var data = new FormData(form);
    data.set(submitter.name, submitter.value);
    var buttons = form.querySelectorAll("button");
    buttons.forEach(function (button) { button.disabled = true; });
    fetch(form.action, { method: "POST", body: data, headers: { Accept: "application/json" }, credentials: "same-origin" })
      .then(function (response) {
        return response.json().then(function (body) { return { ok: response.ok, body: body }; });
      })
      .then(function (result) {
        var old = section.querySelector(".page-feedback__error");
        if (old) {
          old.remove();
        }
        var message = document.createElement("p");
        message.textContent = result.body.message;
        if (result.ok) {
          message.className = "page-feedback__thanks";
          message.setAttribute("role", "status");
          form.replaceWith(message);
        } else {
          message.className = "page-feedback__error";
          message.setAttribute("role", "alert");
          form.before(message);
          buttons.forEach(function (button) { button.disabled = false; });
        }
      })
      .catch(function () {
        buttons.forEach(function (button) { button.disabled = false; });
        // The network or the server failed: fall back to a normal post, with the button's answer.
        var answer = document.createElement("input");
        answer.type = "hidden";
        answer.name = submitter.name;
        answer.value = submitter.value;
        form.append(answer);
        form.submit();
      });
  });
})();
