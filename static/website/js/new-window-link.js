/* "Öppnas i nytt fönster" as a checkbox in the link dialog (internal and external links).
 *
 * Wagtail's link source (window.draftail.LinkModalWorkflowSource) is extended, not copied: each step
 * of the chooser that picks a page or an address gets the checkbox, and the choice is kept in the
 * link entity's data as `newWindow`. The server stores it as the long-standing marker
 * <span class="new-window"> inside the link (website/rich_text.py), which the site renders with
 * target="_blank" and a visible "(öppnas i nytt fönster)".
 */
(() => {
  const draftail = window.draftail;
  if (!draftail || !draftail.LinkModalWorkflowSource || draftail.NewWindowLinkSource) return;

  const STEPS_WITH_CHECKBOX = ["browse", "search", "external_link", "confirm_external_to_internal"];
  const NOT_A_WINDOW = /^(mailto:|tel:|#)/;

  function addCheckbox(modal, choice, label) {
    const body = modal.body && (modal.body.jquery ? modal.body[0] : modal.body);
    if (!body || body.querySelector("[data-new-window-choice]")) return;
    const field = document.createElement("div");
    field.className = "w-field__wrapper new-window-choice";
    field.setAttribute("data-new-window-choice", "");
    const input = document.createElement("input");
    input.type = "checkbox";
    input.id = "new-window-choice";
    input.name = "new_window";
    input.checked = choice.newWindow;
    input.addEventListener("change", () => {
      choice.newWindow = input.checked;
    });
    const text = document.createElement("label");
    text.htmlFor = input.id;
    text.textContent = ` ${label}`;
    field.append(input, text);
    const anchor = body.querySelector(".link-types");
    if (anchor) {
      anchor.after(field);
    } else {
      (body.querySelector(".nice-padding") || body).prepend(field);
    }
  }

  class NewWindowLinkSource extends draftail.LinkModalWorkflowSource {
    getChooserConfig(entity, selectedText) {
      const config = super.getChooserConfig(entity, selectedText);
      const choice = { newWindow: Boolean(entity && entity.getData().newWindow) };
      const label = this.props.entityType.newWindowLabel || "Öppnas i nytt fönster";
      const onload = {};
      Object.entries(config.onload || {}).forEach(([step, handler]) => {
        onload[step] = (modal, jsonData) => {
          handler(modal, jsonData);
          if (STEPS_WITH_CHECKBOX.includes(step)) addCheckbox(modal, choice, label);
        };
      });
      const chosen = config.responses.pageChosen;
      return {
        ...config,
        onload,
        responses: { ...config.responses, pageChosen: (data) => chosen({ ...data, newWindow: choice.newWindow }) },
      };
    }

    filterEntityData(data) {
      const entityData = super.filterEntityData(data);
      if (data.newWindow && !NOT_A_WINDOW.test(data.url || "")) entityData.newWindow = true;
      return entityData;
    }
  }

  // registerPlugin replaces a type's whole entry: keep Wagtail's decorator and paste rule for LINK.
  const probe = "NEW_WINDOW_LINK_PROBE";
  const entityTypes = draftail.registerPlugin({ type: probe }, "entityTypes");
  delete entityTypes[probe];
  draftail.registerPlugin({ ...entityTypes.LINK, type: "LINK", source: NewWindowLinkSource }, "entityTypes");
  draftail.NewWindowLinkSource = NewWindowLinkSource;
})();
