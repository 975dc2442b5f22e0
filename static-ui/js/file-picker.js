// The files a message carries, chosen in its composer (the operator's reply box and the chat alike):
// Attach opens the browser's file chooser (images and PDF); each file is uploaded at once
// (operatorApi or customerApi `.upload`) and listed as a chip with its name and size, "Uploading…",
// or the server's reason when it was refused (too big, not an image or PDF by its content), with a
// Remove button. The ready ones go with the next message (`files()`: their AttachmentViews, whose
// ids are its `attachment_ids`); an upload never sent is deleted by the server after an hour.

import { describeError } from "./api.js";
import { humanSize } from "./attachments.js";
import { el } from "./dom.js";

/** What the file chooser offers; the server decides by the bytes. */
export const ACCEPT = "image/png,image/jpeg,image/gif,image/webp,application/pdf";

/** Most files of one message (the server's limit). */
export const MAX_FILES = 10;

/**
 * `button` opens `input` (a file input, visually hidden); chips go into `list`. `upload(file)`
 * resolves to the stored AttachmentView; `onChange()` is told whenever the files change state.
 */
export function mountFilePicker({ button, input, list, upload, onChange = () => {} }) {
  /** {file, state: "uploading" | "ready" | "failed", view, error} */
  let entries = [];
  input.accept = ACCEPT;
  input.multiple = true;
  button.addEventListener("click", () => input.click());
  input.addEventListener("change", () => {
    const chosen = [...input.files];
    input.value = "";
    for (const file of chosen) add(file);
  });

  function add(file) {
    const entry = { file, state: "uploading", view: null, error: null };
    entries.push(entry);
    if (entries.length > MAX_FILES) {
      entry.state = "failed";
      entry.error = `At most ${MAX_FILES} files per message.`;
      render();
      return;
    }
    render();
    upload(file).then(
      (view) => {
        if (!entries.includes(entry)) return;
        entry.state = "ready";
        entry.view = view;
        render();
      },
      (e) => {
        if (!entries.includes(entry)) return;
        entry.state = "failed";
        entry.error = describeError(e);
        render();
      },
    );
  }

  function remove(entry) {
    entries = entries.filter((e) => e !== entry);
    render();
    button.focus();
  }

  function render() {
    list.replaceChildren(...entries.map(chip));
    list.hidden = entries.length === 0;
    onChange();
  }

  function chip(entry) {
    const name = entry.file.name || "file";
    const status = entry.state === "uploading" ? "Uploading…" : entry.state === "failed" ? entry.error : humanSize(entry.file.size);
    return el("li", { class: "file-chip", data: { state: entry.state } }, [
      el("span", { class: "file-chip-name", text: name, attrs: { title: name } }),
      el("span", { class: "file-chip-status", text: status, attrs: entry.state === "failed" ? { role: "alert" } : {} }),
      el("button", {
        class: "file-chip-remove",
        text: "×",
        attrs: { type: "button", "aria-label": `Remove ${name}`, title: "Remove" },
        on: { click: () => remove(entry) },
      }),
    ]);
  }

  return {
    /** The uploaded files (AttachmentView) ready to go with the next message. */
    files: () => entries.filter((e) => e.state === "ready").map((e) => e.view),
    hasFiles: () => entries.some((e) => e.state === "ready"),
    /** Whether an upload is still under way (the message waits for it). */
    busy: () => entries.some((e) => e.state === "uploading"),
    /** Forgets every file (after sending, or another conversation). */
    clear() {
      entries = [];
      render();
    },
    setEnabled(value) {
      button.disabled = !value;
    },
  };
}

/** A message's text when the sender wrote none: the files' names. */
export function contentFor(text, files) {
  return text || files.map((f) => f.filename).join(", ");
}
