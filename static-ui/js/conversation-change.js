// One way to change the open conversation (`PATCH /conversations/{id}`), shared by the header's
// buttons, the assign picker and the snooze menu: the answer's summary is announced as
// `conversation-changed`; a refusal (an inactive assignee, a time in the past) becomes a `notice`
// with the server's sentence.

import { describeError } from "./api.js";

/** Sends `fields`; resolves to the new summary, or null when it was refused or failed. */
export async function changeConversation(store, api, conversationId, fields) {
  try {
    const summary = await api.updateConversation(conversationId, fields);
    store.emit("conversation-changed", summary);
    return summary;
  } catch (e) {
    store.emit("notice", `The conversation could not be changed. ${describeError(e)}`);
    return null;
  }
}
