// The saved-reply picker of the operator's composer. "/" at the start of the composer, or after
// white space, opens the team's saved replies above it, filtered by what follows the "/" (in the
// shortcut or the title, any case). The ARIA combobox pattern: the textarea is the combobox
// (aria-expanded, aria-controls, aria-activedescendant), the list a listbox of role=option items,
// and focus never leaves the textarea. Up/Down move, Enter or Tab insert, Escape closes without
// inserting (that "/" then stays closed until another one is typed). The chosen reply replaces
// "/query" with its body, {{customer.name}} and {{operator.name}} filled in (other placeholders
// stay as written); nothing is sent until the operator sends it.
//
// Listens to `conversation-opened`, `conversation-loaded`, `conversation-closed`, `signed-out`
// and `saved-replies-changed`. Emits `saved-replies-open` (the empty state's "Add saved replies").
// Changes the composer's text through the textarea and an `input` event, so composer.js (height,
// Send) and reply-box.js (drafts) follow as if the operator had typed it.

import { describeError } from "./api.js";
import { byId, el, setText, show } from "./dom.js";

/** "/" and the query before the caret: at the start or after white space, no white space or "/" in it. */
const TRIGGER = /(^|\s)\/([^\s/]*)$/u;

/** The placeholders the composer fills; spaces inside the braces are allowed. */
const PLACEHOLDER = /\{\{\s*(customer|operator)\.name\s*\}\}/g;

/** `body` with the customer's and the operator's names filled in; a name not known leaves its placeholder. */
export function fillPlaceholders(body, { customer, operator }) {
  return body.replace(PLACEHOLDER, (whole, who) => {
    const value = who === "customer" ? customer : operator;
    return value ? value : whole;
  });
}

/** The replies whose shortcut or title contains `query` (any case): shortcuts that start with it first, then by title. */
export function matchReplies(replies, query) {
  const q = query.toLowerCase();
  const hits = replies.filter((r) => r.shortcut.includes(q) || r.title.toLowerCase().includes(q));
  const first = hits.filter((r) => r.shortcut.startsWith(q));
  return [...first, ...hits.filter((r) => !r.shortcut.startsWith(q))];
}

