// What the parts of a page share: a little state, and events through which one part tells the
// others what happened, so that no part imports or calls another. A new screen part is a module
// that subscribes to the events it needs and emits its own; the page's entry point (inbox.js)
// mounts it. The operator page's state and events: static-ui/README.md#how-the-operator-page-is-wired.
//
// Events are dispatched at once (synchronously), to listeners in the order they subscribed, which
// is the order the entry point mounts the parts. A listener that throws is reported on the console
// like any uncaught error and does not keep the others from running.

export class Store extends EventTarget {
  /** `state`: plain fields every part may read; each is written by one part, which then emits an event. */
  constructor(state = {}) {
    super();
    this.state = state;
  }

  /** Tells every listener of `type`; each gets `detail`. */
  emit(type, detail = null) {
    this.dispatchEvent(new CustomEvent(type, { detail }));
  }

  /** Calls `listener(detail)` for every event of `type`; returns a function that unsubscribes. */
  on(type, listener) {
    const handler = (event) => listener(event.detail);
    this.addEventListener(type, handler);
    return () => this.removeEventListener(type, handler);
  }
}
