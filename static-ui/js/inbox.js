// The operator inbox (index.html), its entry point: creates what the parts share (the store, the
// API client, live updates), mounts one module per screen part and starts. The parts never call
// each other; they read `store.state` and talk through the store's events. Which part writes and
// reads what: static-ui/README.md#how-the-operator-page-is-wired. A new screen part is a new
// module mounted here.

import { mountAdminAudit } from "./admin-audit.js";
import { mountAdminTeam } from "./admin-team.js";
import { mountAdminView } from "./admin-view.js";
import { attachmentDecorator } from "./attachments.js";
import { mountEmailDelivery } from "./email-delivery.js";
import { mountAiFeedback } from "./ai-feedback.js";
import { mountAiQuality } from "./ai-quality.js";
import { createClient, operatorApi } from "./api.js";
import { byId } from "./dom.js";
import { mountAssignPicker } from "./assign-picker.js";
import { mountConversationSummary } from "./conversation-summary.js";
import { mountInsights } from "./insights.js";
import { mountKnowledgeBase } from "./knowledge-base.js";
import { mountListPane } from "./list-pane.js";
import { LiveUpdates } from "./live.js";
import { mountNotice } from "./notice.js";
import { mountNotifications } from "./notifications.js";
import { mountReadMarks } from "./read-marks.js";
import { mountRelated } from "./related.js";
import { mountReplyBox } from "./reply-box.js";
import { mountSearchPane } from "./search-pane.js";
import { mountReplyPicker } from "./reply-picker.js";
import { mountSavedReplies } from "./saved-replies.js";
import { mountSession } from "./session.js";
import { mountSnoozeMenu } from "./snooze-menu.js";
import { Store } from "./store.js";
import { mountTeam } from "./team.js";
import { mountThreadHeader } from "./thread-header.js";
import { mountThreadPane } from "./thread-pane.js";

const store = new Store({ user: null, conversationId: null });
const token = () => (store.state.user ? store.state.user.token : null);
const api = operatorApi(createClient({ token, onUnauthorized: () => store.emit("unauthorized") }));

// Each /ws frame reaches the parts as the event `frame:<type>` with the frame's data. Every `hello`
// (the first connection and each reconnect) and `resync` refetch what the page shows, since events
// may have been missed meanwhile.
const live = new LiveUpdates({
  indicator: byId("connection"),
  token,
  onHello: (data) => {
    store.emit("frame:hello", data);
    refreshAll();
  },
  onFrame: (frame) => store.emit(`frame:${frame.type}`, frame.data || {}),
  // 1008: the token may have expired or been revoked. A REST call tells; its 401 ends the session.
  onPolicyClose: () => api.counts().catch(() => {}),
  poll: async ({ socketDown, runs }) => {
    if (store.state.conversationId) await thread.refresh();
    // The list changes less visibly: while the socket is down it is refetched every third poll.
    if (socketDown && (runs % 3 === 0 || !store.state.conversationId)) await list.refresh();
  },
  wantsPolling: () => Boolean(store.state.conversationId) && insights.overdue(thread.records),
});
store.on("signed-in", () => live.start());
store.on("signed-out", () => live.stop());
store.on("analysis-restarted", () => live.kick());
store.on("frame:resync", () => refreshAll());
store.on("frame:error", (data) => console.warn("/ws error frame", data));

// The order matters where several parts follow one event: it is the order they hear it in.
mountNotice(store);
const session = mountSession(store, api);
mountTeam(store, api);
const list = mountListPane(store, api);
mountSearchPane(store, api);
const insights = mountInsights(store, api);
const feedback = mountAiFeedback(store, api);
const email = mountEmailDelivery(store, () => thread.records);
const files = attachmentDecorator({
  fetchFile: (id) => api.attachment(id),
  hrefOf: (id) => `/attachments/${encodeURIComponent(id)}`,
});
const thread = mountThreadPane(store, api, {
  decorate: (node, record) => {
    insights.decorate(node, record);
    feedback.decorate(node, record);
    email.decorate(node, record);
    files(node, record);
  },
});
mountThreadHeader(store, api);
mountReadMarks(store, api, thread);
mountRelated(store, api);
mountConversationSummary(store, thread);
mountAssignPicker(store, api);
mountSnoozeMenu(store, api);
mountNotifications(store);
mountReplyBox(store, api);
mountAdminView(store);
mountAdminTeam(store, api);
mountAdminAudit(store, api);
mountReplyPicker(store, api);
mountSavedReplies(store, api);
mountKnowledgeBase(store, api);
mountAiQuality(store, api);

function refreshAll() {
  list.refresh().catch(() => {});
  if (store.state.conversationId) thread.refresh().catch(() => {});
}

// Once a second while signed in, `tick` with the count: elapsed and relative times move on.
let ticks = 0;
setInterval(() => {
  if (!store.state.user) return;
  ticks += 1;
  store.emit("tick", ticks);
}, 1000);

session.resume();
