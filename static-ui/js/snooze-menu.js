// "Snooze…" in the thread header: presets (in an hour, this evening, tomorrow morning, next
// Monday) and a custom time (a datetime-local field, the browser's time zone). The conversation
// leaves the open view until then, or until the customer writes (messaging).
//
// Listens to `conversation-closed`. Emits, through conversation-change.js, `conversation-changed`
// and `notice`.

import { changeConversation } from "./conversation-change.js";
import { byId } from "./dom.js";
import { Popover } from "./popover.js";

/** The instant a preset stands for, from `now` (local time). */
export function presetTime(preset, now = new Date()) {
  const at = new Date(now);
  switch (preset) {
    case "hour":
      return new Date(now.getTime() + 3600 * 1000);
    case "evening":
      at.setHours(18, 0, 0, 0);
      // After 18:00 "this evening" has gone: tomorrow's.
      if (at <= now) at.setDate(at.getDate() + 1);
      return at;
    case "tomorrow":
      at.setDate(at.getDate() + 1);
      at.setHours(9, 0, 0, 0);
      return at;
    case "monday":
      at.setDate(at.getDate() + (((8 - at.getDay()) % 7) || 7));
      at.setHours(9, 0, 0, 0);
      return at;
    default:
      throw new Error(`unknown preset ${preset}`);
  }
}

export function mountSnoozeMenu(store, api) {
  const ui = {
    button: byId("snooze"),
    panel: byId("snooze-menu"),
    form: byId("snooze-form"),
    custom: byId("snooze-custom"),
  };
  const popover = new Popover(ui.button, ui.panel, {
    onOpen: () => {
      const first = ui.panel.querySelector(".snooze-preset");
      if (first) first.focus();
    },
  });
  store.on("conversation-closed", () => popover.close());

  for (const preset of ui.panel.querySelectorAll(".snooze-preset")) {
    preset.addEventListener("click", () => snooze(presetTime(preset.dataset.preset)));
  }
  ui.form.addEventListener("submit", (event) => {
    event.preventDefault();
    // datetime-local is the browser's local time; new Date() reads it so.
    const at = new Date(ui.custom.value);
    if (Number.isNaN(at.getTime())) {
      ui.custom.focus();
      return;
    }
    snooze(at);
  });

  async function snooze(at) {
    const id = store.state.conversationId;
    if (!id) return;
    popover.close();
    ui.button.focus();
    await changeConversation(store, api, id, { status: "snoozed", snoozed_until: at.toISOString() });
  }
}
