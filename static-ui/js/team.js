// The active operators (`GET /team`): loaded at sign-in and whenever a part asks (the assign picker
// before it opens), kept in `store.state.team` ([{username, display_name}]), announced with
// `team-loaded` so that assignees show by name.
//
// Listens to `signed-in`, `signed-out` and `team-wanted`. Writes `store.state.team`; emits
// `team-loaded` (the members).

export function mountTeam(store, api) {
  let generation = 0;

  store.on("signed-in", () => load());
  store.on("signed-out", () => {
    generation += 1;
    store.state.team = [];
  });
  store.on("team-wanted", () => load());

  async function load() {
    const asked = ++generation;
    try {
      const members = await api.team();
      if (asked !== generation) return;
      store.state.team = members;
      store.emit("team-loaded", members);
    } catch (e) {
      // Names fall back to user names; the picker says it could not load (it asks again on open).
      console.warn("GET /team failed", e);
    }
  }
}

/** The display name of `username` from the loaded team, or the user name itself. */
export function displayName(store, username) {
  const member = (store.state.team || []).find((m) => m.username === username);
  return member ? member.display_name : username;
}
