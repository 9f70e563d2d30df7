/* kefu web chat widget (网页会话): one tag puts a chat on any page.

     <script src="https://kefu.example.cn/widget.js" data-shop="myshop" async></script>

   Optional attributes: data-shop-name (named in the greeting), data-welcome (the greeting
   itself), data-lang (zh-CN, zh-TW or en; the browser's language otherwise).

   Promises kept here, with the server's help (kefu/channels/webchat/live.py):
   - a message counts as sent only when the server acknowledges it, which it does after
     storing it; until then it stays in localStorage and is sent again, with the same
     client_id, after every reconnect or reload (the server stores it once);
   - the widget remembers the id of the last message it has, and reconnects (with backoff)
     asking for everything after it, so no reply is missed and none shown twice;
   - when the connection is down the visitor sees it.
   Also: the agent's typing shown, the visitor's typing and reading reported (read receipts
   both ways: 已读 on the visitor's messages once an agent's page has read them), pictures and
   files sent over HTTP (POST /chat/files, acknowledged like a message), an emoji picker.
   Plain JS, no dependencies; the DOM lives in a shadow root so the page's styles leave it alone.
*/
(function () {
  "use strict";

  var TEXTS = /*KEFU_TEXTS*/{};

  var script = document.currentScript || findScript();
  if (!script || window.__kefuChat) return;
  window.__kefuChat = true;

  var data = script.dataset || {};
  var origin = new URL(script.src, location.href).origin;
  var socketOrigin = origin.replace(/^http/, "ws");
  var shop = data.shop || "";
  var locale = pickLocale(data.lang || navigator.language || "zh-CN");
  var storeKey = "kefu-chat:" + origin + ":" + shop;

  var HEARTBEAT_MS = 25000; // we ping; the server beats every 20 s
  var SILENCE_MS = 50000; // nothing heard for this long: the link is dead, reconnect
  var MAX_BACKOFF_MS = 30000;
  var REFUSED_FOR_GOOD = ["webchat.empty_text", "webchat.too_long", "webchat.bad_client_id"];
  var TYPING_EVERY_MS = 3000; // the server passes one on per 3 s anyway
  var TYPING_SHOWN_MS = 6000; // an agent's "typing" fades unless renewed
  var TOKEN_HEADER = "X-Kefu-Chat-Token";
  var EMOJI = ["😀", "😁", "😂", "🤣", "😊", "😍", "😘", "😉", "😎", "🤔", "😅", "😭",
    "😡", "😱", "👍", "👎", "👏", "🙏", "💪", "🎉", "❤️", "💔", "🌹", "🎁"];

  var state = load();
  var socket = null;
  var connected = false;
  var attempt = 0;
  var retryTimer = null;
  var heardAt = 0;
  var unread = 0;
  var starting = false;
  var ui = null;
  var typingSentAt = 0;
  var typingTimer = null;
  var readSent = 0;
  var maxFileBytes = 0;

  function findScript() {
    var all = document.querySelectorAll("script[src*='widget.js']");
    return all.length ? all[all.length - 1] : null;
  }

  function pickLocale(tag) {
    tag = String(tag).toLowerCase();
    if (tag.indexOf("zh") === 0) return /tw|hk|mo|hant/.test(tag) ? "zh-TW" : "zh-CN";
    if (tag.indexOf("en") === 0) return "en";
    return "zh-CN";
  }

  function t(code, params) {
    var table = TEXTS[locale] || TEXTS["zh-CN"] || {};
    var text = table[code] || (TEXTS["zh-CN"] || {})[code] || code;
    return text.replace(/\{(\w+)\}/g, function (whole, key) {
      return params && key in params ? String(params[key]) : whole;
    });
  }

  // -- what survives a reload ------------------------------------------------------------------

  function load() {
    var saved = null;
    try {
      saved = JSON.parse(localStorage.getItem(storeKey) || "null");
    } catch (e) {
      saved = null;
    }
    saved = saved || {};
    return {
      token: saved.token || null,
      last: saved.last || 0,
      pending: saved.pending || [],
      open: !!saved.open,
      greeted: saved.greeted || null,
      readId: saved.readId || 0
    };
  }

  function save() {
    try {
      localStorage.setItem(storeKey, JSON.stringify(state));
    } catch (e) {
      /* private mode: the chat still works, it only forgets on reload */
    }
  }

  function newClientId() {
    if (window.crypto && crypto.randomUUID) return crypto.randomUUID();
    return Date.now().toString(36) + "-" + Math.random().toString(36).slice(2, 12);
  }

  // -- the DOM ---------------------------------------------------------------------------------

  var STYLE = /*KEFU_STYLE*/"";

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    for (var name in attrs || {}) {
      if (name === "hidden") node.hidden = !!attrs[name];
      else node.setAttribute(name, attrs[name]);
    }
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function field(form, name, type, label) {
    var id = "kefu-chat-" + name;
    form.appendChild(el("label", { for: id }, label));
    form.appendChild(el("input", { id: id, name: name, type: type, autocomplete: name === "phone" ? "tel" : name }));
    form.appendChild(el("div", { class: "error", "data-for": name, id: id + "-error" }));
  }

  function build() {
    var host = el("div", { id: "kefu-chat" });
    document.body.appendChild(host);
    var root = host.attachShadow({ mode: "open" });
    root.appendChild(el("style", {}, STYLE));

    var bubble = el("button", { class: "bubble", type: "button", "aria-expanded": "false" });
    bubble.appendChild(el("span", {}, t("open")));
    var badge = el("span", { class: "badge", hidden: true });
    bubble.appendChild(badge);

    var panel = el("section", { class: "panel", role: "dialog", "aria-label": t("title"), hidden: true });
    var header = el("header");
    header.appendChild(el("strong", {}, data.shopName ? data.shopName + " · " + t("title") : t("title")));
    var close = el("button", { type: "button", "aria-label": t("close") }, "×");
    header.appendChild(close);
    panel.appendChild(header);
    var banner = el("div", { class: "banner", role: "alert", hidden: true }, t("offline"));
    panel.appendChild(banner);
    var status = el("div", { class: "status", role: "status" });
    panel.appendChild(status);

    var prechat = el("form", { class: "prechat", hidden: true, novalidate: "" });
    prechat.appendChild(el("p", { class: "hint" }, t("prechat_hint")));
    field(prechat, "name", "text", t("field_name"));
    field(prechat, "phone", "tel", t("field_phone"));
    field(prechat, "email", "email", t("field_email"));
    prechat.appendChild(el("div", { class: "error", "data-for": "form" }));
    prechat.appendChild(el("button", { type: "submit" }, t("start")));
    panel.appendChild(prechat);

    var log = el("ol", { class: "log", "aria-live": "polite" });
    panel.appendChild(log);

    var typing = el("div", { class: "typing", "aria-live": "polite", hidden: true });
    panel.appendChild(typing);

    var emoji = el("div", { class: "emoji", role: "group", "aria-label": t("emoji"), hidden: true });
    EMOJI.forEach(function (face) {
      emoji.appendChild(el("button", { type: "button", class: "face" }, face));
    });
    panel.appendChild(emoji);

    var composer = el("form", { class: "composer", hidden: true });
    var tools = el("div", { class: "tools" });
    var emojiButton = el("button", { type: "button", class: "tool", "aria-label": t("emoji"), title: t("emoji") }, "😊");
    var attachButton = el("button", { type: "button", class: "tool", "aria-label": t("attach"), title: t("attach") }, "📎");
    var picker = el("input", { type: "file", hidden: true, "aria-label": t("attach") });
    tools.appendChild(emojiButton);
    tools.appendChild(attachButton);
    tools.appendChild(picker);
    composer.appendChild(tools);
    var input = el("textarea", { rows: "2", "aria-label": t("message_label"), placeholder: t("placeholder") });
    composer.appendChild(input);
    composer.appendChild(el("button", { type: "submit" }, t("send")));
    panel.appendChild(composer);

    root.appendChild(panel);
    root.appendChild(bubble);

    bubble.addEventListener("click", function () {
      if (panel.hidden) openPanel();
      else closePanel();
    });
    close.addEventListener("click", closePanel);
    prechat.addEventListener("submit", function (event) {
      event.preventDefault();
      var values = {};
      ["name", "phone", "email"].forEach(function (name) {
        values[name] = prechat.elements[name].value.trim();
      });
      begin(values);
    });
    composer.addEventListener("submit", function (event) {
      event.preventDefault();
      var text = input.value.trim();
      if (!text) return;
      input.value = "";
      say(text);
    });
    input.addEventListener("input", typed);
    emojiButton.addEventListener("click", function () {
      emoji.hidden = !emoji.hidden;
    });
    emoji.addEventListener("click", function (event) {
      var face = event.target.closest ? event.target.closest("button.face") : null;
      if (!face) return;
      insertAtCursor(input, face.textContent);
      emoji.hidden = true;
      input.focus();
    });
    attachButton.addEventListener("click", function () {
      picker.click();
    });
    picker.addEventListener("change", function () {
      var files = Array.prototype.slice.call(picker.files || []);
      picker.value = "";
      files.forEach(sendFile);
    });
    document.addEventListener("visibilitychange", reportRead);
    input.addEventListener("keydown", function (event) {
      if (event.key === "Enter" && !event.shiftKey && !event.isComposing) {
        event.preventDefault();
        composer.requestSubmit();
      }
    });
    return {
      bubble: bubble, badge: badge, panel: panel, banner: banner, status: status,
      prechat: prechat, log: log, composer: composer, input: input, typing: typing, emoji: emoji
    };
  }

  function openPanel() {
    ui.panel.hidden = false;
    ui.bubble.setAttribute("aria-expanded", "true");
    state.open = true;
    save();
    unread = 0;
    showUnread();
    showForms();
    scrollDown();
    reportRead();
  }

  function closePanel() {
    ui.panel.hidden = true;
    ui.bubble.setAttribute("aria-expanded", "false");
    state.open = false;
    save();
  }

  function showForms() {
    var chatting = !!state.token;
    ui.prechat.hidden = chatting;
    ui.composer.hidden = !chatting;
    if (!ui.panel.hidden) (chatting ? ui.input : ui.prechat.elements.name).focus();
  }

  function showUnread() {
    ui.badge.hidden = unread === 0;
    ui.badge.textContent = t("unread", { count: unread });
  }

  function scrollDown() {
    ui.log.scrollTop = ui.log.scrollHeight;
  }

  function welcome() {
    if (data.welcome) return data.welcome;
    return data.shopName ? t("welcome_shop", { shop: data.shopName }) : t("welcome");
  }

  function line(kind, who, text, files) {
    var item = el("li", { class: "msg " + kind });
    if (who) item.appendChild(el("span", { class: "who" }, who));
    fill(item, text, files);
    ui.log.appendChild(item);
    scrollDown();
    return item;
  }

  // A message's words and files. A picture is shown, any other file is a link to download.
  function fill(item, text, files) {
    var old = item.querySelectorAll(".text, .files");
    for (var i = 0; i < old.length; i++) old[i].remove();
    var before = item.querySelector(".state, .receipt");
    if (text || !(files && files.length)) item.insertBefore(el("div", { class: "text" }, text), before);
    if (!files || !files.length) return;
    var box = el("div", { class: "files" });
    files.forEach(function (file) {
      var url = origin + file.url;
      var link = el("a", { href: url, target: "_blank", rel: "noopener" });
      if (file.image) {
        var image = el("img", { src: url, alt: file.filename, loading: "lazy" });
        image.addEventListener("load", scrollDown);
        link.appendChild(image);
      } else {
        link.setAttribute("download", file.filename);
        link.className = "file";
        link.textContent = "📄 " + file.filename + " (" + humanSize(file.size) + ")";
      }
      box.appendChild(link);
    });
    item.insertBefore(box, before);
  }

  function humanSize(bytes) {
    if (bytes >= 1024 * 1024) return (bytes / 1024 / 1024).toFixed(1) + " MB";
    if (bytes >= 1024) return Math.round(bytes / 1024) + " KB";
    return bytes + " B";
  }

  function insertAtCursor(input, text) {
    var start = input.selectionStart || 0;
    var end = input.selectionEnd || 0;
    input.value = input.value.slice(0, start) + text + input.value.slice(end);
    input.selectionStart = input.selectionEnd = start + text.length;
  }

  function findItem(attribute, value) {
    var items = ui.log.querySelectorAll("li[" + attribute + "]");
    for (var i = 0; i < items.length; i++) {
      if (items[i].getAttribute(attribute) === String(value)) return items[i];
    }
    return null;
  }

  function mark(item, text, failed) {
    var badge = item.querySelector(".state");
    if (!text) {
      if (badge) badge.remove();
      item.classList.remove("failed");
      return;
    }
    if (!badge) {
      badge = el("span", { class: "state" });
      item.appendChild(badge);
    }
    badge.textContent = text;
    item.classList.toggle("failed", !!failed);
  }

  // -- messages --------------------------------------------------------------------------------

  function show(message) {
    if (findItem("data-id", message.id)) return;
    var mine = message.client_id ? findItem("data-client-id", message.client_id) : null;
    if (mine) {
      if (message.files && message.files.length) fill(mine, message.text, message.files);
      delivered(mine, message.client_id, message.id);
      return;
    }
    var who = message.author === "customer" ? t("me") : message.author === "agent" ? message.name : t("system");
    var item = line(message.author, who, message.text, message.files);
    item.setAttribute("data-id", String(message.id));
    place(item, message.id);
    if (message.client_id) item.setAttribute("data-client-id", message.client_id);
    if (message.author === "customer") showReceipt(item);
    else {
      hideTyping();
      if (ui.panel.hidden) {
        unread += 1;
        showUnread();
      }
    }
  }

  // Stored messages in id order, the ones still being sent after them.
  function place(item, id) {
    var items = ui.log.querySelectorAll("li[data-id], li[data-client-id]");
    for (var i = 0; i < items.length; i++) {
      var other = items[i];
      if (other === item) continue;
      var otherId = other.getAttribute("data-id");
      if (otherId === null || Number(otherId) > id) {
        ui.log.insertBefore(item, other);
        return;
      }
    }
    ui.log.appendChild(item);
  }

  function delivered(item, clientId, messageId) {
    item.setAttribute("data-id", String(messageId));
    place(item, messageId);
    mark(item, null);
    showReceipt(item);
    state.pending = state.pending.filter(function (p) {
      return p.client_id !== clientId;
    });
  }

  function showPending(entry) {
    if (findItem("data-client-id", entry.client_id)) return;
    var item = line("customer", t("me"), entry.text);
    item.setAttribute("data-client-id", entry.client_id);
    mark(item, t("sending"));
  }

  function say(text) {
    // A sent message ends this burst of typing: the next keystroke is news again (and the
    // typing before a chat's first message reached no agent: the conversation did not exist).
    typingSentAt = 0;
    var entry = { client_id: newClientId(), text: text };
    state.pending.push(entry);
    save();
    showPending(entry);
    transmit(entry);
  }

  function transmit(entry) {
    if (connected && socket) socket.send(JSON.stringify({ type: "message", client_id: entry.client_id, text: entry.text }));
  }

  function advance(id) {
    if (id > state.last) state.last = id;
  }

  // -- pictures and files ------------------------------------------------------------------------

  function sendFile(file) {
    var clientId = newClientId();
    var item = line("customer", t("me"), file.name);
    item.setAttribute("data-client-id", clientId);
    if (maxFileBytes && file.size > maxFileBytes) {
      mark(item, t("file_too_big", { limit: humanSize(maxFileBytes) }), true);
      return;
    }
    mark(item, t("uploading"));
    var form = new FormData();
    form.append("client_id", clientId);
    form.append("file", file, file.name);
    var headers = {};
    headers[TOKEN_HEADER] = state.token;
    fetch(origin + "/chat/files?lang=" + encodeURIComponent(locale), { method: "POST", headers: headers, body: form })
      .then(function (response) {
        return response.json().then(function (json) {
          return { ok: response.ok, json: json };
        });
      })
      .then(function (result) {
        if (!result.ok) {
          var problem = (result.json && result.json.error) || {};
          var fields = problem.fields || {};
          mark(item, fields.file || fields.text || problem.message || t("failed"), true);
          return;
        }
        var ack = result.json;
        if (ack.message) fill(item, ack.message.text, ack.message.files);
        delivered(item, clientId, ack.message_id);
        advance(ack.message_id);
        save();
      })
      .catch(function () {
        mark(item, t("failed"), true);
      });
  }

  // -- typing and reading ----------------------------------------------------------------------

  function typed() {
    if (!connected || !socket || !ui.input.value) return;
    var now = Date.now();
    if (now - typingSentAt < TYPING_EVERY_MS) return;
    typingSentAt = now;
    socket.send(JSON.stringify({ type: "typing" }));
  }

  function showTyping(frame) {
    ui.typing.textContent = frame.name ? t("typing", { agent: frame.name }) : t("typing_someone");
    ui.typing.hidden = false;
    if (typingTimer) clearTimeout(typingTimer);
    typingTimer = setTimeout(hideTyping, TYPING_SHOWN_MS);
  }

  function hideTyping() {
    if (typingTimer) clearTimeout(typingTimer);
    typingTimer = null;
    ui.typing.hidden = true;
  }

  // The visitor has seen everything up to the last message, if the chat is open on a page
  // they are looking at.
  function reportRead() {
    if (!connected || !socket || ui.panel.hidden || document.visibilityState === "hidden") return;
    if (state.last <= readSent) return;
    readSent = state.last;
    socket.send(JSON.stringify({ type: "read", last_id: state.last }));
  }

  function agentsRead(lastId) {
    if (!lastId || lastId <= state.readId) return;
    state.readId = lastId;
    save();
    var mine = ui.log.querySelectorAll("li.customer[data-id]");
    for (var i = 0; i < mine.length; i++) showReceipt(mine[i]);
  }

  function showReceipt(item) {
    var id = Number(item.getAttribute("data-id"));
    if (!id || id > state.readId || item.querySelector(".receipt")) return;
    item.appendChild(el("span", { class: "receipt" }, t("read")));
  }

  // -- the visitor's status --------------------------------------------------------------------

  function showStatus(status) {
    if (!status) return;
    var text = "";
    if (status.state === "served") {
      text = t("served", { agent: status.agent });
      if (state.greeted !== status.agent) {
        state.greeted = status.agent;
        save();
        greet(status.agent);
      }
    } else if (status.state === "waiting") {
      if (status.position === null) text = t("queue_unknown");
      else if (!status.agents_online || status.wait_minutes === null) text = t("no_agent");
      else if (status.position <= 1) text = t("queue_next");
      else text = t("queue", { ahead: status.position - 1, minutes: status.wait_minutes });
    }
    ui.status.textContent = text;
  }

  // The handbook's self-introduction (seed 001), before the agent's first words if they came
  // before the news that the agent took the chat.
  function greet(agent) {
    var item = line("agent", agent, t("agent_greeting", { agent: agent }));
    var said = ui.log.querySelectorAll("li.agent[data-id]");
    for (var i = 0; i < said.length; i++) {
      var who = said[i].querySelector(".who");
      if (who && who.textContent === agent) {
        ui.log.insertBefore(item, said[i]);
        return;
      }
    }
  }

  // -- starting or resuming the chat -----------------------------------------------------------

  function begin(values) {
    if (starting) return;
    starting = true;
    var body = { token: state.token || undefined, shop: shop || undefined, page: location.href.slice(0, 500) };
    for (var name in values || {}) if (values[name]) body[name] = values[name];
    fetch(origin + "/chat/sessions?lang=" + encodeURIComponent(locale), {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(body)
    })
      .then(function (response) {
        return response.json().then(function (json) {
          return { ok: response.ok, json: json };
        });
      })
      .then(function (result) {
        starting = false;
        if (!result.ok) return refusedStart(result.json);
        started(result.json);
      })
      .catch(function () {
        starting = false;
        ui.banner.hidden = false;
        retryLater(function () {
          begin(values);
        });
      });
  }

  function refusedStart(json) {
    var problem = (json && json.error) || {};
    var fields = problem.fields || {};
    var boxes = ui.prechat.querySelectorAll(".error");
    for (var i = 0; i < boxes.length; i++) {
      var name = boxes[i].getAttribute("data-for");
      boxes[i].textContent = fields[name] || (name === "form" && !Object.keys(fields).length ? problem.message || "" : "");
    }
    if (state.token) {
      // A resumed chat is never refused for its fields; start afresh rather than stay stuck.
      state.token = null;
      save();
      showForms();
    }
  }

  function started(json) {
    if (!json.resumed) {
      state.last = 0;
      state.greeted = null;
      clearLog();
    }
    state.token = json.token;
    maxFileBytes = json.max_file_bytes || 0;
    if (!json.resumed) state.readId = 0;
    agentsRead(json.read_id);
    json.messages.forEach(show);
    state.pending.forEach(showPending);
    advance(json.last_id);
    save();
    showStatus(json.status);
    showForms();
    ui.banner.hidden = true;
    connect();
  }

  function clearLog() {
    while (ui.log.children.length > 1) ui.log.removeChild(ui.log.lastChild);
  }

  // -- the socket ------------------------------------------------------------------------------

  function connect() {
    if (socket || !state.token) return;
    var url = socketOrigin + "/chat/ws?token=" + encodeURIComponent(state.token) +
      "&after=" + state.last + "&lang=" + encodeURIComponent(locale);
    var ws = new WebSocket(url);
    socket = ws;
    heardAt = Date.now();
    ws.onmessage = function (event) {
      heardAt = Date.now();
      var frame;
      try {
        frame = JSON.parse(event.data);
      } catch (e) {
        return;
      }
      receive(frame);
    };
    ws.onclose = function (event) {
      if (socket !== ws) return;
      socket = null;
      connected = false;
      ui.banner.hidden = false;
      if (event.code === 4401) {
        // The chat is unknown here (expired, or another server's): start a new one, keeping
        // the unsent messages, which the new chat will carry.
        state.token = null;
        save();
        retryLater(function () {
          begin({});
        });
        return;
      }
      retryLater(connect);
    };
  }

  function retryLater(action) {
    if (retryTimer) clearTimeout(retryTimer);
    var delay = Math.min(MAX_BACKOFF_MS, 1000 * Math.pow(2, attempt));
    attempt += 1;
    retryTimer = setTimeout(function () {
      retryTimer = null;
      action();
    }, delay * (0.5 + Math.random() / 2));
  }

  function receive(frame) {
    if (frame.type === "message") {
      show(frame);
      advance(frame.id);
      save();
      reportRead();
    } else if (frame.type === "ack") {
      var item = findItem("data-client-id", frame.client_id);
      if (item) delivered(item, frame.client_id, frame.message_id);
      advance(frame.message_id);
      save();
    } else if (frame.type === "ready") {
      connected = true;
      attempt = 0;
      ui.banner.hidden = true;
      showStatus(frame.status);
      agentsRead(frame.read_id);
      state.pending.forEach(transmit);
      readSent = 0; // a new connection: say again how far we have read
      reportRead();
    } else if (frame.type === "status") {
      showStatus(frame);
    } else if (frame.type === "typing") {
      showTyping(frame);
    } else if (frame.type === "read") {
      agentsRead(frame.last_id);
    } else if (frame.type === "error") {
      refused(frame);
    }
  }

  function refused(frame) {
    var item = frame.client_id ? findItem("data-client-id", frame.client_id) : null;
    if (!item) {
      ui.status.textContent = frame.message || "";
      return;
    }
    if (REFUSED_FOR_GOOD.indexOf(frame.code) >= 0) {
      state.pending = state.pending.filter(function (p) {
        return p.client_id !== frame.client_id;
      });
      save();
      mark(item, frame.message, true);
    } else {
      mark(item, t("failed"), true); // kept: sent again after the next reconnect
    }
  }

  function watch() {
    if (!socket) return;
    if (Date.now() - heardAt > SILENCE_MS) {
      // A dead link may take minutes to report its close: drop it and dial again now.
      var dead = socket;
      socket = null;
      connected = false;
      ui.banner.hidden = false;
      dead.close();
      retryLater(connect);
      return;
    }
    if (connected) socket.send(JSON.stringify({ type: "ping" }));
  }

  function init() {
    ui = build();
    line("agent welcome", null, welcome());
    if (state.token) begin({});
    if (state.open) openPanel();
    setInterval(watch, HEARTBEAT_MS);
    window.addEventListener("online", function () {
      if (!socket && state.token) {
        attempt = 0;
        connect();
      }
    });
  }

  if (document.body) init();
  else document.addEventListener("DOMContentLoaded", init);
})();
