// The operator page's open conversation (centre): opening and closing it (the URL fragment keeps
// its id, so a reload reopens it), its messages (thread.js) with sending and retrying, refetching,
// and how the messages follow live frames.
//
// Writes `store.state.conversationId`. Listens to `signed-in` (reopens the URL's conversation),
// `signed-out`, `conversation-picked` (with `focus`, a search hit: that message is shown with its
// words marked), `reply-submitted`, `analysis-restarted` and the frames
// `message.created`, `ai.requested` and `ai.completed`. Emits `conversation-opened` ({id,
// summary}), `conversation-loaded` ({header, first}: the ConversationView without its messages,
// drawn before them), `conversation-closed`, `message-sent`, `insight-changed` and
// `conversation-outdated`.

import { ApiError, describeError } from "./api.js";
import { byId, setText, show } from "./dom.js";
import { Thread, messageFromEvent } from "./thread.js";

export function mountThreadPane(store, api, { decorate }) {
  const ui = {
    placeholder: byId("thread-placeholder"),
    main: byId("thread-main"),
    messages: byId("messages"),
    newMessages: byId("new-messages"),
    error: byId("thread-error"),
  };

  /** The open conversation's id, or null; the same as `store.state.conversationId`. */
  let openId = null;
  /** Increases when another conversation opens (or none), so that an older answer is dropped. */
  let generation = 0;

  const thread = new Thread({
    container: ui.messages,
    mine: "operator",
    newPill: ui.newMessages,
    onRetry: (record) => deliver(record),
    decorate,
  });

  store.on("signed-in", () => {
    const fromHash = decodeURIComponent(location.hash.replace(/^#/, ""));
    if (/^[0-9a-f-]{36}$/i.test(fromHash)) open(fromHash, null);
    else close();
  });
  store.on("signed-out", () => close());
  store.on("conversation-picked", ({ id, summary, focus }) => open(id, summary, focus));
  store.on("reply-submitted", ({ text, internal, attachments = [] }) => {
    const record = thread.addLocal(text, store.state.user.name, internal);
    // Shown as names while it is sent (attachments.js), sent by id.
    record.attachments = attachments;
    deliver(record);
  });
  store.on("analysis-restarted", (message) => {
    if (isOpen(message.conversation_id)) thread.patch(message.id, { ai: message.ai });
    syncListInsight();
  });

  store.on("frame:message.created", (data) => {
    if (isOpen(data.conversation_id)) thread.upsert(messageFromEvent(data));
  });
  store.on("frame:ai.requested", (data) => {
    if (!isOpen(data.conversation_id)) return;
    const record = thread.find(data.message_id);
    thread.patch(data.message_id, { ai: { ...(record && record.ai), ...emptyInsight("processing"), updated_at: data.occurred_at } });
  });
  store.on("frame:ai.completed", (data) => {
    const record = isOpen(data.conversation_id) ? thread.find(data.message_id) : null;
    if (record) {
      thread.patch(data.message_id, { ai: { ...record.ai, ...data.ai, status: data.status } });
      syncListInsight();
    } else {
      // Not shown here; the list refetches if it shows the conversation (its intent and urgency).
      store.emit("conversation-outdated", { conversationId: data.conversation_id });
    }
  });

  function isOpen(conversationId) {
    return openId !== null && conversationId === openId;
  }

  /**
   * Opens conversation `id`; `summary` is the list's item for it, if any (its name shows while
   * loading); `focus` ({messageId, words}, from a search hit) is the message to show, its words marked.
   */
  async function open(id, summary, focus = null) {
    const target = focus && focus.messageId ? focus : null;
    if (isOpen(id)) {
      if (target) thread.focus(target.messageId, target.words);
      return;
    }
    const opened = ++generation;
    openId = id;
    store.state.conversationId = id;
    history.replaceState(null, "", `#${id}`);
    thread.reset(id);
    show(ui.placeholder, false);
    show(ui.main, true);
    show(ui.error, false);
    store.emit("conversation-opened", { id, summary });
    ui.messages.setAttribute("aria-busy", "true");
    try {
      const view = await api.conversation(id);
      if (opened !== generation) return;
      applyView(view, { scroll: !target, first: true });
      if (target && !thread.focus(target.messageId, target.words)) thread.scrollToBottom();
    } catch (e) {
      if (opened !== generation) return;
      setText(ui.error, e instanceof ApiError && e.status === 404 ? "This conversation does not exist." : `Could not load the conversation. ${describeError(e)}`);
      show(ui.error, true);
    } finally {
      if (opened === generation) ui.messages.removeAttribute("aria-busy");
    }
  }

  function close() {
    generation += 1;
    openId = null;
    store.state.conversationId = null;
    thread.reset(null);
    show(ui.main, false);
    show(ui.placeholder, true);
    if (location.hash) history.replaceState(null, "", location.pathname + location.search);
    store.emit("conversation-closed");
  }

  async function refresh() {
    if (!openId) return;
    const refreshed = generation;
    const view = await api.conversation(openId);
    if (refreshed !== generation) return;
    applyView(view, { scroll: false });
  }

  function applyView(view, { scroll, first = false }) {
    const { messages, ...header } = view;
    store.emit("conversation-loaded", { header, first });
    thread.setServerMessages(messages, { scroll });
    syncListInsight();
  }

  async function deliver(record) {
    const ids = (record.attachments || []).map((f) => f.id);
    const message = await thread.deliver(record, (r) => api.send(r.conversation_id, r.content, r.client_message_id, r.internal, ids));
    if (message) store.emit("message-sent", { ...message, conversation_id: record.conversation_id });
  }

  /** The list's intent and urgency follow the open thread's latest customer message. */
  function syncListInsight() {
    if (!openId) return;
    const latest = [...thread.records].reverse().find((r) => r.sender === "customer" && r.id);
    if (!latest) return;
    const ai = latest.ai && latest.ai.status === "available" ? latest.ai : null;
    store.emit("insight-changed", { conversationId: openId, intent: ai ? ai.intent : null, urgency: ai ? ai.urgency : null });
  }

  return {
    /** Refetches the open conversation; rejects when the server could not be reached (polling counts on it). */
    refresh,
    /** The open conversation's messages, unsent ones included (read only). */
    get records() {
      return thread.records;
    },
  };
}

function emptyInsight(status) {
  return { status, intent: null, summary: null, suggested_reply: null, sentiment: null, urgency: null, model: null, error: null, latency_ms: null };
}
