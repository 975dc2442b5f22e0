// The operator's conversation list: newest activity first, one keyed item per conversation,
// updated in place from REST pages and live events.

import { codePoints } from "./composer.js";
import { el, formatFull, formatRelative, formatWhen, parseTime, setData, setText, syncChildren, timeElement, updateTime } from "./dom.js";

/** messaging's list preview: the first 140 code points, with "…" when cut. */
const PREVIEW_POINTS = 140;

export function preview(content) {
  const text = (content || "").replace(/\s+/g, " ").trim();
  if (codePoints(text) <= PREVIEW_POINTS) return text;
  return `${[...text].slice(0, PREVIEW_POINTS).join("")}…`;
}

const URGENCY_RANK = { high: 3, normal: 2, low: 1 };

/** High, normal, low, then none; ties newest first (messaging's `sort=urgency`). */
function mostUrgentFirst(a, b) {
  const byRank = (URGENCY_RANK[b.latest_urgency] || 0) - (URGENCY_RANK[a.latest_urgency] || 0);
  return byRank !== 0 ? byRank : newestFirst(a, b);
}

/** Whether a conversation belongs in a view (see the gateway's `GET /conversations?view=`). */
export function inView(view, summary, me) {
  switch (view) {
    case "all":
      return true;
    case "mine":
      return summary.status === "open" && Boolean(me) && summary.assignee === me;
    case "unassigned":
      return summary.status === "open" && !summary.assignee;
    default:
      return summary.status === view;
  }
}

/** The status a view stands for (its items need no status badge), or null. */
function viewStatus(view) {
  return view === "mine" || view === "unassigned" ? "open" : view === "all" ? null : view;
}

function newestFirst(a, b) {
  const byTime = (parseTime(b.last_message_at) || 0) - (parseTime(a.last_message_at) || 0);
  if (byTime !== 0) return byTime;
  return a.conversation_id < b.conversation_id ? 1 : a.conversation_id > b.conversation_id ? -1 : 0;
}

export class ConversationList {
  /** `container`: `#conversation-list`; `onSelect(id)`: the operator picked a conversation. */
  constructor({ container, empty, onSelect }) {
    this.container = container;
    this.empty = empty;
    this.onSelect = onSelect;
    this.items = [];
    this.nodes = new Map();
    this.selectedId = null;
    /** The view shown (mine, unassigned, open, pending, snoozed, resolved, all) and its order. */
    this.view = "open";
    this.sort = "activity";
    /** The signed-in operator's user name (for "mine"). */
    this.me = null;
    /** Display names by user name (`GET /team`), to show assignees by name. */
    this.names = new Map();
    container.addEventListener("click", (event) => {
      const item = event.target.closest(".conversation-item");
      if (item && container.contains(item)) this.onSelect(item.dataset.conversationId);
    });
    container.addEventListener("keydown", (event) => this.moveFocus(event));
  }

  get(id) {
    return this.items.find((c) => c.conversation_id === id) || null;
  }

  get size() {
    return this.items.length;
  }

  matches(summary) {
    return inView(this.view, summary, this.me);
  }

  /** A fresh first page (or pages): replaces everything. */
  replace(items) {
    this.items = dedupe(items);
    this.render();
  }

  /** The next page of the same walk. */
  append(items) {
    const known = new Set(this.items.map((c) => c.conversation_id));
    this.items = this.items.concat(items.filter((c) => !known.has(c.conversation_id)));
    this.render();
  }

  /** A summary from a PATCH answer or a refetch: replaces the item, or adds it when it matches. */
  upsert(summary) {
    const index = this.items.findIndex((c) => c.conversation_id === summary.conversation_id);
    if (index >= 0) this.items[index] = { ...this.items[index], ...summary };
    else if (this.matches(summary)) this.items.push(summary);
    this.dropUnmatched();
    this.render();
  }

  /**
   * A `message.created` event. Returns false when the conversation is not in the list (new, or on a
   * page not loaded): the caller refetches.
   */
  applyMessage(event) {
    const item = this.get(event.conversation_id);
    if (!item) return false;
    item.last_message_at = event.created_at;
    item.last_message_preview = preview(event.content);
    item.last_message_sender = event.sender;
    if (event.sender === "customer") {
      // The list's intent and urgency follow the latest customer message, whose analysis starts now.
      item.latest_intent = null;
      item.latest_urgency = null;
      // A customer writing reopens a pending, snoozed or resolved conversation (messaging also
      // publishes conversation.updated; this shows it at once).
      if (item.status !== "open") {
        item.status = "open";
        item.snoozed_until = null;
      }
    }
    this.dropUnmatched();
    this.render();
    return true;
  }

  /** A customer message the operator has not seen yet: one more unread in its item. */
  countUnread(conversationId) {
    const item = this.get(conversationId);
    if (!item) return;
    item.unread = (item.unread || 0) + 1;
    this.render();
  }

  /**
   * A `conversation.read` event (the operator read it here or on another tab or device). Returns
   * false when the item may still have unread messages after that position: the caller refetches.
   */
  applyRead(event) {
    const item = this.get(event.conversation_id);
    if (!item || !item.unread) return true;
    if ((parseTime(event.read_up_to) || 0) < (parseTime(item.last_message_at) || 0)) return false;
    item.unread = 0;
    this.render();
    return true;
  }

  /** A `conversation.updated` event. */
  applyUpdate(event) {
    const item = this.get(event.conversation_id);
    if (!item) return false;
    item.status = event.status;
    item.assignee = event.assignee;
    item.snoozed_until = event.snoozed_until || null;
    if (event.updated_at) item.updated_at = event.updated_at;
    this.dropUnmatched();
    this.render();
    return true;
  }

