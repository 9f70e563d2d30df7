// The supervisor's console: the live board (refetched when the stream says something moved,
// at most once a second), the action dialog (reassign, move, take over, whisper) and today's
// charts drawn with ECharts.
(function () {
  "use strict";
  const config = JSON.parse(document.getElementById("supervisor-config").textContent);
  const text = config.text;
  const board = document.getElementById("board");
  const lost = document.getElementById("live-lost");
  const result = document.getElementById("act-result");
  const dialog = document.getElementById("act-dialog");
  const status = document.getElementById("act-status");
  const BOARD_EVERY_MS = 1000;
  const CHARTS_EVERY_MS = 5000;
  const MOVES = /^(TicketOpened|TicketChanged|PresenceChanged|MessageAdded|Sla|Complaint|resync$)/;
  const CHART_MOVES = /^(TicketOpened|TicketChanged|MessageAdded|Sla|resync$)/;

  // -- throttled refreshes ------------------------------------------------------------------

  // Runs `work` at most once per `every` ms; calls in between are merged into one that runs
  // when the interval is over (and again after a run that was asked for while in flight).
  function throttle(work, every) {
    let last = 0;
    let timer = null;
    let running = false;
    let again = false;
    async function run() {
      timer = null;
      if (running) { again = true; return; }
      running = true;
      last = Date.now();
      try { await work(); } catch (e) { /* the next event or reconnect tries again */ }
      running = false;
      if (again) { again = false; schedule(); }
    }
    function schedule() {
      if (timer !== null) return;
      timer = setTimeout(run, Math.max(0, last + every - Date.now()));
    }
    return schedule;
  }

  async function loadBoard() {
    const response = await fetch("/supervisor/board", { credentials: "same-origin" });
    if (response.status === 401) return window.location.assign("/login?next=/supervisor");
    if (!response.ok) return;
    board.innerHTML = await response.text();
  }
  const refreshBoard = throttle(loadBoard, BOARD_EVERY_MS);

  // -- charts -------------------------------------------------------------------------------

  const charts = {};
  function chart(id) {
    if (!charts[id]) charts[id] = window.echarts.init(document.getElementById(id));
    return charts[id];
  }
  const channelName = (c) => config.channels[c] || c;
  const empty = (has) => has ? [] : [{
    type: "text", left: "center", top: "middle",
    style: { text: text["chart.empty"], fill: "#8c959f", fontSize: 14 },
  }];

  function drawVolume(data) {
    chart("chart-volume").setOption({
      tooltip: { trigger: "axis" },
      legend: { top: 0 },
      grid: { left: 40, right: 16, top: 40, bottom: 30 },
      graphic: empty(data.volume.length > 0),
      xAxis: { type: "category", data: config.hours },
      yAxis: { type: "value", name: text["chart.tickets"], minInterval: 1 },
      series: data.volume.map((v) => ({
        name: channelName(v.channel), type: "bar", stack: "volume", data: v.counts,
      })),
    }, true);
  }

  function drawFirstResponse(data) {
    const has = data.first_response.some((h) => h.count > 0);
    chart("chart-frt").setOption({
      tooltip: { trigger: "axis" },
      legend: { top: 0 },
      grid: { left: 50, right: 16, top: 40, bottom: 30 },
      graphic: empty(has),
      xAxis: { type: "category", data: config.hours },
      yAxis: { type: "value", name: text["chart.seconds"] },
      series: ["p50", "p90"].map((key) => ({
        name: key.toUpperCase(), type: "bar",
        data: data.first_response.map((h) => h[key] === null ? null : Math.round(h[key])),
      })),
    }, true);
  }

  function drawAttainment(data) {
    chart("chart-sla").setOption({
      tooltip: {
        trigger: "axis",
        formatter: (items) => {
          const row = data.attainment[items[0].dataIndex];
          return channelName(row.channel) + "<br>" + text["chart.ratio"] + ":" +
            (row.ratio === null ? "—" : (row.ratio * 100).toFixed(1) + "%") + "<br>" +
            text["chart.met"] + " " + row.met + " · " + text["chart.breached"] + " " + row.breached;
        },
      },
      grid: { left: 50, right: 16, top: 30, bottom: 30 },
      graphic: empty(data.attainment.length > 0),
      xAxis: { type: "category", data: data.attainment.map((a) => channelName(a.channel)) },
      yAxis: { type: "value", name: text["chart.ratio"], min: 0, max: 100,
               axisLabel: { formatter: "{value}%" } },
      series: [{
        name: text["chart.ratio"], type: "bar",
        label: { show: true, position: "top", formatter: (p) => p.value === null ? "" : p.value + "%" },
        data: data.attainment.map((a) => a.ratio === null ? null : +(a.ratio * 100).toFixed(1)),
      }],
    }, true);
  }

  async function loadCharts() {
    if (!window.echarts) return;
    const response = await fetch("/api/v1/supervision/charts", { credentials: "same-origin" });
    if (!response.ok) return;
    const data = await response.json();
    drawVolume(data);
    drawFirstResponse(data);
    drawAttainment(data);
    // How many times the charts were drawn: a page (or a test) can tell a redraw happened.
    document.body.dataset.chartsDrawn = String(Number(document.body.dataset.chartsDrawn || 0) + 1);
  }
  const refreshCharts = throttle(loadCharts, CHARTS_EVERY_MS);
  window.addEventListener("resize", () => Object.values(charts).forEach((c) => c.resize()));

  // -- the action dialog --------------------------------------------------------------------

  let current = null; // the ticket the dialog acts on: {id, number}

  function fill(select, items) {
    select.replaceChildren(...items.map((item) => new Option(item.label, item.id)));
  }

  function openDialog(button) {
    const options = JSON.parse(document.getElementById("board-options").textContent);
    current = { id: button.dataset.ticketId, number: button.dataset.number };
    document.getElementById("act-title").textContent =
      text["dialog"].replace("{number}", current.number);
    fill(document.getElementById("act-agent-id"), options.agents);
    fill(document.getElementById("act-group-id"), options.groups);
    document.getElementById("act-note").value = "";
    status.textContent = "";
    status.className = "";
    dialog.showModal();
  }

  function problem(body) {
    const error = (body && body.error) || {};
    const fields = Object.values(error.fields || {}).map((f) => f.message || f).join(";");
    return (error.message || "") + (fields ? "(" + fields + ")" : "");
  }

  async function act(path, payload, done) {
    status.textContent = "";
    const response = await fetch(path, {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-CSRF-Token": config.csrf },
      body: JSON.stringify(payload),
    });
    if (!response.ok) {
      let body = null;
      try { body = await response.json(); } catch (e) { /* not JSON */ }
      status.className = "error";
      status.textContent = text["failed"].replace("{message}", problem(body) || response.status);
      return;
    }
    dialog.close();
    result.textContent = current.number + " · " + text[done];
    refreshBoard();
  }

  const transfer = () => "/api/v1/tickets/" + current.id + "/transfer";
  document.getElementById("act-agent").addEventListener("submit", (event) => {
    event.preventDefault();
    const id = Number(document.getElementById("act-agent-id").value);
    act(transfer(), { assignee_id: id }, "done.assigned");
  });
  document.getElementById("act-group").addEventListener("submit", (event) => {
    event.preventDefault();
    const id = Number(document.getElementById("act-group-id").value);
    act(transfer(), { group_id: id }, "done.moved");
  });
  document.getElementById("act-take").addEventListener("submit", (event) => {
    event.preventDefault();
    act(transfer(), { assignee_id: config.me }, "done.taken");
  });
  document.getElementById("act-whisper").addEventListener("submit", (event) => {
    event.preventDefault();
    const body = document.getElementById("act-note").value.trim();
    if (!body) {
      status.className = "error";
      status.textContent = text["empty_note"];
      return;
    }
    act("/api/v1/tickets/" + current.id + "/messages", { body: body, public: false },
        "done.whispered");
  });
  board.addEventListener("click", (event) => {
    const button = event.target.closest("button.act");
    if (button) openDialog(button);
  });

  // -- the live link ------------------------------------------------------------------------

  let last = null;
  let delay = 1000;
  function open() {
    const scheme = window.location.protocol === "https:" ? "wss:" : "ws:";
    const url = scheme + "//" + window.location.host + "/api/v1/stream" +
      (last === null ? "" : "?after=" + last);
    const ws = new WebSocket(url);
    ws.onopen = () => {
      if (!lost.hidden) { refreshBoard(); refreshCharts(); } // we may have missed something
      lost.hidden = true;
      delay = 1000;
    };
    ws.onmessage = (e) => {
      const m = JSON.parse(e.data);
      if (typeof m.id === "number") last = m.id;
      if (m.name === "ready") document.body.dataset.live = "ready";
      if (MOVES.test(m.name)) refreshBoard();
      if (CHART_MOVES.test(m.name)) refreshCharts();
    };
    ws.onclose = (e) => {
      if (e.code === 4401) return window.location.assign("/login?next=/supervisor");
      lost.hidden = false;
      delete document.body.dataset.live;
      setTimeout(open, delay + Math.random() * delay);
      delay = Math.min(delay * 2, 30000);
    };
  }
  open();
  loadCharts();
})();
