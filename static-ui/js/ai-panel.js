// The AI panel under each customer message on the operator page, in one of three states
// (`data-ai-status`): processing (spinner, elapsed time), available (intent, language, sentiment, urgency,
// summary, suggested reply, model) and unavailable (reason, "Retry AI"). Customers never see it.

import { el, formatDuration, parseTime, setText } from "./dom.js";

/** Why an analysis failed, by the code before the ":" of the insight's `error` (functions/README.md#failures). */
const REASONS = {
  ollama_unreachable: "The AI model server could not be reached.",
  ollama_timeout: "The AI model took too long to answer.",
  ollama_error: "The AI model server answered with an error.",
  model_missing: "The AI model is not installed on the model server.",
  invalid_output: "The AI answer could not be understood.",
  not_analysed: "This message was not sent for analysis.",
};

export function reasonOf(error) {
  const code = String(error || "").split(":", 1)[0].trim();
  return REASONS[code] || "The analysis did not complete.";
}

/**
 * The state of a customer message's insight. `ai` undefined means "not known yet" (a message that
 * came in a `message.created` frame): customer messages start in `processing`. `ai` null means the
 * message has no insight (its sender is not analysed).
 */
export function aiStatus(ai) {
  if (ai === undefined) return "processing";
  if (ai === null) return "unavailable";
  return ai.status;
}

/**
 * Renders (or updates) the panel of `record` inside the message node. `since(record)` gives the
 * local time (ms) at which the current analysis started, for the elapsed time; `onUseReply(text)`
 * and `onReanalyze(record, button)` are the panel's actions.
 */
export function renderAiPanel(node, record, { since, onUseReply, onReanalyze, onOpenSource = () => {} }) {
  let panel = node.querySelector(".ai-panel");
  if (record.sender !== "customer") {
    if (panel) panel.remove();
    return;
  }
  if (!panel) {
    panel = el("section", { class: "ai-panel", attrs: { "aria-label": "AI insight" } });
    node.append(panel);
  }
  const status = aiStatus(record.ai);
  const signature = JSON.stringify([status, record.ai || null, record.id]);
  if (panel.dataset.signature === signature) return;
  panel.dataset.signature = signature;
  panel.dataset.aiStatus = status;
  panel.setAttribute("aria-busy", String(status === "processing"));
  if (status === "processing") panel.replaceChildren(...processing(record, since));
  else if (status === "available") panel.replaceChildren(...available(record, onUseReply, onReanalyze, onOpenSource));
  else panel.replaceChildren(...unavailable(record, onReanalyze));
}

function head(children) {
  return el("div", { class: "ai-head" }, [el("span", { class: "ai-label", text: "AI" }), ...children]);
}

function processing(record, since) {
  const elapsed = el("span", { class: "ai-elapsed", data: { since: since(record) } });
  updateElapsed(elapsed);
  return [
    head([el("span", { class: "spinner", attrs: { "aria-hidden": "true" } }), el("span", { class: "ai-state-text", text: "Analysing message…" }), elapsed]),
    // Placeholder lines about the size of a result, so that the thread barely moves when it arrives.
    el("div", { class: "ai-skeleton", attrs: { "aria-hidden": "true" } }, [el("span"), el("span"), el("span")]),
  ];
}

function available(record, onUseReply, onReanalyze, onOpenSource) {
  const ai = record.ai;
  const use = el("button", { class: "ai-use-reply button small", text: "Use reply", attrs: { type: "button", title: "Put this reply into the composer to edit it; nothing is sent yet" } });
  use.addEventListener("click", () => onUseReply(ai.suggested_reply || ""));
  const again = el("button", { class: "ai-regenerate link-button", text: "Analyse again", attrs: { type: "button" } });
  again.addEventListener("click", () => onReanalyze(record, again));
  const details = [];
  if (ai.latency_ms != null) details.push(`${(ai.latency_ms / 1000).toFixed(1)} s`);
  if (ai.attempts > 1) details.push(`attempt ${ai.attempts}`);
  return [
    head([
      el("span", { class: "ai-intent chip", text: ai.intent || "other", data: { intent: ai.intent }, attrs: { title: "Intent" } }),
      languageChip(ai.language),
      el("span", { class: "ai-field" }, [el("span", { class: "ai-field-name", text: "Sentiment" }), el("span", { class: "ai-sentiment", text: ai.sentiment || "", data: { sentiment: ai.sentiment } })]),
      el("span", { class: "ai-field" }, [el("span", { class: "ai-field-name", text: "Urgency" }), el("span", { class: "ai-urgency", text: ai.urgency || "", data: { urgency: ai.urgency } })]),
      el("span", { class: "ai-meta" }, [el("span", { class: "ai-model", text: ai.model || "model unknown", attrs: { title: (ai.model || "").startsWith("embedded:") ? "Analysed inside the AI function, without a model server" : "Model" } }), details.length ? ` · ${details.join(" · ")}` : ""]),
    ]),
    el("p", { class: "ai-summary", text: ai.summary || "" }),
    el("div", { class: "ai-suggestion" }, [
      el("div", { class: "ai-suggestion-title", text: "Suggested reply" }),
      el("p", { class: "ai-reply", text: ai.suggested_reply || "" }),
      basis(ai, onOpenSource),
      el("div", { class: "ai-actions" }, [use, again]),
    ]),
  ];
}

