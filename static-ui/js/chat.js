// The customer chat widget (chat.html): start a conversation, then chat with live operator replies.
// The customer token is kept in localStorage, so a reload continues the same conversation, and it is
// renewed (POST /customer/token) before it expires. The customer routes and socket frames carry no
// AI insight or internal field, and this page shows none.
//
// While operator replies are on screen (the page visible and, embedded, the frame open), the page
// tells the server up to which one the customer has seen them (POST /customer/read): a customer who
// left an email gets by mail, after EMAIL_FALLBACK_AFTER, only the replies they have not seen here.
//
// Embedded (`?embed=1` inside another site's page, framed by widget.js): a Close button and Escape
// ask the launcher to close the frame, and operator replies that arrive while it is closed are
// counted for the launcher's badge. Messages to and from the page are postMessage, checked by source;
// the page's origin is learnt from its first message (only sites in WIDGET_ALLOWED_ORIGINS can
// frame this page at all: its frame-ancestors).

import { ApiError, createClient, customerApi, describeError } from "./api.js";
import { attachmentDecorator } from "./attachments.js";
import { bindComposer, codePoints, MAX_MESSAGE } from "./composer.js";
import { byId, setText, show, StoredToken } from "./dom.js";
import { contentFor, mountFilePicker } from "./file-picker.js";
import { LiveUpdates } from "./live.js";
import { Thread, newClientId } from "./thread.js";

const STORE_KEY = "supportinbox.chat";
const ENDED = "Your previous chat has ended. Start a new one below.";
/** A token with less than this left is renewed (customer tokens live 24 hours by default). */
const RENEW_BEFORE_MS = 6 * 60 * 60 * 1000;
/** How often the token's remaining life is checked while the page is open. */
const RENEW_CHECK_MS = 10 * 60 * 1000;
const embedded = new URLSearchParams(location.search).has("embed") && window.parent !== window;

/** {token, conversation_id, name}: kept across reloads, so the customer continues the same chat. */
const store = new StoredToken(localStorage, STORE_KEY);
let stored = store.value && store.value.conversation_id ? store.value : null;

const api = customerApi(createClient({ token: () => store.token, onUnauthorized: () => endChat(ENDED) }));

const ui = {
  startForm: byId("start-form"),
  startName: byId("start-name"),
  startEmail: byId("start-email"),
  startMessage: byId("start-message"),
  startSubmit: byId("start-submit"),
  startError: byId("start-error"),
  chat: byId("chat"),
  chatNew: byId("chat-new"),
  chatStatus: byId("chat-status"),
  chatError: byId("chat-error"),
  messages: byId("messages"),
  newMessages: byId("new-messages"),
  connection: byId("connection"),
  composer: byId("composer"),
  send: byId("send"),
  close: byId("widget-close"),
};

const thread = new Thread({
  container: ui.messages,
  mine: "customer",
  newPill: ui.newMessages,
  onRetry: (record) => deliver(record),
  decorate: attachmentDecorator({
    fetchFile: (id) => api.attachment(id),
    hrefOf: (id) => `/customer/attachments/${encodeURIComponent(id)}`,
  }),
  authorOf: (record) => (record.sender === "customer" ? "You" : record.sender_name || "Support"),
});

// Files go with the next message: uploaded as they are chosen (file-picker.js).
const picker = mountFilePicker({
  button: byId("attach"),
  input: byId("attach-input"),
  list: byId("attach-list"),
  upload: (file) => api.upload(file),
  onChange: () => composer.refresh(),
});

const composer = bindComposer(
  ui.composer,
  ui.send,
  (text) => {
    if (!stored) return false;
    const attachments = picker.files();
    const record = thread.addLocal(contentFor(text, attachments), stored.name);
    record.attachments = attachments; // names while it is sent (attachments.js), sent by id
    picker.clear();
    deliver(record);
    return true;
  },
  { hasFiles: () => picker.hasFiles(), busy: () => picker.busy() },
);

