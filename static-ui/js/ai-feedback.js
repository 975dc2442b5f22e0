// What the operator does with each AI insight, recorded for the AI quality screen
// (POST /messages/{id}/feedback): a reply that started from "Use reply" and is sent, as is or
// edited (with the edit ratio of edit-distance.js); "Dismiss" on a suggestion; and corrections of
// the intent, sentiment and urgency: the chip is a button that opens a small list of the allowed
// values (Up, Down, Home, End, Enter, Escape), and the chosen one shows as corrected.
//
// Draws on top of ai-panel.js's `available` state, after it (inbox.js calls `decorate` after the
// insights' own): chips become buttons, the suggestion gets "Dismiss" and a line saying what was
// recorded. What was recorded is kept for the page's life (a reload forgets it; the server keeps
// it). Listens to `reply-suggested` ({text, messageId}), `message-sent` and `signed-out`. Emits
// `notice` when a feedback could not be recorded.

import { describeError } from "./api.js";
import { el, setText } from "./dom.js";
import { editRatio } from "./edit-distance.js";

/** The allowed values: contracts' Intent, Sentiment and Urgency, in their order. */
export const VALUES = {
  intent: ["billing", "refund", "order_status", "technical_issue", "account_access", "cancellation", "product_question", "feature_request", "complaint", "feedback", "greeting", "other"],
  sentiment: ["negative", "neutral", "positive"],
  urgency: ["low", "normal", "high"],
};
const LABELS = { intent: "Intent", sentiment: "Sentiment", urgency: "Urgency" };

