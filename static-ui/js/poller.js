// The polling fallback both pages use while live updates are missing. One run at a time: the next
// is scheduled only after the previous one finished, so a slow server never piles requests up.

export class Poller {
  /**
   * `run()` does one poll (a promise; failures are the caller's to report). `nextDelay(runs)` says
   * how long to wait before the next run, given how many ran since polling started, or null to
   * stop. Call `kick()` whenever the answer may have changed.
   */
  constructor(run, nextDelay) {
    this.run = run;
    this.nextDelay = nextDelay;
    this.runs = 0;
    this.timer = null;
    this.busy = false;
  }

  get active() {
    return this.timer !== null || this.busy;
  }

  kick() {
    if (this.timer !== null || this.busy) return;
    const delay = this.nextDelay(this.runs);
    if (delay == null) {
      this.runs = 0;
      return;
    }
    this.timer = setTimeout(() => this.tick(), delay);
  }

  async tick() {
    this.timer = null;
    if (this.nextDelay(this.runs) == null) {
      this.runs = 0;
      return;
    }
    this.busy = true;
    try {
      await this.run();
    } catch (e) {
      // The caller's run() reports its own failures; a rejection must not end polling.
      console.warn("poll failed", e);
    } finally {
      this.busy = false;
      this.runs += 1;
    }
    this.kick();
  }

  stop() {
    clearTimeout(this.timer);
    this.timer = null;
    this.runs = 0;
  }
}
