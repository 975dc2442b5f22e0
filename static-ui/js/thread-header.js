// The open conversation's header: customer name and email, status, assignee, and the buttons that
// change them ("Assign to me", "Unassign", "Mark pending", "Resolve", "Reopen";
// `PATCH /conversations/{id}`).
//
// Listens to `conversation-opened`, `conversation-loaded`, `conversation-closed` and the frame
// `conversation.updated`. Emits `conversation-changed` (the PATCH answer's summary) and `notice`.

import { describeError } from "./api.js";
import { byId, setText, show } from "./dom.js";

export function mountThreadHeader(store, api) {
  const ui = {
    title: byId("thread-title"),
    email: byId("thread-email"),
    status: byId("thread-status"),
    assignee: byId("thread-assignee"),
    assignMe: byId("assign-me"),
    unassign: byId("unassign"),
    resolve: byId("resolve"),
    reopen: byId("reopen"),
    pending: byId("mark-pending"),
  };
  const buttons = [ui.assignMe, ui.unassign, ui.resolve, ui.reopen, ui.pending];

  /** The open conversation's header fields (ConversationView without messages), or null. */
  let current = null;

  store.on("conversation-opened", ({ id, summary }) => {
    current = { conversation_id: id, status: null, assignee: null, customer: null };
    setText(ui.title, (summary && summary.customer.name) || "Loading…");
    setText(ui.email, "");
    render();
  });
  store.on("conversation-loaded", ({ header }) => {
    current = header;
    render();
  });
  store.on("conversation-closed", () => {
    current = null;
  });
  store.on("frame:conversation.updated", (data) => {
    if (!current || data.conversation_id !== current.conversation_id) return;
    current.status = data.status;
    current.assignee = data.assignee;
    render();
  });

  ui.assignMe.addEventListener("click", () => change({ assignee: store.state.user.username }));
  ui.unassign.addEventListener("click", () => change({ assignee: null }));
  ui.resolve.addEventListener("click", () => change({ status: "resolved" }));
  ui.reopen.addEventListener("click", () => change({ status: "open" }));
  ui.pending.addEventListener("click", () => change({ status: "pending" }));

  function render() {
    if (!current) return;
    const customer = current.customer || {};
    if (customer.name) setText(ui.title, customer.name);
    setText(ui.email, customer.email || "");
    show(ui.email, Boolean(customer.email));
    setText(ui.status, current.status || "");
    if (current.status) ui.status.dataset.status = current.status;
    const mine = current.assignee === store.state.user.username;
    setText(ui.assignee, current.assignee ? (mine ? "Assigned to you" : `Assigned to ${current.assignee}`) : "Unassigned");
    show(ui.assignMe, !mine);
    show(ui.unassign, mine);
    show(ui.resolve, current.status !== "resolved");
    show(ui.reopen, current.status === "resolved");
    show(ui.pending, current.status === "open");
    ui.resolve.disabled = !current.status;
  }

  async function change(fields) {
    if (!current) return;
    const id = current.conversation_id;
    for (const b of buttons) b.disabled = true;
    try {
      const summary = await api.updateConversation(id, fields);
      store.emit("conversation-changed", summary);
      if (current && current.conversation_id === id) {
        current.status = summary.status;
        current.assignee = summary.assignee;
      }
    } catch (e) {
      store.emit("notice", `The conversation could not be changed. ${describeError(e)}`);
    } finally {
      for (const b of buttons) b.disabled = false;
      render();
    }
  }
}
