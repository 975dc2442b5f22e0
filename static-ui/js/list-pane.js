// The operator page's left pane: the views (Mine, Unassigned, All open, Pending, Snoozed, Resolved)
// with their live counts, the sort, the conversation list (conversation-list.js draws it), "Load
// more", refetching, and how the list follows the other parts and live frames.
//
// Listens to `signed-in` (a new walk from the first page), `signed-out` (empties),
// `conversation-opened` / `conversation-closed` (the selection), `conversation-changed` (a PATCH
// answer), `message-sent`, `insight-changed`, `conversation-outdated`, `team-loaded` (names),
// `tick`, and the frames `message.created`, `ai.requested`, `conversation.updated` and
// `conversation.read` (unread counts; the total of Mine and Unassigned is in the tab's title). Emits
// `conversation-picked` ({id, summary}: the operator chose one), `conversations-listed` (the
// summaries of a page or refetch), `counts-changed` and `notice`.

import { ApiError, describeError } from "./api.js";
import { ConversationList } from "./conversation-list.js";
import { byId, setText, show } from "./dom.js";

const PAGE_SIZE = 20;
/** messaging's page limit: a refetch walks pages of this size until it has as many as are shown. */
const MAX_PAGE = 100;
/** Events within this long of each other cause one refetch (and one count). */
const REFETCH_DELAY_MS = 700;
/** Relative times ("5m") are redrawn every this many ticks (seconds). */
const RELATIVE_TIME_TICKS = 15;
/** The page's title; with unread conversations in Mine and Unassigned, "(3) " before it. */
const TITLE = "Support Inbox";

