// Progressive enhancement only: without JavaScript every answer form posts and redirects.
// With it, a Save (or an "Accept suggestion", which posts the same form) submits in the
// background and updates the version and progress in place. Nothing typed is ever lost to a
// refused save: conflicts and invalid values fall back to the full server page that explains
// them (the form is posted again the plain way, so that page holds what the person typed);
// any other refusal or failure (signed out, page expired, assessment deleted, server error,
// no connection...) is said beside the button, the text stays, and the button saves again.
(function () {
  "use strict";
  var WATCHED = "form[data-autosave], form[data-warn-unsaved]";

  // A submit that leaves the page: every form but a background save, which "Accept
  // suggestion" is too (it posts its answer form, with any edits, to its own address), and
  // "Keep my answer" in an answer's block (its own small form, data-keep naming the answer's).
  function navigates(event) {
    var form = event.target;
    var submitter = event.submitter;
    return !form.matches("form[data-autosave], form[data-keep]") || !window.fetch ||
      Boolean(submitter && submitter.hasAttribute("formaction") &&
              !submitter.matches(".accept-suggestion"));
  }

  function othersDirty(form) {
    var dirty = document.querySelectorAll("form[data-dirty]");
    return Array.prototype.filter.call(dirty, function (f) { return f !== form; });
  }

  // Typed but not saved elsewhere on the page: a form that leaves the page asks first, itself,
  // so that staying cancels the submit cleanly (its buttons keep working); links and the
  // browser's own navigation ask through "beforeunload" below.
  var asked = false;
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form.matches || !navigates(event)) return;
    // A form whose effect a person should weigh first (accepting every suggestion at once).
    if (form.dataset.confirm && !window.confirm(form.dataset.confirm)) {
      event.preventDefault();
      return;
    }
    if (othersDirty(form).length &&
        !window.confirm(document.body.dataset.unsavedText || "")) {
      event.preventDefault();
      return;
    }
    asked = true;
  }, true);
  window.addEventListener("beforeunload", function (event) {
    if (asked || !othersDirty(null).length) return;
    event.preventDefault();
    event.returnValue = "";  // browsers show their own wording
  });
  window.addEventListener("pageshow", function () {
    asked = false;
    // Coming back with the browser's Back button shows the page again: let it be used.
    var busy = document.querySelectorAll("form[data-submitting]");
    for (var i = 0; i < busy.length; i++) delete busy[i].dataset.submitting;
  });

  // Editing marks the form unsaved (each edit counted, so a save that was under way while the
  // person kept typing does not mark the later typing saved), and an edited suggestion says
  // on its accept button that the edits go with it.
  function onEdit(event) {
    var form = event.target.form;
    if (!form || !form.matches(WATCHED)) return;
    form.dataset.dirty = "1";
    form.dataset.edits = String(Number(form.dataset.edits || 0) + 1);
    var accept = form.id && document.querySelector(
      "button.accept-suggestion[form='" + form.id + "']");
    if (accept && accept.dataset.editedText) accept.textContent = accept.dataset.editedText;
    // "Not found word for word in the current document" was said of the saved quotation:
    // an edited one has not been checked yet.
    if (/-quotation$/.test(event.target.name || "")) showNote(form, "quotation", "");
  }
  document.addEventListener("input", onEdit);
  document.addEventListener("change", onEdit);

  // A server that does not answer at all (hung, or a connection that died unnoticed) must
  // not leave the form waiting forever: its button would never save again.
  var SAVE_TIMEOUT_MS = 30000;

  function onSubmit(event) {
    var form = event.target;
    if (event.defaultPrevented || !form.matches || navigates(event)) return;
    event.preventDefault();
    if (form.dataset.saving) return;  // a double click saves once
    form.dataset.saving = "1";
    var edits = form.dataset.edits;
    var submitter = event.submitter;
    var action = submitter && submitter.hasAttribute("formaction") ?
      submitter.formAction : form.action;
    var controller = window.AbortController ? new AbortController() : null;
    var timer = controller &&
      window.setTimeout(function () { controller.abort(); }, SAVE_TIMEOUT_MS);
    var headers = { "Accept": "application/json" };
    // "Keep my answer" updates the answer form it belongs to, not its own.
    var answerForm = form.dataset.keep ? document.getElementById(form.dataset.keep) : form;
    // On an answer's own page, its history table is sent back too, to replace the shown one.
    if (answerForm && answerForm.dataset.history) headers["X-With-History"] = "1";
    fetch(action, {
      method: "POST", body: new FormData(form), credentials: "same-origin",
      headers: headers,
      signal: controller ? controller.signal : undefined
    }).then(function (response) {
      // A body that is not JSON (a proxy's error page, a server that failed before the
      // app could answer) is a failure whatever its status.
      return response.json().then(function (body) {
        return { ok: response.ok, body: body || {} };
      }, function () { return { ok: false, body: {} }; });
    }).then(function (result) {
      window.clearTimeout(timer);
      var body = result.body;
      if (result.ok && body.version !== undefined) {
        if (answerForm && answerForm !== form) kept(form, answerForm, body);
        else saved(form, body, edits);
      } else if (body.status === "conflict" || body.status === "invalid") {
        plainPost(form, body.message);
      } else {
        refusedWithReason(form, body.error && body.message ? body :
          { message: failureText(form, "failed") });
      }
    }, function () {  // no answer: offline, the server down, or too slow
      window.clearTimeout(timer);
      refusedWithReason(form, { message: failureText(form, "offline") });
    });
  }
  document.addEventListener("submit", onSubmit);

  // The page after a save reads as it would reloaded: the server sends the values as saved
  // and what the answer's block says of them (saved_json, from the functions that render the
  // page), which are only put in their places here.
  function saved(form, body, edits) {
    var status = form.querySelector(".save-status");
    var version = form.querySelector("input[name$='-version']");
    var state = body.state || {};
    var fields = body.fields || {};
    if (version) version.value = body.version;
    delete form.dataset.saving;
    if (status) {
      status.classList.remove("refused");
      status.textContent = state.status_text || form.dataset.savedText || "✓";
    }
    if (form.dataset.edits === edits) {
      delete form.dataset.dirty;
      // Trimmed, a suggestion's rationale in the page's language, and the page and section of
      // a quotation taken out cleared with it (answers.without_stale_location).
      if ("answer" in fields) setAnswer(form, fields.answer);
      ["justification", "quotation", "page", "section"].forEach(function (name) {
        setField(form, name, fields[name]);
      });
    }
    // Each note is about the saved value: shown while its field shows that value (typed
    // over during the save, the field is not the saved one any more).
    showNote(form, "justification", state.justification_note, fields.justification);
    showNote(form, "quotation", state.quotation_note, fields.quotation);
    var link = form.querySelector("a.document-link");
    if (link) {
      if (state.document_url) link.href = state.document_url;
      link.hidden = !state.document_url;
    }
    showHistory(form, body);
    clearErrors(form);
    // Saved by a person, it is no longer an unconfirmed suggestion (saved unchanged from a
    // version the page did not show, a double click's second request, it may still be one).
    var article = form.closest(".invariant");
    var note = !state.suggestion && article && article.querySelector(".suggestion-note");
    if (note) {
      // Accepted from the keyboard: its button goes with the note, and focus would fall back
      // to the top of the page. It moves on to the next suggestion to review (or, with none
      // left, this answer's Save button), so that going through them stays Tab, Enter.
      var hadFocus = note.contains(document.activeElement);
      note.remove();
      if (hadFocus) focusNextSuggestion(form);
    }
    // A revised draft's "to check" note is settled by a save that changed the answer
    // (draft_changes.answers_to_review: an answer saved after the upload); an unchanged save
    // writes nothing, so the note stays, as a reload shows it.
    var review = body.status === "saved" && article && article.querySelector(".review-note");
    if (review) review.remove();
    var bar = document.getElementById("progress-bar");
    if (bar) { bar.value = body.answered; bar.max = body.total; }
    setText(".progress-count", body.progress_text || (body.answered + " / " + body.total));
    setText(".pending-count", body.pending_text);
    setText(".pending-help", body.pending_help_text);
    showRemaining(body.remaining);
    setText(".accept-all-button", body.accept_all_text);
    var acceptAll = document.querySelector(".accept-all-button");
    var bulkForm = acceptAll && acceptAll.form;
    if (bulkForm && body.accept_all_question) bulkForm.dataset.confirm = body.accept_all_question;
    if (!body.pending_text) {  // no suggestion left to accept or reject in bulk
      var bulk = document.querySelectorAll(".bulk-suggestions");
      for (var i = 0; i < bulk.length; i++) bulk[i].hidden = true;
    }
    if (form.dataset.advance) {
      delete form.dataset.advance;
      focusNextAnswer(form);
    }
  }

  // On an answer's own page, the history table the server sent back with the new version.
  function showHistory(form, body) {
    var historyBox = form.dataset.history && document.getElementById(form.dataset.history);
    if (!historyBox || !body.history_html) return;
    var holder = document.createElement("div");
    holder.innerHTML = body.history_html;
    var fresh = holder.querySelector("#" + form.dataset.history);
    if (fresh) {
      historyBox.parentNode.replaceChild(fresh, historyBox);
      localTimes(fresh);
    }
  }

  // "Keep my answer" done: the answer's values are as they were (and what the person may
  // have typed in its form stays, still to save), but its version is the kept one, which
  // the next save must name; the revised draft's note goes, as a reload shows it, and what
  // was done is said beside the answer's Save button.
  function kept(keepForm, form, body) {
    delete keepForm.dataset.saving;
    var version = form.querySelector("input[name$='-version']");
    if (version) version.value = body.version;
    var status = form.querySelector(".save-status");
    if (status) {
      status.classList.remove("refused");
      status.textContent = body.message || (body.state || {}).status_text || "";
    }
    showHistory(form, body);
    var note = keepForm.closest(".review-note");
    var hadFocus = keepForm.contains(document.activeElement);
    if (note) note.remove(); else keepForm.remove();
    // Its button gone, focus would fall back to the top of the page: on to the answer.
    var save = hadFocus && form.querySelector(".form-actions button[type=submit]");
    if (save) save.focus();
  }

  // Saved: what the page that sent the form back said against it (fields to correct, a
  // conflict with another tab's save) is settled. That page is an answer's own, whose
  // error summary and conflict are this answer's.
  function clearErrors(form) {
    var marks = form.querySelectorAll(".has-error");
    for (var i = 0; i < marks.length; i++) marks[i].classList.remove("has-error");
    var errors = form.querySelectorAll("p.error");
    for (var j = 0; j < errors.length; j++) {
      var field = form.querySelector("[aria-describedby~='" + errors[j].id + "']");
      if (field) {
        field.removeAttribute("aria-invalid");
        var rest = field.getAttribute("aria-describedby").split(" ").filter(
          function (id) { return id && id !== errors[j].id; });
        if (rest.length) field.setAttribute("aria-describedby", rest.join(" "));
        else field.removeAttribute("aria-describedby");
      }
      errors[j].remove();
    }
    var invalid = form.querySelectorAll("[aria-invalid]");
    for (var k = 0; k < invalid.length; k++) invalid[k].removeAttribute("aria-invalid");
    if (form.dataset.history) {
      var settled = document.querySelectorAll("main .error-summary, main .conflict");
      for (var m = 0; m < settled.length; m++) settled[m].remove();
    }
  }

  function setField(form, name, value) {
    var field = form.querySelector("[name$='-" + name + "']");
    if (field && typeof value === "string" && field.value !== value) field.value = value;
  }

  function setAnswer(form, value) {
    var radios = form.querySelectorAll("input[type=radio][name$='-answer']");
    for (var i = 0; i < radios.length; i++) radios[i].checked = radios[i].value === value;
  }

  // The note under a field (its paragraph is always there, hidden while empty), said with the
  // field by screen readers only while it is shown.
  function showNote(form, name, text, savedValue) {
    var field = form.querySelector("[name$='-" + name + "']");
    var note = field && document.getElementById(field.id + "-note");
    if (!note) return;
    var shown = Boolean(text) && (savedValue === undefined || field.value === savedValue);
    note.textContent = shown ? text : "";
    note.hidden = !shown;
    var described = (field.getAttribute("aria-describedby") || "").split(" ").filter(
      function (id) { return id && id !== note.id; });
    if (shown) described.push(note.id);
    if (described.length) field.setAttribute("aria-describedby", described.join(" "));
    else field.removeAttribute("aria-describedby");
  }

  // Keyboard: Ctrl+Enter (Cmd+Enter on a Mac) in an answer saves it and moves on to the next
  // invariant's answer, rather than through its ten or so Tab stops (guidance, suggestion
  // buttons, fields, Save, links). The move waits for the save: a refused one stays put.
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Enter" || !(event.ctrlKey || event.metaKey)) return;
    var form = event.target.form;
    if (!form || !form.matches("form.answer-form") || !window.fetch) return;
    event.preventDefault();
    var save = form.querySelector(".form-actions button[type=submit]");
    form.dataset.advance = "1";
    if (form.requestSubmit) form.requestSubmit(save); else save.click();
  });

  function focusNextAnswer(form) {
    var forms = document.querySelectorAll("form.answer-form");
    var index = Array.prototype.indexOf.call(forms, form);
    var next = forms[index + 1];
    // After the last invariant, on to the scores and results.
    var target = next ? (next.querySelector("input[type=radio]:checked") ||
                         next.querySelector("input[type=radio]"))
                      : document.querySelector(".progress-box a.results-link");
    if (!target) return;
    target.focus({ preventScroll: true });
    (target.closest(".invariant, .progress-box") || target).scrollIntoView({ block: "start" });
  }

  function focusNextSuggestion(form) {
    var accepts = document.querySelectorAll(".suggestion-note button.accept-suggestion");
    var next = null;
    for (var i = 0; i < accepts.length && !next; i++) {
      if (form.compareDocumentPosition(accepts[i]) & Node.DOCUMENT_POSITION_FOLLOWING) {
        next = accepts[i];
      }
    }
    next = next || accepts[0] || form.querySelector("button[type=submit]");
    if (!next) return;
    next.focus({ preventScroll: true });
    var card = next.closest(".invariant") || next;
    card.scrollIntoView({ block: "start" });
  }

  // What a request that got no usable answer says ("offline": none at all; "failed": not
  // the app's): "Not saved: …", or for "Keep my answer" "Not kept: …", which has no typed
  // text to keep. The server words its own refusals the same way (app.keep_refusal).
  function failureText(form, kind) {
    var texts = document.body.dataset;
    if (form.dataset.keep) return kind === "offline" ? texts.keepOfflineText : texts.keepFailedText;
    return kind === "offline" ? texts.offlineText : texts.failedText;
  }

  // Where a form's outcome is said: beside its Save button; for "Keep my answer", beside
  // that of the answer it keeps.
  function statusOf(form) {
    var owner = form.dataset.keep ? document.getElementById(form.dataset.keep) : form;
    return owner && owner.querySelector(".save-status");
  }

  // Refused for a reason the page can state (signed out in another tab, an expired page, the
  // assessment deleted, a server error, no connection): posting the form would lead to the
  // login or an error page and lose the text, so the page keeps it (still marked unsaved),
  // says why, and the same button saves again once the reason is dealt with.
  function refusedWithReason(form, body) {
    delete form.dataset.saving;
    delete form.dataset.advance;
    var status = statusOf(form);
    if (!status) return;
    status.classList.add("refused");
    status.textContent = body.message || "";
    if (!body.login_url) return;
    var link = document.createElement("a");
    link.href = body.login_url;
    link.target = "_blank";
    link.rel = "noopener";
    link.textContent = document.body.dataset.signInText || body.login_url;
    status.appendChild(document.createTextNode(" "));
    status.appendChild(link);
  }

  // A conflict or invalid values: the form is posted again the plain way, to the page that
  // shows them with the person's values; with other answers unsaved, the person is told why
  // and asked first, and may stay.
  function plainPost(form, reason) {
    delete form.dataset.saving;
    delete form.dataset.advance;
    var unsaved = document.body.dataset.unsavedText || "";
    if (othersDirty(form).length &&
        !window.confirm(reason ? reason + "\n\n" + unsaved : unsaved)) {
      var status = statusOf(form);
      if (status) {
        status.classList.add("refused");
        status.textContent = (reason ? reason + " " : "") + (form.dataset.refusedText || "");
      }
      return;
    }
    asked = true;
    form.submit();
  }

  // The progress box's links to the few invariants still to answer or confirm.
  function showRemaining(remaining) {
    var box = document.querySelector(".progress-box .remaining");
    if (!box || !remaining) return;
    var links = box.querySelector(".remaining-links");
    links.textContent = "";
    remaining.forEach(function (id, i) {
      if (i) links.appendChild(document.createTextNode(", "));
      var link = document.createElement("a");
      link.href = "#inv-" + id;
      link.textContent = id;
      links.appendChild(link);
    });
    box.hidden = !remaining.length || remaining.length > Number(box.dataset.listed || 0);
  }

  function setText(selector, text) {
    var element = document.querySelector(selector);
    if (element) element.textContent = text || "";
  }

  // A double click on a form that leaves the page (create an assessment, upload, accept all)
  // must not post it twice: a second submit of the same form while the first is under way is
  // ignored.
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (event.defaultPrevented || !form.matches || !navigates(event)) return;
    if (form.dataset.submitting) { event.preventDefault(); return; }
    form.dataset.submitting = "1";
  });

  var keyboardHelp = document.querySelector(".keyboard-help");
  if (keyboardHelp && window.fetch) keyboardHelp.hidden = false;

  // After an action the page opens at what it changed (#inv-E11): its message is shown there
  // too, not only at the top of the page, out of view.
  var flashes = document.querySelector(".flashes");
  var target = location.hash && document.getElementById(location.hash.slice(1));
  if (flashes && target && target.closest("main")) {
    if (target.matches(".invariant")) target.insertBefore(flashes, target.firstChild);
    else target.parentNode.insertBefore(flashes, target.nextSibling);
  }

  // Moments are stored and sent in UTC: shown in the reader's own time (the UTC one stays as
  // the tooltip).
  // (A history table a background save brought is shown so too.)
  function two(n) { return (n < 10 ? "0" : "") + n; }
  function localTimes(root) {
    var times = root.querySelectorAll("time[data-local]");
    for (var t = 0; t < times.length; t++) {
      var moment = new Date(times[t].getAttribute("datetime"));
      if (isNaN(moment.getTime())) continue;
      var text = moment.getFullYear() + "-" + two(moment.getMonth() + 1) + "-" +
        two(moment.getDate()) + " " + two(moment.getHours()) + ":" + two(moment.getMinutes());
      if (times[t].hasAttribute("data-seconds")) text += ":" + two(moment.getSeconds());
      times[t].title = times[t].textContent;
      times[t].textContent = text;
    }
  }
  localTimes(document);

  // "Copy" buttons (the structured review to paste): shown only here, since they need
  // JavaScript; without it the text is selected by hand. The result is said in the status
  // beside the button (a live region). When the clipboard refuses, the text is left selected
  // in its box, ready for Ctrl+C.
  var copyButtons = document.querySelectorAll("button[data-copy]");
  for (var c = 0; c < copyButtons.length; c++) {
    copyButtons[c].hidden = false;
    copyButtons[c].addEventListener("click", function (event) {
      var button = event.currentTarget;
      var box = document.getElementById(button.getAttribute("data-copy"));
      var status = button.parentNode.querySelector(".copy-status");
      if (!box) return;
      function say(key) {  // emptied first, so that a second copy is announced again
        if (!status) return;
        status.textContent = "";
        window.setTimeout(function () { status.textContent = button.getAttribute(key) || ""; }, 50);
      }
      function bySelection() {
        box.focus();
        box.select();
        var done = false;
        try { done = document.execCommand("copy"); } catch (e) { done = false; }
        if (done) button.focus();
        say(done ? "data-copied-text" : "data-failed-text");
      }
      if (navigator.clipboard && navigator.clipboard.writeText) {
        navigator.clipboard.writeText(box.value).then(function () {
          say("data-copied-text");
        }, bySelection);
      } else {
        bySelection();
      }
    });
  }

  // A file field shows the browser's own button and "no file chosen", in the browser's
  // language, not the page's. Here each gets a button and the chosen file's name in the page's
  // language; the field itself stays in its form, visually hidden and out of the Tab order, so
  // the file is sent as before (a file dropped on the button or the name is taken too).
  // Without JavaScript the browser's control shows, and works, as it is.
  function enhanceFileInput(input) {
    var texts = document.body.dataset;
    var picker = document.createElement("span");
    picker.className = "file-picker";
    var button = document.createElement("button");
    button.type = "button";
    button.className = "file-button";
    button.textContent = texts.chooseFileText;
    var name = document.createElement("span");
    name.className = "file-name";
    name.id = input.id + "-file-name";
    name.setAttribute("aria-live", "polite");
    // Said after the button's own name: the field's label, its help and errors, the file.
    var label = input.id && document.querySelector("label[for='" + input.id + "']");
    if (label && !label.id) label.id = input.id + "-label";
    button.setAttribute("aria-describedby", [label && label.id,
      input.getAttribute("aria-describedby"), name.id].filter(Boolean).join(" "));
    function show() {
      var names = Array.prototype.map.call(input.files || [], function (f) { return f.name; });
      name.textContent = names.length ? names.join(", ")
        : (input.getAttribute("data-no-file-text") || texts.noFileText);
    }
    button.addEventListener("click", function () { input.click(); });
    input.addEventListener("change", show);
    window.addEventListener("pageshow", show);  // back to a page whose file is still chosen
    picker.addEventListener("dragover", function (event) { event.preventDefault(); });
    picker.addEventListener("drop", function (event) {
      event.preventDefault();
      if (!event.dataTransfer || !event.dataTransfer.files.length) return;
      input.files = event.dataTransfer.files;
      input.dispatchEvent(new Event("change", { bubbles: true }));
    });
    input.parentNode.insertBefore(picker, input);
    picker.appendChild(input);
    picker.appendChild(button);
    picker.appendChild(name);
    input.classList.add("visually-hidden");
    input.tabIndex = -1;
    input.setAttribute("aria-hidden", "true");
    show();
  }
  var fileInputs = document.querySelectorAll("input[type=file]");
  for (var f = 0; f < fileInputs.length; f++) enhanceFileInput(fileInputs[f]);

  // A form sent back with errors, an answer changed elsewhere meanwhile, or the details just
  // read from a document: keyboard and screen-reader users start at what says what to correct
  // or check, not at the top of the page (a dozen Tab stops above the form).
  var summary = document.querySelector(".error-summary") || document.querySelector(".conflict") ||
    document.getElementById("details-read");
  if (summary) { summary.setAttribute("tabindex", "-1"); summary.focus(); }
})();
