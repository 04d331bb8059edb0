/* The live recording screen, enhanced: every form is sent with fetch, each submission
   with its own Idempotency-Key; submissions wait in localStorage while the connection is
   down ("waiting to send (n)") and go in order when it returns, so nothing is lost and
   nothing is recorded twice. A poll every second redraws what others recorded. Without
   this script every control is still a plain form. */
(function () {
  "use strict";

  var root = document.getElementById("record");
  if (!root || !window.fetch || !window.localStorage) { return; }

  var meetingId = root.dataset.meeting;
  var stateUrl = root.dataset.stateUrl;
  var version = Number(root.dataset.version);
  var status = root.dataset.status;
  var storeKey = "record-queue:" + meetingId;
  var csrfMeta = document.querySelector('meta[name="csrf-token"]');
  var sync = document.getElementById("sync");
  var sending = false;
  var retryTimer = null;

  function newKey() {
    var bytes = new Uint8Array(16);
    window.crypto.getRandomValues(bytes);
    return Array.prototype.map.call(bytes, function (b) {
      return ("0" + b.toString(16)).slice(-2);
    }).join("");
  }

  function load() {
    try { return JSON.parse(localStorage.getItem(storeKey) || "[]"); } catch (e) { return []; }
  }

  function save(queue) { localStorage.setItem(storeKey, JSON.stringify(queue)); }

  function showCount() {
    var n = load().length;
    if (n > 0) {
      sync.hidden = false;
      sync.textContent = "waiting to send (" + n + ")" + (!navigator.onLine ? ": offline" : blocked ? ": " + blocked : "");
      sync.className = "sync sync-waiting";
    } else if (!sync.hidden) {
      sync.textContent = "All entries sent.";
      sync.className = "sync sync-done";
    }
  }

  function formError(formId) { return document.getElementById(formId + "-error"); }

  /* Refusals shown beside their controls, kept there when the part is redrawn. */
  var refusals = {};

  function showRefusals() {
    Object.keys(refusals).forEach(function (formId) {
      var place = formError(formId);
      if (place && !place.textContent) { place.textContent = refusals[formId]; }
    });
  }

  function showRefusal(entry, errors) {
    var messages = [];
    Object.keys(errors).forEach(function (k) { messages = messages.concat(errors[k]); });
    var text = "Not recorded" + (entry.label ? " (" + entry.label + ")" : "") + ": " + messages.join(" ");
    refusals[entry.formId] = text;
    var place = formError(entry.formId);
    var form = place && place.closest("form");
    if (form) { restoreTyped(form, entry.body); }
    if (!place) {
      place = document.getElementById("sync");
      place.hidden = false;
    }
    place.textContent = text;
    var details = place.closest("details");
    if (details) { details.open = true; }
  }

  function restoreTyped(form, body) {
    new URLSearchParams(body).forEach(function (value, name) {
      var field = form.elements.namedItem(name);
      if (!field || field.type === "hidden") { return; }
      if (field instanceof RadioNodeList) { field.value = value; return; }
      if (field.type === "checkbox") { field.checked = true; } else if (!field.value) { field.value = value; }
    });
  }

  function schedule(delay) {
    if (retryTimer) { return; }
    retryTimer = window.setTimeout(function () { retryTimer = null; flush(); }, delay);
  }

  /* Why the queue cannot go now though the network is up (signed out, a stale page). */
  var blocked = "";

  function withCurrentToken(body) {
    var params = new URLSearchParams(body);
    if (csrfMeta) { params.set("csrf_token", csrfMeta.content); }
    return params.toString();
  }

  /* Send the queue in order; stop at a network error and try again later. An entry leaves
     the queue only when the server recorded it (or had recorded it: a replayed answer) or
     refused it by a rule; a sign-in page or a refused security code keeps it queued. */
  function flush() {
    if (sending) { return; }
    var queue = load();
    if (queue.length === 0) { blocked = ""; showCount(); return; }
    if (!navigator.onLine) { showCount(); schedule(2000); return; }
    sending = true;
    var entry = queue[0];
    fetch(entry.url, {
      method: "POST",
      credentials: "same-origin",
      redirect: "manual",
      headers: {
        "Content-Type": "application/x-www-form-urlencoded",
        "X-Requested-With": "record.js",
        "X-CSRFToken": csrfMeta ? csrfMeta.content : ""
      },
      body: withCurrentToken(entry.body)
    }).then(function (response) {
      if (response.type === "opaqueredirect" || response.status === 401) {
        blocked = "sign in again (in another tab), then come back to this one";
        throw new Error("blocked");
      }
      if (response.status === 403) {
        blocked = "you are no longer allowed to record this meeting";
        throw new Error("blocked");
      }
      if (response.status === 400) {
        blocked = "reload this page (the entries are kept)";
        throw new Error("blocked");
      }
      if (response.status >= 500 || response.status === 429) { throw new Error("later"); }
      return response.json().catch(function () { return null; }).then(function (answer) {
        if (!answer) { throw new Error("later"); }
        blocked = "";
        var rest = load().filter(function (e) { return e.key !== entry.key; });
        save(rest);
        if (!response.ok || !answer.recorded) {
          showRefusal(entry, answer.errors || { _form: ["The server refused this entry (" + response.status + ")."] });
        }
      });
    }).then(function () {
      sending = false;
      showCount();
      poll();
      flush();
    }, function () {
      sending = false;
      showCount();
      schedule(blocked ? 5000 : 2000);
    });
  }

  function enqueue(form, submitter) {
    var data = new FormData(form);
    if (submitter && submitter.name) { data.append(submitter.name, submitter.value); }
    data.set("idempotency_key", newKey());
    var formId = String(data.get("form_id") || "");
    var queue = load();
    var label = submitter ? (submitter.getAttribute("aria-label") || submitter.textContent) : "";
    queue.push({ url: form.action, body: new URLSearchParams(data).toString(), key: data.get("idempotency_key"), formId: formId, label: label });
    save(queue);
    var place = formError(formId);
    if (place) { place.textContent = ""; }
    delete refusals[formId];
    showCount();
  }

  function markWaiting(form, submitter) {
    var region = form.closest("[data-region]");
    var state = region && region.querySelector(".row-state");
    if (region) { delete region.dataset.drawn; }
    if (state) {
      var what = submitter ? submitter.textContent.split(":")[0] : "Entry";
      state.textContent = what + " (waiting to send)";
    }
  }

  function nextRowButton(form) {
    var row = form.closest(".roll-row");
    var next = row && row.nextElementSibling;
    while (!next && row) {
      var list = row.parentElement.nextElementSibling;
      while (list && !list.classList.contains("roll")) { list = list.nextElementSibling; }
      next = list && list.querySelector(".roll-row");
      row = null;
    }
    return next && next.querySelector("[data-first]");
  }

  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (form.hasAttribute("data-after-queue") && load().length > 0) {
      /* Closing with entries still waiting would have them refused: send them first. */
      event.preventDefault();
      var place = formError(String(new FormData(form).get("form_id")));
      if (place) { place.textContent = "Not yet: " + load().length + " entries are still waiting to send. Close the meeting once they are sent."; }
      flush();
      return;
    }
    if (!form.hasAttribute("data-record")) { return; }
    event.preventDefault();
    var submitter = event.submitter || null;
    enqueue(form, submitter);
    if (form.hasAttribute("data-roll")) {
      markWaiting(form, submitter);
      var next = nextRowButton(form);
      if (next) { next.focus(); }
    }
    if (form.hasAttribute("data-close")) {
      /* Done with: closed, so the next poll redraws the part with the entry as corrected. */
      var details = form.closest("details");
      if (details) { details.open = false; }
    }
    if (form.hasAttribute("data-clear")) {
      Array.prototype.forEach.call(form.querySelectorAll("textarea, input[type=text], input[type=date]"), function (f) { f.value = ""; });
      Array.prototype.forEach.call(form.querySelectorAll("input[type=checkbox]"), function (f) { f.checked = f.defaultChecked; });
    }
    flush();
  });

  /* One key per person: P present, A apologies, X absent, S the first substitute. */
  document.addEventListener("keydown", function (event) {
    if (event.altKey || event.ctrlKey || event.metaKey) { return; }
    var target = event.target;
    if (target.matches && target.matches("input, textarea, select")) { return; }
    var row = target.closest && target.closest(".roll-row");
    if (!row) { return; }
    var button = row.querySelector('[data-key="' + event.key.toLowerCase() + '"]');
    if (button) { event.preventDefault(); button.click(); }
  });

  /* Keep up with the room: redraw what changed, never what the clerk is typing in. */
  function busy(region) {
    var active = document.activeElement;
    if (active && region.contains(active) && active.matches("input, textarea, select, summary")) { return true; }
    return Boolean(region.querySelector("details[open]"));
  }

  function redraw(id, html) {
    var region = document.getElementById(id);
    if (!region) { return true; }
    if (id === "quorum") {
      if (region.textContent !== html) {
        region.textContent = html;
        region.className = "quorum " + (html.indexOf("Not quorate") === 0 ? "not-quorate" : "quorate");
      }
      return true;
    }
    if (region.dataset.drawn === html) { return true; }
    if (busy(region)) { return false; }
    var active = document.activeElement;
    var label = null;
    if (active && region.contains(active)) {
      label = active.getAttribute("aria-label") || active.textContent;
    }
    region.innerHTML = html;
    region.dataset.drawn = html;
    if (label !== null) {
      /* Focus stays on the same control if it is still there, else the row's first. */
      var same = Array.prototype.filter.call(region.querySelectorAll("button, a, summary"), function (el) {
        return (el.getAttribute("aria-label") || el.textContent) === label;
      })[0];
      var row = region.closest(".roll-row");
      var target = same || region.querySelector("[data-first]");
      if (target) { target.focus(); } else if (row) { row.setAttribute("tabindex", "-1"); row.focus(); }
    }
    return true;
  }

  var polling = false;
  function poll() {
    if (polling || !navigator.onLine) { return; }
    polling = true;
    fetch(stateUrl + "?since=" + version, { credentials: "same-origin", headers: { "X-Requested-With": "record.js" } })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (state) {
        polling = false;
        if (!state) { return; }
        if (state.status !== status) {
          if (load().length === 0) { window.location.reload(); }
          return;
        }
        if (!state.regions) { return; }
        var all = true;
        Object.keys(state.regions).forEach(function (id) { all = redraw(id, state.regions[id]) && all; });
        showRefusals();
        if (all && load().length === 0) { version = state.version; }
      }, function () { polling = false; });
  }

  window.addEventListener("online", function () { showCount(); flush(); poll(); });
  window.addEventListener("offline", showCount);
  window.setInterval(poll, 1000);
  showCount();
  flush();
  root.dataset.enhanced = "yes";
})();