  /** The latest customer message's insight became known (from the open thread). */
  setInsight(conversationId, intent, urgency) {
    const item = this.get(conversationId);
    if (!item) return;
    item.latest_intent = intent;
    item.latest_urgency = urgency;
    this.render();
  }

  /** Conversations that left the filter go, except the one open in the thread. */
  dropUnmatched() {
    this.items = this.items.filter((c) => this.matches(c) || c.conversation_id === this.selectedId);
  }

  select(id) {
    this.selectedId = id;
    for (const [key, node] of this.nodes) {
      const selected = key === id;
      node.classList.toggle("selected", selected);
      if (selected) node.setAttribute("aria-current", "true");
      else node.removeAttribute("aria-current");
    }
  }

  /** Relative times age: called every few seconds. */
  tick() {
    for (const item of this.items) {
      const node = this.nodes.get(item.conversation_id);
      if (node) updateTime(node.querySelector(".conversation-time"), item.last_message_at, formatRelative);
    }
  }

  render() {
    this.items.sort(this.sort === "urgency" ? mostUrgentFirst : newestFirst);
    syncChildren(this.container, this.nodes, this.items, {
      key: (item) => item.conversation_id,
      build: (item) => this.build(item),
      update: (node, item) => this.update(node, item),
      rowOf: (node) => node.parentElement,
    });
    this.empty.hidden = this.items.length > 0;
  }

  build(item) {
    const button = el("button", { class: "conversation-item", attrs: { type: "button" }, data: { conversationId: item.conversation_id } }, [
      el("span", { class: "conversation-top" }, [
        el("span", { class: "conversation-name" }),
        el("span", { class: "unread-count", attrs: { hidden: "" } }),
        timeElement("conversation-time", item.last_message_at, formatRelative),
      ]),
      el("span", { class: "conversation-line" }, [el("span", { class: "conversation-who" }), el("span", { class: "conversation-preview" })]),
      el("span", { class: "conversation-tags" }),
    ]);
    el("li", { class: "conversation-row" }, [button]);
    return button;
  }

  update(node, item) {
    setData(node, "status", item.status);
    node.classList.toggle("selected", item.conversation_id === this.selectedId);
    const unread = item.unread || 0;
    node.classList.toggle("unread", unread > 0);
    const badge = node.querySelector(".unread-count");
    setText(badge, unread > 99 ? "99+" : String(unread));
    badge.hidden = unread === 0;
    badge.setAttribute("aria-label", `${unread} unread`);
    setText(node.querySelector(".conversation-name"), (item.customer && item.customer.name) || "Customer");
    updateTime(node.querySelector(".conversation-time"), item.last_message_at, formatRelative);
    setText(node.querySelector(".conversation-who"), item.last_message_sender === "operator" ? "Team: " : "");
    setText(node.querySelector(".conversation-preview"), item.last_message_preview || "");
    const signature = [item.last_message_sender, item.latest_intent, item.latest_urgency, item.status, item.assignee, item.snoozed_until, this.view, this.names.get(item.assignee)].join("|");
    const tags = node.querySelector(".conversation-tags");
    if (tags.dataset.signature === signature) return;
    tags.dataset.signature = signature;
    tags.replaceChildren(...this.tags(item));
  }

  tags(item) {
    const tags = [];
    // First, so that a narrow list never cuts it off: when the conversation comes back.
    if (item.status === "snoozed" && item.snoozed_until) {
      tags.push(el("span", { class: "chip snooze-chip", text: `until ${formatWhen(item.snoozed_until)}`, attrs: { title: `Snoozed until ${formatFull(item.snoozed_until)}` } }));
    }
    if (item.last_message_sender === "customer") {
      tags.push(el("span", { class: "awaiting-reply", attrs: { title: "The customer wrote last" } }, ["Awaiting reply"]));
    }
    if (item.latest_urgency) {
      tags.push(el("span", { class: "urgency-marker", text: item.latest_urgency, data: { urgency: item.latest_urgency }, attrs: { title: `Urgency: ${item.latest_urgency}` } }));
    }
    if (item.latest_intent) {
      tags.push(el("span", { class: "intent-chip", text: item.latest_intent, data: { intent: item.latest_intent }, attrs: { title: "Intent of the latest customer message" } }));
    }
    if (item.status !== viewStatus(this.view)) {
      tags.push(el("span", { class: "status-badge", text: item.status, data: { status: item.status } }));
    }
    if (item.assignee) {
      const name = this.names.get(item.assignee) || item.assignee;
      tags.push(el("span", { class: "assignee-tag", text: name, attrs: { title: `Assigned to ${name} (${item.assignee})` } }));
    }
    return tags;
  }

  /** Arrow keys move between conversations; Home/End jump. */
  moveFocus(event) {
    const keys = ["ArrowDown", "ArrowUp", "Home", "End"];
    if (!keys.includes(event.key)) return;
    const buttons = [...this.container.querySelectorAll(".conversation-item")];
    if (buttons.length === 0) return;
    const at = buttons.indexOf(document.activeElement);
    let next = at;
    if (event.key === "ArrowDown") next = Math.min(buttons.length - 1, at + 1);
    if (event.key === "ArrowUp") next = Math.max(0, at - 1);
    if (event.key === "Home") next = 0;
    if (event.key === "End") next = buttons.length - 1;
    event.preventDefault();
    buttons[next].focus();
  }
}

function dedupe(items) {
  const seen = new Set();
  return items.filter((c) => !seen.has(c.conversation_id) && seen.add(c.conversation_id));
}
