// The knowledge-base screen: the team's articles (policies, how-tos) that AI suggestions are
// grounded in. A list filtered by title as you type and by a tag (a tag's button in the list), a
// form to add one or change one (title, text, tags, language), and Delete for admins (the server
// refuses it for anyone else too). Opened by the top bar's "Knowledge base", closed by "Back to
// inbox"; the inbox stays as it was underneath. The server's errors are shown by the field they
// name. An article's text is Markdown kept as plain text: shown as written, never rendered.
//
// Listens to `signed-in`, `signed-out` and `screen-opened` (another screen took the page). Emits
// `screen-opened` ("knowledge-base").

import { describeError } from "./api.js";
import { byId, el, formatFull, formatRelative, setText, show } from "./dom.js";

const MAX_TITLE = 200;
const MAX_BODY = 50000;
const MAX_TAGS = 20;
const PAGE = 50;
const FIELDS = ["title", "body", "tags", "language"];

export function mountKnowledgeBase(store, api) {
  const openButton = byId("kb-open");
  const view = byId("kb-view");
  const workspace = document.querySelector("#app > .workspace");

  const field = {};
  const error = {};
  function input(name, control) {
    field[name] = control;
    error[name] = el("p", { class: "field-error", attrs: { id: `kb-${name}-error`, hidden: true } });
    return error[name];
  }

  const ui = {
    back: el("button", { class: "button ghost small settings-back", text: "← Back to inbox", attrs: { id: "kb-back", type: "button" } }),
    heading: el("h1", { class: "settings-title", text: "Knowledge base", attrs: { id: "kb-heading", tabindex: "-1" } }),
    form: el("form", { class: "card settings-form", attrs: { id: "kb-form", novalidate: true, "aria-labelledby": "kb-form-title" } }),
    formTitle: el("h2", { class: "settings-subtitle", text: "New article", attrs: { id: "kb-form-title" } }),
    formError: el("p", { class: "form-error", attrs: { id: "kb-form-error", role: "alert", hidden: true } }),
    saved: el("p", { class: "settings-saved", attrs: { id: "kb-saved", role: "status" } }),
    save: el("button", { class: "button primary", text: "Add article", attrs: { id: "kb-save", type: "submit" } }),
    cancel: el("button", { class: "button ghost", text: "Cancel", attrs: { id: "kb-cancel", type: "button", hidden: true } }),
    bodyCount: el("span", { class: "field-count", attrs: { id: "kb-body-count" } }),
    filter: el("input", { attrs: { id: "kb-filter", type: "search", placeholder: "Filter by title", autocomplete: "off", maxlength: "200" } }),
    tagFilter: el("button", { class: "kb-tag-filter", attrs: { id: "kb-tag-filter", type: "button", hidden: true } }),
    count: el("span", { class: "settings-count", attrs: { id: "kb-count", role: "status" } }),
    listError: el("div", { class: "inline-error kb-list-error", attrs: { id: "kb-error", role: "alert", hidden: true } }),
    list: el("ul", { class: "kb-list", attrs: { id: "kb-list", "aria-label": "Articles" } }),
    empty: el("p", { class: "empty-list", attrs: { id: "kb-empty", hidden: true } }),
    more: el("button", { class: "button ghost block", text: "Load more", attrs: { id: "kb-more", type: "button", hidden: true } }),
  };

  const titleError = input("title", el("input", { attrs: { id: "kb-title", type: "text", autocomplete: "off", "aria-describedby": "kb-title-error" } }));
  const bodyError = input("body", el("textarea", { attrs: { id: "kb-body", rows: "12", "aria-describedby": "kb-body-hint kb-body-error" } }));
  const tagsError = input("tags", el("input", { attrs: { id: "kb-tags", type: "text", autocomplete: "off", autocapitalize: "none", "aria-describedby": "kb-tags-hint kb-tags-error" } }));
  const languageError = input(
    "language",
    el("input", { attrs: { id: "kb-language", type: "text", autocomplete: "off", autocapitalize: "none", spellcheck: "false", maxlength: "2", size: "4", "aria-describedby": "kb-language-hint kb-language-error" } }),
  );

  ui.form.append(
    ui.formTitle,
    ui.formError,
    el("div", { class: "field" }, [el("label", { text: "Title", attrs: { for: "kb-title" } }), field.title, titleError]),
    el("div", { class: "field" }, [
      el("div", { class: "field-label-row" }, [el("label", { text: "Text", attrs: { for: "kb-body" } }), ui.bodyCount]),
      field.body,
      el("p", { class: "field-hint", text: "Markdown is kept as written; the AI reads it as plain text.", attrs: { id: "kb-body-hint" } }),
      bodyError,
    ]),
    el("div", { class: "kb-form-row" }, [
      el("div", { class: "field kb-tags-field" }, [
        el("label", { text: "Tags", attrs: { for: "kb-tags" } }),
        field.tags,
        el("p", { class: "field-hint", text: "Separated by commas, e.g. billing, refunds. Up to 20.", attrs: { id: "kb-tags-hint" } }),
        tagsError,
      ]),
      el("div", { class: "field kb-language-field" }, [
        el("label", { text: "Language", attrs: { for: "kb-language" } }),
        field.language,
        el("p", { class: "field-hint", text: "Two letters: en, de, fr… Empty if unknown.", attrs: { id: "kb-language-hint" } }),
        languageError,
      ]),
    ]),
    el("div", { class: "settings-actions" }, [ui.save, ui.cancel, ui.saved]),
  );

  view.append(
    el("div", { class: "settings-inner" }, [
      el("header", { class: "settings-head" }, [
        ui.back,
        ui.heading,
        el("p", { class: "settings-intro", text: "What your team knows: policies, answers, how-tos. AI suggestions are based on these articles." }),
      ]),
      el("div", { class: "settings-grid" }, [
        ui.form,
        el("section", { class: "settings-list-pane", attrs: { "aria-label": "The team's articles" } }, [
          el("div", { class: "settings-list-head" }, [el("label", { class: "visually-hidden", text: "Filter articles by title", attrs: { for: "kb-filter" } }), ui.filter, ui.count]),
          ui.tagFilter,
          ui.listError,
          ui.list,
          ui.empty,
          ui.more,
        ]),
      ]),
    ]),
  );

  /** The articles loaded so far (pages of the current filter); the one being edited; the one asked to delete. */
  let articles = [];
  let editing = null;
  let confirming = null;
  let loaded = false;
  let more = false;
  let tag = null;
  let generation = 0;
  let filterTimer = null;

  function isAdmin() {
    return Boolean(store.state.user && store.state.user.role === "admin");
  }

  // ---- opening and closing

  function openView() {
    if (!store.state.user) return;
    store.emit("screen-opened", "knowledge-base");
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
  store.on("screen-opened", (screen) => {
    if (screen !== "knowledge-base") closeView({ focus: false });
  });
  store.on("signed-out", () => {
    closeView({ focus: false });
    articles = [];
    loaded = false;
    tag = null;
    ui.filter.value = "";
    resetForm();
    renderList();
  });
  store.on("signed-in", () => {
    if (!view.hidden) load();
  });
  // A suggested reply's "Based on:" link: the article, open in the form.
  store.on("open-article", async (articleId) => {
    openView();
    try {
      startEdit(await api.article(articleId));
    } catch (e) {
      const gone = e && e.status === 404;
      showListError(gone ? "That article is no longer in the knowledge base." : `Could not open the article. ${describeError(e)}`, gone ? null : () => store.emit("open-article", articleId));
    }
  });

  // ---- the list

  /** The first page of the current filter (`append`: the next page); a later call wins. */
  async function load({ append = false } = {}) {
    const mine = ++generation;
    show(ui.listError, false);
    ui.list.setAttribute("aria-busy", "true");
    ui.more.disabled = true;
    if (!append) setText(ui.count, "Loading…");
    try {
      const page = await api.articles({ q: ui.filter.value.trim(), tag, offset: append ? articles.length : 0, limit: PAGE });
      if (mine !== generation) return;
      articles = append ? [...articles, ...page.filter((a) => !articles.some((b) => b.id === a.id))] : page;
      more = page.length === PAGE;
      loaded = true;
      renderList();
    } catch (e) {
      if (mine !== generation) return;
      showListError(`Could not load the articles. ${describeError(e)}`, () => load({ append }));
      setText(ui.count, "");
    } finally {
      if (mine === generation) {
        ui.list.removeAttribute("aria-busy");
        ui.more.disabled = false;
      }
    }
  }

  function showListError(text, retry) {
    const children = [el("span", { text })];
    if (retry) children.push(el("button", { class: "link-button", text: "Try again", attrs: { id: "kb-retry", type: "button" }, on: { click: retry } }));
    ui.listError.replaceChildren(...children);
    show(ui.listError, true);
  }

  function filtered() {
    return Boolean(ui.filter.value.trim() || tag);
  }

  function renderTagFilter() {
    setText(ui.tagFilter, tag ? `Tag: ${tag} ✕` : "");
    ui.tagFilter.setAttribute("aria-label", tag ? `Show every tag, not only “${tag}”` : "");
    show(ui.tagFilter, Boolean(tag));
  }

  function renderList() {
    ui.list.replaceChildren(...articles.map(item));
    renderTagFilter();
    const n = articles.length;
    setText(ui.count, !loaded ? "" : n === 0 ? "" : `${n}${more ? "+" : ""} ${n === 1 ? "article" : "articles"}${filtered() ? " found" : ""}`);
    if (!filtered()) setText(ui.empty, "There are no articles yet. Write the first one with the form, or import a file with ./inbox kb import.");
    else setText(ui.empty, `No article matches${ui.filter.value.trim() ? ` “${ui.filter.value.trim()}”` : ""}${tag ? ` with the tag “${tag}”` : ""}.`);
    show(ui.empty, loaded && n === 0);
    show(ui.more, loaded && more);
  }

  function item(article) {
    const edited = article.version > 1;
    const actions = [
      el("button", { class: "link-button kb-edit", text: "Edit", attrs: { type: "button", "aria-label": `Edit “${article.title}”` }, on: { click: () => startEdit(article) } }),
    ];
    if (isAdmin()) {
      actions.push(
        el("button", {
          class: "link-button danger kb-delete",
          text: "Delete",
          attrs: { type: "button", "aria-label": `Delete “${article.title}”` },
          on: {
            click: () => {
              confirming = article.id;
              renderList();
              byId(`kb-confirm-${article.id}`).focus();
            },
          },
        }),
      );
    }
    const head = [el("span", { class: "kb-article-title", text: article.title })];
    if (article.language) head.push(el("span", { class: "kb-language", text: article.language.toUpperCase(), attrs: { title: `Language: ${article.language}` } }));
    const node = el("li", { class: editing && editing.id === article.id ? "kb-article editing" : "kb-article", data: { articleId: article.id } }, [
      el("div", { class: "kb-article-head" }, head),
      el("p", { class: "kb-article-body", text: article.body }),
      article.tags.length
        ? el(
            "ul",
            { class: "kb-tags", attrs: { "aria-label": "Tags" } },
            article.tags.map((t) =>
              el("li", {}, [
                el("button", {
                  class: t === tag ? "kb-tag active" : "kb-tag",
                  text: t,
                  attrs: { type: "button", "aria-label": `Only articles tagged “${t}”`, "aria-pressed": t === tag ? "true" : "false" },
                  on: { click: () => setTag(t === tag ? null : t) },
                }),
              ]),
            ),
          )
        : null,
      el("div", { class: "saved-reply-foot" }, [
        el("span", {
          class: "saved-reply-meta",
          text: edited ? `Changed by ${article.updated_by} · ${formatRelative(article.updated_at)}` : `Added by ${article.created_by} · ${formatRelative(article.created_at)}`,
          attrs: {
            title: edited
              ? `Added by ${article.created_by}, ${formatFull(article.created_at)}; changed by ${article.updated_by}, ${formatFull(article.updated_at)} (version ${article.version})`
              : formatFull(article.created_at),
          },
        }),
        el("span", { class: "saved-reply-actions" }, actions),
      ]),
    ]);
    if (confirming === article.id) {
      node.append(
        el("div", { class: "saved-reply-confirm", attrs: { role: "group", "aria-label": "Confirm deletion" } }, [
          el("span", { text: "Delete this article for the whole team?" }),
          el("button", { class: "button small danger-button", text: "Delete", attrs: { id: `kb-confirm-${article.id}`, type: "button" }, on: { click: () => remove(article) } }),
          el("button", {
            class: "button small ghost",
            text: "Keep",
            attrs: { type: "button" },
            on: {
              click: () => {
                confirming = null;
                renderList();
                const row = ui.list.querySelector(`[data-article-id="${article.id}"] .kb-delete`);
                if (row) row.focus();
              },
            },
          }),
        ]),
      );
    }
    return node;
  }

  function setTag(value) {
    tag = value;
    renderTagFilter();
    load();
    (value ? ui.tagFilter : ui.filter).focus();
  }

  async function remove(article) {
    try {
      await api.deleteArticle(article.id);
      confirming = null;
      if (editing && editing.id === article.id) resetForm();
      articles = articles.filter((a) => a.id !== article.id);
      renderList();
      setText(ui.saved, `Deleted “${article.title}”.`);
      ui.filter.focus();
    } catch (e) {
      confirming = null;
      renderList();
      showListError(e.status === 403 ? "Only admins can delete articles." : `Could not delete “${article.title}”. ${describeError(e)}`);
      if (e.status === 404) load();
    }
  }

  ui.filter.addEventListener("input", () => {
    clearTimeout(filterTimer);
    filterTimer = setTimeout(() => load(), 250);
  });
  ui.filter.addEventListener("keydown", (e) => {
    if (e.key === "Enter") {
      e.preventDefault();
      clearTimeout(filterTimer);
      load();
    }
  });
  ui.tagFilter.addEventListener("click", () => setTag(null));
  ui.more.addEventListener("click", () => load({ append: true }));

  // ---- the form

  function startEdit(article) {
    editing = article;
    field.title.value = article.title;
    field.body.value = article.body;
    field.tags.value = article.tags.join(", ");
    field.language.value = article.language || "";
    setText(ui.formTitle, "Change article");
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
    setText(ui.formTitle, "New article");
    setText(ui.save, "Add article");
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
    setText(ui.bodyCount, `${length.toLocaleString()} / ${MAX_BODY.toLocaleString()}`);
    ui.bodyCount.classList.toggle("over", length > MAX_BODY);
    field.title.classList.toggle("over", [...field.title.value.trim()].length > MAX_TITLE);
  }

  /** "billing, Refunds ,billing" → ["billing", "refunds"]: as the server stores them. */
  function tagsOf(text) {
    const tags = [];
    for (const part of text.split(",")) {
      const t = part.trim().toLowerCase();
      if (t && !tags.includes(t)) tags.push(t);
    }
    return tags;
  }

  field.body.addEventListener("input", updateCount);
  field.title.addEventListener("input", updateCount);
  for (const name of FIELDS) field[name].addEventListener("input", () => showFieldError(name, null));
  ui.cancel.addEventListener("click", () => {
    const id = editing ? editing.id : null;
    resetForm();
    renderList();
    const row = id ? ui.list.querySelector(`[data-article-id="${id}"] .kb-edit`) : null;
    (row || field.title).focus();
  });

  ui.form.addEventListener("submit", async (e) => {
    e.preventDefault();
    clearErrors();
    setText(ui.saved, "");
    const tags = tagsOf(field.tags.value);
    if (tags.length > MAX_TAGS) {
      showFieldError("tags", `${tags.length} tags; at most ${MAX_TAGS} are allowed.`);
      field.tags.focus();
      return;
    }
    const language = field.language.value.trim().toLowerCase();
    const draft = { title: field.title.value, body: field.body.value, tags, language: language || null };
    ui.save.disabled = true;
    try {
      const stored = editing ? await api.putArticle(editing.id, { ...draft, version: editing.version }) : await api.createArticle(draft);
      const others = articles.filter((a) => a.id !== stored.id);
      articles = [...others, stored].sort((a, b) => a.title.toLowerCase().localeCompare(b.title.toLowerCase()));
      setText(ui.saved, editing ? `Saved “${stored.title}”.` : `Added “${stored.title}”.`);
      resetForm();
      loaded = true;
      renderList();
      field.title.focus();
    } catch (err) {
      if (err.status === 409 && err.field === "version") {
        setText(ui.formError, "Someone changed or deleted this article meanwhile. Your text is still in the form: copy what you need, then Cancel to see theirs.");
        show(ui.formError, true);
        load();
      } else if (err.field && FIELDS.includes(err.field)) {
        showFieldError(err.field, sentence(err.message));
        field[err.field].focus();
      } else {
        setText(ui.formError, describeError(err));
        show(ui.formError, true);
      }
    } finally {
      ui.save.disabled = false;
    }
  });

  resetForm();
}

/** The server's detail as a sentence: "title must not be empty" → "Title must not be empty." */
function sentence(text) {
  const s = String(text || "").trim();
  if (!s) return "";
  return s.charAt(0).toUpperCase() + s.slice(1) + (/[.!?]$/.test(s) ? "" : ".");
}
