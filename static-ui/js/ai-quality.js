// The "AI quality" screen, for admins: how operators used the AI suggestions in a range of days
// (GET /ai-quality): the acceptance rate (sent as is + edited, over the suggestions with feedback),
// dismissed, the mean edit ratio, per model, per intent, per customer language and per day, and the
// latest corrections of intent, sentiment and urgency. An intent correction has "Approve" and
// "Reject" (PUT /ai-quality/corrections/{message_id}): approved, the message's text with the
// corrected intent becomes a learned example of the embedded classifier (docs/ai.md#feedback).
// Opened by the top bar's "AI quality" (admins only), closed by
// "← Back to inbox"; the inbox stays as it was underneath.
//
// Listens to `signed-in` (the button for admins only), `signed-out` and `screen-opened` (another
// screen took the page). Emits `screen-opened` ("ai-quality"). The server decides all the same:
// /ai-quality answers 403 to anyone but an admin.

import { describeError } from "./api.js";
import { byId, el, formatFull, setText, show } from "./dom.js";

const percent = new Intl.NumberFormat(undefined, { style: "percent", maximumFractionDigits: 0 });
const KIND_LABELS = { intent: "Intent", sentiment: "Sentiment", urgency: "Urgency" };

export function mountAiQuality(store, api) {
  const openButton = byId("ai-quality-open");
  const view = byId("ai-quality-view");
  const workspace = document.querySelector("#app > .workspace");

  const ui = {
    back: el("button", { class: "button ghost small settings-back", text: "← Back to inbox", attrs: { id: "ai-quality-back", type: "button" } }),
    heading: el("h1", { class: "settings-title", text: "AI quality", attrs: { id: "ai-quality-heading", tabindex: "-1" } }),
    form: el("form", { class: "card quality-filters", attrs: { id: "ai-quality-filters", novalidate: true, "aria-label": "Days to show" } }),
    from: el("input", { attrs: { id: "ai-quality-from", type: "date" } }),
    to: el("input", { attrs: { id: "ai-quality-to", type: "date" } }),
    apply: el("button", { class: "button primary", text: "Show", attrs: { id: "ai-quality-apply", type: "submit" } }),
    error: el("p", { class: "inline-error", attrs: { id: "ai-quality-error", role: "alert", hidden: true } }),
    status: el("p", { class: "admin-status", attrs: { id: "ai-quality-status", role: "status" } }),
    empty: el("p", { class: "empty-list", attrs: { id: "ai-quality-empty", hidden: true } }),
    results: el("div", { class: "quality-results", attrs: { id: "ai-quality-results", hidden: true } }),
  };
  ui.form.append(
    el("div", { class: "field" }, [el("label", { text: "From", attrs: { for: "ai-quality-from" } }), ui.from]),
    el("div", { class: "field" }, [el("label", { text: "To", attrs: { for: "ai-quality-to" } }), ui.to]),
    el("div", { class: "quality-filter-buttons" }, [ui.apply]),
    el("p", { class: "field-hint quality-hint", text: "Empty: the last 30 days. Days are your browser's; the per-day figures are UTC days." }),
  );
  view.append(
    el("div", { class: "settings-inner" }, [
      el("header", { class: "settings-head" }, [
        ui.back,
        ui.heading,
        el("p", {
          class: "settings-intro",
          text: "What operators did with the AI's suggested replies (sent as is, edited then sent, dismissed) and which intents, sentiments and urgencies they corrected. Accepted = sent as is + edited, over the suggestions with feedback.",
        }),
      ]),
      ui.form,
      ui.error,
      ui.status,
      ui.empty,
      ui.results,
    ]),
  );

  /** Counts requests, so that the answer of one overtaken by another is dropped. */
  let generation = 0;

  store.on("signed-in", (user) => show(openButton, user.role === "admin"));
  store.on("signed-out", () => {
    closeView(false);
    show(openButton, false);
    generation += 1;
    ui.results.replaceChildren();
    show(ui.results, false);
    ui.form.reset();
  });
  store.on("screen-opened", (screen) => {
    if (screen !== "ai-quality") closeView(false);
  });
  openButton.setAttribute("aria-pressed", "false");
  openButton.addEventListener("click", () => (view.hidden ? openView() : closeView(true)));
  ui.back.addEventListener("click", () => closeView(true));
  ui.form.addEventListener("submit", (event) => {
    event.preventDefault();
    load();
  });

  function openView() {
    if (!store.state.user) return;
    store.emit("screen-opened", "ai-quality");
    if (workspace) show(workspace, false);
    show(view, true);
    openButton.setAttribute("aria-pressed", "true");
    ui.heading.focus();
    load();
  }

  function closeView(focus) {
    if (view.hidden) return;
    show(view, false);
    if (workspace) show(workspace, true);
    openButton.setAttribute("aria-pressed", "false");
    if (focus) openButton.focus();
  }

  async function load() {
    const from = dayStart(ui.from.value, 0);
    const to = dayStart(ui.to.value, 1);
    if (from && to && to <= from) {
      say(ui.error, "The “To” day is before the “From” day.");
      ui.to.focus();
      return;
    }
    const mine = ++generation;
    say(ui.error, null);
    show(ui.empty, false);
    setText(ui.status, "Loading…");
    ui.apply.disabled = true;
    ui.results.setAttribute("aria-busy", "true");
    try {
      const report = await api.aiQuality({ from: from ? from.toISOString() : "", to: to ? to.toISOString() : "" });
      if (mine !== generation) return;
      const any = report.overall.suggestions > 0 || report.overall.corrections > 0;
      setText(ui.status, any ? `From ${formatFull(report.from)} to ${formatFull(report.to)}.` : "");
      setText(ui.empty, "No feedback from operators in these days yet. It is recorded when a suggested reply is sent or dismissed, and when an intent, sentiment or urgency is corrected.");
      show(ui.empty, !any);
      ui.results.replaceChildren(...(any ? draw(report, api) : []));
      show(ui.results, any);
    } catch (e) {
      if (mine !== generation) return;
      setText(ui.status, "");
      ui.results.replaceChildren();
      show(ui.results, false);
      say(ui.error, `The AI quality figures could not be loaded. ${describeError(e)}`);
    } finally {
      if (mine === generation) {
        ui.apply.disabled = false;
        ui.results.removeAttribute("aria-busy");
      }
    }
  }
}

