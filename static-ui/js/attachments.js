// The files of a message (`attachments`: [{id, filename, content_type, size}], metadata only) as a
// list of download links under its text, on the operator page and in the chat alike. A link is a
// real link (keyboard, screen readers, "copy link"), but a click fetches the file with the page's
// token (the routes need it) and saves it: the bytes are never shown as a page of this origin.
//
// `fetchFile(id)` is the page's download call (operatorApi or customerApi `.attachment`); `hrefOf(id)`
// the route the link names.

import { el, setText } from "./dom.js";

/** Bytes for people: `512 B`, `1.2 KB`, `3.4 MB`. */
export function humanSize(bytes) {
  const n = Number(bytes) || 0;
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(n < 10 * 1024 ? 1 : 0)} KB`;
  return `${(n / (1024 * 1024)).toFixed(n < 10 * 1024 * 1024 ? 1 : 0)} MB`;
}

/** Saves `blob` under `filename` through a temporary object URL with `download` set. */
export function saveBlob(blob, filename) {
  // Typed as opaque bytes whatever the server said: a saved file, never a document to render.
  const url = URL.createObjectURL(new Blob([blob], { type: "application/octet-stream" }));
  const a = el("a", { attrs: { href: url, download: filename || "attachment" } });
  a.hidden = true;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

export function attachmentDecorator({ fetchFile, hrefOf }) {
  return function decorate(node, record) {
    const files = Array.isArray(record.attachments) ? record.attachments : [];
    let list = node.querySelector(".message-attachments");
    const key = files.map((f) => f.id).join(",");
    if (files.length === 0) {
      if (list) list.remove();
      return;
    }
    if (list && list.dataset.files === key) return;
    if (list) list.remove();
    list = el("ul", { class: "message-attachments", attrs: { "aria-label": "Attachments" } });
    list.dataset.files = key;
    for (const f of files) list.append(item(f));
    const bubble = node.querySelector(".message-bubble") || node;
    const content = bubble.querySelector(".message-content");
    if (content) content.after(list);
    else bubble.append(list);
  };

  function item(file) {
    const name = file.filename || "attachment";
    const size = humanSize(file.size);
    const link = el("a", {
      class: "attachment-link",
      attrs: { href: hrefOf(file.id), title: `${name} (${size})`, "aria-label": `Download ${name}, ${size}` },
    }, [
      el("span", { class: "attachment-name", text: name }),
      el("span", { class: "attachment-size", text: size }),
    ]);
    const error = el("span", { class: "attachment-error", attrs: { role: "alert" } });
    error.hidden = true;
    link.addEventListener("click", async (event) => {
      event.preventDefault();
      if (link.getAttribute("aria-busy") === "true") return;
      link.setAttribute("aria-busy", "true");
      error.hidden = true;
      try {
        saveBlob(await fetchFile(file.id), name);
      } catch (e) {
        setText(error, `Download failed: ${e.message}`);
        error.hidden = false;
      } finally {
        link.removeAttribute("aria-busy");
      }
    });
    return el("li", { class: "attachment" }, [link, error]);
  }
}
