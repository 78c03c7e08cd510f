// Hurtigspor: small progressive enhancements (no inline script; CSP script-src 'self').
document.addEventListener("DOMContentLoaded", function () {
  document.querySelectorAll("[data-print]").forEach(function (button) {
    button.addEventListener("click", function () { window.print(); });
  });
  var errors = document.getElementById("import-errors");
  if (errors) { errors.focus(); }
});
