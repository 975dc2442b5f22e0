// The admin screen's "Audit log" tab, read-only: who did what, to whom, when and from which
// address (GET /audit), newest first, filtered by action, actor, subject and a range of days, with
// "Load more" following `next_cursor`.
//
// Listens to `admin-shown` ("audit": the first page with the filters shown), `accounts-loaded` (user
// names to suggest in the actor and subject fields) and `signed-out` (empties the list).

import { describeError } from "./api.js";
import { byId, el, parseTime, setData, setText, show } from "./dom.js";

/**
 * The actions the gateway writes, in words (gateway-war's AuditLog). An action missing here is
 * shown by its name, and another part that records one adds it here to make it a filter.
 */
export const ACTIONS = [
  ["operator.created", "Operator created"],
  ["operator.role_changed", "Role changed"],
  ["operator.disabled", "Operator disabled"],
  ["operator.enabled", "Operator enabled again"],
  ["operator.password_reset", "Password reset"],
  ["operator.renamed", "Display name changed"],
  ["login.failed", "Login failed"],
  ["login.locked", "Login locked"],
  ["login.name_under_attack", "User name under attack"],
  ["saved_reply.deleted", "Saved reply deleted"],
  ["kb_article.deleted", "Article deleted"],
  ["operator.changed", "Operator changed (older entries)"],
];
const LABELS = new Map(ACTIONS);

const PAGE = 50;

/** To the second: entries of one minute are often several, and their order matters. */
const timeFormat = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "medium" });

export function mountAdminAudit(store, api) {
  const ui = {
    form: byId("audit-filters"),
    action: byId("audit-action"),
    actor: byId("audit-actor"),
    subject: byId("audit-subject"),
    from: byId("audit-from"),
    to: byId("audit-to"),
    apply: byId("audit-apply"),
    clear: byId("audit-clear"),
    names: byId("audit-names"),
    error: byId("audit-error"),
    status: byId("audit-status"),
    list: byId("audit-list"),
    empty: byId("audit-empty"),
    more: byId("audit-more"),
  };
  for (const [action, label] of ACTIONS) {
    ui.action.append(el("option", { text: label, attrs: { value: action } }));
  }

  let filters = {};
  let cursor = null;
  let shown = 0;
  /** Counts requests, so that the answer of one overtaken by another is dropped. */
  let generation = 0;

  store.on("admin-shown", (tab) => {
    if (tab === "audit") reload();
  });
  store.on("accounts-loaded", (accounts) => {
    ui.names.replaceChildren(...accounts.map((a) => el("option", { attrs: { value: a.username } })));
  });
  store.on("signed-out", () => {
    generation += 1;
    ui.list.replaceChildren();
    ui.form.reset();
    show(ui.empty, false);
    show(ui.more, false);
    setText(ui.status, "");
  });

  ui.form.addEventListener("submit", (event) => {
    event.preventDefault();
    reload();
  });
  ui.clear.addEventListener("click", () => {
    ui.form.reset();
    reload();
  });
  ui.more.addEventListener("click", () => fetchPage(false));

  function reload() {
    const read = readFilters();
    if (!read) return;
    filters = read;
    cursor = null;
    fetchPage(true);
  }

  /**
   * The filters as the API takes them, or null (with a message) when the dates are the wrong way
   * round. Days are the browser's: "from" is the start of its day, "to" the end of its day.
   */
  function readFilters() {
    const from = dayStart(ui.from.value, 0);
    const to = dayStart(ui.to.value, 1);
    if (from && to && to <= from) {
      say(ui.error, "The “To” day is before the “From” day.");
      ui.to.focus();
      return null;
    }
    return {
      action: ui.action.value,
      actor: ui.actor.value.trim(),
      subject: ui.subject.value.trim(),
      from: from ? from.toISOString() : "",
      to: to ? to.toISOString() : "",
    };
  }

  async function fetchPage(first) {
    const mine = ++generation;
    say(ui.error, null);
    ui.more.disabled = true;
    ui.apply.disabled = true;
    ui.list.setAttribute("aria-busy", "true");
    if (first) setText(ui.status, "Loading…");
    try {
      const page = await api.audit(filters, first ? null : cursor, PAGE);
      if (mine !== generation) return;
      if (first) {
        ui.list.replaceChildren();
        shown = 0;
      }
      ui.list.append(...page.entries.map(entry));
      shown += page.entries.length;
      cursor = page.next_cursor || null;
      show(ui.more, Boolean(cursor));
      const filtered = Object.values(filters).some(Boolean);
      setText(ui.empty, filtered ? "No entries match these filters." : "The audit log is empty.");
      show(ui.empty, shown === 0);
      setText(ui.status, shown ? `${shown} entries${cursor ? ", newest first; more below" : ""}.` : "");
    } catch (e) {
      if (mine !== generation) return;
      setText(ui.status, "");
      say(ui.error, `The audit log could not be loaded. ${describeError(e)}`);
    } finally {
      if (mine === generation) {
        ui.more.disabled = false;
        ui.apply.disabled = false;
        ui.list.removeAttribute("aria-busy");
      }
    }
  }
}

/** One entry: when, what, by whom, about whom, from where, and the detail. */
function entry(e) {
  const li = el("li", { class: "audit-item", data: { id: e.id } }, [
    el("div", { class: "audit-top" }, [
      el("span", { class: "audit-action", text: LABELS.get(e.action) || e.action, attrs: { title: e.action } }),
      el("time", { class: "audit-time", text: formatTime(e.at), attrs: { datetime: e.at, title: e.at } }),
    ]),
    el("dl", { class: "audit-facts" }, [
      fact("By", e.actor || "the system"),
      e.subject ? fact("About", e.subject) : null,
      e.client ? fact("From", e.client) : null,
    ]),
    e.detail ? el("p", { class: "audit-detail", text: e.detail }) : null,
  ]);
  setData(li, "action", e.action);
  return li;
}

function formatTime(value) {
  const ms = parseTime(value);
  return Number.isNaN(ms) ? String(value) : timeFormat.format(new Date(ms));
}

function fact(name, value) {
  return el("div", { class: "audit-fact" }, [el("dt", { text: name }), el("dd", { text: value })]);
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
