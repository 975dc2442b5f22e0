// The operator page's left pane: the status filter, the conversation list (conversation-list.js
// draws it), "Load more", refetching, and how the list follows the other parts and live frames.
//
// Listens to `signed-in` (a new walk from the first page), `signed-out` (empties),
// `conversation-opened` / `conversation-closed` (the selection), `conversation-changed` (a PATCH
// answer), `message-sent`, `insight-changed`, `conversation-outdated`, `tick`, and the frames
// `message.created`, `ai.requested` and `conversation.updated`. Emits `conversation-picked`
// ({id, summary}: the operator chose one) and `notice`.

import { ApiError, describeError } from "./api.js";
import { ConversationList } from "./conversation-list.js";
import { byId, setText, show } from "./dom.js";

const PAGE_SIZE = 20;
/** messaging's page limit: a refetch asks for as many conversations as are shown, at most this. */
const MAX_REFETCH = 100;
/** Events within this long of each other cause one refetch. */
const REFETCH_DELAY_MS = 700;
/** Relative times ("5m") are redrawn every this many ticks (seconds). */
const RELATIVE_TIME_TICKS = 15;

export function mountListPane(store, api) {
  const ui = {
    filter: byId("status-filter"),
    list: byId("conversation-list"),
    listEmpty: byId("list-empty"),
    listError: byId("list-error"),
    loadMore: byId("load-more"),
  };

  const conversations = new ConversationList({
    container: ui.list,
    empty: ui.listEmpty,
    onSelect: (id) => store.emit("conversation-picked", { id, summary: conversations.get(id) }),
  });

  let nextCursor = null;
  /** Increases with each refetch (and page appended), so that an older answer is dropped. */
  let listGeneration = 0;
  /** Increases when the walk through the pages starts again (filter, login): older pages are dropped. */
  let walkGeneration = 0;
  let refetchTimer = null;

  ui.filter.addEventListener("change", () => {
    conversations.filter = ui.filter.value;
    reload();
  });

  ui.loadMore.addEventListener("click", async () => {
    if (!nextCursor) return;
    const walk = walkGeneration;
    ui.loadMore.disabled = true;
    try {
      const page = await api.conversations({ status: conversations.filter, cursor: nextCursor, limit: PAGE_SIZE });
      if (walk !== walkGeneration) return;
      // A refetch still under way asked for fewer items than are now shown: its answer is dropped.
      listGeneration += 1;
      ui.list.removeAttribute("aria-busy");
      conversations.append(page.items);
      setCursor(page.next_cursor);
    } catch (e) {
      store.emit("notice", `Could not load more conversations. ${describeError(e)}`);
    } finally {
      ui.loadMore.disabled = false;
    }
  });

  store.on("signed-in", reload);
  store.on("signed-out", () => conversations.replace([]));
  store.on("conversation-opened", ({ id }) => conversations.select(id));
  store.on("conversation-closed", () => conversations.select(null));
  store.on("conversation-changed", (summary) => conversations.upsert(summary));
  // The list shows the reply at once, also while the socket (whose frame would say so) is down.
  store.on("message-sent", (message) => conversations.applyMessage(message));
  store.on("insight-changed", ({ conversationId, intent, urgency }) => conversations.setInsight(conversationId, intent, urgency));
  store.on("conversation-outdated", ({ conversationId }) => {
    if (conversations.get(conversationId)) refreshSoon();
  });
  store.on("tick", (ticks) => {
    if (ticks % RELATIVE_TIME_TICKS === 0) conversations.tick();
  });

  // A conversation not in the list, an analysis starting anywhere, and a change to one not shown
  // that now matches the filter make the list refetch.
  store.on("frame:message.created", (data) => {
    if (!conversations.applyMessage(data)) refreshSoon();
  });
  store.on("frame:ai.requested", () => refreshSoon());
  store.on("frame:conversation.updated", (data) => {
    if (!conversations.applyUpdate(data) && conversations.matches(data)) refreshSoon();
  });

  function setCursor(cursor) {
    nextCursor = cursor || null;
    show(ui.loadMore, Boolean(nextCursor));
  }

  /** A new walk from the first page (filter changed, or login). */
  function reload() {
    walkGeneration += 1;
    conversations.filter = ui.filter.value;
    conversations.replace([]);
    setCursor(null);
    ui.list.setAttribute("aria-busy", "true");
    refresh().catch(() => {});
  }

  /** Refetches soon, once for a burst of events. */
  function refreshSoon() {
    if (refetchTimer) return;
    refetchTimer = setTimeout(() => {
      refetchTimer = null;
      refresh().catch(() => {});
    }, REFETCH_DELAY_MS);
  }

  /** Refetches as many conversations as are shown (one request), keeping the scroll. */
  async function refresh() {
    if (!store.state.user) return;
    const generation = ++listGeneration;
    const limit = Math.min(MAX_REFETCH, Math.max(PAGE_SIZE, conversations.size));
    try {
      const page = await api.conversations({ status: conversations.filter, limit });
      if (generation !== listGeneration) return;
      conversations.replace(keepOpen(page.items));
      setCursor(page.next_cursor);
      show(ui.listError, false);
    } catch (e) {
      if (generation === listGeneration && !(e instanceof ApiError && e.status === 401)) {
        setText(ui.listError, `Could not load conversations. ${describeError(e)}`);
        show(ui.listError, true);
      }
      throw e;
    } finally {
      if (generation === listGeneration) ui.list.removeAttribute("aria-busy");
    }
  }

  /** The open conversation stays in the list while it is open, even after it left the filter. */
  function keepOpen(items) {
    const open = store.state.conversationId;
    if (!open || items.some((c) => c.conversation_id === open)) return items;
    const shown = conversations.get(open);
    return shown ? items.concat(shown) : items;
  }

  return {
    /** Refetches the list; rejects when the server could not be reached (polling counts on it). */
    refresh,
  };
}