export function mountReplyPicker(store, api) {
  const textarea = byId("composer");
  const bar = byId("composer-bar");

  const ui = {
    list: el("ul", { class: "picker-list", attrs: { id: "reply-picker-list", role: "listbox", "aria-label": "Saved replies" } }),
    message: el("p", { class: "picker-message", attrs: { id: "reply-picker-message", "aria-live": "polite" } }),
    add: el("button", { class: "link-button picker-add", text: "Add saved replies", attrs: { type: "button", tabindex: "-1", hidden: true } }),
  };
  const panel = el("div", { class: "reply-picker", attrs: { id: "reply-picker", hidden: true } }, [
    el("div", { class: "picker-head" }, [
      el("span", { class: "picker-heading", text: "Saved replies" }),
      el("span", { class: "picker-keys", text: "↑ ↓ to choose · Enter or Tab to insert · Esc to close" }),
    ]),
    ui.list,
    el("div", { class: "picker-empty" }, [ui.message, ui.add]),
  ]);
  const hint = el("span", { class: "visually-hidden", text: "Type / for the team's saved replies.", attrs: { id: "reply-picker-hint" } });
  bar.append(panel, hint);

  textarea.setAttribute("role", "combobox");
  textarea.setAttribute("aria-autocomplete", "list");
  textarea.setAttribute("aria-haspopup", "listbox");
  textarea.setAttribute("aria-controls", ui.list.id);
  textarea.setAttribute("aria-expanded", "false");
  textarea.setAttribute("aria-describedby", hint.id);

  /** The library as last loaded (null: not yet), and whether a load is under way or failed. */
  let replies = null;
  let loading = false;
  let loadError = null;
  /** The open conversation's customer name. */
  let customerName = null;

  /** While open: where its "/" is, what follows it, the replies that match, the active one. */
  let open = false;
  let start = -1;
  let query = "";
  let matches = [];
  let active = 0;
  /** The "/" (its index) that Escape closed: it stays closed while the operator types after it. */
  let dismissed = -1;
  /** Set while the picker itself changes the text, so that its own `input` event opens nothing. */
  let inserting = false;

  async function load() {
    if (loading) return;
    loading = true;
    loadError = null;
    render();
    try {
      replies = await api.savedReplies();
    } catch (e) {
      loadError = e;
    } finally {
      loading = false;
      if (open) filter();
    }
  }

  /** Opens, follows or closes the picker for the text before the caret. */
  function follow() {
    if (inserting || textarea.disabled) return;
    const caret = textarea.selectionStart;
    const found = caret === textarea.selectionEnd ? TRIGGER.exec(textarea.value.slice(0, caret)) : null;
    if (!found) {
      dismissed = -1;
      close();
      return;
    }
    const at = caret - found[2].length - 1;
    if (at === dismissed) return;
    dismissed = -1;
    const fresh = !open || at !== start;
    start = at;
    query = found[2];
    open = true;
    if (fresh) {
      active = 0;
      load(); // every opening reads the library again: others may have changed it
    }
    filter();
  }

  function filter() {
    const before = matches[active];
    matches = replies ? matchReplies(replies, query) : [];
    const kept = before ? matches.indexOf(before) : -1;
    active = kept >= 0 ? kept : 0;
    render();
  }

  function close() {
    if (!open) return;
    open = false;
    start = -1;
    matches = [];
    render();
  }

  function render() {
    show(panel, open);
    textarea.setAttribute("aria-expanded", String(open));
    if (!open) {
      textarea.removeAttribute("aria-activedescendant");
      ui.list.replaceChildren();
      return;
    }
    ui.list.replaceChildren(
      ...matches.map((reply, i) =>
        el(
          "li",
          {
            class: i === active ? "picker-option active" : "picker-option",
            attrs: { id: `reply-option-${reply.id}`, role: "option", "aria-selected": String(i === active) },
            data: { shortcut: reply.shortcut },
            on: {
              // Keeps the focus (and the caret) in the textarea.
              mousedown: (e) => e.preventDefault(),
              click: () => choose(reply),
            },
          },
          [
            el("span", { class: "picker-shortcut", text: `/${reply.shortcut}` }),
            el("span", { class: "picker-title", text: reply.title }),
            el("span", { class: "picker-preview", text: fillPlaceholders(reply.body, names()) }),
          ],
        ),
      ),
    );
    const chosen = matches[active];
    if (chosen) {
      const option = byId(`reply-option-${chosen.id}`);
      textarea.setAttribute("aria-activedescendant", option.id);
      option.scrollIntoView({ block: "nearest" });
    } else {
      textarea.removeAttribute("aria-activedescendant");
    }
    const emptyLibrary = replies !== null && replies.length === 0;
    let message = "";
    if (matches.length === 0) {
      if (loadError && replies === null) message = `Could not load the saved replies. ${describeError(loadError)}`;
      else if (replies === null) message = "Loading saved replies…";
      else if (emptyLibrary) message = "There are no saved replies yet. Add them under “Saved replies” in the top bar.";
      else message = `No saved reply matches “/${query}”.`;
    }
    setText(ui.message, message);
    show(ui.message, message !== "");
    show(ui.add, matches.length === 0 && emptyLibrary);
  }

  function names() {
    return { customer: customerName, operator: store.state.user ? store.state.user.name : null };
  }

  function move(by) {
    if (matches.length === 0) return;
    active = (active + by + matches.length) % matches.length;
    render();
  }

  /** Replaces "/query" with the reply's filled body and puts the caret after it. */
  function choose(reply) {
    const end = start + 1 + query.length;
    const text = fillPlaceholders(reply.body, names());
    const value = textarea.value;
    textarea.value = value.slice(0, start) + text + value.slice(end);
    const caret = start + text.length;
    close();
    textarea.focus();
    textarea.setSelectionRange(caret, caret);
    inserting = true;
    try {
      textarea.dispatchEvent(new Event("input", { bubbles: true }));
    } finally {
      inserting = false;
    }
  }

  // Before composer.js hears the key (a capturing listener on the bar runs before the textarea's
  // own): Enter inserts instead of sending while the picker is open.
  bar.addEventListener(
    "keydown",
    (e) => {
      if (!open || e.target !== textarea || e.isComposing || e.altKey || e.ctrlKey || e.metaKey) return;
      if (e.key === "ArrowDown") move(1);
      else if (e.key === "ArrowUp") move(-1);
      else if (e.key === "Escape") {
        dismissed = start;
        close();
      } else if ((e.key === "Enter" && !e.shiftKey) || (e.key === "Tab" && !e.shiftKey)) {
        if (matches.length > 0) choose(matches[active]);
        else if (e.key === "Enter" && !loading) {
          // Nothing to insert: Enter closes the picker rather than sending "/query" by surprise.
          dismissed = start;
          close();
        } else if (e.key === "Tab") {
          close();
          return; // Tab moves on as usual
        }
      } else return;
      e.preventDefault();
      e.stopPropagation();
    },
    true,
  );
  textarea.addEventListener("input", follow);
  textarea.addEventListener("click", follow);
  textarea.addEventListener("keyup", (e) => {
    if (["ArrowLeft", "ArrowRight", "Home", "End"].includes(e.key)) follow();
  });
  textarea.addEventListener("blur", () => close());
  ui.add.addEventListener("mousedown", (e) => e.preventDefault());
  ui.add.addEventListener("click", () => {
    close();
    store.emit("saved-replies-open");
  });

  store.on("conversation-opened", ({ summary }) => {
    customerName = summary && summary.customer ? summary.customer.name : null;
    dismissed = -1;
    close();
  });
  store.on("conversation-loaded", ({ header }) => {
    if (header.customer) customerName = header.customer.name;
  });
  store.on("conversation-closed", () => close());
  store.on("signed-out", () => {
    replies = null;
    close();
  });
  store.on("saved-replies-changed", () => {
    replies = null;
  });
}
