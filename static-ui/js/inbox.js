// The operator inbox (index.html): login, the conversation list, the thread with its AI panels,
// the composer, and live updates over /ws with a polling fallback.

import { ApiError, createClient, describeError, operatorApi } from "./api.js";
import { bindComposer } from "./composer.js";
import { ConversationList } from "./conversation-list.js";
import { byId, parseTime, setText, show, StoredToken } from "./dom.js";
import { aiStatus, renderAiPanel, startedAt, updateElapsed } from "./ai-panel.js";
import { LiveUpdates } from "./live.js";
import { Thread, messageFromEvent } from "./thread.js";

const SESSION_KEY = "supportinbox.session";
const EXPIRED = "Your session has expired, please log in again.";
const PAGE_SIZE = 20;
/** A `processing` insight with no `ai.completed` after this long is polled for... */
const AI_GRACE_MS = 5000;
/** ...until this long after it started; then the panel keeps its spinner and polling stops. */
const AI_POLL_WINDOW_MS = 120000;

// ---- session --------------------------------------------------------------------------------

/** The operator's token, name and role; per tab, gone when the tab closes. */
const stored = new StoredToken(sessionStorage, SESSION_KEY);
let session = stored.value;

const api = operatorApi(createClient({ token: () => stored.token, onUnauthorized: () => endSession(EXPIRED) }));

// ---- elements -------------------------------------------------------------------------------

const ui = {
  loginView: byId("login"),
  loginForm: byId("login-form"),
  loginUser: byId("login-username"),
  loginPassword: byId("login-password"),
  loginSubmit: byId("login-submit"),
  loginError: byId("login-error"),
  app: byId("app"),
  connection: byId("connection"),
  logout: byId("logout"),
  currentUser: byId("current-user"),
  filter: byId("status-filter"),
  list: byId("conversation-list"),
  listEmpty: byId("list-empty"),
  listError: byId("list-error"),
  loadMore: byId("load-more"),
  thread: byId("thread"),
  threadPlaceholder: byId("thread-placeholder"),
  threadMain: byId("thread-main"),
  title: byId("thread-title"),
  email: byId("thread-email"),
  status: byId("thread-status"),
  assignee: byId("thread-assignee"),
  assignMe: byId("assign-me"),
  unassign: byId("unassign"),
  resolve: byId("resolve"),
  reopen: byId("reopen"),
  pending: byId("mark-pending"),
  messages: byId("messages"),
  newMessages: byId("new-messages"),
  threadError: byId("thread-error"),
  composer: byId("composer"),
  send: byId("send"),
  notice: byId("notice"),
};

// ---- state ----------------------------------------------------------------------------------

/** The open conversation's header fields (ConversationView without messages), or null. */
let current = null;
let nextCursor = null;
/** Increases with each list refetch (and page appended), so that an older answer is dropped. */
let listGeneration = 0;
/** Increases when the walk through the pages starts again (filter, login): older pages are dropped. */
let walkGeneration = 0;
let threadGeneration = 0;
/** Server time minus local time, from `hello`, to show elapsed times from server timestamps. */
let skewMs = 0;
/** Local time each message's current analysis was first seen in `processing`. */
const processingSeen = new Map();
const drafts = new Map();

const conversations = new ConversationList({ container: ui.list, empty: ui.listEmpty, onSelect: (id) => openConversation(id) });

const thread = new Thread({
  container: ui.messages,
  mine: "operator",
  newPill: ui.newMessages,
  onRetry: (record) => deliver(record),
  decorate: (node, record) => {
    trackProcessing(record);
    renderAiPanel(node, record, {
      since: (r) => startedAt(r.ai, skewMs, processingSeen.get(r.id) || Date.now()),
      onUseReply: useReply,
      onReanalyze: reanalyze,
    });
  },
});

const composer = bindComposer(ui.composer, ui.send, (text) => {
  if (!current) return false;
  deliver(thread.addLocal(text, session.name));
  drafts.delete(current.conversation_id);
  return true;
});

const live = new LiveUpdates({
  indicator: ui.connection,
  token: () => stored.token,
  onHello: (data) => {
    const server = parseTime(data.server_time);
    if (!Number.isNaN(server)) skewMs = server - Date.now();
    // Whatever happened while the socket was away (or before it first opened) is fetched again.
    refreshAll();
  },
  onFrame: handleFrame,
  onPolicyClose: () => {
    // 1008: the token may have expired or been revoked. A REST call tells; its 401 ends the session.
    api.conversations({ limit: 1 }).catch(() => {});
  },
  poll: async ({ socketDown, runs }) => {
    if (current) await refreshThread();
    // The list changes less visibly: while the socket is down it is refetched every third poll.
    if (socketDown && (runs % 3 === 0 || !current)) await refreshList();
  },
  wantsPolling: () => Boolean(current) && staleAnalysis(),
});

