// The open conversation's reply box (composer.js binds its keys): a draft per conversation while
// the page is open, enabled once the conversation has loaded, filled by "Use reply". Nothing is
// sent until the operator presses Send (or Enter).
//
// Listens to `conversation-opened`, `conversation-loaded`, `conversation-closed`, `signed-out` and
// `reply-suggested`. Emits `reply-submitted` ({text}); the thread pane sends it.

import { bindComposer } from "./composer.js";
import { byId } from "./dom.js";

export function mountReplyBox(store) {
  const drafts = new Map();
  /** The conversation the box writes to, or null. */
  let openId = null;

  const composer = bindComposer(byId("composer"), byId("send"), (text) => {
    if (!openId) return false;
    store.emit("reply-submitted", { text });
    drafts.delete(openId);
    return true;
  });

  store.on("conversation-opened", ({ id }) => {
    if (openId) drafts.set(openId, composer.value);
    openId = id;
    composer.set(drafts.get(id) || "");
    composer.setEnabled(false);
  });
  store.on("conversation-loaded", ({ first }) => {
    if (!first) return;
    composer.setEnabled(true);
    composer.focus();
  });
  store.on("conversation-closed", () => {
    openId = null;
  });
  store.on("signed-out", () => drafts.clear());
  store.on("reply-suggested", ({ text }) => {
    if (!openId) return;
    composer.set(text);
    composer.focus();
  });
}
