// The files of a message (`attachments`: [{id, filename, content_type, size}], metadata only) as a
// list of download links under its text, on the operator page and in the chat alike. A link is a
// real link (keyboard, screen readers, "copy link"), but a click fetches the file with the page's
// token (the routes need it) and saves it: the bytes are never shown as a page of this origin.
// A raster image (PNG, JPEG, GIF, WebP; never SVG) is shown too, above its link: an <img> of the
// fetched bytes through a blob: URL typed as that image type (the page's CSP allows img-src blob:),
// which a browser only ever draws. A message not stored yet lists its files' names only.
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

/** Image types shown as images; the server serves these (only) inline. */
export const IMAGE_TYPES = new Set(["image/png", "image/jpeg", "image/gif", "image/webp"]);

export function attachmentDecorator({ fetchFile, hrefOf }) {
  return function decorate(node, record) {
    const files = Array.isArray(record.attachments) ? record.attachments : [];
    let list = node.querySelector(".message-attachments");
    const key = (record.id ? "" : "pending:") + files.map((f) => f.id).join(",");
    if (files.length === 0) {
      if (list) list.remove();
      return;
    }
    if (list && list.dataset.files === key) return;
    if (list) list.remove();
    list = el("ul", { class: "message-attachments", attrs: { "aria-label": "Attachments" } });
    list.dataset.files = key;
    for (const f of files) list.append(record.id ? item(f) : pendingItem(f));
    const bubble = node.querySelector(".message-bubble") || node;
    const content = bubble.querySelector(".message-content");
    if (content) content.after(list);
    else bubble.append(list);
  };

  /** A file of a message being sent: its name and size, nothing to fetch yet. */
  function pendingItem(file) {
    const name = file.filename || "attachment";
    return el("li", { class: "attachment pending" }, [
      el("span", { class: "attachment-link" }, [
        el("span", { class: "attachment-name", text: name }),
        el("span", { class: "attachment-size", text: humanSize(file.size) }),
      ]),
    ]);
  }

  /** The image itself, fetched with the page's token; its alt text is the file's name. */
  function preview(file, name) {
    const img = el("img", { class: "attachment-image", attrs: { alt: name } });
    img.hidden = true;
    fetchFile(file.id).then(
      (blob) => {
        const url = URL.createObjectURL(new Blob([blob], { type: file.content_type }));
        img.addEventListener("load", () => {
          img.hidden = false;
          URL.revokeObjectURL(url); // drawn: the bytes are no longer needed
        });
        img.src = url;
      },
      (e) => console.warn(`image ${file.id} could not be loaded`, e),
    );
    return img;
  }

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
    const image = IMAGE_TYPES.has(file.content_type) ? preview(file, name) : null;
    return el("li", { class: image ? "attachment image" : "attachment" }, [image, link, error]);
  }
}