// ---- login and logout -----------------------------------------------------------------------

ui.loginForm.addEventListener("submit", async (event) => {
  event.preventDefault();
  const username = ui.loginUser.value.trim().toLowerCase();
  const password = ui.loginPassword.value;
  if (!username || !password) {
    showLoginError("Enter your user name and password.");
    return;
  }
  ui.loginSubmit.disabled = true;
  setText(ui.loginSubmit, "Signing in…");
  try {
    const result = await api.login(username, password);
    stored.save({ token: result.access_token, username, name: result.name || username, role: result.role });
    session = stored.value;
    ui.loginPassword.value = "";
    startSession();
  } catch (e) {
    showLoginError(e instanceof ApiError && e.status === 401 ? "Wrong user name or password." : describeError(e));
    ui.loginPassword.select();
  } finally {
    ui.loginSubmit.disabled = false;
    setText(ui.loginSubmit, "Sign in");
  }
});

ui.logout.addEventListener("click", async () => {
  ui.logout.disabled = true;
  try {
    await api.logout();
  } catch (e) {
    // The token is dropped here either way; a failed logout only means it lives until it expires.
    console.warn("logout failed", e);
  } finally {
    ui.logout.disabled = false;
    endSession(null);
  }
});

function showLoginError(text) {
  setText(ui.loginError, text || "");
  show(ui.loginError, Boolean(text));
}

