// The email channel on the operator page: an "Email" badge in the open conversation's header when
// it started by mail (replies go out by mail), and on each operator reply of such a conversation
// the state of its mail: queued, sending, sent, or not delivered with the reason (and, while
// queued after a failed try, that reason and the tries so far). A chat reply to a customer who
// left an email shows its email fallback the same way, "Email fallback …": scheduled (at its time),
// not needed (the customer read it in the chat first), or the mail's state once it fell due. Kept
// live by the frame `email.delivery_changed`; a refetch brings the stored state.
//
// Listens to `conversation-opened`, `conversation-loaded`, `conversation-closed` and the frame
// `email.delivery_changed`. `decorate(node, record)` is called by the thread for each message.

import { byId, el, formatClock, formatFull, setText, show } from "./dom.js";

/** The words shown for a delivery (EmailDeliveryView), and its state for styling. */
export function describeDelivery(d) {
  if (!d) return null;
  const tries = d.attempts === 1 ? "1 try" : `${d.attempts} tries`;
  const fallback = d.kind === "fallback";
  const what = fallback ? "Email fallback" : "Email";
  const why = fallback ? "The customer left an email and had not read this reply in the chat" : "";
  switch (d.status) {
    case "scheduled":
      return {
        state: "scheduled",
        text: `Email fallback at ${formatClock(d.due_at)}`,
        title: `Mailed to the customer at ${formatFull(d.due_at)} unless they read it in the chat first`,
      };
    case "not_needed":
      return { state: "not-needed", text: "Email fallback not needed", title: "The customer read it in the chat" };
    case "sent":
      return { state: "sent", text: `${what} sent`, title: d.sent_at ? `Sent ${formatFull(d.sent_at)}${why ? `. ${why}` : ""}` : why };
    case "sending":
      return { state: "sending", text: `${what} sending…`, title: why };
    case "failed":
      return { state: "failed", text: `${what} not delivered: ${d.last_error || "no reason given"}`, title: tries };
    default:
      return d.last_error
        ? { state: "retrying", text: `${what} queued, retrying (${tries}): ${d.last_error}`, title: why }
        : { state: "queued", text: `${what} queued`, title: why };
  }
}

/** `records()`: the open thread's messages (thread-pane.js), whose `delivery` a frame updates. */
export function mountEmailDelivery(store, records) {
  const ui = { channel: byId("thread-channel"), messages: byId("messages") };

  store.on("conversation-opened", ({ summary }) => channel(summary && summary.channel));
  store.on("conversation-loaded", ({ header }) => channel(header && header.channel, header));
  store.on("conversation-closed", () => channel(null));

  store.on("frame:email.delivery_changed", (data) => {
    if (data.conversation_id !== store.state.conversationId) return;
    const record = records().find((r) => r.id === data.message_id);
    if (!record) return;
    const before = record.delivery || {};
    // The event has no sent_at or Message-ID: what the stored view had is kept.
    record.delivery = {
      ...before,
      status: data.status,
      attempts: data.attempts,
      last_error: data.error,
      updated_at: data.updated_at,
      kind: data.kind || before.kind,
      due_at: data.due_at || before.due_at,
      sent_at: data.status === "sent" ? before.sent_at || data.updated_at : before.sent_at || null,
    };
    const node = ui.messages.querySelector(`[data-message-id="${CSS.escape(data.message_id)}"]`);
    if (node) decorate(node, record);
  });

  function channel(name, header = null) {
    const email = name === "email";
    show(ui.channel, email);
    setText(ui.channel, email ? "Email" : "");
    const to = header && header.customer && header.customer.email;
    ui.channel.title = email ? `Started by email: replies are sent by email${to ? ` to ${to}` : ""}` : "";
  }

  function decorate(node, record) {
    let badge = node.querySelector(".message-delivery");
    const shown = describeDelivery(record.delivery);
    if (!shown) {
      if (badge) badge.hidden = true;
      return;
    }
    if (!badge) {
      badge = el("span", { class: "message-delivery", attrs: { role: "status", "aria-live": "polite" } });
      node.querySelector(".message-meta").append(badge);
    }
    badge.hidden = false;
    badge.dataset.delivery = shown.state;
    setText(badge, shown.text);
    badge.title = shown.title;
  }

  return { decorate };
}
