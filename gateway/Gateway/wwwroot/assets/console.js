// The console's own script: small on purpose. htmx does the partial updates; this file adds the live streams
// (server-sent events), the one-click text replacement of the alert preview, confirmations and the simulator's input.
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

  document.addEventListener("DOMContentLoaded", function () { connectLive(document); });
  document.addEventListener("htmx:load", function (e) { connectLive(e.detail.elt); });
})();
