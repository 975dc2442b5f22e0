// The admin screen's "Team" tab: every operator account, adding one, and per account "Make admin" /
// "Make operator", "Disable" / "Enable" and "Reset password" (GET, POST, PATCH /operators).
//
// Passwords: the gateway takes the initial password from the admin, so this tab makes a strong one
// in the browser (crypto.getRandomValues, 100 bits) and shows it once, with "Copy"; "Done", leaving
// the admin screen or signing out forgets it, and nothing keeps it. "Reset password" does the same.
// The rules the gateway enforces (the last active admin, a name taken, a bad name) come back as its
// sentence and are shown as they are, in #team-error.
//
// Listens to `admin-shown` ("team": loads the list), `admin-closed` and `signed-out` (forgets the
// password shown). Emits `accounts-loaded` (the accounts, for the audit tab's name suggestions).

import { ApiError, describeError } from "./api.js";
import { byId, el, formatFull, setData, setText, show, syncChildren } from "./dom.js";

/** 32 symbols without look-alikes (no l, o, 0, 1): a byte modulo 32 is unbiased. */
const ALPHABET = "abcdefghijkmnpqrstuvwxyz23456789";

/** Four groups of five symbols, e.g. "k7mqa-2vxnp-...": 20 × 5 = 100 random bits, 23 characters. */
export function generatePassword() {
  const bytes = new Uint8Array(20);
  crypto.getRandomValues(bytes);
  const symbols = Array.from(bytes, (b) => ALPHABET[b % ALPHABET.length]).join("");
  return symbols.match(/.{5}/g).join("-");
}

