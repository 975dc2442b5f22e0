// Who is signed in on the operator page: the login page, the session kept in sessionStorage, the
// name in the top bar and "Log out".
//
// Writes `store.state.user` ({token, username, name, role} or null). Emits `signed-in` (the user)
// and `signed-out`. Listens to `unauthorized` (a 401 of a call made with the token: expired,
// revoked, account disabled), which ends the session with "session expired".

import { ApiError, describeError } from "./api.js";
import { byId, setText, show, StoredToken } from "./dom.js";

const SESSION_KEY = "supportinbox.session";
const EXPIRED = "Your session has expired, please log in again.";

export function mountSession(store, api) {
  /** The operator's token, name and role; per tab, gone when the tab closes. */
  const stored = new StoredToken(sessionStorage, SESSION_KEY);

  const ui = {
    loginView: byId("login"),
    loginForm: byId("login-form"),
    loginUser: byId("login-username"),
    loginPassword: byId("login-password"),
    loginSubmit: byId("login-submit"),
    loginError: byId("login-error"),
    app: byId("app"),
    currentUser: byId("current-user"),
    logout: byId("logout"),
  };

  ui.loginForm.addEventListener("submit", async (event) => {
    event.preventDefault();
    const username = ui.loginUser.value.trim().toLowerCase();
    const password = ui.loginPassword.value;
    if (!username || !password) {
      showLoginError("Enter your user name and password.");
      return;
    }
    ui.loginSubmit.disabled = true;
    setText(ui.loginSubmit, "Signing in…");
    try {
      const result = await api.login(username, password);
      stored.save({ token: result.access_token, username, name: result.name || username, role: result.role });
      ui.loginPassword.value = "";
      start();
    } catch (e) {
      showLoginError(e instanceof ApiError && e.status === 401 ? "Wrong user name or password." : describeError(e));
      ui.loginPassword.select();
    } finally {
      ui.loginSubmit.disabled = false;
      setText(ui.loginSubmit, "Sign in");
    }
  });

  ui.logout.addEventListener("click", async () => {
    ui.logout.disabled = true;
    try {
      await api.logout();
    } catch (e) {
      // The token is dropped here either way; a failed logout only means it lives until it expires.
      console.warn("logout failed", e);
    } finally {
      ui.logout.disabled = false;
      end(null);
    }
  });

  store.on("unauthorized", () => end(EXPIRED));

  function showLoginError(text) {
    setText(ui.loginError, text || "");
    show(ui.loginError, Boolean(text));
  }

  function start() {
    const user = stored.value;
    store.state.user = user;
    showLoginError(null);
    show(ui.loginView, false);
    show(ui.app, true);
    setText(ui.currentUser, user.name);
    ui.currentUser.title = `Signed in as ${user.username} (${user.role})`;
    store.emit("signed-in", user);
  }

  /** Back to the login page, `message` (if any) in #login-error. */
  function end(message) {
    if (!store.state.user && !message) return;
    store.state.user = null;
    stored.clear();
    store.emit("signed-out");
    show(ui.app, false);
    show(ui.loginView, true);
    showLoginError(message);
    ui.loginUser.focus();
  }

  return {
    /** Continues the tab's stored session, or shows the login page. */
    resume() {
      if (stored.value) {
        start();
      } else {
        show(ui.app, false);
        show(ui.loginView, true);
        ui.loginUser.focus();
      }
    },
  };
}
