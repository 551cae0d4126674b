// The page editor's autosave never replays a button press.
//
// Wagtail's workflow buttons ("Godkänn och publicera") add hidden fields to the edit form and
// submit it; the autosave, seeing the form change, would post the same fields again in the
// background. Once the form is being submitted no autosave starts, and an autosave never carries
// a publish, submit or workflow-action field. The server drops such fields too
// (publishing/middleware.py); this spares the request.
(() => {
  "use strict";
  const ACTION_PREFIXES = ["action-", "workflow-action-"];
  const isActionField = (name) => ACTION_PREFIXES.some((prefix) => name.startsWith(prefix));

  document.addEventListener(
    "submit",
    (event) => {
      if (event.target instanceof HTMLFormElement) {
        event.target.dataset.publishingSubmitting = "true";
      }
    },
    true,
  );

  document.addEventListener("w-autosave:save", (event) => {
    const form = event.target;
    const submitting =
      form.dataset.publishingSubmitting === "true" || form.querySelector("input[type=hidden][name=action-workflow-action]");
    if (submitting) {
      event.preventDefault();
      return;
    }
    const formData = event.detail && event.detail.formData;
    if (!formData) return;
    for (const name of Array.from(formData.keys())) {
      if (isActionField(name)) formData.delete(name);
    }
  });
})();
