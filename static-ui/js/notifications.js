// Browser notifications (the Notification API): for a customer's new message in a conversation
// assigned to me or to no one, and for a note that mentions me (`@username`, the event's
// `mentions`); none for the conversation open in this tab while the tab has the focus. Off until
// the operator turns them on with the top bar's button, which is when the browser asks for
// permission (never on load). The setting is kept per operator in this browser (localStorage).
// A notification's click brings the tab forward and opens the conversation.
//
// Listens to `signed-in`, `signed-out`, `conversations-listed`, `conversation-changed`,
// `conversation-loaded` and the frames `conversation.updated` and `message.created`. Emits
// `conversation-picked` and `notice`.

import { preview } from "./conversation-list.js";
import { byId, setText, show } from "./dom.js";

/** The browser's Notification API, looked up each time (absent in some browsers). */
function api() {
  return globalThis.Notification;
}

export function mountNotifications(store) {
  const button = byId("notify-toggle");
  /** Assignee by conversation id, as far as this page has seen; unknown means new. */
  const assignees = new Map();

  const key = () => `inbox.notifications.${store.state.user.username}`;
  const wanted = () => Boolean(store.state.user) && localStorage.getItem(key()) === "on";
  const enabled = () => wanted() && api() && api().permission === "granted";

  function draw() {
    const supported = Boolean(api());
    show(button, supported && Boolean(store.state.user));
    if (!supported) return;
    const blocked = api().permission === "denied";
    button.setAttribute("aria-pressed", String(enabled()));
    setText(button, blocked ? "Notifications blocked" : enabled() ? "Notifications on" : "Notifications off");
  }

  button.addEventListener("click", async () => {
    if (!store.state.user || !api()) return;
    if (wanted()) {
      localStorage.removeItem(key());
      draw();
      return;
    }
    let permission = api().permission;
    if (permission === "default") permission = await api().requestPermission();
    if (permission === "granted") {
      localStorage.setItem(key(), "on");
    } else {
      store.emit("notice", "This browser blocks notifications from this page: allow them in its site settings, then try again.");
    }
    draw();
  });

  store.on("signed-in", () => draw());
  store.on("signed-out", () => {
    assignees.clear();
    show(button, false);
  });
  store.on("conversations-listed", (items) => {
    for (const c of items) assignees.set(c.conversation_id, c.assignee || null);
  });
  store.on("conversation-changed", (s) => assignees.set(s.conversation_id, s.assignee || null));
  store.on("conversation-loaded", ({ header }) => assignees.set(header.conversation_id, header.assignee || null));
  store.on("frame:conversation.updated", (d) => assignees.set(d.conversation_id, d.assignee || null));

  store.on("frame:message.created", (data) => {
    if (!enabled()) return;
    if (document.hasFocus() && store.state.conversationId === data.conversation_id) return;
    const me = store.state.user.username;
    if (data.internal) {
      if ((data.mentions || []).includes(me)) notify(`${data.sender_name || "A teammate"} mentioned you in a note`, data);
      return;
    }
    if (data.sender !== "customer") return;
    // A conversation this page has not seen is a new one, and new conversations have no assignee.
    const assignee = assignees.has(data.conversation_id) ? assignees.get(data.conversation_id) : null;
    if (assignee === null || assignee === me) notify(`New message from ${data.sender_name || "a customer"}`, data);
  });

  function notify(title, data) {
    try {
      const shown = new (api())(title, { body: preview(data.content), tag: data.conversation_id });
      shown.onclick = () => {
        window.focus();
        store.emit("conversation-picked", { id: data.conversation_id, summary: null });
        shown.close();
      };
    } catch (e) {
      // Some browsers allow notifications only from a service worker; the page still works.
      console.warn("notification not shown", e);
    }
  }
}
