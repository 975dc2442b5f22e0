// Live updates for both pages: the socket, the polling fallback and the connection indicator,
// tied together so that each page only says what to fetch.
//
// - The socket reconnects by itself (socket.js). Each `hello`, the first one included, calls
//   `onHello`: the page refetches what it shows, since events may have been missed meanwhile.
// - While the socket is down the page polls: every 2 s, every 10 s after 2 minutes. Polling ends as
//   soon as the socket is back (its `hello` refetches once more). A poll that succeeds after failed
//   ones (the server is back) makes the socket try again at once instead of after its back-off.
// - While the socket is up, the page may still ask for polling (`wantsPolling()`), e.g. while an
//   AI result is overdue; that decision, and its bound, are the page's.
// - `#connection[data-state]`: `connected`; `polling` while the socket is down and polls succeed;
//   `connecting` during an attempt; `offline` otherwise, with the time to the next attempt.

import { Poller } from "./poller.js";
import { LiveSocket, showConnection } from "./socket.js";

const POLL_MS = 2000;
const FAST_POLLS = 60;
const SLOW_POLL_MS = 10000;

export class LiveUpdates {
  /**
   * `indicator`: the `#connection` element; `token()`: the bearer token; `onFrame(frame)`,
   * `onHello(data)`, `onPolicyClose()`: as LiveSocket's; `poll({socketDown, runs})`: one poll, a
   * promise that rejects when the server could not be reached; `wantsPolling()`: poll although the
   * socket is up.
   */
  constructor({ indicator, token, onFrame, onHello, onPolicyClose, poll, wantsPolling = () => false }) {
    this.indicator = indicator;
    this.running = false;
    this.retryAt = 0;
    this.pollFailed = false;
    this.wantsPolling = wantsPolling;
    this.socket = new LiveSocket({
      token,
      onFrame,
      onPolicyClose,
      onHello: (data) => {
        onHello(data);
        this.poller.kick();
      },
      onState: (state, info) => {
        if (info.retryAt) this.retryAt = info.retryAt;
        this.showState();
        this.poller.kick();
      },
    });
    this.poller = new Poller(
      async () => {
        try {
          await poll({ socketDown: !this.connected, runs: this.poller.runs });
          // The server answers again: try the socket now rather than at the end of its back-off.
          if (this.pollFailed) this.socket.reconnectNow();
          this.pollFailed = false;
        } catch {
          this.pollFailed = true;
        }
        this.showState();
      },
      (runs) => {
        if (!this.running) return null;
        if (!this.connected) return runs < FAST_POLLS ? POLL_MS : SLOW_POLL_MS;
        return this.wantsPolling() ? POLL_MS : null;
      },
    );
    this.ticker = null;
  }

  get connected() {
    return this.socket.connected;
  }

  start() {
    if (this.running) return;
    this.running = true;
    this.showState();
    this.socket.start();
    // Once a second: the countdown to the next attempt, and whether polling should start.
    this.ticker = setInterval(() => this.kick(), 1000);
  }

  stop() {
    this.running = false;
    clearInterval(this.ticker);
    this.socket.stop();
    this.poller.stop();
  }

  /** Re-evaluates polling (call when something that `wantsPolling` reads changed). */
  kick() {
    if (!this.running) return;
    if (!this.connected) this.showState();
    this.poller.kick();
  }

  showState() {
    if (!this.running) return;
    if (this.connected) showConnection(this.indicator, "connected");
    else if (this.poller.active && this.poller.runs > 0 && !this.pollFailed) showConnection(this.indicator, "polling");
    else if (this.socket.state === "connecting") showConnection(this.indicator, "connecting");
    else {
      const seconds = Math.ceil((this.retryAt - Date.now()) / 1000);
      showConnection(this.indicator, "offline", seconds > 0 ? `retrying in ${seconds} s` : "retrying");
    }
  }
}
