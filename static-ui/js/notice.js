// The operator page's notice (#notice): a sentence about something that did not work, shown for
// a few seconds or until clicked. Any part emits `notice` with the sentence.

import { byId, setText, show } from "./dom.js";

const SHOWN_MS = 6000;

export function mountNotice(store) {
  const notice = byId("notice");
  let timer = null;

  store.on("notice", (text) => {
    setText(notice, text);
    show(notice, true);
    clearTimeout(timer);
    timer = setTimeout(() => show(notice, false), SHOWN_MS);
  });

  notice.addEventListener("click", () => show(notice, false));
}
