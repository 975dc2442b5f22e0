// A popover opened by a button (the assign picker, the snooze menu): Escape or a click outside
// closes it and gives the focus back to the button; opening one closes the others.

const openPopovers = new Set();

export class Popover {
  /** `button` toggles `panel`; `onOpen()` runs as it opens (focus something inside). */
  constructor(button, panel, { onOpen = () => {} } = {}) {
    this.button = button;
    this.panel = panel;
    this.onOpen = onOpen;
    button.addEventListener("click", () => (this.isOpen ? this.close() : this.open()));
    panel.addEventListener("keydown", (event) => {
      if (event.key === "Escape") {
        event.preventDefault();
        this.close();
        button.focus();
      }
    });
    document.addEventListener("mousedown", (event) => {
      if (this.isOpen && !panel.contains(event.target) && !button.contains(event.target)) this.close();
    });
  }

  get isOpen() {
    return !this.panel.hidden;
  }

  open() {
    for (const other of openPopovers) if (other !== this) other.close();
    this.panel.hidden = false;
    this.button.setAttribute("aria-expanded", "true");
    openPopovers.add(this);
    this.onOpen();
  }

  close() {
    this.panel.hidden = true;
    this.button.setAttribute("aria-expanded", "false");
    openPopovers.delete(this);
  }
}
