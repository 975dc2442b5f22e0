// DOM helpers shared by both pages. Every piece of data reaches the page through these as text
// (textContent, attributes), never as markup: the gateway's CSP and StaticUiTest forbid HTML sinks.

/**
 * Builds an element. `props`: `class` (string), `text` (textContent), `attrs` (attributes, skipped
 * when null/false), `data` (dataset), `on` (event listeners); `children`: nodes or strings.
 */
export function el(tag, props = {}, children = []) {
  const node = document.createElement(tag);
  if (props.class) node.className = props.class;
  if (props.text != null) node.textContent = String(props.text);
  for (const [name, value] of Object.entries(props.attrs || {})) {
    if (value === true) node.setAttribute(name, "");
    else if (value != null && value !== false) node.setAttribute(name, String(value));
  }
  for (const [name, value] of Object.entries(props.data || {})) {
    if (value != null) node.dataset[name] = String(value);
  }
  for (const [type, listener] of Object.entries(props.on || {})) {
    node.addEventListener(type, listener);
  }
  for (const child of children) {
    if (child != null && child !== false) {
      node.append(typeof child === "string" ? document.createTextNode(child) : child);
    }
  }
  return node;
}

/** `document.getElementById`, failing loudly when a page lacks an element the script needs. */
export function byId(id) {
  const node = document.getElementById(id);
  if (!node) throw new Error(`#${id} is missing from the page`);
  return node;
}

export function setText(node, text) {
  const value = text == null ? "" : String(text);
  if (node.textContent !== value) node.textContent = value;
}

/** Sets or removes (null/undefined) a data-* attribute, touching the DOM only on a change. */
export function setData(node, name, value) {
  if (value == null) {
    if (name in node.dataset) delete node.dataset[name];
  } else if (node.dataset[name] !== String(value)) {
    node.dataset[name] = String(value);
  }
}

/**
 * `text` as text nodes and <mark> elements for `ranges` ([{start, end}] offsets into the string,
 * end excluded); ranges that overlap an earlier one or fall outside are skipped.
 */
export function marked(text, ranges) {
  const parts = [];
  let at = 0;
  for (const { start, end } of [...ranges].sort((a, b) => a.start - b.start)) {
    if (start < at || end > text.length || end <= start) continue;
    if (start > at) parts.push(document.createTextNode(text.slice(at, start)));
    parts.push(el("mark", { text: text.slice(start, end) }));
    at = end;
  }
  if (at < text.length) parts.push(document.createTextNode(text.slice(at)));
  return parts;
}

/** Where each of `words` occurs in `text`, ignoring case, as ranges for `marked`. */
export function rangesOf(text, words) {
  const folded = text.toLowerCase();
  // Lower-casing can change a string's length (a few letters); then only exact case is matched.
  const haystack = folded.length === text.length ? folded : text;
  const ranges = [];
  for (const word of words) {
    const needle = haystack === folded ? word.toLowerCase() : word;
    if (!needle) continue;
    for (let at = haystack.indexOf(needle); at >= 0; at = haystack.indexOf(needle, at + needle.length)) {
      ranges.push({ start: at, end: at + needle.length });
    }
  }
  return ranges;
}

export function show(node, visible = true) {
  node.hidden = !visible;
}

/**
 * Makes `container`'s children show `items`, in order, keyed by `key(item)`: reuses each key's node
 * from `nodes` (a Map it keeps up to date), builds missing ones, updates all, moves only what is out
 * of place and removes the rest, so that unchanged items keep their DOM (focus, scroll, selection).
 * `rowOf(node)` is the child of `container` holding a node (the node itself unless wrapped).
 */
export function syncChildren(container, nodes, items, { key, build, update, rowOf = (node) => node }) {
  let cursor = container.firstElementChild;
  const keep = new Set();
  for (const item of items) {
    const k = key(item);
    let node = nodes.get(k);
    if (!node) {
      node = build(item);
      nodes.set(k, node);
    }
    update(node, item);
    keep.add(k);
    const row = rowOf(node);
    if (row === cursor) cursor = cursor.nextElementSibling;
    else container.insertBefore(row, cursor);
  }
  for (const [k, node] of nodes) {
    if (!keep.has(k)) {
      rowOf(node).remove();
      nodes.delete(k);
    }
  }
}

