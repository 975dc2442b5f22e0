// The operator page's search (left pane, above the list): a query typed into #search-input shows
// the hits of GET /search in place of the conversation list, newest first, with "More results";
// Escape or an empty box brings the list back. A hit opens its conversation scrolled to the
// message, with the matched words marked (thread-pane.js).
//
// Listens to `signed-out` (clears) and `conversation-opened` (the selection). Emits
// `conversation-picked` ({id, summary: null, focus: {messageId, words}}) and `notice`.

import { describeError } from "./api.js";
import { byId, el, formatRelative, marked, setText, show, timeElement } from "./dom.js";

const PAGE_SIZE = 20;
/** Typing pauses this long before a search starts (Enter searches at once). */
const TYPING_DELAY_MS = 300;

const MATCHED_IN = { summary: "AI summary", customer: "Customer" };

export function mountSearchPane(store, api) {
  const ui = {
    form: byId("search-form"),
    input: byId("search-input"),
    listPart: byId("list-part"),
    part: byId("search-part"),
    status: byId("search-status"),
    results: byId("search-results"),
    more: byId("search-more"),
  };

  /** The query whose hits are shown ("" while the list is shown). */
  let query = "";
  let nextCursor = null;
  /** Increases with each new query, so that an older answer is dropped. */
  let generation = 0;
  let timer = null;
  let selectedId = null;

  ui.form.addEventListener("submit", (event) => {
    event.preventDefault();
    searchNow();
  });
  ui.input.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(searchNow, TYPING_DELAY_MS);
  });
  ui.input.addEventListener("keydown", (event) => {
    if (event.key === "Escape") {
      event.preventDefault();
      clear();
    } else if (event.key === "ArrowDown" && query) {
      const first = ui.results.querySelector(".conversation-item");
      if (first) {
        event.preventDefault();
        first.focus();
      }
    }
  });
  ui.results.addEventListener("keydown", (event) => {
    const item = event.target.closest(".conversation-item");
    if (!item) return;
    if (event.key === "Escape") {
      event.preventDefault();
      ui.input.focus();
      return;
    }
    if (event.key !== "ArrowDown" && event.key !== "ArrowUp") return;
    event.preventDefault();
    const items = [...ui.results.querySelectorAll(".conversation-item")];
    const at = items.indexOf(item) + (event.key === "ArrowDown" ? 1 : -1);
    if (at < 0) ui.input.focus();
    else if (items[at]) items[at].focus();
  });
  ui.more.addEventListener("click", () => load(false));

  store.on("signed-out", () => {
    ui.input.value = "";
    clear();
  });
  store.on("conversation-opened", ({ id }) => {
    selectedId = id;
    for (const item of ui.results.querySelectorAll(".conversation-item")) {
      item.classList.toggle("selected", item.dataset.conversationId === id);
    }
  });

  function searchNow() {
    clearTimeout(timer);
    const typed = ui.input.value.trim();
    if (!typed) {
      clear();
      return;
    }
    if (typed === query) return;
    query = typed;
    showSearch(true);
    load(true);
  }

  function clear() {
    clearTimeout(timer);
    generation += 1;
    query = "";
    ui.input.value = "";
    ui.results.replaceChildren();
    setText(ui.status, "");
    show(ui.more, false);
    showSearch(false);
  }

  function showSearch(searching) {
    show(ui.part, searching);
    show(ui.listPart, !searching);
  }

  /** The first page of `query` (`fresh`), or the next one. */
  async function load(fresh) {
    const asked = fresh ? ++generation : generation;
    if (fresh) {
      nextCursor = null;
      ui.results.replaceChildren();
      setText(ui.status, "Searching…");
      ui.results.setAttribute("aria-busy", "true");
    }
    ui.more.disabled = true;
    try {
      const page = await api.search({ q: query, cursor: fresh ? null : nextCursor, limit: PAGE_SIZE });
      if (asked !== generation) return;
      ui.results.append(...page.results.map(item));
      nextCursor = page.next_cursor || null;
      show(ui.more, Boolean(nextCursor));
      const count = ui.results.childElementCount;
      setText(ui.status, count === 0 ? `Nothing found for “${query}”.` : `${count}${nextCursor ? "+" : ""} ${count === 1 ? "result" : "results"} for “${query}”`);
    } catch (e) {
      if (asked !== generation) return;
      setText(ui.status, `Search failed. ${describeError(e)}`);
      store.emit("notice", `Search failed. ${describeError(e)}`);
    } finally {
      if (asked === generation) {
        ui.more.disabled = false;
        ui.results.removeAttribute("aria-busy");
      }
    }
  }

  function item(hit) {
    const words = [...new Set(hit.highlights.map((h) => hit.snippet.slice(h.start, h.end).toLowerCase()))];
    const button = el(
      "button",
      {
        class: `conversation-item search-hit${hit.conversation_id === selectedId ? " selected" : ""}`,
        attrs: { type: "button" },
        data: { conversationId: hit.conversation_id },
        on: {
          click: () =>
            store.emit("conversation-picked", {
              id: hit.conversation_id,
              summary: null,
              focus: { messageId: hit.message_id, words },
            }),
        },
      },
      [
        el("span", { class: "conversation-top" }, [
          el("span", { class: "conversation-name", text: hit.customer_name }),
          timeElement("conversation-time", hit.created_at, formatRelative),
        ]),
        el("span", { class: "search-snippet" }, marked(hit.snippet, hit.highlights)),
        el("span", { class: "conversation-tags" }, [
          el("span", { class: "status-badge", text: hit.status, data: { status: hit.status } }),
          hit.internal ? el("span", { class: "chip note-chip", text: "Note" }) : null,
          MATCHED_IN[hit.matched_in] ? el("span", { class: "chip", text: MATCHED_IN[hit.matched_in] }) : null,
        ]),
      ],
    );
    return el("li", {}, [button]);
  }

  return {};
}
