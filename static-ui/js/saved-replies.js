// The saved-replies screen: the team's library, filtered as you type, a form to add one or change
// one, and Delete for admins (the server refuses it for anyone else too). Opened by the top bar's
// "Saved replies" (or the picker's empty state), closed by "Back to inbox"; the inbox stays as it
// was underneath. The server's errors are shown by the field they name.
//
// Listens to `signed-in`, `signed-out`, `saved-replies-open` and `screen-opened` (another screen
// took the page). Emits `screen-opened` ("saved-replies") and `saved-replies-changed` after a
// change (the composer's picker reloads).

import { describeError } from "./api.js";
import { byId, el, formatFull, formatRelative, setText, show } from "./dom.js";

const MAX_TITLE = 100;
const MAX_BODY = 5000;
const FIELDS = ["title", "shortcut", "body"];

export function mountSavedReplies(store, api) {
  const openButton = byId("saved-replies-open");
  const view = byId("saved-replies-view");
  const workspace = document.querySelector("#app > .workspace");

  const field = {};
  const error = {};
  function input(name, control) {
    field[name] = control;
    error[name] = el("p", { class: "field-error", attrs: { id: `saved-reply-${name}-error`, hidden: true } });
    return error[name];
  }

  const ui = {
    back: el("button", { class: "button ghost small settings-back", text: "← Back to inbox", attrs: { id: "saved-replies-back", type: "button" } }),
    heading: el("h1", { class: "settings-title", text: "Saved replies", attrs: { id: "saved-replies-heading", tabindex: "-1" } }),
    form: el("form", { class: "card settings-form", attrs: { id: "saved-reply-form", novalidate: true, "aria-labelledby": "saved-reply-form-title" } }),
    formTitle: el("h2", { class: "settings-subtitle", text: "New saved reply", attrs: { id: "saved-reply-form-title" } }),
    formError: el("p", { class: "form-error", attrs: { id: "saved-reply-form-error", role: "alert", hidden: true } }),
    saved: el("p", { class: "settings-saved", attrs: { id: "saved-reply-saved", role: "status" } }),
    save: el("button", { class: "button primary", text: "Add saved reply", attrs: { id: "saved-reply-save", type: "submit" } }),
    cancel: el("button", { class: "button ghost", text: "Cancel", attrs: { id: "saved-reply-cancel", type: "button", hidden: true } }),
    bodyCount: el("span", { class: "field-count", attrs: { id: "saved-reply-body-count" } }),
    filter: el("input", { attrs: { id: "saved-replies-filter", type: "search", placeholder: "Filter by title or shortcut", autocomplete: "off" } }),
    count: el("span", { class: "settings-count", attrs: { id: "saved-replies-count" } }),
    listError: el("p", { class: "inline-error", attrs: { id: "saved-replies-error", role: "alert", hidden: true } }),
    list: el("ul", { class: "saved-reply-list", attrs: { id: "saved-replies-list", "aria-label": "Saved replies" } }),
    empty: el("p", { class: "empty-list", attrs: { id: "saved-replies-empty", hidden: true } }),
  };

  const titleError = input("title", el("input", { attrs: { id: "saved-reply-title", type: "text", autocomplete: "off", "aria-describedby": "saved-reply-title-error" } }));
  const shortcutError = input(
    "shortcut",
    el("input", {
      attrs: { id: "saved-reply-shortcut", type: "text", autocomplete: "off", autocapitalize: "none", spellcheck: "false", "aria-describedby": "saved-reply-shortcut-hint saved-reply-shortcut-error" },
    }),
  );
  const bodyError = input("body", el("textarea", { attrs: { id: "saved-reply-body", rows: "7", "aria-describedby": "saved-reply-body-hint saved-reply-body-error" } }));

  ui.form.append(
    ui.formTitle,
    ui.formError,
    el("div", { class: "field" }, [el("label", { text: "Title", attrs: { for: "saved-reply-title" } }), field.title, titleError]),
    el("div", { class: "field" }, [
      el("label", { text: "Shortcut", attrs: { for: "saved-reply-shortcut" } }),
      el("div", { class: "shortcut-input" }, [el("span", { class: "shortcut-slash", text: "/", attrs: { "aria-hidden": "true" } }), field.shortcut]),
      el("p", { class: "field-hint", text: "Type / and this in a reply. Up to 32 of a–z, 0–9, - and _.", attrs: { id: "saved-reply-shortcut-hint" } }),
      shortcutError,
    ]),
    el("div", { class: "field" }, [
      el("div", { class: "field-label-row" }, [el("label", { text: "Text", attrs: { for: "saved-reply-body" } }), ui.bodyCount]),
      field.body,
      el("p", { class: "field-hint", text: "{{customer.name}} and {{operator.name}} become the customer's and your name.", attrs: { id: "saved-reply-body-hint" } }),
      bodyError,
    ]),
    el("div", { class: "settings-actions" }, [ui.save, ui.cancel, ui.saved]),
  );

  view.append(
    el("div", { class: "settings-inner" }, [
      el("header", { class: "settings-head" }, [
        ui.back,
        ui.heading,
        el("p", { class: "settings-intro", text: "Answers your team writes often. In a reply, type / and a shortcut (or part of a title) to insert one, then edit it before sending." }),
      ]),
      el("div", { class: "settings-grid" }, [
        ui.form,
        el("section", { class: "settings-list-pane", attrs: { "aria-label": "The team's saved replies" } }, [
          el("div", { class: "settings-list-head" }, [el("label", { class: "visually-hidden", text: "Filter saved replies", attrs: { for: "saved-replies-filter" } }), ui.filter, ui.count]),
          ui.listError,
          ui.list,
          ui.empty,
        ]),
      ]),
    ]),
  );

  /** The library as last loaded; the reply being edited (null: a new one); the reply asked to delete. */
  let replies = [];
  let editing = null;
  let confirming = null;
  let loaded = false;

  function isAdmin() {
    return Boolean(store.state.user && store.state.user.role === "admin");
  }

  // ---- opening and closing

  function openView() {
    if (!store.state.user) return;
    store.emit("screen-opened", "saved-replies");
    if (workspace) show(workspace, false);
    show(view, true);
    openButton.setAttribute("aria-pressed", "true");
    ui.heading.focus();
    load();
  }

  function closeView({ focus = true } = {}) {
    if (view.hidden) return;
    show(view, false);
    if (workspace) show(workspace, true);
    openButton.setAttribute("aria-pressed", "false");
    confirming = null;
    if (focus) openButton.focus();
  }

  openButton.setAttribute("aria-pressed", "false");
  openButton.addEventListener("click", () => (view.hidden ? openView() : closeView()));
  ui.back.addEventListener("click", () => closeView());
  store.on("saved-replies-open", () => openView());
  store.on("screen-opened", (screen) => {
    if (screen !== "saved-replies") closeView({ focus: false });
  });
  store.on("signed-out", () => {
    closeView({ focus: false });
    replies = [];
    loaded = false;
    ui.filter.value = "";
    resetForm();
  });

  // ---- the list

  async function load() {
    show(ui.listError, false);
    ui.list.setAttribute("aria-busy", "true");
    if (!loaded) setText(ui.count, "Loading…");
    try {
      replies = await api.savedReplies();
      loaded = true;
      renderList();
    } catch (e) {
      setText(ui.listError, `Could not load the saved replies. ${describeError(e)}`);
      show(ui.listError, true);
      setText(ui.count, "");
    } finally {
      ui.list.removeAttribute("aria-busy");
    }
  }

  function renderList() {
    const q = ui.filter.value.trim().toLowerCase();
    const shown = q ? replies.filter((r) => r.shortcut.includes(q) || r.title.toLowerCase().includes(q)) : replies;
    ui.list.replaceChildren(...shown.map(item));
    setText(ui.count, replies.length === 0 ? "" : q ? `${shown.length} of ${replies.length}` : `${replies.length} saved ${replies.length === 1 ? "reply" : "replies"}`);
    if (replies.length === 0) setText(ui.empty, "There are no saved replies yet. Add the first one with the form: your whole team can use it at once.");
    else setText(ui.empty, `No saved reply matches “${ui.filter.value.trim()}”.`);
    show(ui.empty, loaded && shown.length === 0);
  }

  function item(reply) {
    const edited = reply.updated_at !== reply.created_at;
    const actions = [
      el("button", { class: "link-button saved-reply-edit", text: "Edit", attrs: { type: "button", "aria-label": `Edit “${reply.title}”` }, on: { click: () => startEdit(reply) } }),
    ];
    if (isAdmin()) {
      actions.push(
        el("button", {
          class: "link-button danger saved-reply-delete",
          text: "Delete",
          attrs: { type: "button", "aria-label": `Delete “${reply.title}”` },
          on: {
            click: () => {
              confirming = reply.id;
              renderList();
              byId(`saved-reply-confirm-${reply.id}`).focus();
            },
          },
        }),
      );
    }
    const node = el("li", { class: editing && editing.id === reply.id ? "saved-reply editing" : "saved-reply", data: { savedReplyId: reply.id, shortcut: reply.shortcut } }, [
      el("div", { class: "saved-reply-head" }, [el("span", { class: "saved-reply-title", text: reply.title }), el("span", { class: "saved-reply-shortcut", text: `/${reply.shortcut}` })]),
      el("p", { class: "saved-reply-body", text: reply.body }),
      el("div", { class: "saved-reply-foot" }, [
        el("span", {
          class: "saved-reply-meta",
          text: edited ? `Changed by ${reply.updated_by} · ${formatRelative(reply.updated_at)}` : `Added by ${reply.created_by} · ${formatRelative(reply.created_at)}`,
          attrs: { title: edited ? `Added by ${reply.created_by}, ${formatFull(reply.created_at)}; changed by ${reply.updated_by}, ${formatFull(reply.updated_at)}` : formatFull(reply.created_at) },
        }),
        el("span", { class: "saved-reply-actions" }, actions),
      ]),
    ]);
    if (confirming === reply.id) {
      node.append(
        el("div", { class: "saved-reply-confirm", attrs: { role: "group", "aria-label": "Confirm deletion" } }, [
          el("span", { text: "Delete it for the whole team?" }),
          el("button", { class: "button small danger-button", text: "Delete", attrs: { id: `saved-reply-confirm-${reply.id}`, type: "button" }, on: { click: () => remove(reply) } }),
          el("button", {
            class: "button small ghost",
            text: "Keep",
            attrs: { type: "button" },
            on: {
              click: () => {
                confirming = null;
                renderList();
              },
            },
          }),
        ]),
      );
    }
    return node;
  }

  async function remove(reply) {
    try {
      await api.deleteSavedReply(reply.id);
      confirming = null;
      if (editing && editing.id === reply.id) resetForm();
      replies = replies.filter((r) => r.id !== reply.id);
      renderList();
      setText(ui.saved, `Deleted “${reply.title}”.`);
      store.emit("saved-replies-changed");
      ui.filter.focus();
    } catch (e) {
      confirming = null;
      renderList();
      setText(ui.listError, e.status === 403 ? "Only admins can delete saved replies." : `Could not delete “${reply.title}”. ${describeError(e)}`);
      show(ui.listError, true);
      if (e.status === 404) load();
    }
  }

  ui.filter.addEventListener("input", () => renderList());

  // ---- the form

  function startEdit(reply) {
    editing = reply;
    field.title.value = reply.title;
    field.shortcut.value = reply.shortcut;
    field.body.value = reply.body;
    setText(ui.formTitle, "Change saved reply");
    setText(ui.save, "Save changes");
    show(ui.cancel, true);
    setText(ui.saved, "");
    clearErrors();
    updateCount();
    renderList();
    ui.form.scrollIntoView({ block: "nearest" });
    field.title.focus();
  }

  function resetForm() {
    editing = null;
    for (const name of FIELDS) field[name].value = "";
    setText(ui.formTitle, "New saved reply");
    setText(ui.save, "Add saved reply");
    show(ui.cancel, false);
    clearErrors();
    updateCount();
  }

  function clearErrors() {
    show(ui.formError, false);
    for (const name of FIELDS) showFieldError(name, null);
  }

  function showFieldError(name, text) {
    setText(error[name], text || "");
    show(error[name], Boolean(text));
    if (text) field[name].setAttribute("aria-invalid", "true");
    else field[name].removeAttribute("aria-invalid");
  }

  function updateCount() {
    const length = [...field.body.value.trim()].length;
    setText(ui.bodyCount, `${length} / ${MAX_BODY}`);
    ui.bodyCount.classList.toggle("over", length > MAX_BODY);
    const titleLength = [...field.title.value.trim()].length;
    field.title.classList.toggle("over", titleLength > MAX_TITLE);
  }

  field.body.addEventListener("input", updateCount);
  field.title.addEventListener("input", updateCount);
  for (const name of FIELDS) field[name].addEventListener("input", () => showFieldError(name, null));
  ui.cancel.addEventListener("click", () => {
    const id = editing ? editing.id : null;
    resetForm();
    renderList();
    const row = id ? ui.list.querySelector(`[data-saved-reply-id="${id}"] .saved-reply-edit`) : null;
    (row || field.title).focus();
  });

  ui.form.addEventListener("submit", async (e) => {
    e.preventDefault();
    clearErrors();
    setText(ui.saved, "");
    // What people type: "/refund" or "Refund" for the shortcut refund.
    const draft = {
      title: field.title.value,
      shortcut: field.shortcut.value.trim().replace(/^\//, "").toLowerCase(),
      body: field.body.value,
    };
    ui.save.disabled = true;
    try {
      const stored = editing ? await api.updateSavedReply(editing.id, draft) : await api.createSavedReply(draft);
      const others = replies.filter((r) => r.id !== stored.id);
      replies = [...others, stored].sort((a, b) => a.title.toLowerCase().localeCompare(b.title.toLowerCase()));
      setText(ui.saved, editing ? `Saved “${stored.title}”.` : `Added “${stored.title}”: type /${stored.shortcut} in a reply.`);
      resetForm();
      renderList();
      store.emit("saved-replies-changed");
      field.title.focus();
    } catch (err) {
      if (err.field && FIELDS.includes(err.field)) {
        showFieldError(err.field, sentence(err.message));
        field[err.field].focus();
      } else {
        setText(ui.formError, err.status === 404 ? "This saved reply was deleted meanwhile." : describeError(err));
        show(ui.formError, true);
        if (err.status === 404) {
          resetForm();
          load();
        }
      }
    } finally {
      ui.save.disabled = false;
    }
  });

  store.on("signed-in", () => {
    if (!view.hidden) load();
  });
}

/** The server's detail as a sentence: "title must not be empty" → "Title must not be empty." */
function sentence(text) {
  const s = String(text || "").trim();
  if (!s) return "";
  return s.charAt(0).toUpperCase() + s.slice(1) + (/[.!?]$/.test(s) ? "" : ".");
}
