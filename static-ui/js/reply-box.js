// The open conversation's reply box (composer.js binds its keys): a draft per conversation while
// the page is open, enabled once the conversation has loaded, filled by "Use reply". Nothing is
// sent until the operator presses Send (or Enter). The Note toggle turns it into an internal
// note for the team (a visibly different composer) until it is toggled off or another
// conversation is opened.
//
// Files (file-picker.js) are uploaded to the open conversation as they are chosen and go with the
// next reply or note; opening another conversation drops them.
//
// Listens to `conversation-opened`, `conversation-loaded`, `conversation-closed`, `signed-out` and
// `reply-suggested`. Emits `reply-submitted` ({text, internal, attachments}); the thread pane
// sends it.

import { bindComposer } from "./composer.js";
import { byId, setText, show } from "./dom.js";
import { contentFor, mountFilePicker } from "./file-picker.js";

const REPLY_PLACEHOLDER = "Write a reply… (Enter sends, Shift+Enter adds a line)";
const NOTE_PLACEHOLDER = "Write an internal note for your team… (Enter adds it)";

export function mountReplyBox(store, api) {
  const drafts = new Map();
  /** The conversation the box writes to, or null. */
  let openId = null;
  let noteMode = false;
  const toggle = byId("note-toggle");
  const textarea = byId("composer");
  const send = byId("send");

  const picker = mountFilePicker({
    button: byId("attach"),
    input: byId("attach-input"),
    list: byId("attach-list"),
    upload: (file) => api.upload(openId, file),
    onChange: () => composer.refresh(),
  });

  const composer = bindComposer(
    textarea,
    send,
    (text) => {
      if (!openId) return false;
      const attachments = picker.files();
      store.emit("reply-submitted", { text: contentFor(text, attachments), internal: noteMode, attachments });
      picker.clear();
      drafts.delete(openId);
      return true;
    },
    { hasFiles: () => picker.hasFiles(), busy: () => picker.busy() },
  );

  function setNoteMode(on) {
    noteMode = on;
    toggle.setAttribute("aria-pressed", String(on));
    byId("composer-bar").classList.toggle("note-mode", on);
    textarea.placeholder = on ? NOTE_PLACEHOLDER : REPLY_PLACEHOLDER;
    setText(byId("composer-label"), on ? "Internal note" : "Reply");
    setText(send, on ? "Add note" : "Send");
    show(byId("note-hint"), on);
  }
  toggle.addEventListener("click", () => {
    setNoteMode(!noteMode);
    composer.focus();
  });

  store.on("conversation-opened", ({ id }) => {
    if (openId) drafts.set(openId, composer.value);
    if (id !== openId) {
      setNoteMode(false);
      picker.clear(); // uploaded to the other conversation: they cannot go here
    }
    openId = id;
    composer.set(drafts.get(id) || "");
    composer.setEnabled(false);
    picker.setEnabled(false);
    toggle.disabled = true;
  });
  store.on("conversation-loaded", ({ first }) => {
    if (!first) return;
    composer.setEnabled(true);
    picker.setEnabled(true);
    toggle.disabled = false;
    composer.focus();
  });
  store.on("conversation-closed", () => {
    openId = null;
  });
  store.on("signed-out", () => {
    drafts.clear();
    picker.clear();
  });
  store.on("reply-suggested", ({ text }) => {
    if (!openId) return;
    setNoteMode(false); // a suggested reply is for the customer
    composer.set(text);
    composer.focus();
  });
}
