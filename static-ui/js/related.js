// A returning customer's earlier conversations, under the open conversation's header: the other
// conversations with the same customer email (`GET /conversations/{id}/related`), newest first, each
// a button that opens it. Hidden when the customer left no email or has no other conversation.
//
// Listens to `conversation-loaded` (once per opened conversation), `conversation-closed` and
// `signed-out`. Emits `conversation-picked` ({id, summary}).

import { describeError } from "./api.js";
import { byId, el, formatFull, formatWhen, setText, show } from "./dom.js";

export function mountRelated(store, api) {
  const ui = { box: byId("related"), heading: byId("related-heading"), list: byId("related-list") };
  /** Increases with each conversation, so that an older answer is dropped. */
  let generation = 0;

  store.on("conversation-loaded", ({ header, first }) => {
    if (first) load(header).catch(() => {});
  });
  store.on("conversation-closed", () => clear());
  store.on("signed-out", () => clear());

  function clear() {
    generation += 1;
    ui.list.replaceChildren();
    show(ui.box, false);
  }

  async function load(header) {
    clear();
    const loading = generation;
    if (!header.customer || !header.customer.email) return;
    let page;
    try {
      page = await api.relatedConversations(header.conversation_id);
    } catch (e) {
      if (loading !== generation) return;
      setText(ui.heading, `Earlier conversations could not be loaded. ${describeError(e)}`);
      show(ui.box, true);
      return;
    }
    if (loading !== generation || page.items.length === 0) return;
    const count = page.items.length;
    setText(ui.heading, `${count === 1 ? "1 earlier conversation" : `${count} earlier conversations`} with ${header.customer.email}`);
    ui.list.replaceChildren(...page.items.map((summary) => item(summary)));
    show(ui.box, true);
  }

  function item(summary) {
    const button = el("button", { class: "related-item", attrs: { type: "button", title: `Open the conversation of ${formatFull(summary.last_message_at)}` } }, [
      el("span", { class: "related-when", text: formatWhen(summary.last_message_at) }),
      el("span", { class: "status-badge", text: summary.status, data: { status: summary.status } }),
      el("span", { class: "related-preview", text: summary.last_message_preview || "" }),
    ]);
    button.addEventListener("click", () => store.emit("conversation-picked", { id: summary.conversation_id, summary }));
    return el("li", {}, [button]);
  }
}
