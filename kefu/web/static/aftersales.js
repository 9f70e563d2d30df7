// After-sales pages: the conversation's panel (preview the engine's decision, then open the
// case), the case page (moves, evidence, payouts and approvals) and the complaints list.
// Handlers are delegated from the document, so the panel works however it was inserted into
// the conversation page; every write is a call to the REST API with the session's CSRF token.
(function () {
  "use strict";
  if (window.kefuAftersales) return; // the panel's own <script> may load this a second time
  window.kefuAftersales = true;

  function scopeOf(el) {
    return el.closest("[data-csrf]") || document.querySelector("[data-csrf]");
  }

  function headers(el, json) {
    const scope = scopeOf(el);
    const h = { "X-CSRF-Token": scope.dataset.csrf, "Accept-Language": scope.dataset.locale };
    if (json) h["Content-Type"] = "application/json";
    return h;
  }

  function toLogin() {
    window.location.assign("/login?next=" + encodeURIComponent(window.location.pathname));
  }

  async function call(el, method, url, body) {
    const json = body !== undefined && !(body instanceof FormData);
    const response = await fetch(url, {
      method: method,
      credentials: "same-origin",
      headers: headers(el, json),
      body: json ? JSON.stringify(body) : body,
    });
    if (response.status === 401) { toLogin(); return null; }
    let data = null;
    try { data = await response.json(); } catch (e) { data = null; }
    return { ok: response.ok, status: response.status, data: data };
  }

  function problemText(result) {
    const error = result && result.data && result.data.error;
    if (!error) return "操作失败,请重试";
    const fields = Object.values(error.fields || {});
    return fields.length ? error.message + ":" + fields.join(";") : error.message;
  }

  function showProblem(el, text) {
    let box = el.querySelector(":scope > .as-form-error");
    if (!box) {
      box = document.createElement("p");
      box.className = "error as-form-error";
      box.setAttribute("role", "alert");
      el.appendChild(box);
    }
    box.textContent = text;
  }

  async function fetchHtml(url) {
    const response = await fetch(url, { credentials: "same-origin" });
    if (response.status === 401) { toLogin(); return null; }
    return response.text();
  }

  function query(form) {
    const params = new URLSearchParams();
    new FormData(form).forEach((value, key) => {
      if (typeof value === "string") params.append(key, value);
    });
    return params.toString();
  }

  // -- previews: the engine's decision shown before anything is written ------------------------

  async function preview(form) {
    const target = form.querySelector("[data-as-preview]");
    const url = (form.dataset.asPayout || form.getAttribute("action")) + "?" + query(form);
    const html = await fetchHtml(url);
    if (html !== null) target.innerHTML = html;
  }

  async function reloadPanel(panel, caseId) {
    const html = await fetchHtml(panel.dataset.asPanel);
    if (html === null) return;
    const holder = document.createElement("div");
    holder.innerHTML = html;
    const fresh = holder.querySelector("[data-as-panel]");
    if (!fresh) return;
    panel.replaceWith(fresh);
    const flash = fresh.querySelector("[data-as-flash]");
    const link = document.createElement("a");
    link.href = "/workspace/cases/" + caseId;
    link.textContent = "#" + caseId;
    flash.textContent = flash.dataset.text || "";
    flash.append(link);
    flash.hidden = false;
  }

  async function confirm(button) {
    const body = JSON.parse(button.dataset.body);
    button.disabled = true;
    const result = await call(button, "POST", button.dataset.asConfirm, body);
    button.disabled = false;
    if (result === null) return;
    const holder = button.closest("[data-as-preview]") || button.parentElement;
    if (!result.ok) { showProblem(holder, problemText(result)); return; }
    const panel = button.closest("[data-as-panel]");
    if (panel) { await reloadPanel(panel, result.data.id); return; }
    window.location.reload();
  }

  // -- the case page: moves along the state machine --------------------------------------------

  function moveBody(form) {
    const body = Object.assign({ to: form.dataset.to }, JSON.parse(form.dataset.fixed || "{}"));
    const data = new FormData(form);
    ["reason", "remedy", "return_carrier", "return_tracking", "replacement_tracking", "note"]
      .forEach((name) => { if (data.has(name)) body[name] = String(data.get(name)); });
    if (form.querySelector("[name=flaws]")) body.flaws = data.getAll("flaws").map(String);
    const why = data.get("close_why");
    if (why === "withdrawn") body.withdrawn = true;
    if (why === "rejected") body.rejected = true;
    return body;
  }

  async function submitted(form) {
    let result = null;
    if (form.dataset.asMove) result = await call(form, "POST", form.dataset.asMove, moveBody(form));
    else if (form.dataset.asEvidence) result = await call(form, "POST", form.dataset.asEvidence, new FormData(form));
    else if (form.dataset.asReject) result = await call(form, "POST", form.dataset.asReject, { note: new FormData(form).get("note") });
    else if (form.dataset.asBlacklist) result = await call(form, "POST", form.dataset.asBlacklist, { reason: new FormData(form).get("reason") });
    if (result === null) return;
    if (!result.ok) { showProblem(form, problemText(result)); return; }
    window.location.reload();
  }

  document.addEventListener("submit", (event) => {
    const form = event.target;
    if (!(form instanceof HTMLFormElement)) return;
    if (form.matches("[data-as-new-case], [data-as-payout]")) {
      event.preventDefault();
      preview(form);
    } else if (form.matches("[data-as-move], [data-as-evidence], [data-as-reject], [data-as-blacklist]")) {
      event.preventDefault();
      submitted(form);
    }
  });

  document.addEventListener("change", (event) => {
    const form = event.target.closest && event.target.closest("[data-as-new-case], [data-as-payout]");
    const shown = form && form.querySelector("[data-as-preview]");
    if (shown && shown.innerHTML.trim() !== "") preview(form); // keep the shown decision current
  });

  document.addEventListener("click", async (event) => {
    const button = event.target.closest && event.target.closest("button");
    if (!button) return;
    if (button.dataset.asConfirm) { event.preventDefault(); confirm(button); return; }
    if (button.dataset.asPost) {
      event.preventDefault();
      const result = await call(button, "POST", button.dataset.asPost, {});
      if (result === null) return;
      if (!result.ok) { showProblem(button.parentElement, problemText(result)); return; }
      window.location.reload();
    }
  });
})();