function startSession() {
  showLoginError(null);
  show(ui.loginView, false);
  show(ui.app, true);
  setText(ui.currentUser, session.name);
  ui.currentUser.title = `Signed in as ${session.username} (${session.role})`;
  live.start();
  reloadList();
  const fromHash = decodeURIComponent(location.hash.replace(/^#/, ""));
  if (/^[0-9a-f-]{36}$/i.test(fromHash)) openConversation(fromHash);
  else closeConversation();
}

/** Back to the login page, `message` (if any) in #login-error. */
function endSession(message) {
  if (!session && !message) return;
  session = null;
  stored.clear();
  live.stop();
  conversations.replace([]);
  closeConversation();
  drafts.clear();
  show(ui.app, false);
  show(ui.loginView, true);
  showLoginError(message);
  ui.loginUser.focus();
}

// ---- polling for overdue AI results ---------------------------------------------------------

/** Some customer message of the open thread has been `processing` for longer than the grace time. */
function staleAnalysis() {
  const now = Date.now();
  for (const record of thread.records) {
    if (record.sender !== "customer" || aiStatus(record.ai) !== "processing") continue;
    const age = now - (processingSeen.get(record.id) || now);
    if (age >= AI_GRACE_MS && age < AI_GRACE_MS + AI_POLL_WINDOW_MS) return true;
  }
  return false;
}

function trackProcessing(record) {
  if (!record.id || record.sender !== "customer") return;
  if (aiStatus(record.ai) === "processing") {
    if (!processingSeen.has(record.id)) processingSeen.set(record.id, Date.now());
  } else {
    processingSeen.delete(record.id);
  }
}

// Once a second: elapsed times; relative times in the list every 15 s.
let ticks = 0;
setInterval(() => {
  if (!session) return;
  ticks += 1;
  for (const node of ui.messages.querySelectorAll(".ai-elapsed")) updateElapsed(node);
  if (ticks % 15 === 0) conversations.tick();
}, 1000);

// ---- live events ----------------------------------------------------------------------------

let listRefreshTimer = null;

/** Refetches the list soon, once for a burst of events. */
function refreshListSoon() {
  if (listRefreshTimer) return;
  listRefreshTimer = setTimeout(() => {
    listRefreshTimer = null;
    refreshList().catch(() => {});
  }, 700);
}

function handleFrame(frame) {
  const data = frame.data || {};
  switch (frame.type) {
    case "message.created":
      if (!conversations.applyMessage(data)) refreshListSoon();
      if (current && data.conversation_id === current.conversation_id) {
        thread.upsert(messageFromEvent(data));
        current.last_message_at = data.created_at;
      }
      break;
    case "ai.requested":
      if (current && data.conversation_id === current.conversation_id) {
        processingSeen.set(data.message_id, Date.now());
        const record = thread.find(data.message_id);
        thread.patch(data.message_id, { ai: { ...(record && record.ai), ...emptyInsight("processing"), updated_at: data.occurred_at } });
      }
      refreshListSoon();
      break;
    case "ai.completed":
      if (current && data.conversation_id === current.conversation_id) {
        const record = thread.find(data.message_id);
        if (record) {
          thread.patch(data.message_id, { ai: { ...record.ai, ...data.ai, status: data.status } });
          syncListInsight();
          break;
        }
      }
      if (conversations.get(data.conversation_id)) refreshListSoon();
      break;
    case "conversation.updated":
      if (!conversations.applyUpdate(data) && conversations.matches(data)) refreshListSoon();
      if (current && data.conversation_id === current.conversation_id) {
        current.status = data.status;
        current.assignee = data.assignee;
        renderHeader();
      }
      break;
    case "resync":
      refreshAll();
      break;
    case "error":
      console.warn("/ws error frame", data);
      break;
    default:
      break;
  }
}

function emptyInsight(status) {
  return { status, intent: null, summary: null, suggested_reply: null, sentiment: null, urgency: null, model: null, error: null, latency_ms: null };
}

/** The list's intent and urgency follow the open thread's latest customer message. */
function syncListInsight() {
  if (!current) return;
  const latest = [...thread.records].reverse().find((r) => r.sender === "customer" && r.id);
  if (!latest) return;
  const ai = latest.ai && latest.ai.status === "available" ? latest.ai : null;
  conversations.setInsight(current.conversation_id, ai ? ai.intent : null, ai ? ai.urgency : null);
}

function refreshAll() {
  refreshList().catch(() => {});
  if (current) refreshThread().catch(() => {});
}

// ---- the list -------------------------------------------------------------------------------

ui.filter.addEventListener("change", () => {
  conversations.filter = ui.filter.value;
  reloadList();
});

ui.loadMore.addEventListener("click", async () => {
  if (!nextCursor) return;
  const walk = walkGeneration;
  ui.loadMore.disabled = true;
  try {
    const page = await api.conversations({ status: conversations.filter, cursor: nextCursor, limit: PAGE_SIZE });
    if (walk !== walkGeneration) return;
    // A refetch still under way asked for fewer items than are now shown: its answer is dropped.
    listGeneration += 1;
    ui.list.removeAttribute("aria-busy");
    conversations.append(page.items);
    setCursor(page.next_cursor);
  } catch (e) {
    notify(`Could not load more conversations. ${describeError(e)}`);
  } finally {
    ui.loadMore.disabled = false;
  }
});

function setCursor(cursor) {
  nextCursor = cursor || null;
  show(ui.loadMore, Boolean(nextCursor));
}

/** A new walk from the first page (filter changed, or login). */
function reloadList() {
  walkGeneration += 1;
  conversations.filter = ui.filter.value;
  conversations.replace([]);
  setCursor(null);
  ui.list.setAttribute("aria-busy", "true");
  refreshList().catch(() => {});
}

/** Refetches as many conversations as are shown (one request, at most 100), keeping the scroll. */
async function refreshList() {
  if (!session) return;
  const generation = ++listGeneration;
  const limit = Math.min(100, Math.max(PAGE_SIZE, conversations.size));
  try {
    const page = await api.conversations({ status: conversations.filter, limit });
    if (generation !== listGeneration) return;
    conversations.replace(keepSelected(page.items));
    setCursor(page.next_cursor);
    show(ui.listError, false);
  } catch (e) {
    if (generation === listGeneration && !(e instanceof ApiError && e.status === 401)) {
      setText(ui.listError, `Could not load conversations. ${describeError(e)}`);
      show(ui.listError, true);
    }
    throw e;
  } finally {
    if (generation === listGeneration) ui.list.removeAttribute("aria-busy");
  }
}

/** The open conversation stays in the list while it is open, even after it left the filter. */
function keepSelected(items) {
  if (!current || items.some((c) => c.conversation_id === current.conversation_id)) return items;
  const shown = conversations.get(current.conversation_id);
  return shown ? items.concat(shown) : items;
}

// ---- the thread -----------------------------------------------------------------------------

async function openConversation(id) {
  if (current && current.conversation_id === id) return;
  if (current) drafts.set(current.conversation_id, composer.value);
  const generation = ++threadGeneration;
  current = { conversation_id: id, status: null, assignee: null, customer: null };
  conversations.select(id);
  history.replaceState(null, "", `#${id}`);
  thread.reset(id);
  show(ui.threadPlaceholder, false);
  show(ui.threadMain, true);
  show(ui.threadError, false);
  setText(ui.title, (conversations.get(id) && conversations.get(id).customer.name) || "Loading…");
  setText(ui.email, "");
  renderHeader();
  composer.set(drafts.get(id) || "");
  composer.setEnabled(false);
  ui.messages.setAttribute("aria-busy", "true");
  try {
    const view = await api.conversation(id);
    if (generation !== threadGeneration) return;
    applyView(view, { scroll: true });
    composer.setEnabled(true);
    composer.focus();
  } catch (e) {
    if (generation !== threadGeneration) return;
    setText(ui.threadError, e instanceof ApiError && e.status === 404 ? "This conversation does not exist." : `Could not load the conversation. ${describeError(e)}`);
    show(ui.threadError, true);
  } finally {
    if (generation === threadGeneration) ui.messages.removeAttribute("aria-busy");
  }
}

function closeConversation() {
  threadGeneration += 1;
  current = null;
  conversations.select(null);
  thread.reset(null);
  processingSeen.clear();
  show(ui.threadMain, false);
  show(ui.threadPlaceholder, true);
  if (location.hash) history.replaceState(null, "", location.pathname + location.search);
}

async function refreshThread() {
  if (!current) return;
  const generation = threadGeneration;
  const view = await api.conversation(current.conversation_id);
  if (generation !== threadGeneration) return;
  applyView(view, { scroll: false });
}

function applyView(view, { scroll }) {
  const { messages, ...header } = view;
  current = header;
  renderHeader();
  thread.setServerMessages(messages, { scroll });
  syncListInsight();
}

function renderHeader() {
  if (!current) return;
  const customer = current.customer || {};
  if (customer.name) setText(ui.title, customer.name);
  setText(ui.email, customer.email || "");
  show(ui.email, Boolean(customer.email));
  setText(ui.status, current.status || "");
  if (current.status) ui.status.dataset.status = current.status;
  const mine = current.assignee === session.username;
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
  const buttons = [ui.assignMe, ui.unassign, ui.resolve, ui.reopen, ui.pending];
  for (const b of buttons) b.disabled = true;
  try {
    const summary = await api.updateConversation(id, fields);
    conversations.upsert(summary);
    if (current && current.conversation_id === id) {
      current.status = summary.status;
      current.assignee = summary.assignee;
    }
  } catch (e) {
    notify(`The conversation could not be changed. ${describeError(e)}`);
  } finally {
    for (const b of buttons) b.disabled = false;
    renderHeader();
  }
}

ui.assignMe.addEventListener("click", () => change({ assignee: session.username }));
ui.unassign.addEventListener("click", () => change({ assignee: null }));
ui.resolve.addEventListener("click", () => change({ status: "resolved" }));
ui.reopen.addEventListener("click", () => change({ status: "open" }));
ui.pending.addEventListener("click", () => change({ status: "pending" }));

// ---- sending and AI actions -----------------------------------------------------------------

async function deliver(record) {
  const message = await thread.deliver(record, (r) => api.send(r.conversation_id, r.content, r.client_message_id));
  // The list shows the reply at once, also while the socket (whose frame would say so) is down.
  if (message) conversations.applyMessage({ ...message, conversation_id: record.conversation_id });
}

function useReply(text) {
  if (!current) return;
  composer.set(text);
  composer.focus();
}

async function reanalyze(record, button) {
  button.disabled = true;
  setText(button, "Asking…");
  try {
    const message = await api.reanalyze(record.id);
    processingSeen.set(record.id, Date.now());
    live.kick();
    if (current && message.conversation_id === current.conversation_id) thread.patch(message.id, { ai: message.ai });
    syncListInsight();
  } catch (e) {
    notify(`The analysis could not be restarted. ${describeError(e)}`);
    button.disabled = false;
    setText(button, button.classList.contains("ai-retry") ? "Retry AI" : "Analyse again");
  }
}

// ---- notices --------------------------------------------------------------------------------

let noticeTimer = null;

function notify(text) {
  setText(ui.notice, text);
  show(ui.notice, true);
  clearTimeout(noticeTimer);
  noticeTimer = setTimeout(() => show(ui.notice, false), 6000);
}

ui.notice.addEventListener("click", () => show(ui.notice, false));

// ---- start ----------------------------------------------------------------------------------

if (session) {
  startSession();
} else {
  show(ui.app, false);
  show(ui.loginView, true);
  ui.loginUser.focus();
}
