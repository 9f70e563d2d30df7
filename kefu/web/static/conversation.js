// The conversation page: the thread kept live (new messages fetched after the last id shown,
// each id shown once), the reply box (public or internal, files, Ctrl+Enter), canned replies
// ("/" at the start or Ctrl+K), live wording tips, the response timer or SLA clock, fields
// saved in place, and the after-sales panel. Uses window.kefuWorkspace (workspace.js).
(function () {
  "use strict";
  const ws = window.kefuWorkspace;
  const page = JSON.parse(document.getElementById("conversation-config").textContent);
  const texts = page.texts;
  const base = "/api/v1/tickets/" + page.ticket_id;
  const thread = document.getElementById("thread");
  const form = document.getElementById("reply-form");
  const body = document.getElementById("reply-body");
  const files = document.getElementById("reply-files");
  const replyError = document.getElementById("reply-error");
  const fieldsBox = document.getElementById("fields");
  const clockOffset = Date.parse(page.server_now) - Date.now();
  let lastId = page.last_id;
  let firstReply = page.first_reply;
  let loading = Promise.resolve();

  function fill(text, values) {
    return text.replace(/\{(\w+)\}/g, (whole, name) => (name in values ? values[name] : whole));
  }

  // -- the thread ------------------------------------------------------------------------------

  function scrollDown() { thread.scrollTop = thread.scrollHeight; }

  async function fetchNew(live) {
    const response = await fetch("/workspace/tickets/" + page.ticket_id + "/thread?after=" + lastId,
      { credentials: "same-origin" });
    if (response.status === 401) return window.location.assign("/login?next=" + window.location.pathname);
    if (!response.ok) return;
    const holder = document.createElement("template");
    holder.innerHTML = await response.text();
    let fromCustomer = 0;
    holder.content.querySelectorAll("li[data-message-id]").forEach((item) => {
      const id = Number(item.dataset.messageId);
      if (thread.querySelector("li[data-message-id='" + id + "']") === null) {
        thread.append(item);
        if (item.dataset.authorKind === "customer") fromCustomer += 1;
        if (item.dataset.authorKind === "agent" && item.dataset.public === "true") firstReply = false;
      }
      lastId = Math.max(lastId, id);
    });
    const empty = document.getElementById("thread-empty");
    if (empty && thread.children.length) empty.remove();
    scrollDown();
    if (live) ws.notify(fromCustomer);
    refreshSla();
  }

  // One fetch at a time, so two events close together never ask for the same messages twice.
  function loadNew(live) {
    loading = loading.then(() => fetchNew(live)).catch(() => undefined);
    return loading;
  }

  // -- the response timer (chats) and the SLA clock (other channels) ---------------------------

  function waitingSince() {
    let since = null;
    thread.querySelectorAll("li[data-message-id]").forEach((item) => {
      if (item.dataset.authorKind === "agent" && item.dataset.public === "true") since = null;
      else if (item.dataset.authorKind === "customer" && since === null) since = Date.parse(item.dataset.at);
    });
    return since;
  }

  function tick() {
    const timer = document.getElementById("response-timer");
    if (timer === null) return;
    // A solved or closed matter waits for nobody (a last "thanks" needs no answer).
    const since = closing() ? null : waitingSince();
    if (since === null) {
      timer.textContent = texts["cv.timer.idle"];
      timer.classList.remove("amber", "red");
      timer.dataset.seconds = "";
      return;
    }
    const seconds = Math.max(0, Math.floor((Date.now() + clockOffset - since) / 1000));
    timer.textContent = fill(texts["cv.timer.seconds"], { n: seconds });
    timer.dataset.seconds = String(seconds);
    timer.classList.toggle("red", seconds > page.goal_s);
    timer.classList.toggle("amber", seconds >= page.warn_after_s && seconds <= page.goal_s);
  }

  const RUNNING_FIRST = ["breached", "at_risk", "running", "paused", "met"];

  async function refreshSla() {
    const line = document.getElementById("sla-clock");
    if (line === null) return;
    const sla = await ws.getJSON(base + "/sla");
    const clocks = (sla && sla.clocks) || [];
    if (!clocks.length) { line.textContent = texts["cv.sla.none"]; return; }
    clocks.sort((a, b) => RUNNING_FIRST.indexOf(a.state) - RUNNING_FIRST.indexOf(b.state));
    const c = clocks[0];
    const due = c.due_at ? fill(texts["cv.sla.due"], { at: new Date(c.due_at).toLocaleString(document.documentElement.lang) }) : "";
    line.textContent = [c.metric_label, c.state_label, due].filter(Boolean).join(" · ");
    line.dataset.state = c.state;
    line.className = "timer " + (c.state === "breached" ? "red" : c.state === "at_risk" ? "amber" : "");
  }

  // -- sending ---------------------------------------------------------------------------------

  function visibility() {
    return form.querySelector("input[name=visibility]:checked").value;
  }

  function showReplyError(text) {
    replyError.textContent = text;
    replyError.hidden = !text;
  }

  async function post() {
    const isPublic = visibility() === "public";
    if (files.files.length === 0) {
      return ws.send("POST", base + "/messages", { body: body.value, public: isPublic });
    }
    const data = new FormData();
    data.append("body", body.value);
    data.append("public", isPublic ? "true" : "false");
    Array.from(files.files).forEach((file) => data.append("files", file));
    const response = await fetch(base + "/messages", {
      method: "POST", credentials: "same-origin", headers: { "X-CSRF-Token": ws.config.csrf }, body: data,
    });
    let json = null;
    try { json = await response.json(); } catch (e) { json = null; }
    return { ok: response.ok, status: response.status, data: json };
  }

  let sending = false;
  async function sendReply() {
    if (sending) return;
    if (!body.value.trim() && files.files.length === 0) return showReplyError(texts["cv.reply.empty"]);
    sending = true;
    showReplyError("");
    try {
      const result = await post();
      if (!result.ok) return showReplyError(fill(texts["cv.reply.failed"], { message: ws.errorText(result) }));
      body.value = "";
      files.value = "";
      showFindings([], "");
      await loadNew(false);
    } catch (e) {
      showReplyError(fill(texts["cv.reply.failed"], { message: String(e) }));
    } finally {
      sending = false;
    }
  }

  form.addEventListener("submit", (event) => { event.preventDefault(); sendReply(); });
  form.addEventListener("change", (event) => {
    if (event.target.name === "visibility") {
      form.classList.toggle("internal", visibility() === "internal");
      coachSoon();
    }
  });

  // -- canned replies --------------------------------------------------------------------------

  const picker = document.getElementById("canned-picker");
  const search = document.getElementById("canned-search");
  const list = document.getElementById("canned-list");
  const none = document.getElementById("canned-none");
  let replies = [];
  let chosen = 0;
  let asked = 0;
  let searchTimer = null;

  function openPicker() {
    picker.hidden = false;
    search.value = "";
    search.focus();
    findReplies();
  }

  function closePicker() {
    picker.hidden = true;
    body.focus();
  }

  async function findReplies() {
    const mine = ++asked;
    let items = [];
    try {
      const response = await fetch("/api/v1/replies?" + new URLSearchParams({ q: search.value, ticket_id: page.ticket_id }),
        { credentials: "same-origin" });
      if (response.ok) items = (await response.json()).items || [];
    } catch (e) {
      items = [];
    }
    if (mine !== asked) return;  // a later search answered first
    replies = items;
    chosen = 0;
    showReplies();
  }

  function showReplies() {
    list.replaceChildren(...replies.map((item, index) => {
      const option = document.createElement("li");
      option.setAttribute("role", "option");
      option.setAttribute("aria-selected", index === chosen ? "true" : "false");
      option.dataset.index = String(index);
      const name = document.createElement("strong");
      name.textContent = item.title + (item.shortcut ? " /" + item.shortcut : "");
      const snippet = document.createElement("span");
      snippet.className = "snippet";
      snippet.textContent = item.rendered || item.body || "";
      option.append(name, snippet);
      return option;
    }));
    none.hidden = replies.length > 0;
    const current = list.children[chosen];
    if (current) current.scrollIntoView({ block: "nearest" });
  }

  function insert(item) {
    const text = item.rendered || item.body || "";
    body.setRangeText(text, body.selectionStart, body.selectionEnd, "end");
    closePicker();
    coachSoon();
  }

  search.addEventListener("input", () => {
    clearTimeout(searchTimer);
    searchTimer = setTimeout(findReplies, 150);
  });
  search.addEventListener("keydown", (event) => {
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      const step = event.key === "ArrowDown" ? 1 : -1;
      chosen = Math.min(Math.max(chosen + step, 0), Math.max(replies.length - 1, 0));
      showReplies();
    } else if (event.key === "Enter") {
      if (replies[chosen]) insert(replies[chosen]);
    } else if (event.key === "Escape") {
      closePicker();
    } else {
      return;
    }
    event.preventDefault();
    event.stopPropagation();
  });
  list.addEventListener("click", (event) => {
    const option = event.target.closest("li[data-index]");
    if (option) insert(replies[Number(option.dataset.index)]);
  });

  body.addEventListener("keydown", (event) => {
    if ((event.ctrlKey || event.metaKey) && event.key === "Enter") {
      event.preventDefault();
      sendReply();
    } else if (event.key === "/" && !event.ctrlKey && !event.metaKey &&
               body.selectionStart === 0 && body.selectionEnd === 0) {
      event.preventDefault();
      openPicker();
    }
  });

  document.addEventListener("keydown", (event) => {
    if ((event.ctrlKey || event.metaKey) && (event.key === "k" || event.key === "K")) {
      event.preventDefault();
      if (picker.hidden) openPicker();
    }
  });

  // -- wording tips while typing ---------------------------------------------------------------

  const preview = document.getElementById("coach-preview");
  const findingsList = document.getElementById("coach-findings");
  let coachTimer = null;
  let coached = 0;

  function closing() {
    const status = document.getElementById("field-status");
    return status !== null && (status.value === "solved" || status.value === "closed");
  }

  function coachSoon() {
    clearTimeout(coachTimer);
    coachTimer = setTimeout(coach, 400);
  }

  async function coach() {
    const mine = ++coached;
    const text = body.value;
    let findings = [];
    if (text.trim() && visibility() === "public") {
      try {
        const result = await ws.send("POST", "/api/v1/quality/coach",
          { text: text, first_reply: firstReply, closing: closing() });
        if (result.ok && result.data) findings = result.data.findings || [];
      } catch (e) {
        findings = [];
      }
    }
    if (mine !== coached || text !== body.value) return;  // the text moved on meanwhile
    showFindings(findings, text);
  }

  function showFindings(findings, text) {
    findingsList.replaceChildren(...findings.map((f) => {
      const item = document.createElement("li");
      item.dataset.code = f.code;
      item.textContent = (f.word ? "「" + f.word + "」" : "") + f.message +
        (f.suggestion ? " " + fill(texts["cv.coach.suggest"], { text: f.suggestion }) : "");
      return item;
    }));
    // Offsets count characters (code points), as the server counts them.
    const chars = Array.from(text);
    const spans = findings.filter((f) => Number.isInteger(f.start) && f.end > f.start)
      .sort((a, b) => a.start - b.start);
    const parts = [];
    let at = 0;
    spans.forEach((f) => {
      if (f.start < at) return;
      parts.push(document.createTextNode(chars.slice(at, f.start).join("")));
      const mark = document.createElement("mark");
      mark.textContent = chars.slice(f.start, f.end).join("");
      mark.title = f.message;
      parts.push(mark);
      at = f.end;
    });
    parts.push(document.createTextNode(chars.slice(at).join("")));
    preview.replaceChildren(...parts);
    preview.hidden = spans.length === 0;
  }

  body.addEventListener("input", coachSoon);

  // -- fields saved in place -------------------------------------------------------------------

  function valueOf(element) {
    if (element.dataset.kind === "id") return element.value === "" ? null : Number(element.value);
    if (element.dataset.kind === "list") return element.value.split(/[,,、\s]+/).filter(Boolean);
    return element.value;
  }

  function mark(name, text, ok) {
    const slot = fieldsBox.querySelector("[data-error-for='" + name + "']");
    if (slot === null) return;
    slot.textContent = text;
    slot.className = ok ? "field-saved" : "field-error";
  }

  async function refreshFields() {
    const response = await fetch("/workspace/tickets/" + page.ticket_id + "/fields", { credentials: "same-origin" });
    if (response.status === 403 || response.status === 404) return window.location.reload();
    if (response.ok) fieldsBox.innerHTML = await response.text();
  }

  async function saved(name, result) {
    await refreshFields();
    if (result.ok) {
      mark(name, texts["cv.field.saved"], true);
    } else {
      const error = result.data && result.data.error;
      mark(name, (error && error.fields && error.fields[name]) || ws.errorText(result), false);
    }
    coachSoon();
    refreshSla();
  }

  async function save(element) {
    const name = element.dataset.field;
    const result = await ws.send("PATCH", base, { [name]: valueOf(element) });
    await saved(name, result);
  }

  fieldsBox.addEventListener("change", (event) => {
    const element = event.target.closest("[data-field]");
    if (element) save(element);
  });
  fieldsBox.addEventListener("keydown", (event) => {
    if (event.key === "Enter" && event.target.dataset.kind === "list") {
      event.preventDefault();
      event.target.blur();  // commits the value: its change event saves it
    }
  });
  fieldsBox.addEventListener("click", async (event) => {
    if (event.target.id !== "transfer") return;
    const group = document.getElementById("field-group").value;
    const result = await ws.send("POST", base + "/transfer", { group_id: Number(group) });
    await saved("group_id", result);
  });

  // -- the after-sales panel (served by the after-sales pages; hidden when there is none) -----

  const aftersales = document.getElementById("aftersales-panel");
  if (window.htmx) {
    document.body.addEventListener("htmx:afterSwap", (event) => {
      if (event.detail.elt === aftersales) aftersales.hidden = !aftersales.innerHTML.trim();
    });
    ["htmx:responseError", "htmx:sendError"].forEach((name) =>
      document.body.addEventListener(name, (event) => {
        if (event.detail.elt === aftersales) aftersales.hidden = true;
      }));
  } else {
    fetch(aftersales.getAttribute("hx-get"), { credentials: "same-origin" }).then(async (response) => {
      if (!response.ok) return;
      aftersales.innerHTML = await response.text();
      aftersales.hidden = !aftersales.innerHTML.trim();
    }).catch(() => undefined);
  }

  // -- live ------------------------------------------------------------------------------------

  ws.listen((m) => {
    if (m.name === "resync") {
      loadNew(false);
      refreshFields();
    } else if (m.data && m.data.ticket_id === page.ticket_id) {
      if (m.name === "MessageAdded") loadNew(true);
      if (m.name === "TicketChanged" && !fieldsBox.contains(document.activeElement)) refreshFields();
      if (m.name === "TicketChanged") refreshSla();
    }
  });

  scrollDown();
  tick();
  setInterval(tick, 250);
  refreshSla();
})();
