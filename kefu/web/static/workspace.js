// The inbox: presence switch, live refresh over the event stream, and a tab-title badge.
(function () {
  "use strict";
  const config = JSON.parse(document.getElementById("workspace-config").textContent);
  const inbox = document.getElementById("inbox");
  const lost = document.getElementById("live-lost");
  let seen = new Set(ids());
  let unseen = 0;
  let last = null;
  let delay = 1000;

  function ids() {
    return Array.from(inbox.querySelectorAll("tr[data-ticket-id]"), (tr) => tr.dataset.ticketId);
  }

  function showBadge() {
    document.title = (unseen > 0 ? "(" + unseen + ") " : "") + config.title;
  }

  async function refresh() {
    const response = await fetch("/workspace/inbox", { credentials: "same-origin" });
    if (response.status === 401) return window.location.assign("/login?next=/workspace");
    if (!response.ok) return;
    inbox.innerHTML = await response.text();
    const now = ids();
    unseen += now.filter((id) => !seen.has(id)).length;
    now.forEach((id) => seen.add(id));
    showBadge();
  }

  function clearBadge() {
    if (unseen > 0) { unseen = 0; showBadge(); }
  }

  document.getElementById("presence").addEventListener("change", async (event) => {
    await fetch("/api/v1/routing/presence/me", {
      method: "PUT",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-CSRF-Token": config.csrf },
      body: JSON.stringify({ presence: event.target.value }),
    });
    refresh();
  });
  window.addEventListener("focus", clearBadge);
  document.addEventListener("keydown", clearBadge);
  document.addEventListener("click", clearBadge);

  function open() {
    const scheme = window.location.protocol === "https:" ? "wss:" : "ws:";
    const url = scheme + "//" + window.location.host + "/api/v1/stream" +
      (last === null ? "" : "?after=" + last);
    const ws = new WebSocket(url);
    ws.onopen = () => { lost.hidden = true; delay = 1000; };
    ws.onmessage = (e) => {
      const m = JSON.parse(e.data);
      last = m.id;
      if (m.name === "resync" || m.name.startsWith("Ticket")) refresh();
    };
    ws.onclose = (e) => {
      if (e.code === 4401) return window.location.assign("/login?next=/workspace");
      lost.hidden = false;
      setTimeout(open, delay + Math.random() * delay);
      delay = Math.min(delay * 2, 30000);
    };
  }
  open();
})();
