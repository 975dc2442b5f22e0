// The message composer both pages use: Enter sends, Shift+Enter is a new line, the textarea grows
// with its text up to a limit (CSS max-height), Send is disabled while there is nothing to send.

/** The server's limit for a message (code points after trimming). */
export const MAX_MESSAGE = 10000;

/** Code points, not UTF-16 units: an emoji counts one, as on the server. */
export function codePoints(text) {
  return [...text].length;
}

/**
 * Wires `textarea` and `button`; `onSend(text)` gets the trimmed text and returns whether it was
 * taken (the composer is then cleared). Returns a small handle to fill and focus it.
 * `hasFiles()`: whether files are ready to go, which makes an empty text sendable too;
 * `busy()`: whether something (an upload) must finish before anything can be sent.
 */
export function bindComposer(textarea, button, onSend, { hasFiles = () => false, busy = () => false } = {}) {
  let enabled = true;

  function sendable(text) {
    return enabled && !busy() && (text !== "" || hasFiles()) && codePoints(text) <= MAX_MESSAGE;
  }

  function refresh() {
    const text = textarea.value.trim();
    button.disabled = !sendable(text);
    textarea.style.height = "auto";
    textarea.style.height = `${textarea.scrollHeight}px`;
  }

  function submit() {
    const text = textarea.value.trim();
    if (!sendable(text)) return;
    if (onSend(text) !== false) {
      textarea.value = "";
      refresh();
    }
  }

  textarea.addEventListener("keydown", (event) => {
    // isComposing: Enter that confirms an IME composition (Japanese, Chinese…) must not send.
    if (event.key === "Enter" && !event.shiftKey && !event.isComposing && !event.altKey && !event.ctrlKey && !event.metaKey) {
      event.preventDefault();
      submit();
    }
  });
  textarea.addEventListener("input", refresh);
  button.addEventListener("click", submit);
  refresh();

  return {
    get value() {
      return textarea.value;
    },
    set(text) {
      textarea.value = text;
      refresh();
    },
    focus(atEnd = true) {
      textarea.focus();
      if (atEnd) textarea.setSelectionRange(textarea.value.length, textarea.value.length);
    },
    setEnabled(value) {
      enabled = value;
      textarea.disabled = !value;
      refresh();
    },
    /** Re-evaluates whether Send is enabled (files came or went). */
    refresh,
  };
}
