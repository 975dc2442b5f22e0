// The gateway's WebSocket /ws (gateway-war/README.md#websocket-ws), shared by both pages: connects
// with a bearer token, reads the gateway's binary messages of UTF-8 JSON, unwraps `batch` frames,
// reconnects with exponential back-off and jitter, and finds dead connections with `ping`.

import { setText } from "./dom.js";

const BACKOFF_BASE_MS = 1000;
const BACKOFF_CAP_MS = 30000;
const PING_EVERY_MS = 25000;
const PONG_WITHIN_MS = 10000;
/** A connection that stays up this long resets the back-off. */
const STABLE_AFTER_MS = 10000;
/**
 * The gateway sends its frames as binary messages of UTF-8 JSON (encoded once for all sockets,
 * cheaper for it than text messages); a text message reads the same.
 */
const UTF8 = new TextDecoder("utf-8");
/** Policy violation: the gateway closes with it when the token is missing, invalid, expired or revoked. */
export const CLOSE_POLICY = 1008;

function socketUrl() {
  const scheme = location.protocol === "https:" ? "wss:" : "ws:";
  return `${scheme}//${location.host}/ws`;
}

/**
 * Delay before reconnect attempt `attempt` (0-based): exponential up to a cap, "equal jitter"
 * (half fixed, half random) so that clients dropped together do not come back together.
 */
export function backoffDelay(attempt) {
  const ceiling = Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** Math.min(attempt, 10));
  return ceiling / 2 + Math.random() * (ceiling / 2);
}

/**
 * One logical connection that keeps itself open. Callbacks:
 * - `onFrame(frame)` for each frame, `batch` unwrapped, in order;
 * - `onHello(data)` when a (re)connection is established: refetch what may have been missed;
 * - `onState(state, info)`: `connecting`, `open`, or `closed` with `info.retryInMs`;
 * - `onPolicyClose()`: closed with 1008 (token refused); reconnects after back-off unless stopped.
 * The token goes in the `Sec-WebSocket-Protocol` header (`bearer, <token>`), not the URL, so it does
 * not end up in access logs.
 */
export class LiveSocket {
  constructor({ token, onFrame = () => {}, onHello = () => {}, onState = () => {}, onPolicyClose = () => {} }) {
    this.token = token;
    this.handlers = { onFrame, onHello, onState, onPolicyClose };
    this.ws = null;
    this.attempt = 0;
    this.running = false;
    this.state = "closed";
    this.timers = {};
    this.openedAt = 0;
    this.onOnline = () => this.reconnectNow();
  }

  start() {
    if (this.running) return;
    this.running = true;
    window.addEventListener("online", this.onOnline);
    this.connect();
  }

  stop() {
    this.running = false;
    window.removeEventListener("online", this.onOnline);
    this.clearTimers();
    if (this.ws) {
      const ws = this.ws;
      this.ws = null;
      ws.close(1000, "bye");
    }
    this.setState("closed", {});
  }

  /** Skips the remaining back-off (the browser came back online, or the user asked). */
  reconnectNow() {
    if (!this.running || this.state !== "closed") return;
    clearTimeout(this.timers.retry);
    this.connect();
  }

  get connected() {
    return this.state === "open";
  }

  /** Sends a frame when connected; returns whether it went out. */
  send(frame) {
    if (!this.ws || this.ws.readyState !== WebSocket.OPEN) return false;
    this.ws.send(JSON.stringify(frame));
    return true;
  }

  connect() {
    const token = this.token();
    if (!token) return;
    this.clearTimers();
    this.setState("connecting", {});
    let ws;
    try {
      ws = new WebSocket(socketUrl(), ["bearer", token]);
    } catch {
      this.scheduleRetry();
      return;
    }
    this.ws = ws;
    ws.binaryType = "arraybuffer";
    ws.addEventListener("message", (event) => {
      if (this.ws !== ws) return;
      this.alive();
      this.receive(typeof event.data === "string" ? event.data : UTF8.decode(event.data));
    });
    ws.addEventListener("close", (event) => {
      if (this.ws !== ws) return;
      this.ws = null;
      this.clearTimers();
      if (Date.now() - this.openedAt >= STABLE_AFTER_MS && this.openedAt) this.attempt = 0;
      this.openedAt = 0;
      if (event.code === CLOSE_POLICY) this.handlers.onPolicyClose(event);
      if (this.running) this.scheduleRetry();
    });
    // An error is always followed by close, which does the work.
    ws.addEventListener("error", () => {});
  }

  receive(text) {
    let frame;
    try {
      frame = JSON.parse(text);
    } catch {
      console.warn("ignoring a /ws frame that is not JSON");
      return;
    }
    const frames = frame && frame.type === "batch" && Array.isArray(frame.data) ? frame.data : [frame];
    for (const f of frames) {
      if (!f || typeof f.type !== "string") continue;
      if (f.type === "hello") {
        this.openedAt = Date.now();
        this.setState("open", {});
        this.handlers.onHello(f.data || {});
      } else if (f.type !== "pong") {
        this.handlers.onFrame(f);
      }
    }
  }

  /** Any frame proves the connection alive; the next ping is due a while after it. */
  alive() {
    clearTimeout(this.timers.pong);
    clearTimeout(this.timers.ping);
    this.timers.ping = setTimeout(() => this.ping(), PING_EVERY_MS);
  }

  ping() {
    if (!this.send({ type: "ping" })) return;
    this.timers.pong = setTimeout(() => {
      // No answer: the connection is dead without the browser knowing. Closing fires `close`.
      if (this.ws) this.ws.close(4000, "no pong");
    }, PONG_WITHIN_MS);
  }

  scheduleRetry() {
    const delay = backoffDelay(this.attempt);
    this.attempt += 1;
    this.setState("closed", { retryInMs: delay, retryAt: Date.now() + delay });
    this.timers.retry = setTimeout(() => this.connect(), delay);
  }

  clearTimers() {
    for (const timer of Object.values(this.timers)) clearTimeout(timer);
    this.timers = {};
  }

  setState(state, info) {
    this.state = state;
    this.handlers.onState(state, info);
  }
}

const LABELS = {
  connecting: "Connecting…",
  connected: "Live",
  offline: "Offline",
  polling: "Reconnecting · refreshing every few seconds",
};

/**
 * The connection indicator (`#connection[data-state]`): `connecting`, `connected`, `offline` or
 * `polling` (the socket is down and the page polls instead), with a human label.
 */
export function showConnection(node, state, detail = "") {
  if (node.dataset.state !== state) node.dataset.state = state;
  const label = node.querySelector(".connection-label") || node;
  setText(label, detail ? `${LABELS[state]} · ${detail}` : LABELS[state]);
  node.title = state === "connected" ? "Updates arrive in real time" : "Updates are delayed until the connection is back";
}