const live = new LiveUpdates({
  indicator: ui.connection,
  token: () => store.token,
  onHello: () => load().catch(() => {}),
  onFrame: (frame) => {
    const data = frame.data || {};
    if (frame.type === "message.created" && stored && data.conversation_id === stored.conversation_id) {
      // A customer's frames carry the message as the customer sees it (contracts' CustomerMessageView).
      const known = thread.find(data.id);
      thread.upsert(data);
      if (!known && data.sender === "operator") {
        countUnread();
        markSeen();
      }
      // An operator answered, or the customer wrote again: a resolved conversation is open again.
      showStatus(null);
    } else if (frame.type === "resync") {
      load().catch(() => {});
    }
  },
  // 1008: the token expired. The REST call's 401 ends the chat.
  onPolicyClose: () => load().catch(() => {}),
  poll: () => load(),
});

// ---- starting -------------------------------------------------------------------------------

// The start's idempotency key: kept while the form is unchanged, so pressing "Start chat" again
// after a failure the server may not have seen (a lost answer, a 503) returns the conversation the
// first press started instead of a second one. Editing the form makes it a new request.
let startKey = null;
ui.startForm.addEventListener("input", () => {
  startKey = null;
});

ui.startForm.addEventListener("submit", async (event) => {
  event.preventDefault();
  const name = ui.startName.value.trim();
  const email = ui.startEmail.value.trim();
  const content = ui.startMessage.value.trim();
  if (!name) return startError("Please tell us your name.", ui.startName);
  if (email && !ui.startEmail.checkValidity()) return startError("That email address does not look right.", ui.startEmail);
  if (!content) return startError("Please write a message.", ui.startMessage);
  if (codePoints(content) > MAX_MESSAGE) return startError(`Messages can be at most ${MAX_MESSAGE} characters.`, ui.startMessage);
  ui.startSubmit.disabled = true;
  setText(ui.startSubmit, "Starting…");
  try {
    startKey = startKey || newClientId();
    const result = await api.start(name, email, content, startKey);
    startKey = null;
    store.save({ token: result.customer_token, conversation_id: result.conversation_id, name });
    stored = store.value;
    ui.startMessage.value = "";
    openChat();
    thread.setServerMessages([result.message], { scroll: true });
  } catch (e) {
    startError(describeError(e));
  } finally {
    ui.startSubmit.disabled = false;
    setText(ui.startSubmit, "Start chat");
  }
});

function startError(text, field) {
  setText(ui.startError, text || "");
  show(ui.startError, Boolean(text));
  if (field) field.focus();
}

// "New chat" ends the old chat on the server too: its token stops working and its start can no
// longer be replayed for a new one. The form is shown either way.
ui.chatNew.addEventListener("click", () => {
  if (stored) api.logout().catch((e) => console.warn("ending the chat failed", e));
  endChat(null);
});

// ---- chatting -------------------------------------------------------------------------------

function openChat() {
  startError(null);
  show(ui.startForm, false);
  show(ui.chat, true);
  show(ui.chatError, false);
  thread.reset(stored.conversation_id);
  composer.setEnabled(true);
  // Embedded, the frame takes the focus only while it is open: never from the site's own page.
  if (!embedded || frameOpen) composer.focus();
  live.start();
}

/** Back to the start form, e.g. when the customer token expired. */
function endChat(message) {
  const name = stored ? stored.name : "";
  stored = null;
  seenUpTo = null;
  store.clear();
  live.stop();
  thread.reset(null);
  composer.set("");
  picker.clear();
  show(ui.chat, false);
  show(ui.startForm, true);
  if (name && !ui.startName.value) ui.startName.value = name;
  startError(message);
  if (!embedded || frameOpen) (ui.startName.value ? ui.startMessage : ui.startName).focus();
}

/** Fetches the conversation; rejects when the server could not be reached (polling reports it). */
async function load() {
  if (!stored) return;
  const conversationId = stored.conversation_id;
  try {
    const view = await api.conversation();
    if (!stored || stored.conversation_id !== conversationId) return;
    thread.setServerMessages(view.messages);
    showStatus(view.status);
    show(ui.chatError, false);
    markSeen();
  } catch (e) {
    if (e instanceof ApiError && (e.status === 403 || e.status === 404)) {
      endChat(ENDED);
      return;
    }
    if (e instanceof ApiError && e.status !== 401) {
      setText(ui.chatError, `Could not load the conversation. ${describeError(e)}`);
      show(ui.chatError, true);
    }
    throw e;
  }
}

