// The embeddable chat widget, for the company's own site, in one tag:
//   <script src="https://<inbox>/widget.js" async></script>
// It asks the inbox whether this site may embed it (GET /widget/config, answered with CORS only to
// the sites in WIDGET_ALLOWED_ORIGINS); if not, it says so in the console and shows nothing. If so,
// it adds a launcher button and the chat (the inbox's /chat.html?embed=1) in an iframe, which keeps
// the customer's token in the inbox's own storage, so the chat survives reloads and navigation.
// The frame tells the launcher how many operator replies came while it was closed (postMessage,
// checked by origin and source both ways).
//
// A classic script, not a module, so that one tag works on any site; it touches nothing of the page
// but the elements it adds, and builds them with DOM calls (no HTML strings).

(function () {
  "use strict";

  const ID = "support-inbox-widget";
  const script = document.currentScript;
  if (!script || !script.src) {
    console.error("Support Inbox widget: load widget.js with a <script src=…> tag.");
    return;
  }
  if (document.getElementById(ID)) return; // the tag twice on one page
  const inbox = new URL(script.src, location.href).origin;

  fetch(`${inbox}/widget/config`, { mode: "cors", credentials: "omit", cache: "no-store" })
    .then((response) => (response.ok ? response.json() : Promise.reject(new Error(`HTTP ${response.status}`))))
    .then(mount)
    .catch(() =>
      console.warn(
        `Support Inbox widget: ${location.origin} may not embed the chat of ${inbox}; ask its admin to add this site to WIDGET_ALLOWED_ORIGINS. No widget is shown.`,
      ),
    );

  function style(node, rules) {
    Object.assign(node.style, rules);
    return node;
  }

  function mount(config) {
    const root = style(document.createElement("div"), {
      position: "fixed",
      right: "16px",
      bottom: "16px",
      zIndex: "2147483000",
      display: "flex",
      flexDirection: "column",
      alignItems: "flex-end",
      gap: "12px",
      font: "600 15px/1.2 system-ui, -apple-system, 'Segoe UI', sans-serif",
    });
    root.id = ID;

    const frame = style(document.createElement("iframe"), {
      width: "min(380px, calc(100vw - 32px))",
      height: "min(600px, calc(100vh - 104px))",
      border: "0",
      borderRadius: "14px",
      boxShadow: "0 12px 32px rgba(16, 24, 40, 0.22)",
      background: "#fff",
    });
    frame.id = `${ID}-frame`;
    frame.title = "Support chat";
    frame.src = inbox + config.chat_path;
    frame.hidden = true;

    const button = style(document.createElement("button"), {
      display: "inline-flex",
      alignItems: "center",
      gap: "8px",
      padding: "12px 18px",
      border: "0",
      borderRadius: "999px",
      background: "#4338ca",
      color: "#fff",
      font: "inherit",
      cursor: "pointer",
      boxShadow: "0 6px 18px rgba(16, 24, 40, 0.25)",
    });
    button.type = "button";
    button.id = `${ID}-launcher`;
    button.setAttribute("aria-expanded", "false");
    button.setAttribute("aria-controls", frame.id);
    const label = document.createElement("span");
    label.textContent = config.label || "Chat with us";
    const badge = style(document.createElement("span"), {
      minWidth: "20px",
      padding: "1px 6px",
      borderRadius: "999px",
      background: "#fff",
      color: "#4338ca",
      fontSize: "12px",
      textAlign: "center",
    });
    badge.className = "support-inbox-unread";
    badge.hidden = true;
    button.append(label, badge);

    button.addEventListener("click", () => setOpen(frame.hidden));
    window.addEventListener("message", (event) => {
      if (event.origin !== inbox || event.source !== frame.contentWindow) return;
      const data = event.data || {};
      if (data.type === "support-inbox:ready") tellFrame();
      else if (data.type === "support-inbox:close") setOpen(false);
      else if (data.type === "support-inbox:unread") setBadge(Number(data.count) || 0);
    });

    root.append(frame, button);
    document.body.append(root);

    function setOpen(open) {
      frame.hidden = !open;
      button.setAttribute("aria-expanded", String(open));
      tellFrame();
      if (open) {
        setBadge(0);
        frame.focus();
      } else {
        button.focus();
      }
    }

    function setBadge(count) {
      badge.textContent = count > 99 ? "99+" : String(count);
      badge.hidden = count === 0;
      button.setAttribute("aria-label", count > 0 ? `${label.textContent}, ${count} new ${count === 1 ? "reply" : "replies"}` : label.textContent);
    }

    function tellFrame() {
      if (frame.contentWindow) frame.contentWindow.postMessage({ type: "support-inbox:visibility", open: !frame.hidden }, inbox);
    }
  }
})();
