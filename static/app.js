// Progressive enhancement only: without JavaScript every answer form posts and redirects.
// With it, a Save submits in the background and updates the version and progress in place;
// conflicts and invalid values fall back to the full server page that explains them.
(function () {
  "use strict";
  function onSubmit(event) {
    var form = event.target;
    if (!form.matches || !form.matches("form[data-autosave]") || !window.fetch) return;
    event.preventDefault();
    var status = form.querySelector(".save-status");
    var data = new FormData(form);
    fetch(form.action, {
      method: "POST", body: data, credentials: "same-origin",
      headers: { "Accept": "application/json" }
    }).then(function (response) {
      return response.json().then(function (body) { return { ok: response.ok, body: body }; });
    }).then(function (result) {
      if (!result.ok) { window.location.href = result.body.url || form.action; return; }
      var version = form.querySelector("input[name$='-version']");
      if (version) version.value = result.body.version;
      if (status) status.textContent = form.dataset.savedText || "✓";
      var bar = document.getElementById("progress-bar");
      if (bar) { bar.value = result.body.answered; bar.max = result.body.total; }
      var count = document.querySelector(".progress-count");
      if (count) count.textContent = result.body.answered + " / " + result.body.total;
    }).catch(function () { form.submit(); });
  }
  document.addEventListener("submit", onSubmit);
})();