export function mountAdminTeam(store, api) {
  const ui = {
    form: byId("team-create"),
    username: byId("team-username"),
    displayName: byId("team-display-name"),
    role: byId("team-role"),
    submit: byId("team-create-submit"),
    createError: byId("team-create-error"),
    secret: byId("team-secret"),
    secretTitle: byId("team-secret-title"),
    secretValue: byId("team-secret-value"),
    secretCopy: byId("team-secret-copy"),
    secretDone: byId("team-secret-done"),
    error: byId("team-error"),
    status: byId("team-status"),
    list: byId("team-list"),
  };
  const rows = new Map();
  let accounts = [];

  store.on("admin-shown", (tab) => {
    if (tab === "team") load();
  });
  store.on("admin-closed", forgetSecret);
  store.on("signed-out", () => {
    forgetSecret();
    accounts = [];
    syncChildren(ui.list, rows, [], { key: (a) => a.username, build: row, update: fill });
  });

  ui.form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const username = ui.username.value.trim().toLowerCase();
    if (!username) {
      fail(ui.createError, "Enter a user name.", ui.username);
      return;
    }
    const displayName = ui.displayName.value.trim();
    const password = generatePassword();
    ui.submit.disabled = true;
    say(ui.createError, null);
    try {
      const created = await api.createOperator({
        username,
        ...(displayName ? { display_name: displayName } : {}),
        role: ui.role.value,
        password,
      });
      ui.form.reset();
      showSecret(`Initial password for ${created.username}`, password);
      await load(`${created.display_name} (${created.username}) was added as ${roleName(created.role)}.`);
    } catch (e) {
      const field = e instanceof ApiError ? e.field : null;
      fail(ui.createError, describeError(e), field === "display_name" ? ui.displayName : ui.username);
    } finally {
      ui.submit.disabled = false;
    }
  });

  ui.secretDone.addEventListener("click", () => {
    forgetSecret();
    ui.username.focus();
  });

  ui.secretCopy.addEventListener("click", async () => {
    // The clipboard API needs a secure context (https, or localhost); elsewhere the text is
    // selected for Ctrl+C.
    try {
      await navigator.clipboard.writeText(ui.secretValue.textContent);
      setText(ui.secretCopy, "Copied");
    } catch {
      const range = document.createRange();
      range.selectNodeContents(ui.secretValue);
      const selection = window.getSelection();
      selection.removeAllRanges();
      selection.addRange(range);
      setText(ui.secretCopy, "Selected: press Ctrl+C");
    }
  });

  /** Fetches the accounts; `done` (a sentence about what just changed) or a count goes to #team-status. */
  async function load(done = null) {
    if (!accounts.length) setText(ui.status, "Loading the team…");
    try {
      accounts = await api.operators();
      accounts.sort((a, b) => a.username.localeCompare(b.username));
      syncChildren(ui.list, rows, accounts, { key: (a) => a.username, build: row, update: fill });
      const active = accounts.filter((a) => !a.disabled).length;
      setText(ui.status, done || `${accounts.length} accounts, ${active} active.`);
      store.emit("accounts-loaded", accounts);
    } catch (e) {
      setText(ui.status, "");
      say(ui.error, `The team could not be loaded. ${describeError(e)}`);
    }
  }

  function row(account) {
    const li = el("li", { class: "team-item", data: { username: account.username } }, [
      el("div", { class: "team-who" }, [
        el("span", { class: "team-name" }),
        el("span", { class: "team-username" }),
        el("span", { class: "team-you", text: "you" }),
      ]),
      el("div", { class: "team-tags" }, [
        el("span", { class: "team-role-badge" }),
        el("span", { class: "team-disabled-badge", text: "Disabled" }),
        el("span", { class: "team-since" }),
      ]),
      el("div", { class: "team-actions" }, [
        el("button", { class: "button small team-role", attrs: { type: "button" } }),
        el("button", { class: "button small team-toggle", attrs: { type: "button" } }),
        el("button", { class: "button small team-reset", attrs: { type: "button" }, text: "Reset password" }),
      ]),
    ]);
    li.querySelector(".team-role").addEventListener("click", (event) => {
      const a = current(li);
      const role = a.role === "admin" ? "operator" : "admin";
      change(a, { role }, event.currentTarget, `${a.username} is now ${roleName(role)}.`);
    });
    li.querySelector(".team-toggle").addEventListener("click", (event) => {
      const a = current(li);
      const disabled = !a.disabled;
      const done = disabled
        ? `${a.username} is disabled: they cannot sign in, and their sessions have ended.`
        : `${a.username} can sign in again (with the same password).`;
      change(a, { disabled }, event.currentTarget, done);
    });
    li.querySelector(".team-reset").addEventListener("click", async (event) => {
      const a = current(li);
      const question = `Make a new password for ${a.username}? Their current password and sessions stop working.`;
      if (!(await ask(li, event.currentTarget, question, "Make new password"))) return;
      const password = generatePassword();
      if (await change(a, { password }, event.currentTarget, `${a.username} has a new password.`)) {
        showSecret(`New password for ${a.username}`, password);
      }
    });
    return li;
  }

  function fill(li, account) {
    const me = store.state.user && store.state.user.username === account.username;
    setData(li, "role", account.role);
    setData(li, "disabled", String(account.disabled));
    li.classList.toggle("disabled", account.disabled);
    setText(li.querySelector(".team-name"), account.display_name);
    setText(li.querySelector(".team-username"), account.username);
    show(li.querySelector(".team-you"), me);
    setText(li.querySelector(".team-role-badge"), roleName(account.role));
    setData(li.querySelector(".team-role-badge"), "role", account.role);
    show(li.querySelector(".team-disabled-badge"), account.disabled);
    const since = li.querySelector(".team-since");
    setText(since, `since ${formatFull(account.created_at)}`);
    const roleButton = li.querySelector(".team-role");
    setText(roleButton, account.role === "admin" ? "Make operator" : "Make admin");
    setText(li.querySelector(".team-toggle"), account.disabled ? "Enable" : "Disable");
    // The buttons name the account for screen readers, which read them out of the row.
    roleButton.setAttribute("aria-label", `${roleButton.textContent}: ${account.username}`);
    const toggle = li.querySelector(".team-toggle");
    toggle.setAttribute("aria-label", `${toggle.textContent}: ${account.username}`);
    li.querySelector(".team-reset").setAttribute("aria-label", `Reset password: ${account.username}`);
  }

  /** The account a row shows now (rows are reused across reloads). */
  function current(li) {
    return accounts.find((a) => a.username === li.dataset.username);
  }

  /** PATCHes `account`; true when it worked. A change to one's own account ends one's session. */
  async function change(account, body, button, done) {
    const me = store.state.user && store.state.user.username === account.username;
    const question = "This is your own account: the change ends your session, and you sign in again. Go on?";
    if (me && !(await ask(button.closest(".team-item"), button, question, "Go on"))) return false;
    say(ui.error, null);
    button.disabled = true;
    try {
      await api.changeOperator(account.username, body);
      say(ui.error, null);
      await load(done);
      return true;
    } catch (e) {
      setText(ui.status, "");
      say(ui.error, `${account.username} was not changed: ${describeError(e)}`);
      return false;
    } finally {
      button.disabled = false;
    }
  }

  /**
   * Asks in the row itself (a question, the action, "Cancel"; Escape cancels); true when the action
   * was chosen. The focus goes to the action, and back to `from` after.
   */
  function ask(li, from, question, action) {
    for (const open of ui.list.querySelectorAll(".team-confirm")) open.remove();
    return new Promise((resolve) => {
      const yes = el("button", { class: "button small danger", text: action, attrs: { type: "button" } });
      const no = el("button", { class: "button small ghost", text: "Cancel", attrs: { type: "button" } });
      const box = el("div", { class: "team-confirm", attrs: { role: "group", "aria-label": question } }, [
        el("p", { class: "team-confirm-text", text: question }),
        yes,
        no,
      ]);
      const answer = (value) => {
        box.remove();
        from.focus();
        resolve(value);
      };
      yes.addEventListener("click", () => answer(true));
      no.addEventListener("click", () => answer(false));
      box.addEventListener("keydown", (event) => {
        if (event.key === "Escape") answer(false);
      });
      li.append(box);
      yes.focus();
    });
  }

  function showSecret(title, password) {
    setText(ui.secretTitle, title);
    setText(ui.secretValue, password);
    setText(ui.secretCopy, "Copy");
    show(ui.secret, true);
    ui.secretCopy.focus();
  }

  function forgetSecret() {
    setText(ui.secretValue, "");
    setText(ui.secretTitle, "");
    show(ui.secret, false);
  }

  function fail(node, text, focus) {
    say(node, text);
    if (focus) focus.focus();
  }
}

function say(node, text) {
  setText(node, text || "");
  show(node, Boolean(text));
}

function roleName(role) {
  return role === "admin" ? "admin" : "operator";
}
