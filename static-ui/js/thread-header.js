// The open conversation's header: customer name and email, status (with the snooze's end),
// assignee (by name), and the buttons that change them ("Assign to me", "Unassign", "Mark pending",
// "Resolve", "Reopen"; the assign picker and the snooze menu are assign-picker.js and
// snooze-menu.js). Changes go through conversation-change.js.
//
// Listens to `conversation-opened`, `conversation-loaded`, `conversation-closed`,
// `conversation-changed` (from any part), `team-loaded` and the frame `conversation.updated`.
// Emits `conversation-changed` and `notice` (through conversation-change.js).

import { changeConversation } from "./conversation-change.js";
import { byId, formatFull, formatWhen, setText, show } from "./dom.js";
import { displayName } from "./team.js";

export function mountThreadHeader(store, api) {
  const ui = {
    title: byId("thread-title"),
    email: byId("thread-email"),
    status: byId("thread-status"),
    assignee: byId("thread-assignee"),
    assignMe: byId("assign-me"),
    unassign: byId("unassign"),
    assignOther: byId("assign-other"),
    snooze: byId("snooze"),
    resolve: byId("resolve"),
    reopen: byId("reopen"),
    pending: byId("mark-pending"),
  };
  const buttons = [ui.assignMe, ui.unassign, ui.resolve, ui.reopen, ui.pending];

  /** The open conversation's header fields (ConversationView without messages), or null. */
  let current = null;

  store.on("conversation-opened", ({ id, summary }) => {
    current = { conversation_id: id, status: null, assignee: null, snoozed_until: null, customer: null };
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
  store.on("conversation-changed", (summary) => follow(summary));
  store.on("frame:conversation.updated", (data) => follow(data));
  store.on("team-loaded", () => render());

  ui.assignMe.addEventListener("click", () => change({ assignee: store.state.user.username }));
  ui.unassign.addEventListener("click", () => change({ assignee: null }));
  ui.resolve.addEventListener("click", () => change({ status: "resolved" }));
  ui.reopen.addEventListener("click", () => change({ status: "open" }));
  ui.pending.addEventListener("click", () => change({ status: "pending" }));

  /** A newer state of the open conversation (a PATCH answer or an event). */
  function follow(data) {
    if (!current || data.conversation_id !== current.conversation_id) return;
    current.status = data.status;
    current.assignee = data.assignee;
    current.snoozed_until = data.snoozed_until || null;
    render();
  }

  function render() {
    if (!current) return;
    const customer = current.customer || {};
    if (customer.name) setText(ui.title, customer.name);
    setText(ui.email, customer.email || "");
    show(ui.email, Boolean(customer.email));
    const snoozed = current.status === "snoozed" && current.snoozed_until;
    setText(ui.status, snoozed ? `snoozed until ${formatWhen(current.snoozed_until)}` : current.status || "");
    ui.status.title = snoozed ? `Opens again ${formatFull(current.snoozed_until)}, or when the customer writes` : "";
    if (current.status) ui.status.dataset.status = current.status;
    const mine = current.assignee === store.state.user.username;
    setText(ui.assignee, current.assignee ? (mine ? "Assigned to you" : `Assigned to ${displayName(store, current.assignee)}`) : "Unassigned");
    show(ui.assignMe, !mine);
    show(ui.unassign, Boolean(current.assignee));
    show(ui.resolve, current.status !== "resolved");
    show(ui.reopen, current.status === "resolved" || current.status === "snoozed");
    setText(ui.reopen, current.status === "snoozed" ? "Open now" : "Reopen");
    show(ui.pending, current.status === "open");
    show(ui.snooze, current.status === "open" || current.status === "pending");
    ui.resolve.disabled = !current.status;
  }

  async function change(fields) {
    if (!current) return;
    for (const b of buttons) b.disabled = true;
    try {
      await changeConversation(store, api, current.conversation_id, fields);
    } finally {
      for (const b of buttons) b.disabled = false;
      render();
    }
  }
}
