// Marks the open conversation read by the operator, up to the latest message the thread shows
// (`PUT /conversations/{id}/read`), while the page is visible: when the thread loads, when a message
// arrives in it, and when the page comes back into view. Messaging moves the position only forward
// and tells every tab and device of the operator (`conversation.read`), where list-pane.js clears
// the conversation's unread count.
//
// Listens to `conversation-loaded`, `conversation-closed`, `signed-out` and the frame
// `message.created`; reads the open thread's records through `thread.records`.

/** Marks within this long of each other (a burst of messages) make one request. */
const MARK_DELAY_MS = 300;

export function mountReadMarks(store, api, thread) {
  /** conversation id → the latest message id marked read from this tab. */
  const marked = new Map();
  let timer = null;

  store.on("conversation-loaded", () => markSoon());
  store.on("frame:message.created", (data) => {
    if (data.conversation_id === store.state.conversationId) markSoon();
  });
  store.on("conversation-closed", () => cancel());
  store.on("signed-out", () => {
    cancel();
    marked.clear();
  });
  document.addEventListener("visibilitychange", () => {
    if (document.visibilityState === "visible") markSoon();
  });

  function cancel() {
    clearTimeout(timer);
    timer = null;
  }

  function markSoon() {
    cancel();
    timer = setTimeout(() => {
      timer = null;
      mark().catch(() => {});
    }, MARK_DELAY_MS);
  }

  async function mark() {
    const id = store.state.conversationId;
    if (!id || !store.state.user || document.visibilityState !== "visible") return;
    // The latest message the server stored (a reply still sending has no id yet).
    const latest = [...thread.records].reverse().find((r) => r.id);
    if (!latest || marked.get(id) === latest.id) return;
    try {
      await api.markRead(id, latest.id);
      marked.set(id, latest.id);
    } catch (e) {
      // Not worth a notice: the next message, reload or return to the page marks it again.
      console.warn("marking the conversation read failed", e);
    }
  }
}
