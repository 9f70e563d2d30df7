// Every workspace page: the event stream (resumed after a drop), a short beep, the tab-title
// badge, the screen pop for a ringing call and the shortcut list ("?"). Other page scripts
// listen with window.kefuWorkspace.listen(handler). The inbox adds its own part at the end:
// live refresh with the filters of the address, presence, take, keyboard moves.
(function () {
  "use strict";
  const config = JSON.parse(document.getElementById("workspace-config").textContent);
  const lost = document.getElementById("live-lost");
  const title = document.title;
  const handlers = [];
  let unseen = 0;
  let last = null;
  let delay = 1000;
  let audio = null;

  function typing(target) {
    if (!target || !target.tagName) return false;
    const tag = target.tagName.toLowerCase();
    return tag === "input" || tag === "textarea" || tag === "select" || target.isContentEditable;
  }

  // Browsers start audio only after a gesture: the context is made on the first one.
  function wakeAudio() {
    const Context = window.AudioContext || window.webkitAudioContext;
    if (!Context) return;
    if (audio === null) audio = new Context();
    if (audio.state === "suspended") audio.resume();
  }

  function beep() {
    if (audio === null || audio.state !== "running") return;
    const tone = audio.createOscillator();
    const gain = audio.createGain();
    const now = audio.currentTime;
    tone.frequency.value = 880;
    gain.gain.setValueAtTime(0.15, now);
    gain.gain.exponentialRampToValueAtTime(0.001, now + 0.18);
    tone.connect(gain).connect(audio.destination);
    tone.start(now);
    tone.stop(now + 0.2);
  }

  function showBadge() {
    document.title = (unseen > 0 ? "(" + unseen + ") " : "") + title;
  }

  function notify(count) {
    if (count <= 0) return;
    unseen += count;
    showBadge();
    beep();
  }

  function seen() {
    if (unseen > 0) { unseen = 0; showBadge(); }
  }

  ["click", "keydown"].forEach((name) => document.addEventListener(name, () => { wakeAudio(); seen(); }));
  window.addEventListener("focus", seen);

  async function getJSON(url) {
    const response = await fetch(url, { credentials: "same-origin" });
    return response.ok ? response.json() : null;
  }

  async function send(method, url, body) {
    const response = await fetch(url, {
      method: method,
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-CSRF-Token": config.csrf },
      body: JSON.stringify(body),
    });
    let data = null;
    try { data = await response.json(); } catch (e) { data = null; }
    return { ok: response.ok, status: response.status, data: data };
  }

  function errorText(result) {
    const error = result.data && result.data.error;
    if (!error) return String(result.status);
    const fields = Object.values(error.fields || {});
    return fields.length ? error.message + ":" + fields.join(";") : error.message;
  }

  // -- screen pop: a call ringing for me or my group -------------------------------------------

  function forMe(ticket) {
    if (ticket.assignee_id === config.user_id) return true;
    if (ticket.group_id !== null) return config.groups.includes(ticket.group_id);
    return ticket.assignee_id === null;
  }

  function fill(text, values) {
    return text.replace(/\{(\w+)\}/g, (whole, name) => (name in values ? values[name] : whole));
  }

  async function screenPop(call) {
    const ticket = await getJSON("/api/v1/tickets/" + call.ticket_id);
    if (ticket === null || !forMe(ticket)) return;
    const customer = await getJSON("/api/v1/customers/" + call.customer_id);
    const name = (customer && customer.name) || call.caller;
    const banner = document.createElement("div");
    banner.className = "screen-pop";
    banner.setAttribute("role", "alert");
    banner.dataset.ticketId = String(call.ticket_id);
    const text = document.createElement("span");
    text.textContent = fill(config.texts["ws.screen_pop"], { name: name, caller: call.caller }) +
      (call.new_caller ? " · " + config.texts["ws.screen_pop.new"] : "");
    const link = document.createElement("a");
    link.href = "/workspace/tickets/" + call.ticket_id;
    link.textContent = config.texts["ws.screen_pop.open"];
    const close = document.createElement("button");
    close.type = "button";
    close.textContent = config.texts["ws.close"];
    close.addEventListener("click", () => banner.remove());
    banner.append(text, link, close);
    document.querySelectorAll(".screen-pop").forEach((old) => old.remove());
    document.body.append(banner);
    notify(1);
  }

  // -- the stream ------------------------------------------------------------------------------

  function open() {
    const scheme = window.location.protocol === "https:" ? "wss:" : "ws:";
    const url = scheme + "//" + window.location.host + "/api/v1/stream" +
      (last === null ? "" : "?after=" + last);
    const ws = new WebSocket(url);
    ws.onopen = () => { if (lost) lost.hidden = true; delay = 1000; };
    ws.onmessage = (e) => {
      const m = JSON.parse(e.data);
      last = m.id;
      if (m.name === "CallRinging") screenPop(m.data);
      handlers.forEach((handler) => handler(m));
    };
    ws.onclose = (e) => {
      if (e.code === 4401) return window.location.assign("/login?next=" + encodeURIComponent(window.location.pathname));
      if (lost) lost.hidden = false;
      setTimeout(open, delay + Math.random() * delay);
      delay = Math.min(delay * 2, 30000);
    };
  }

  // -- the list of shortcuts ("?") -------------------------------------------------------------

  document.addEventListener("keydown", (event) => {
    const help = document.getElementById("shortcuts");
    if (event.key === "?" && help && !typing(event.target) && !help.open) {
      event.preventDefault();
      help.showModal();
    }
  });

  window.kefuWorkspace = {
    config: config,
    listen: (handler) => handlers.push(handler),
    notify: notify,
    beep: beep,
    typing: typing,
    send: send,
    getJSON: getJSON,
    errorText: errorText,
  };

  // -- the inbox -------------------------------------------------------------------------------

  const inbox = document.getElementById("inbox");
  if (inbox !== null) inboxPage(inbox);
  open();

  function inboxPage(inbox) {
    const notice = document.getElementById("inbox-notice");
    let known = new Set(ids());
    let selected = null;

    function ids() {
      return Array.from(inbox.querySelectorAll("tr[data-ticket-id]"), (tr) => tr.dataset.ticketId);
    }

    function rows() {
      return Array.from(inbox.querySelectorAll("tr[data-ticket-id]"));
    }

    function select(row) {
      rows().forEach((r) => { r.classList.remove("selected"); r.removeAttribute("aria-selected"); });
      if (!row) { selected = null; return; }
      row.classList.add("selected");
      row.setAttribute("aria-selected", "true");
      row.scrollIntoView({ block: "nearest" });
      selected = row.dataset.ticketId;
    }

    function current() {
      return selected === null ? null : inbox.querySelector("tr[data-ticket-id='" + selected + "']");
    }

    function say(text) {
      notice.textContent = text;
      notice.hidden = !text;
    }

    async function refresh() {
      const response = await fetch("/workspace/inbox" + window.location.search, { credentials: "same-origin" });
      if (response.status === 401) return window.location.assign("/login?next=/workspace");
      if (!response.ok && response.status !== 422) return;
      inbox.innerHTML = await response.text();
      const now = ids();
      notify(now.filter((id) => !known.has(id)).length);
      known = new Set(now);
      select(current());
    }

    async function take(id) {
      say("");
      // One request that the server makes atomic: of two agents taking at once, one wins.
      const result = await send("POST", "/api/v1/tickets/" + id + "/take", {});
      if (result.status === 409) say(config.texts["ws.taken_by_other"]);
      else if (!result.ok) say(errorText(result));
      await refresh();
      select(inbox.querySelector("tr[data-ticket-id='" + id + "']"));
    }

    inbox.addEventListener("click", (event) => {
      const button = event.target.closest("button[data-take]");
      if (button) take(button.dataset.take);
    });

    document.addEventListener("keydown", (event) => {
      if (event.ctrlKey || event.metaKey || event.altKey || typing(event.target)) return;
      if (document.querySelector("dialog[open]")) return;
      const all = rows();
      const at = all.indexOf(current());
      if (event.key === "j" || event.key === "k") {
        const next = event.key === "j" ? Math.min(at + 1, all.length - 1) : Math.max(at - 1, 0);
        select(all[next]);
      } else if (event.key === "Enter" && current()) {
        window.location.assign(current().dataset.href);
      } else if (event.key === "t" && current() && current().querySelector("button[data-take]")) {
        take(selected);
      } else if (event.key === "/") {
        document.getElementById("inbox-search").focus();
      } else {
        return;
      }
      event.preventDefault();
    });

    document.querySelectorAll("form.filters select").forEach((s) =>
      s.addEventListener("change", () => s.form.submit()));

    document.getElementById("presence").addEventListener("change", async (event) => {
      await send("PUT", "/api/v1/routing/presence/me", { presence: event.target.value });
      refresh();
    });

    handlers.push((m) => {
      if (m.name === "resync" || m.name.startsWith("Ticket")) refresh();
      if (m.name === "MessageAdded" && m.data.author_kind === "customer" &&
          known.has(String(m.data.ticket_id))) notify(1);
    });
  }
})();
