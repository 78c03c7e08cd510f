// Språkprofiler: progress bar polling and "select all" for bulk actions (no inline script; CSP).
(function () {
  "use strict";

  function pollBuild(box) {
    var url = box.getAttribute("data-build-status-url");
    var bar = box.querySelector("[data-progress]");
    var phase = box.querySelector("[data-phase]");
    var percent = box.querySelector("[data-percent]");
    var delay = 1000;
    function tick() {
      fetch(url, { headers: { "Accept": "application/json" }, credentials: "same-origin" })
        .then(function (response) { return response.ok ? response.json() : null; })
        .then(function (data) {
          if (!data) { delay = Math.min(delay * 2, 10000); window.setTimeout(tick, delay); return; }
          if (bar) { bar.value = data.percent; bar.textContent = data.percent + " %"; }
          if (phase && data.phase) { phase.textContent = data.phase + " …"; }
          if (percent) { percent.textContent = data.percent + " %"; }
          if (data.active) { window.setTimeout(tick, delay); } else { window.location.reload(); }
        })
        .catch(function () { delay = Math.min(delay * 2, 10000); window.setTimeout(tick, delay); });
    }
    window.setTimeout(tick, delay);
  }

  function selectAll(toggle) {
    var name = toggle.getAttribute("data-select-all");
    toggle.addEventListener("change", function () {
      document.querySelectorAll('input[type=checkbox][name="' + name + '"]').forEach(function (box) {
        box.checked = toggle.checked;
      });
    });
  }

  function bulkTheme(select) {
    var theme = document.querySelector("[data-bulk-theme]");
    if (!theme) { return; }
    function sync() { theme.hidden = select.value !== "theme"; }
    select.addEventListener("change", sync);
    sync();
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("[data-build-status-url]").forEach(function (box) {
      if (box.getAttribute("data-active") === "true") { pollBuild(box); }
    });
    document.querySelectorAll("[data-select-all]").forEach(selectAll);
    document.querySelectorAll("[data-bulk-action]").forEach(bulkTheme);
  });
})();