/** The figures: the totals, a table per grouping, the corrections. */
function draw(report, api) {
  const o = report.overall;
  return [
    el("dl", { class: "quality-totals", attrs: { id: "ai-quality-totals", "aria-label": "All suggestions" } }, [
      total("acceptance", "Accepted", rate(o.acceptance_rate)),
      total("suggestions", "Suggestions with feedback", String(o.suggestions)),
      total("sent-as-is", "Sent as is", String(o.sent_as_is)),
      total("edited", "Edited, then sent", String(o.edited)),
      total("dismissed", "Dismissed", String(o.dismissed)),
      total("mean-edit", "Mean edit ratio", ratio(o.mean_edit_ratio)),
      total("corrections", "Corrections", String(o.corrections)),
      total("pending", "Intent corrections to review", String(report.pending_reviews ?? 0)),
    ]),
    table("model", "Per model", "Model", report.by_model),
    table("intent", "Per intent (as the AI said)", "Intent", report.by_intent),
    table("language", "Per customer language (as detected)", "Language", report.by_language || []),
    table("day", "Per day (UTC)", "Day", report.by_day),
    corrections(report.corrections, api),
  ];
}

function total(name, label, value) {
  return el("div", { class: "quality-total", data: { total: name } }, [el("dt", { text: label }), el("dd", { text: value })]);
}

function table(name, caption, keyLabel, rows) {
  const head = ["Suggestions", "Accepted", "Sent as is", "Edited", "Dismissed", "Mean edit", "Corrections"];
  const body = rows.map((r) =>
    el("tr", { data: { key: r.key } }, [
      el("th", { text: r.key, attrs: { scope: "row" } }),
      el("td", { text: String(r.suggestions) }),
      el("td", { class: "quality-rate" }, [
        el("span", { text: rate(r.acceptance_rate) }),
        r.acceptance_rate == null ? null : el("meter", { attrs: { min: "0", max: "1", value: String(r.acceptance_rate), "aria-hidden": "true" } }),
      ]),
      el("td", { text: String(r.sent_as_is) }),
      el("td", { text: String(r.edited) }),
      el("td", { text: String(r.dismissed) }),
      el("td", { text: ratio(r.mean_edit_ratio) }),
      el("td", { text: String(r.corrections) }),
    ]),
  );
  return el("section", { class: "card quality-card", attrs: { "aria-labelledby": `ai-quality-${name}-title` } }, [
    el("h2", { class: "admin-card-title", text: caption, attrs: { id: `ai-quality-${name}-title` } }),
    // Scrolls sideways on a narrow window, by keyboard too (focusable, named).
    el("div", { class: "quality-scroll", attrs: { tabindex: "0", role: "region", "aria-labelledby": `ai-quality-${name}-title` } }, [
      el("table", { class: "quality-table", attrs: { id: `ai-quality-by-${name}` } }, [
        el("thead", {}, [el("tr", {}, [el("th", { text: keyLabel, attrs: { scope: "col" } }), ...head.map((h) => el("th", { text: h, attrs: { scope: "col" } }))])]),
        el("tbody", {}, body),
      ]),
    ]),
  ]);
}

