// Progressive enhancement only: without JavaScript every answer form posts and redirects.
// With it, a Save submits in the background and updates the version and progress in place;
// conflicts and invalid values fall back to the full server page that explains them: the form
// is posted again the plain way, so the page keeps what the person typed (nothing was saved).
(function () {
  "use strict";
  function onSubmit(event) {
    var form = event.target;
    if (!form.matches || !form.matches("form[data-autosave]") || !window.fetch) return;
    // "Accept suggestion" posts this form to its own address: a plain post, as it reads.
    if (event.submitter && event.submitter.hasAttribute("formaction")) return;
    event.preventDefault();
    if (form.dataset.saving) return;  // a double click saves once
    form.dataset.saving = "1";
    var status = form.querySelector(".save-status");
    var data = new FormData(form);
    fetch(form.action, {
      method: "POST", body: data, credentials: "same-origin",
      headers: { "Accept": "application/json" }
    }).then(function (response) {
      return response.json().then(function (body) { return { ok: response.ok, body: body }; });
    }).then(function (result) {
      if (!result.ok) { form.submit(); return; }
      var version = form.querySelector("input[name$='-version']");
      if (version) version.value = result.body.version;
      delete form.dataset.saving;
      if (leaving === form) leaving = null;
      if (status) status.textContent = result.body.saved_text || form.dataset.savedText || "✓";
      delete form.dataset.dirty;
      // Saved by a person: it is no longer an unconfirmed suggestion.
      var article = form.closest(".invariant");
      var note = article && article.querySelector(".suggestion-note");
      if (note) note.remove();
      var bar = document.getElementById("progress-bar");
      if (bar) { bar.value = result.body.answered; bar.max = result.body.total; }
      var count = document.querySelector(".progress-count");
      if (count) count.textContent = result.body.progress_text ||
        (result.body.answered + " / " + result.body.total);
      setText(".pending-count", result.body.pending_text);
      setText(".pending-help", result.body.pending_help_text);
      setText(".accept-all-button", result.body.accept_all_text);
      if (!result.body.pending_text) {  // no suggestion left to accept or reject in bulk
        var bulk = document.querySelectorAll(".bulk-suggestions");
        for (var i = 0; i < bulk.length; i++) bulk[i].hidden = true;
      }
    }).catch(function () { form.submit(); });
  }
  document.addEventListener("submit", onSubmit);
  function setText(selector, text) {
    var element = document.querySelector(selector);
    if (element) element.textContent = text || "";
  }

  // A double click on a plain form (create an assessment, upload, accept all) must not post it
  // twice: a second submit of the same form while the first is under way is ignored.
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (event.defaultPrevented || !form.matches || form.matches("form[data-autosave]")) return;
    if (form.dataset.submitting) { event.preventDefault(); return; }
    form.dataset.submitting = "1";
  });
  // Coming back with the browser's Back button shows the page again: let it be used.
  window.addEventListener("pageshow", function () {
    var busy = document.querySelectorAll("form[data-submitting]");
    for (var i = 0; i < busy.length; i++) delete busy[i].dataset.submitting;
  });

  // After an action the page opens at what it changed (#inv-E11): its message is shown there
  // too, not only at the top of the page, out of view.
  var flashes = document.querySelector(".flashes");
  var target = location.hash && document.getElementById(location.hash.slice(1));
  if (flashes && target && target.closest("main")) {
    if (target.matches(".invariant")) target.insertBefore(flashes, target.firstChild);
    else target.parentNode.insertBefore(flashes, target.nextSibling);
  }

  // A form sent back with errors: keyboard and screen-reader users start at the summary that
  // says what to correct, not at the top of the page.
  var summary = document.querySelector(".error-summary");
  if (summary) { summary.setAttribute("tabindex", "-1"); summary.focus(); }

  // Typed but not saved: leaving the page (a link, the language switch, another form such as
  // "Accept all") asks first, so nobody loses a justification by clicking elsewhere. Editing a
  // suggestion before accepting it says so on its accept button, which keeps the edits.
  var WATCHED = "form[data-autosave], form[data-warn-unsaved]";
  function onEdit(event) {
    var form = event.target.form;
    if (!form || !form.matches(WATCHED)) return;
    form.dataset.dirty = "1";
    var accept = form.id && document.querySelector(
      "button.accept-suggestion[form='" + form.id + "']");
    if (accept && accept.dataset.editedText) accept.textContent = accept.dataset.editedText;
  }
  document.addEventListener("input", onEdit);
  document.addEventListener("change", onEdit);
  // The form being sent carries its own edits with it: only the others' count.
  var leaving = null;
  document.addEventListener("submit", function (event) { leaving = event.target; }, true);
  window.addEventListener("beforeunload", function (event) {
    var dirty = document.querySelectorAll("form[data-dirty]");
    var others = Array.prototype.filter.call(dirty, function (f) { return f !== leaving; });
    if (!others.length) return;
    event.preventDefault();
    event.returnValue = "";  // browsers show their own wording
    // Runs only if the person chose to stay: the page is used again, so the forms whose
    // sending was stopped are released (else their buttons would do nothing).
    setTimeout(release, 0);
  });
  function release() {
    leaving = null;
    var busy = document.querySelectorAll("form[data-submitting], form[data-saving]");
    for (var i = 0; i < busy.length; i++) {
      delete busy[i].dataset.submitting;
      delete busy[i].dataset.saving;
    }
  }
})();