export function mountAiFeedback(store, api) {
  /** Per conversation: the suggestion last put into its composer, {messageId, text}. */
  const used = new Map();
  /**
   * Per message: what this page recorded, {reply: {action, ratio}, intent: {from, to}, …}. A
   * correction is shown only while the insight still says `from` (not after a new analysis).
   */
  const given = new Map();
  /** Per message: its node and record as last drawn, to draw again after a feedback. */
  const drawn = new Map();

  store.on("reply-suggested", ({ text, messageId }) => {
    const conversation = store.state.conversationId;
    if (conversation && messageId) used.set(conversation, { messageId, text });
  });
  store.on("message-sent", (message) => {
    if (message.internal || message.sender !== "operator") return;
    const suggestion = used.get(message.conversation_id);
    if (!suggestion) return;
    used.delete(message.conversation_id);
    const ratio = editRatio(suggestion.text, message.content);
    // Four decimals are plenty; an edit is never rounded down to "as is".
    const body = ratio === 0 ? { action: "sent_as_is" } : { action: "edited", edit_ratio: Math.max(0.0001, Math.round(ratio * 10000) / 10000) };
    sendFeedback(suggestion.messageId, body, { reply: { action: body.action, ratio } });
  });
  store.on("signed-out", () => {
    used.clear();
    given.clear();
    drawn.clear();
  });

  async function sendFeedback(messageId, body, remembered) {
    try {
      await api.feedback(messageId, body);
      given.set(messageId, { ...given.get(messageId), ...remembered });
      const seen = drawn.get(messageId);
      if (seen && seen.node.isConnected) draw(seen.node, seen.record, true);
      return true;
    } catch (e) {
      store.emit("notice", `Your feedback on the AI suggestion could not be recorded. ${describeError(e)}`);
      return false;
    }
  }

  /** Adds the feedback controls to a drawn `available` panel (again when `force`). */
  function draw(node, record, force = false) {
    const panel = node.querySelector(".ai-panel");
    if (!panel || panel.dataset.aiStatus !== "available" || !record.id || !record.ai) return;
    drawn.set(record.id, { node, record });
    if (!force && panel.dataset.feedbackFor === panel.dataset.signature) return;
    panel.dataset.feedbackFor = panel.dataset.signature;
    const mine = given.get(record.id) || {};
    for (const field of Object.keys(VALUES)) chip(panel, record, field, mine[field]);
    suggestion(panel, record, mine);
  }

  /** The field's chip as a button opening the list of values; marked when corrected here. */
  function chip(panel, record, field, correction) {
    const old = panel.querySelector(`.ai-${field}`);
    if (!old) return;
    const original = record.ai[field] || "";
    const corrected = correction && correction.from === original ? correction.to : null;
    const value = corrected || original;
    const button = el("button", {
      class: [...[...old.classList].filter((c) => c !== "ai-correct" && c !== "corrected"), "ai-correct", ...(corrected ? ["corrected"] : [])].join(" "),
      text: value,
      attrs: {
        type: "button",
        "aria-haspopup": "listbox",
        "aria-expanded": "false",
        "aria-label": `${LABELS[field]}: ${value}${corrected ? `, corrected from ${original}` : ""}. Correct it`,
        title: corrected ? `Corrected from ${original}` : `${LABELS[field]}: click to correct it`,
      },
      data: { [field]: value, field, ...(corrected ? { corrected: "true" } : {}) },
    });
    button.addEventListener("click", () => openPicker(button, record, field, value));
    old.replaceWith(button);
    const mark = button.nextElementSibling && button.nextElementSibling.classList.contains("ai-corrected-mark") ? button.nextElementSibling : null;
    if (corrected && !mark) button.after(el("span", { class: "ai-corrected-mark", text: "corrected", attrs: { "aria-hidden": "true" } }));
    if (!corrected && mark) mark.remove();
  }

  /** "Dismiss" and the line saying what became of the suggestion. */
  function suggestion(panel, record, mine) {
    const box = panel.querySelector(".ai-suggestion");
    const actions = box && box.querySelector(".ai-actions");
    if (!actions) return;
    let state = box.querySelector(".ai-feedback-state");
    if (!state) {
      state = el("p", { class: "ai-feedback-state", attrs: { role: "status" } });
      actions.before(state);
    }
    let dismiss = actions.querySelector(".ai-dismiss");
    if (!dismiss) {
      dismiss = el("button", { class: "ai-dismiss link-button", text: "Dismiss", attrs: { type: "button", title: "This suggestion is no use here" } });
      dismiss.addEventListener("click", async () => {
        dismiss.disabled = true;
        if (!(await sendFeedback(record.id, { action: "dismissed" }, { reply: { action: "dismissed" } }))) dismiss.disabled = false;
      });
      actions.append(dismiss);
    }
    const reply = mine.reply;
    const action = reply ? reply.action : null;
    box.dataset.feedback = action || "";
    box.classList.toggle("dismissed", action === "dismissed");
    dismiss.disabled = action === "dismissed";
    setText(dismiss, action === "dismissed" ? "Dismissed" : "Dismiss");
    setText(
      state,
      action === "dismissed"
        ? "Dismissed: counted as not useful."
        : action === "sent_as_is"
          ? "Sent as suggested."
          : action === "edited"
            ? `Sent after edits (${Math.max(1, Math.round(reply.ratio * 100))} % changed).`
            : "",
    );
    state.hidden = !action;
  }

  /** The list of `field`'s values under its chip; the current one selected. */
  function openPicker(button, record, field, current) {
    const open = document.querySelector(".ai-correct-picker");
    if (open) {
      const same = open.dataset.for === `${record.id}:${field}`;
      closePicker(open, false);
      if (same) return;
    }
    const prefix = `ai-correct-${record.id}-${field}`;
    const options = VALUES[field].map((value) =>
      el("li", {
        class: "ai-correct-option",
        text: value,
        attrs: { id: `${prefix}-${value}`, role: "option", "aria-selected": String(value === current) },
        data: { value },
      }),
    );
    const list = el("ul", { class: "ai-correct-list", attrs: { id: prefix, role: "listbox", tabindex: "0", "aria-label": `Correct the ${field}` } }, options);
    const picker = el("div", { class: "ai-correct-picker", data: { for: `${record.id}:${field}` } }, [
      el("p", { class: "ai-correct-title", text: `Correct the ${field}`, attrs: { "aria-hidden": "true" } }),
      list,
    ]);
    let active = Math.max(0, VALUES[field].indexOf(current));
    /** Enter or Space while it is down on the list. */
    let pressed = null;
    function activate(index) {
      active = (index + options.length) % options.length;
      options.forEach((o, i) => o.classList.toggle("active", i === active));
      list.setAttribute("aria-activedescendant", options[active].id);
      options[active].scrollIntoView({ block: "nearest" });
    }
    async function choose(index) {
      const value = VALUES[field][index];
      // The focus stays put until the chip is drawn again: moving it now would hand the rest of
      // the key press (its keyup) to the chip.
      closePicker(picker, value === current);
      if (value === current) return;
      const from = record.ai[field] || "";
      if (value === from) {
        // Back to what the insight said: the server keeps the last correction; say so.
        store.emit("notice", `The AI already said “${from}”; your earlier correction stays recorded.`);
        return;
      }
      await sendFeedback(record.id, { action: `correct_${field}`, value }, { [field]: { from, to: value } });
      const seen = drawn.get(record.id);
      const again = (seen && seen.node.querySelector(`.ai-${field}`)) || button;
      if (again.isConnected) again.focus();
    }
    list.addEventListener("keydown", (event) => {
      const moves = { ArrowDown: active + 1, ArrowUp: active - 1, Home: 0, End: options.length - 1 };
      if (event.key in moves) {
        event.preventDefault();
        activate(moves[event.key]);
      } else if (event.key === "Enter" || event.key === " ") {
        // Chosen when the key comes up, as a button is pressed: the whole key press stays here.
        event.preventDefault();
        pressed = event.key;
      } else if (event.key === "Escape") {
        event.preventDefault();
        closePicker(picker, true);
      } else if (event.key === "Tab") {
        closePicker(picker, false);
      }
    });
    list.addEventListener("keyup", (event) => {
      if (event.key !== pressed) return;
      event.preventDefault();
      pressed = null;
      choose(active);
    });
    list.addEventListener("click", (event) => {
      const option = event.target.closest(".ai-correct-option");
      if (option) choose(options.indexOf(option));
    });
    list.addEventListener("focusout", (event) => {
      if (!picker.contains(event.relatedTarget) && event.relatedTarget !== button) closePicker(picker, false);
    });
    picker.button = button;
    button.setAttribute("aria-expanded", "true");
    button.setAttribute("aria-controls", prefix);
    // In the flow under the panel's head line, so that it never covers the thread at 420 px.
    (button.closest(".ai-head") || button).after(picker);
    activate(active);
    list.focus();
  }

  function closePicker(picker, focusButton) {
    // Removing the focused list fires its focusout, which closes it too: once is enough.
    if (picker.closed || !picker.isConnected) return;
    picker.closed = true;
    const button = picker.button;
    picker.remove();
    if (button) {
      button.setAttribute("aria-expanded", "false");
      button.removeAttribute("aria-controls");
      if (focusButton && button.isConnected) button.focus();
    }
  }

  return {
    /** Thread's `decorate`, after the insights' own: the feedback controls of an available panel. */
    decorate(node, record) {
      draw(node, record);
    },
  };
}
