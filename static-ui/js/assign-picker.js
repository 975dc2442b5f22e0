// "Assign…" in the thread header: a picker of the active operators (`GET /team`, loaded again as
// it opens), filtered as one types (user name or display name), fully usable by keyboard (the
// ARIA combobox pattern: Down and Up move, Enter assigns, Escape closes). The gateway refuses an
// operator who is not (or no longer) active, and the refusal shows as a notice.
//
// Listens to `team-loaded`, `conversation-closed`. Emits `team-wanted`, and through
// conversation-change.js `conversation-changed` and `notice`.

import { changeConversation } from "./conversation-change.js";
import { byId, el, setText, show } from "./dom.js";
import { Popover } from "./popover.js";

export function mountAssignPicker(store, api) {
  const ui = {
    button: byId("assign-other"),
    panel: byId("assign-picker"),
    search: byId("assign-search"),
    options: byId("assign-options"),
    empty: byId("assign-empty"),
  };
  let shown = [];
  let active = 0;

  const popover = new Popover(ui.button, ui.panel, {
    onOpen: () => {
      ui.search.value = "";
      store.emit("team-wanted");
      draw();
      ui.search.focus();
    },
  });

  store.on("team-loaded", () => {
    if (popover.isOpen) draw();
  });
  store.on("conversation-closed", () => popover.close());

  ui.search.addEventListener("input", () => {
    active = 0;
    draw();
  });
  ui.search.addEventListener("keydown", (event) => {
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      if (shown.length === 0) return;
      active = (active + (event.key === "ArrowDown" ? 1 : shown.length - 1)) % shown.length;
      highlight();
    } else if (event.key === "Enter") {
      event.preventDefault();
      if (shown[active]) assign(shown[active]);
    }
  });
  ui.options.addEventListener("mousedown", (event) => event.preventDefault()); // keep the focus in the box
  ui.options.addEventListener("click", (event) => {
    const option = event.target.closest("[role=option]");
    if (option) assign(shown[Number(option.dataset.index)]);
  });

  function draw() {
    const query = ui.search.value.trim().toLowerCase();
    shown = (store.state.team || []).filter(
      (m) => !query || m.username.toLowerCase().includes(query) || m.display_name.toLowerCase().includes(query),
    );
    active = Math.min(active, Math.max(0, shown.length - 1));
    ui.options.replaceChildren(
      ...shown.map((m, i) =>
        el("li", { class: "popover-option", attrs: { role: "option", id: `assign-option-${i}`, "aria-selected": "false" }, data: { index: i, username: m.username } }, [
          el("span", { class: "option-name", text: m.display_name }),
          el("span", { class: "option-detail", text: m.username === store.state.user.username ? `${m.username} (you)` : m.username }),
        ]),
      ),
    );
    show(ui.empty, shown.length === 0);
    setText(ui.empty, (store.state.team || []).length === 0 ? "Loading the team…" : "No active operator matches.");
    highlight();
  }

  function highlight() {
    ui.options.querySelectorAll("[role=option]").forEach((node, i) => {
      node.setAttribute("aria-selected", String(i === active));
      node.classList.toggle("active", i === active);
      if (i === active) node.scrollIntoView({ block: "nearest" });
    });
    if (shown[active]) ui.search.setAttribute("aria-activedescendant", `assign-option-${active}`);
    else ui.search.removeAttribute("aria-activedescendant");
  }

  async function assign(member) {
    const id = store.state.conversationId;
    if (!id || !member) return;
    popover.close();
    ui.button.focus();
    await changeConversation(store, api, id, { assignee: member.username });
  }
}