function showStatus(status) {
  const resolved = status === "resolved";
  setText(ui.chatStatus, resolved ? "This conversation was marked as solved. Write again any time to reopen it." : "");
  show(ui.chatStatus, resolved);
}

function deliver(record) {
  const ids = (record.attachments || []).map((f) => f.id);
  return thread.deliver(record, (r) => api.send(r.content, r.client_message_id, ids));
}

// ---- seen replies ----------------------------------------------------------------------------

/** The latest operator reply the server was told the customer has seen (or is being told). */
let seenUpTo = null;

/**
 * Tells the server the customer has seen the latest operator reply, when it is on screen: the page
 * visible and (embedded) the frame open. Once per reply; a failure is tried again at the next
 * chance (a frame, a load, the page shown again).
 */
function markSeen() {
  if (!stored || !frameOpen || document.visibilityState !== "visible") return;
  const latest = [...thread.records].reverse().find((r) => r.id && r.sender === "operator");
  if (!latest || latest.id === seenUpTo) return;
  const conversationId = stored.conversation_id;
  seenUpTo = latest.id;
  api.read(latest.id).catch((e) => {
    if (stored && stored.conversation_id === conversationId && seenUpTo === latest.id) seenUpTo = null;
    console.warn("telling the server the replies were seen failed; trying again later", e);
  });
}

document.addEventListener("visibilitychange", () => markSeen());

// ---- the token's life ------------------------------------------------------------------------

/** When the token expires (its `exp`, in ms), or null when it cannot be read. */
function expiresAt(token) {
  try {
    const payload = JSON.parse(atob(token.split(".")[1].replace(/-/g, "+").replace(/_/g, "/")));
    return typeof payload.exp === "number" ? payload.exp * 1000 : null;
  } catch {
    return null;
  }
}

/** Renews the token when little of its life is left; a failure is retried at the next check. */
async function renewIfDue() {
  if (!stored) return;
  const exp = expiresAt(stored.token);
  if (exp === null || exp - Date.now() > RENEW_BEFORE_MS) return;
  const conversationId = stored.conversation_id;
  try {
    const renewed = await api.renew();
    if (!stored || stored.conversation_id !== conversationId) return;
    store.save({ ...stored, token: renewed.customer_token });
    stored = store.value;
  } catch (e) {
    console.warn("renewing the chat token failed; trying again later", e);
  }
}

setInterval(() => renewIfDue(), RENEW_CHECK_MS);

// ---- embedded in another site (widget.js) ---------------------------------------------------

/** The framing page's origin, from its first message; null until then (or not embedded). */
let pageOrigin = null;
/** Whether the launcher shows the frame (always, when not embedded). */
let frameOpen = !embedded;
let unread = 0;

function tellPage(message) {
  if (pageOrigin) window.parent.postMessage(message, pageOrigin);
}

function countUnread() {
  if (frameOpen && document.visibilityState === "visible") return;
  unread += 1;
  tellPage({ type: "support-inbox:unread", count: unread });
}

if (embedded) {
  document.body.classList.add("embedded");
  show(ui.close, true);
  ui.close.addEventListener("click", () => tellPage({ type: "support-inbox:close" }));
  document.addEventListener("keydown", (event) => {
    if (event.key === "Escape") tellPage({ type: "support-inbox:close" });
  });
  window.addEventListener("message", (event) => {
    if (event.source !== window.parent) return;
    const data = event.data || {};
    if (data.type !== "support-inbox:visibility") return;
    pageOrigin = event.origin;
    frameOpen = Boolean(data.open);
    if (frameOpen) {
      markSeen();
      unread = 0;
      tellPage({ type: "support-inbox:unread", count: 0 });
      if (stored) composer.focus();
      else (ui.startName.value ? ui.startMessage : ui.startName).focus();
    }
  });
  // Carries nothing: the page answers with its visibility, and so tells its origin.
  window.parent.postMessage({ type: "support-inbox:ready" }, "*");
}

// ---- start ----------------------------------------------------------------------------------

if (stored) {
  openChat();
  load().catch(() => {});
  renewIfDue();
} else {
  show(ui.startForm, true);
  if (!embedded) ui.startName.focus();
}
