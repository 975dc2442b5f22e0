// The open conversation's summary, at the top of the thread: what the customer wants, what was
// done, what is open, as the AI wrote it with the insight of the latest customer message that has
// one (`ai.conversation_summary`; docs/ai.md#conversation-summary). It says when the latest
// customer message is still being analysed (the summary then follows), and hides itself while no
// message has one. Text only, never HTML.
//
// Listens to `insight-changed` (the thread loaded, an insight arrived or restarted),
// `frame:message.created`, `conversation-closed` and `signed-out`; reads the thread's records.

import { byId, formatFull, setText, show } from "./dom.js";

export function mountConversationSummary(store, thread) {
  const ui = { box: byId("conversation-summary"), text: byId("conversation-summary-text"), meta: byId("conversation-summary-meta") };

  store.on("insight-changed", ({ conversationId }) => {
    if (conversationId === store.state.conversationId) render();
  });
  store.on("frame:message.created", (data) => {
    if (data.conversation_id === store.state.conversationId && data.sender === "customer") setTimeout(render, 0);
  });
  store.on("conversation-closed", () => show(ui.box, false));
  store.on("signed-out", () => show(ui.box, false));

  function render() {
    const customer = thread.records.filter((r) => r.sender === "customer" && r.id);
    const latest = customer[customer.length - 1];
    const source = [...customer].reverse().find((r) => r.ai && r.ai.status === "available" && typeof r.ai.conversation_summary === "string" && r.ai.conversation_summary.trim());
    if (!source) {
      show(ui.box, false);
      return;
    }
    setText(ui.text, source.ai.conversation_summary);
    const parts = [`As of the message of ${formatFull(source.created_at)}`];
    if (latest && latest !== source && (!latest.ai || latest.ai.status === "processing")) parts.push("updating with the newest message…");
    else if (latest && latest !== source) parts.push("the newest message has no summary");
    if (source.ai.model) parts.push(source.ai.model);
    setText(ui.meta, parts.join(" · "));
    show(ui.box, true);
  }
}
