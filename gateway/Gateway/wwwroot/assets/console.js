// The console's own script: small on purpose. htmx does the partial updates; this file adds the live streams
// (server-sent events), the one-click text replacement of the alert preview, confirmations and the simulator's input,
// dial buttons and transcript.
(function () {
  "use strict";

  // A [data-live] element is replaced by each event of its stream (server-rendered HTML).
  function connectLive(root) {
    root.querySelectorAll("[data-live]").forEach(function (el) {
      if (el.dataset.connected) return;
      el.dataset.connected = "1";
      var source = new EventSource(el.dataset.live);
      function show(e) {
        el.innerHTML = e.data;
        // An alert that ended will not move again: stop listening (the server ends the stream too).
        if (/data-status="(done|cancelled)"/.test(e.data)) {
          source.close();
          document.querySelectorAll("[data-hide-when-final]").forEach(function (x) { x.hidden = true; });
        }
      }
      source.addEventListener("results", show);
      source.addEventListener("progress", show);
    });
  }

  document.addEventListener("click", function (e) {
    var fill = e.target.closest("[data-fill]");
    if (fill) {
      var field = document.getElementById(fill.dataset.fill);
      if (field) {
        field.value = fill.dataset.value;
        field.dispatchEvent(new Event("input", { bubbles: true }));
        field.focus();
      }
    }
  });

  document.addEventListener("submit", function (e) {
    var asking = e.submitter && e.submitter.dataset.confirm;
    if (asking && !window.confirm(asking)) e.preventDefault();
  }, true);

  document.addEventListener("htmx:afterRequest", function (e) {
    var form = e.detail.elt.closest && e.detail.elt.closest("[data-reset-text]");
    if (!form || !e.detail.successful) return;
    var text = form.querySelector("#sim-text");
    if (text) { text.value = ""; text.focus(); }
    var thread = document.getElementById("thread");
    if (thread) thread.scrollTop = thread.scrollHeight;
  });

  // The simulator's dial buttons: what a phone sends when it dials a code (USSD, that code, an empty first request).
  document.addEventListener("click", function (e) {
    var dial = e.target.closest("[data-dial]");
    if (!dial) return;
    var form = document.getElementById("sim-form");
    form.querySelector("#sim-channel").value = "ussd";
    form.querySelector("#sim-to").value = dial.dataset.dial;
    form.querySelector("#sim-text").value = "";
    form.requestSubmit();
  });

  // The simulator's transcript survives a reload of the tab (sessionStorage): the conversation goes on in the session
  // store, shared by every replica, so whichever replica answers the reload, the thread shown is the one it continues.
  // Kept in the tab only: closing it or "new conversation" (another phone, an empty thread) forgets it.
  (function keepTranscript() {
    var form = document.querySelector("form[data-transcript]");
    var thread = document.getElementById("thread");
    if (!form || !thread) return;
    var key = form.dataset.transcript, fields = ["sim-phone", "sim-channel", "sim-to"];
    function save() {
      var saved = { thread: thread.innerHTML };
      fields.forEach(function (id) { saved[id] = document.getElementById(id).value; });
      try { sessionStorage.setItem(key, JSON.stringify(saved)); } catch (err) { /* storage off or full: the page works without */ }
    }
    var raw = null;
    try { raw = sessionStorage.getItem(key); } catch (err) { raw = null; }
    if (raw) {
      // Restored before htmx starts (this script runs at the end of the body): the side panel asks for the right phone.
      var saved = JSON.parse(raw);
      fields.forEach(function (id) { if (saved[id]) document.getElementById(id).value = saved[id]; });
      thread.innerHTML = saved.thread || "";
      thread.scrollTop = thread.scrollHeight;
    }
    form.addEventListener("change", save);
    document.body.addEventListener("htmx:afterSettle", function (e) { if (e.detail.target === thread) save(); });
    document.addEventListener("click", function (e) {
      if (!e.target.closest("[data-forget]")) return;
      try { sessionStorage.removeItem(key); } catch (err) { /* nothing kept */ }
      window.location.reload();
    });
  })();

  document.addEventListener("DOMContentLoaded", function () { connectLive(document); });
  document.addEventListener("htmx:load", function (e) { connectLive(e.detail.elt); });
})();
