// The AI panels of the open conversation (ai-panel.js draws each one): when each analysis was
// first seen `processing` (for its elapsed time, and for polling a result that is overdue), "Use
// reply", "Retry AI" / "Analyse again", and the elapsed times ticking.
//
// Listens to `tick`, `conversation-closed` and the frames `hello` (the server's clock) and
// `ai.requested`. Emits `reply-suggested` ({text, messageId}), `analysis-restarted` (the message the
// reanalyze call answered) and `notice`.

import { aiStatus, renderAiPanel, startedAt, updateElapsed } from "./ai-panel.js";
import { describeError } from "./api.js";
import { byId, parseTime, setText } from "./dom.js";

/** A `processing` insight with no `ai.completed` after this long is polled for... */
const AI_GRACE_MS = 5000;
/** ...until this long after it started; then the panel keeps its spinner and polling stops. */
const AI_POLL_WINDOW_MS = 120000;

export function mountInsights(store, api) {
  const messages = byId("messages");
  /** Server time minus local time, from `hello`, to show elapsed times from server timestamps. */
  let skewMs = 0;
  /** Local time each message's current analysis was first seen in `processing`. */
  const processingSeen = new Map();

  store.on("frame:hello", (data) => {
    const server = parseTime(data.server_time);
    if (!Number.isNaN(server)) skewMs = server - Date.now();
  });
  // This part is mounted before the thread pane, so the time is noted before its panel is drawn.
  store.on("frame:ai.requested", (data) => {
    const open = store.state.conversationId;
    if (open && data.conversation_id === open) processingSeen.set(data.message_id, Date.now());
  });
  store.on("conversation-closed", () => processingSeen.clear());
  store.on("tick", () => {
    for (const node of messages.querySelectorAll(".ai-elapsed")) updateElapsed(node);
  });

  function trackProcessing(record) {
    if (!record.id || record.sender !== "customer") return;
    if (aiStatus(record.ai) === "processing") {
      if (!processingSeen.has(record.id)) processingSeen.set(record.id, Date.now());
    } else {
      processingSeen.delete(record.id);
    }
  }

  async function reanalyze(record, button) {
    button.disabled = true;
    setText(button, "Asking…");
    try {
      const message = await api.reanalyze(record.id);
      processingSeen.set(record.id, Date.now());
      store.emit("analysis-restarted", message);
    } catch (e) {
      store.emit("notice", `The analysis could not be restarted. ${describeError(e)}`);
      button.disabled = false;
      setText(button, button.classList.contains("ai-retry") ? "Retry AI" : "Analyse again");
    }
  }

  return {
    /** Thread's `decorate`: draws (or updates) the panel of a customer message. */
    decorate(node, record) {
      trackProcessing(record);
      renderAiPanel(node, record, {
        since: (r) => startedAt(r.ai, skewMs, processingSeen.get(r.id) || Date.now()),
        onUseReply: (text) => store.emit("reply-suggested", { text, messageId: record.id }),
        onReanalyze: reanalyze,
        onOpenSource: (source) =>
          source.kind === "conversation" ? store.emit("conversation-picked", { id: source.id, summary: null }) : store.emit("open-article", source.id),
      });
    },

    /** Some customer message of `records` has been `processing` for longer than the grace time. */
    overdue(records) {
      const now = Date.now();
      for (const record of records) {
        if (record.sender !== "customer" || aiStatus(record.ai) !== "processing") continue;
        const age = now - (processingSeen.get(record.id) || now);
        if (age >= AI_GRACE_MS && age < AI_GRACE_MS + AI_POLL_WINDOW_MS) return true;
      }
      return false;
    },
  };
}