/**
 * What the suggested reply was written from (`reply_basis`, `sources`): "Based on:" and a link per
 * knowledge-base article (which opens it) or past answer (which opens its conversation); or a warning that no article matched, so the operator
 * checks any fact before sending. Nothing for insights that do not say (older ones).
 */
function basis(ai, onOpenSource) {
  const sources = Array.isArray(ai.sources) ? ai.sources.filter((s) => s && (s.kind === "article" || s.kind === "conversation") && typeof s.id === "string") : [];
  if (sources.length) {
    const links = [];
    sources.forEach((source, i) => {
      if (i) links.push(", ");
      const score = typeof source.score === "number" ? ` (similarity ${source.score.toFixed(2)})` : "";
      const past = source.kind === "conversation";
      const link = el("button", {
        class: "ai-source link-button",
        text: past ? `Past answer: ${source.title || "a conversation"}` : source.title || "Untitled article",
        data: past ? { conversationId: source.id } : { articleId: source.id },
        attrs: { type: "button", title: past ? `Open the resolved conversation this answer comes from${score}` : `Open this knowledge-base article${score}` },
      });
      link.addEventListener("click", () => onOpenSource(source));
      links.push(link);
    });
    return el("p", { class: "ai-basis", data: { basis: "knowledge" } }, [el("span", { class: "ai-basis-label", text: "Based on: " }), ...links]);
  }
  if (ai.reply_basis === "macro" || ai.reply_basis === "model") {
    const text =
      ai.reply_basis === "macro"
        ? "A reply template: no knowledge-base article matched. Check the facts before sending."
        : "No knowledge-base article matched: check any fact before sending.";
    return el("p", { class: "ai-basis", text, data: { basis: ai.reply_basis } });
  }
  return null;
}

/**
 * The customer's language as the AI function detected it: its ISO 639-1 code in capitals ("DE"),
 * named in full for the pointer and screen readers ("German"). Nothing when it is unknown: a short
 * or unclear message has none.
 */
function languageChip(code) {
  if (typeof code !== "string" || !/^[a-z]{2}$/.test(code)) return null;
  const name = languageName(code);
  return el("span", { class: "ai-language chip", text: code.toUpperCase(), data: { language: code }, attrs: { title: `Customer's language: ${name}`, "aria-label": `Customer's language: ${name}` } });
}

function languageName(code) {
  try {
    return new Intl.DisplayNames(["en"], { type: "language" }).of(code) || code;
  } catch {
    return code;
  }
}

function unavailable(record, onReanalyze) {
  const ai = record.ai;
  const error = ai ? ai.error : "not_analysed";
  const retry = el("button", { class: "ai-retry button small", text: "Retry AI", attrs: { type: "button" } });
  retry.addEventListener("click", () => onReanalyze(record, retry));
  return [
    head([el("span", { class: "ai-state-text", text: "No AI insight" })]),
    el("p", { class: "ai-error", text: reasonOf(error) }),
    error && error !== "not_analysed" ? el("p", { class: "ai-error-detail", text: error, attrs: { title: error } }) : null,
    el("div", { class: "ai-actions" }, [retry]),
  ].filter(Boolean);
}

/** Updates one `.ai-elapsed` from its `data-since`. */
export function updateElapsed(node, now = Date.now()) {
  const since = Number(node.dataset.since);
  setText(node, Number.isFinite(since) && since > 0 ? formatDuration(now - since) : "");
}

/** The local time an analysis started: the insight's `updated_at` in server time, corrected by `skewMs`. */
export function startedAt(ai, skewMs, fallback) {
  const server = ai ? parseTime(ai.updated_at) : NaN;
  return Number.isNaN(server) ? fallback : Math.min(Date.now(), server - skewMs);
}