/** Each review box's redraw, for the boxes of the same message. */
const painters = new WeakMap();

const REVIEW_LABELS = {
  pending: "Not reviewed",
  approved: "Approved: a learned example of the embedded classifier",
  rejected: "Rejected: not an example",
};

function corrections(list, api) {
  return el("section", { class: "card quality-card", attrs: { "aria-labelledby": "ai-quality-corrections-title" } }, [
    el("h2", { class: "admin-card-title", text: "Latest corrections", attrs: { id: "ai-quality-corrections-title" } }),
    list.length
      ? el(
          "ol",
          { class: "quality-corrections", attrs: { id: "ai-quality-corrections" } },
          list.map((c) =>
            el("li", { class: "quality-correction", data: { messageId: c.message_id, kind: c.kind } }, [
              el("p", { class: "quality-excerpt", text: c.excerpt }),
              el("p", { class: "quality-change" }, [
                el("span", { class: "quality-kind", text: `${KIND_LABELS[c.kind] || c.kind}: ` }),
                el("span", { class: "quality-from", text: c.from || "none" }),
                " → ",
                el("span", { class: "quality-to", text: c.to }),
              ]),
              el("p", { class: "quality-meta", text: `by ${c.operator} · ${formatFull(c.at)} · ${c.model}${c.language ? ` · ${c.language.toUpperCase()}` : ""}` }),
              c.kind === "intent" && c.review ? review(c, api) : null,
            ]),
          ),
        )
      : el("p", { class: "empty-list", text: "No corrections in these days.", attrs: { id: "ai-quality-corrections-empty" } }),
  ]);
}

/**
 * "Approve" and "Reject" of an intent correction, toggle buttons (aria-pressed) that keep the focus,
 * and the decision in words. The other items of the same message are redrawn as the server changed
 * them.
 */
function review(c, api) {
  const state = el("span", { class: "quality-review-state", attrs: { role: "status" } });
  const what = `“${c.excerpt}” as ${c.to}`;
  const approve = el("button", { class: "button small", text: "Approve", attrs: { type: "button", "aria-label": `Approve ${what}` } });
  const reject = el("button", { class: "button small", text: "Reject", attrs: { type: "button", "aria-label": `Reject ${what}` } });
  const box = el("div", { class: "quality-review", data: { review: c.review, intent: c.to } }, [approve, reject, state]);
  const paint = (status) => {
    box.dataset.review = status;
    approve.setAttribute("aria-pressed", String(status === "approved"));
    reject.setAttribute("aria-pressed", String(status === "rejected"));
    setText(state, REVIEW_LABELS[status] || status);
  };
  painters.set(box, paint);
  paint(c.review);
  const decide = async (status) => {
    if (box.dataset.review === status || box.getAttribute("aria-busy") === "true") return;
    box.setAttribute("aria-busy", "true");
    setText(state, "Saving…");
    try {
      const saved = await api.reviewCorrection(c.message_id, c.to, status);
      if (box.dataset.review === "pending") countPending(-1);
      paint(saved.status);
      // Other operators' corrections of the message: the same intent shares the decision, and
      // approving one intent rejected the message's other approved one on the server.
      document.querySelectorAll(`.quality-correction[data-message-id="${CSS.escape(c.message_id)}"] .quality-review`).forEach((other) => {
        if (other === box) return;
        if (other.dataset.intent === c.to) painters.get(other)(saved.status);
        else if (saved.status === "approved" && other.dataset.review === "approved") painters.get(other)("rejected");
      });
    } catch (e) {
      paint(box.dataset.review);
      setText(state, `Not saved. ${describeError(e)}`);
    } finally {
      box.removeAttribute("aria-busy");
    }
  };
  approve.addEventListener("click", () => decide("approved"));
  reject.addEventListener("click", () => decide("rejected"));
  return box;
}

/** The total of intent corrections to review, less `change` (it counts a message and intent once). */
function countPending(change) {
  const dd = document.querySelector('#ai-quality-totals [data-total="pending"] dd');
  const n = Number(dd?.textContent);
  if (dd && Number.isInteger(n)) setText(dd, String(Math.max(0, n + change)));
}

function rate(value) {
  return value == null ? "–" : percent.format(value);
}

function ratio(value) {
  return value == null ? "–" : value.toFixed(2);
}

/** Local midnight of the `yyyy-mm-dd` day plus `days`, or null for an empty field. */
function dayStart(value, days) {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value || "");
  if (!match) return null;
  return new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3]) + days);
}

function say(node, text) {
  setText(node, text || "");
  show(node, Boolean(text));
}