/**
 * A JSON value with a `token` kept in `storage` (sessionStorage for operators, localStorage for
 * customers) under `key`. `value` is null when nothing usable is stored.
 */
export class StoredToken {
  constructor(storage, key) {
    this.storage = storage;
    this.key = key;
    this.value = null;
    try {
      const value = JSON.parse(storage.getItem(key) || "null");
      this.value = value && typeof value.token === "string" && value.token ? value : null;
    } catch {
      storage.removeItem(key);
    }
  }

  get token() {
    return this.value ? this.value.token : null;
  }

  save(value) {
    this.value = value;
    this.storage.setItem(this.key, JSON.stringify(value));
  }

  clear() {
    this.value = null;
    this.storage.removeItem(this.key);
  }
}

// ---- time -----------------------------------------------------------------------------------

/** Server timestamps are RFC 3339 with up to 9 fractional digits; Date keeps milliseconds. */
export function parseTime(value) {
  if (!value) return NaN;
  return Date.parse(String(value).replace(/(\.\d{3})\d+/, "$1"));
}

const clockFormat = new Intl.DateTimeFormat(undefined, { hour: "2-digit", minute: "2-digit" });
const dayFormat = new Intl.DateTimeFormat(undefined, { month: "short", day: "numeric" });
const fullFormat = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" });

function sameDay(a, b) {
  return a.getFullYear() === b.getFullYear() && a.getMonth() === b.getMonth() && a.getDate() === b.getDate();
}

/** "14:05" today, "Nov 25, 14:05" on other days. */
export function formatClock(value) {
  const ms = parseTime(value);
  if (Number.isNaN(ms)) return "";
  const date = new Date(ms);
  return sameDay(date, new Date()) ? clockFormat.format(date) : `${dayFormat.format(date)}, ${clockFormat.format(date)}`;
}

export function formatFull(value) {
  const ms = parseTime(value);
  return Number.isNaN(ms) ? "" : fullFormat.format(new Date(ms));
}

const weekdayFormat = new Intl.DateTimeFormat(undefined, { weekday: "short", hour: "2-digit", minute: "2-digit" });

/** A time ahead: "14:05" today, "Tue, 09:00" within a week, else "Nov 25, 09:00". */
export function formatWhen(value, now = Date.now()) {
  const ms = parseTime(value);
  if (Number.isNaN(ms)) return "";
  const date = new Date(ms);
  if (sameDay(date, new Date(now))) return clockFormat.format(date);
  if (ms - now < 6 * 86400 * 1000) return weekdayFormat.format(date);
  return `${dayFormat.format(date)}, ${clockFormat.format(date)}`;
}

/** Compact relative time for lists: "now", "5m", "3h", "2d", then the date. */
export function formatRelative(value, now = Date.now()) {
  const ms = parseTime(value);
  if (Number.isNaN(ms)) return "";
  const seconds = Math.max(0, Math.round((now - ms) / 1000));
  if (seconds < 45) return "now";
  if (seconds < 3600) return `${Math.max(1, Math.round(seconds / 60))}m`;
  if (seconds < 86400) return `${Math.round(seconds / 3600)}h`;
  if (seconds < 7 * 86400) return `${Math.round(seconds / 86400)}d`;
  return dayFormat.format(new Date(ms));
}

/** A `<time>` element whose text is `format(value)` and whose tooltip is the full date. */
export function timeElement(className, value, format = formatClock) {
  return el("time", {
    class: className,
    text: format(value),
    attrs: { datetime: value || null, title: formatFull(value) || null },
  });
}

export function updateTime(node, value, format = formatClock) {
  setText(node, format(value));
  if (value) {
    node.setAttribute("datetime", value);
    node.title = formatFull(value);
  }
}

/** "8 s", "1 min 5 s". */
export function formatDuration(ms) {
  const seconds = Math.max(0, Math.floor(ms / 1000));
  if (seconds < 60) return `${seconds} s`;
  return `${Math.floor(seconds / 60)} min ${seconds % 60} s`;
}
