// The admin screen's frame: the "Admin" button in the top bar (admins only), the screen in place of
// the inbox, "← Inbox" back, and its two tabs, "Team" and "Audit log". What is inside each tab is
// admin-team.js and admin-audit.js.
//
// Writes `store.state.adminTab` ("team", "audit", or null while the inbox shows). Emits
// `screen-opened` ("admin"), `admin-shown` (the tab, each time a tab comes into view) and
// `admin-closed`. Listens to `signed-in` (the button for admins only), `signed-out` (back to the
// inbox, button hidden) and `screen-opened` (another screen took the page: back to the inbox).
// The server decides all the same: /operators and /audit answer 403 to anyone but an admin.

import { byId, show } from "./dom.js";

const TABS = ["team", "audit"];

export function mountAdminView(store) {
  const ui = {
    open: byId("admin-open"),
    back: byId("admin-back"),
    screen: byId("admin"),
    heading: byId("admin-heading"),
    workspace: document.querySelector(".workspace"),
    tabs: { team: byId("admin-tab-team"), audit: byId("admin-tab-audit") },
    panels: { team: byId("admin-team"), audit: byId("admin-audit") },
  };
  store.state.adminTab = null;

  store.on("signed-in", (user) => show(ui.open, user.role === "admin"));
  store.on("signed-out", () => {
    close(false);
    show(ui.open, false);
  });

  ui.open.addEventListener("click", () => {
    if (store.state.adminTab) close(true);
    else open("team");
  });
  ui.back.addEventListener("click", () => close(true));
  store.on("screen-opened", (screen) => {
    if (screen !== "admin") close(false);
  });

  for (const tab of TABS) {
    ui.tabs[tab].addEventListener("click", () => select(tab, false));
    // Arrow keys, Home and End move between tabs (the WAI-ARIA tabs pattern); Tab leaves the row.
    ui.tabs[tab].addEventListener("keydown", (event) => {
      const at = TABS.indexOf(tab);
      const next = {
        ArrowRight: TABS[(at + 1) % TABS.length],
        ArrowLeft: TABS[(at + TABS.length - 1) % TABS.length],
        Home: TABS[0],
        End: TABS[TABS.length - 1],
      }[event.key];
      if (!next) return;
      event.preventDefault();
      select(next, true);
    });
  }

  function open(tab) {
    // Another screen in place of the inbox (saved replies) closes first.
    store.emit("screen-opened", "admin");
    show(ui.workspace, false);
    show(ui.screen, true);
    ui.open.setAttribute("aria-pressed", "true");
    select(tab, false);
    ui.heading.tabIndex = -1;
    ui.heading.focus();
  }

  /** Back to the inbox; `focus` puts the focus on the Admin button (not after a sign-out). */
  function close(focus) {
    if (!store.state.adminTab) return;
    store.state.adminTab = null;
    show(ui.screen, false);
    show(ui.workspace, true);
    ui.open.setAttribute("aria-pressed", "false");
    store.emit("admin-closed");
    if (focus) ui.open.focus();
  }

  function select(tab, focus) {
    if (focus) ui.tabs[tab].focus();
    if (store.state.adminTab === tab) return;
    for (const other of TABS) {
      const selected = other === tab;
      ui.tabs[other].setAttribute("aria-selected", String(selected));
      ui.tabs[other].tabIndex = selected ? 0 : -1;
      show(ui.panels[other], selected);
    }
    store.state.adminTab = tab;
    store.emit("admin-shown", tab);
  }
}
