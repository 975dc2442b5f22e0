// One conversation's messages, shared by both pages: the server's messages merged with the user's
// own optimistic ones, rendered into a scrolling container keyed by message so that an update
// touches only what changed.
//
// Reconciliation. A message the user sends gets a client_message_id (crypto.randomUUID()) and is
// shown at once as `pending`. It can come back twice: as the answer to the POST and as a
// `message.created` frame, both carrying the client_message_id. Whichever comes first turns the
// pending message into the stored one (by client_message_id); the other then finds it by id. A
// frame without a client_message_id that arrives before the answer is matched to the oldest pending
// message of the same sender with the same (trimmed) text. A refetch matches by id and
// client_message_id. So a message
// is never shown twice, and one whose POST failed stays, marked `failed`, until it is retried.

import { describeError } from "./api.js";
import { el, formatClock, marked, parseTime, rangesOf, setData, setText, syncChildren, timeElement, updateTime } from "./dom.js";

/** Pixels from the bottom within which the view counts as "at the bottom" and follows new messages. */
const STICKY_PX = 80;

/** A random idempotency key (a UUID) for one message the user sends. */
export function newClientId() {
  if (crypto.randomUUID) return crypto.randomUUID();
  // crypto.randomUUID needs a secure context; plain http on a LAN address is not one.
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const h = [...b].map((x) => x.toString(16).padStart(2, "0")).join("");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/**
 * A `message.created` (or `ai.requested`) frame's data as a message: every field of the event (so a
 * field added to the event reaches the thread with no edit here), its `message_id` as the `id`;
 * fields it lacks stay undefined.
 */
export function messageFromEvent(data) {
  return { ...data, id: data.message_id };
}

function defaultAuthor(record) {
  return record.sender_name || (record.sender === "customer" ? "Customer" : "Support");
}

function byTime(a, b) {
  return (parseTime(a.created_at) || 0) - (parseTime(b.created_at) || 0);
}

export class Thread {
  /**
   * `container`: the scrolling list (`#messages`); `mine`: the sender whose messages are this
   * user's (`operator` or `customer`); `newPill`: a button shown when messages arrive while the
   * user has scrolled up; `decorate(node, record)`: adds page-specific parts (the AI panel);
   * `onRetry(record)`: the user asked to send a failed message again; `authorOf(record)`: the
   * name shown above a message.
   */
  constructor({ container, mine, newPill = null, decorate = () => {}, onRetry = () => {}, authorOf = defaultAuthor }) {
    this.container = container;
    this.mine = mine;
    this.newPill = newPill;
    this.decorate = decorate;
    this.onRetry = onRetry;
    this.authorOf = authorOf;
    this.records = [];
    this.nodes = new Map();
    this.conversationId = null;
    this.nextKey = 1;
    container.addEventListener("scroll", () => {
      if (this.atBottom()) this.showPill(false);
    });
    if (newPill) newPill.addEventListener("click", () => this.scrollToBottom());
  }

  /** Empties the thread for another conversation (or none). */
  reset(conversationId) {
    this.conversationId = conversationId;
    this.records = [];
    for (const node of this.nodes.values()) node.remove();
    this.nodes.clear();
    this.showPill(false);
  }

  find(id) {
    return this.records.find((r) => r.id === id) || null;
  }

  findByClientId(clientId) {
    return clientId ? this.records.find((r) => r.client_message_id === clientId) || null : null;
  }

  /**
   * Scrolls message `id` into the middle of the view, outlines it and marks `words` in its text (a
   * search hit); false when the thread has no such message. The marks stay until its text changes.
   */
  focus(id, words = []) {
    const record = id ? this.find(id) : null;
    const node = record ? this.nodes.get(record.key) : null;
    if (!node) return false;
    for (const old of this.container.querySelectorAll(".message.found")) old.classList.remove("found");
    node.classList.add("found");
    node.querySelector(".message-content").replaceChildren(...marked(record.content, rangesOf(record.content, words)));
    node.scrollIntoView({ block: "center" });
    this.showPill(false);
    return true;
  }

  /** The latest message, unsent ones included. */
  last() {
    return this.records[this.records.length - 1] || null;
  }

  /** The thread as the server has it now (a full refetch); the user's unsent messages stay at the end. */
  setServerMessages(messages, { scroll = false } = {}) {
    const before = this.records;
    const used = new Set();
    const next = messages.map((m) => {
      const old = before.find((r) => !used.has(r) && (r.id === m.id || (m.client_message_id && r.client_message_id === m.client_message_id)));
      if (old) used.add(old);
      return this.merge(old, m, "sent");
    });
    const unsent = before.filter((r) => !used.has(r) && !r.id);
    this.records = next.concat(unsent);
    this.render({ scroll });
  }

  /** A stored message from an answer or a frame: updates the one it is, or adds it in time order. */
  upsert(message) {
    let record = this.find(message.id) || this.findByClientId(message.client_message_id);
    if (!record && message.client_message_id == null && message.sender === this.mine) {
      const text = (message.content || "").trim();
      record = this.records.find((r) => !r.id && r.sender === message.sender && r.content.trim() === text) || null;
    }
    if (record) {
      Object.assign(record, this.merge(record, message, "sent"));
    } else {
      const added = this.merge(null, message, "sent");
      const at = this.records.findIndex((r) => !r.id || byTime(added, r) < 0);
      if (at < 0) this.records.push(added);
      else this.records.splice(at, 0, added);
    }
    this.render({ scroll: false });
    return this.find(message.id);
  }

  /** A new message (or, `internal`, a note) of this user, shown at once as pending; the caller sends it. */
  addLocal(content, senderName, internal = false) {
    const record = {
      key: `k${this.nextKey++}`,
      id: null,
      conversation_id: this.conversationId,
      sender: this.mine,
      sender_name: senderName,
      content,
      internal,
      client_message_id: newClientId(),
      created_at: new Date().toISOString(),
      ai: null,
      state: "pending",
      error: null,
    };
    this.records.push(record);
    this.render({ scroll: true });
    return record;
  }

  /** The POST answered: `message` is the stored message (the first one, for a repeated id). */
  confirm(record, message) {
    // A frame may have added the stored message as a record of its own; keep one.
    const twin = this.find(message.id);
    if (twin && twin !== record) this.records = this.records.filter((r) => r !== twin);
    if (!this.records.includes(record)) return;
    Object.assign(record, this.merge(record, message, "sent"));
    this.render({ scroll: false });
  }

  /**
   * Sends `record`, or sends it again after a failure, with `post(record)`, which resolves to the
   * stored message. Re-sending keeps the client_message_id, so a message the server did store
   * (only its answer was lost) is not stored twice. Resolves to the message, or null on failure.
   */
  async deliver(record, post) {
    this.retrying(record);
    try {
      const message = await post(record);
      this.confirm(record, message);
      return message;
    } catch (e) {
      this.fail(record, describeError(e));
      return null;
    }
  }

  fail(record, reason) {
    if (record.id || !this.records.includes(record)) return;
    record.state = "failed";
    record.error = reason;
    this.render({ scroll: false });
  }

  retrying(record) {
    record.state = "pending";
    record.error = null;
    this.render({ scroll: false });
  }

  /** Updates one message's fields (e.g. its AI insight) and re-renders it. */
  patch(id, fields) {
    const record = this.find(id);
    if (!record) return null;
    Object.assign(record, fields);
    this.render({ scroll: false });
    return record;
  }

  merge(old, message, state) {
    const record = old ? { ...old } : { key: `k${this.nextKey++}`, ai: undefined, client_message_id: null, error: null };
    for (const [name, value] of Object.entries(message)) {
      if (value !== undefined) record[name] = value;
    }
    record.state = state;
    record.error = null;
    return record;
  }

  atBottom() {
    const c = this.container;
    return c.scrollHeight - c.scrollTop - c.clientHeight < STICKY_PX;
  }

  // Never smooth: while an animated scroll is under way the view is not "at the bottom", and a
  // message arriving then would not be followed.
  scrollToBottom() {
    this.container.scrollTop = this.container.scrollHeight;
    this.showPill(false);
  }

  showPill(visible) {
    if (this.newPill) this.newPill.hidden = !visible;
  }

  /**
   * Brings the DOM in line with `records`, creating, updating, moving and removing only what
   * differs. Follows new messages when the view was at the bottom (or `scroll`); otherwise leaves
   * the view where the user put it and shows the "new messages" pill.
   */
  render({ scroll = false } = {}) {
    const follow = scroll || this.atBottom();
    const lastBefore = this.container.lastElementChild;
    syncChildren(this.container, this.nodes, this.records, {
      key: (record) => record.key,
      build: (record) => this.build(record),
      update: (node, record) => this.update(node, record),
    });
    const grew = this.container.lastElementChild !== lastBefore && this.container.lastElementChild !== null;
    if (follow) this.scrollToBottom();
    else if (grew && lastBefore !== null) this.showPill(true);
  }

  build(record) {
    const retry = el("button", { class: "message-retry link-button", text: "Retry", attrs: { type: "button" } });
    retry.addEventListener("click", () => {
      const current = this.records.find((r) => this.nodes.get(r.key) === node);
      if (current && current.state === "failed") this.onRetry(current);
    });
    const node = el("article", { class: "message" }, [
      el("div", { class: "message-bubble" }, [
        el("header", { class: "message-meta" }, [
          el("span", { class: "message-author" }),
          el("span", { class: "message-badge", text: "Internal note" }),
          timeElement("message-time", record.created_at, formatClock),
          el("span", { class: "message-status", attrs: { "aria-live": "polite" } }),
        ]),
        el("p", { class: "message-content" }),
        el("p", { class: "message-failure", attrs: { role: "alert" } }, [el("span", { class: "message-error" }), " ", retry]),
      ]),
    ]);
    node.retryButton = retry;
    return node;
  }

  update(node, record) {
    setData(node, "messageId", record.id || null);
    setData(node, "clientMessageId", record.client_message_id || null);
    setData(node, "sender", record.sender);
    setData(node, "state", record.state);
    node.classList.toggle("mine", record.sender === this.mine);
    node.classList.toggle("note", record.internal === true);
    node.querySelector(".message-badge").hidden = record.internal !== true;
    setText(node.querySelector(".message-author"), this.authorOf(record));
    setText(node.querySelector(".message-content"), record.content);
    updateTime(node.querySelector(".message-time"), record.created_at, formatClock);
    setText(node.querySelector(".message-status"), record.state === "pending" ? "Sending…" : "");
    const failure = node.querySelector(".message-failure");
    failure.hidden = record.state !== "failed";
    setText(failure.querySelector(".message-error"), record.state === "failed" ? `Not sent${record.error ? `: ${record.error}` : "."}` : "");
    // The retry button exists only while the message failed (the browser tests look for it).
    const retry = node.retryButton;
    if (record.state === "failed" && !failure.contains(retry)) failure.append(retry);
    if (record.state !== "failed" && failure.contains(retry)) retry.remove();
    this.decorate(node, record);
  }
}