export function mountListPane(store, api) {
  const ui = {
    views: byId("views"),
    sort: byId("sort-select"),
    list: byId("conversation-list"),
    listEmpty: byId("list-empty"),
    listError: byId("list-error"),
    loadMore: byId("load-more"),
  };
  const tabs = [...ui.views.querySelectorAll(".view-tab")];

  const conversations = new ConversationList({
    container: ui.list,
    empty: ui.listEmpty,
    onSelect: (id) => store.emit("conversation-picked", { id, summary: conversations.get(id) }),
  });

  let nextCursor = null;
  /** Increases with each refetch (and page appended), so that an older answer is dropped. */
  let listGeneration = 0;
  /** Increases when the walk through the pages starts again (view, sort, login): older pages are dropped. */
  let walkGeneration = 0;
  let refetchTimer = null;
  let countsTimer = null;
  let countsGeneration = 0;

  for (const tab of tabs) {
    tab.addEventListener("click", () => pickView(tab.dataset.view));
  }
  // Left and Right move between the views, as in a toolbar.
  ui.views.addEventListener("keydown", (event) => {
    if (event.key !== "ArrowLeft" && event.key !== "ArrowRight") return;
    const at = tabs.indexOf(document.activeElement);
    if (at < 0) return;
    event.preventDefault();
    tabs[(at + (event.key === "ArrowRight" ? 1 : tabs.length - 1)) % tabs.length].focus();
  });
  ui.sort.addEventListener("change", () => {
    conversations.sort = ui.sort.value;
    reload();
  });

  ui.loadMore.addEventListener("click", async () => {
    if (!nextCursor) return;
    const walk = walkGeneration;
    ui.loadMore.disabled = true;
    try {
      const page = await api.conversations({ view: conversations.view, sort: conversations.sort, cursor: nextCursor, limit: PAGE_SIZE });
      if (walk !== walkGeneration) return;
      // A refetch still under way asked for fewer items than are now shown: its answer is dropped.
      listGeneration += 1;
      ui.list.removeAttribute("aria-busy");
      conversations.append(page.items);
      store.emit("conversations-listed", page.items);
      setCursor(page.next_cursor);
    } catch (e) {
      store.emit("notice", `Could not load more conversations. ${describeError(e)}`);
    } finally {
      ui.loadMore.disabled = false;
    }
  });

  store.on("signed-in", (user) => {
    conversations.me = user.username;
    reload();
  });
  store.on("signed-out", () => {
    conversations.me = null;
    conversations.replace([]);
    drawCounts(null);
  });
  store.on("team-loaded", (members) => {
    conversations.names = new Map(members.map((m) => [m.username, m.display_name]));
    conversations.render();
  });
  store.on("conversation-opened", ({ id }) => conversations.select(id));
  store.on("conversation-closed", () => conversations.select(null));
  store.on("conversation-changed", (summary) => {
    conversations.upsert(summary);
    countSoon();
  });
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
  // that now matches the view make the list refetch; new conversations and changes move the counts.
  store.on("frame:message.created", (data) => {
    if (!conversations.applyMessage(data)) refreshSoon();
    else if (data.sender === "customer" && !seenHere(data.conversation_id)) conversations.countUnread(data.conversation_id);
    if (data.sender === "customer") countSoon();
  });
  // This operator read a conversation, in this tab or another (read-marks.js marks it).
  store.on("frame:conversation.read", (data) => {
    if (!conversations.applyRead(data)) refreshSoon();
    countSoon();
  });
  store.on("frame:ai.requested", () => refreshSoon());
  store.on("frame:conversation.updated", (data) => {
    if (!conversations.applyUpdate(data) && conversations.matches(data)) refreshSoon();
    else if (conversations.sort === "urgency") refreshSoon();
    countSoon();
  });

  /** Whether a new message in the conversation is seen as it arrives (open in a visible page). */
  function seenHere(conversationId) {
    return conversationId === store.state.conversationId && document.visibilityState === "visible";
  }

  function pickView(view) {
    if (view === conversations.view) return;
    conversations.view = view;
    for (const tab of tabs) tab.setAttribute("aria-pressed", String(tab.dataset.view === view));
    reload();
  }

  function setCursor(cursor) {
    nextCursor = cursor || null;
    show(ui.loadMore, Boolean(nextCursor));
  }

  /** A new walk from the first page (view or sort changed, or login). */
  function reload() {
    walkGeneration += 1;
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

  /** Counts again soon, once for a burst of events. */
  function countSoon() {
    if (countsTimer) return;
    countsTimer = setTimeout(() => {
      countsTimer = null;
      count().catch(() => {});
    }, REFETCH_DELAY_MS);
  }

  /**
   * Refetches as many conversations as are shown, however many that is (pages of up to 100 in a
   * row), keeping the scroll; and the counts.
   */
  async function refresh() {
    if (!store.state.user) return;
    const generation = ++listGeneration;
    count().catch(() => {});
    const wanted = Math.max(PAGE_SIZE, conversations.size);
    try {
      let items = [];
      let cursor = null;
      do {
        const page = await api.conversations({
          view: conversations.view,
          sort: conversations.sort,
          cursor,
          limit: Math.min(MAX_PAGE, wanted - items.length),
        });
        if (generation !== listGeneration) return;
        items = items.concat(page.items);
        cursor = page.next_cursor;
      } while (cursor && items.length < wanted);
      conversations.replace(keepOpen(items));
      store.emit("conversations-listed", items);
      setCursor(cursor);
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

  async function count() {
    if (!store.state.user) return;
    const generation = ++countsGeneration;
    const counts = await api.counts();
    if (generation === countsGeneration) drawCounts(counts);
  }

  /** Each view's count in its tab ("10k+" at the cap); none while unknown. */
  function drawCounts(counts) {
    for (const tab of tabs) {
      const n = counts ? counts[tab.dataset.view] : null;
      const label = n == null ? "" : n >= counts.cap ? `${Math.floor(counts.cap / 1000)}k+` : String(n);
      setText(tab.querySelector(".view-count"), label);
      tab.dataset.count = n == null ? "" : String(n);
    }
    const unread = counts && counts.unread ? counts.unread : 0;
    document.title = unread > 0 ? `(${unread >= counts.cap ? `${Math.floor(counts.cap / 1000)}k+` : unread}) ${TITLE}` : TITLE;
    store.emit("counts-changed", counts);
  }

  /** The open conversation stays in the list while it is open, even after it left the view. */
  function keepOpen(items) {
    const open = store.state.conversationId;
    if (!open || items.some((c) => c.conversation_id === open)) return items;
    const shown = conversations.get(open);
    return shown ? items.concat(shown) : items;
  }

  return {
    /** Refetches the list and counts; rejects when the server could not be reached (polling counts on it). */
    refresh,
  };
}
