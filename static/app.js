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
    edited(form, event.target);
    copyLater(form);
  }

  // What an edit of ``field`` does to its form, whether typed or put back from the browser's
  // copy after a crash (which is marked unsaved the same way).
  function edited(form, field) {
    form.dataset.dirty = "1";
    form.dataset.edits = String(Number(form.dataset.edits || 0) + 1);
    var accept = acceptButton(form);
    if (accept && accept.dataset.editedText) accept.textContent = accept.dataset.editedText;
    // "Not found word for word in the current document" was said of the saved quotation:
    // an edited one has not been checked yet.
    if (/-quotation$/.test(field.name || "")) showNote(form, "quotation", "");
  }

  function acceptButton(form) {
    return form.id && document.querySelector("button.accept-suggestion[form='" + form.id + "']");
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
    savedCopy(form, fields, form.dataset.edits === edits);
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
    if (form.dataset.dirty) copyNow(form);  // what is typed there now rests on that version
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
    forgetCopy(copyKey(form));  // carried to the page that shows the values (as a plain post)
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

  // A safety copy of what is typed and not saved yet, in this browser (localStorage), so that
  // a crash of the browser or the computer, or a tab the system closes, loses nothing: while
  // a person types in a watched form, the fields they changed are copied (a moment after the
  // last keystroke, and at once when the page is hidden); the copy goes when the form is
  // saved, when its text is discarded, and when the person signs out (a shared computer keeps
  // no one's comments). Opened again, the page puts the copy back into its form, marked
  // unsaved as an edit is, and says so beside it; unless what is saved changed since (another
  // version), in which case nothing is overwritten and the text is shown to copy.
  // Copies are filed under the signed-in person's scope (body data-copy-scope: none when
  // signed out, and then nothing is copied) and the form's own address (that of an answer
  // names its assessment and invariant), and they note the version they were typed on.
  // Without localStorage (a private window may refuse it) the page works as before.
  var COPY_PREFIX = "npis-checker:typed:";
  var SIGNED_OUT = "npis-checker:signed-out:";  // + scope: see the sign-out below
  var COPY_DELAY_MS = 500;
  var COPY_MAX_CHARS = 200000;  // a copy larger than this is not kept (localStorage is small)
  var COPY_MAX_COUNT = 100;  // the oldest go first
  var COPY_DAYS = 7;  // older copies are removed (restored or not)
  // Never copied: what is not writing (versions, tokens, the page to go back to) and secrets.
  var NOT_COPIED = /csrf|password|token|version|^next$|^lang$/i;
  var copyScope = document.body.dataset.copyScope || "";
  var copyStore = (function () {
    if (!copyScope) return null;
    try {
      var storage = window.localStorage;
      storage.setItem(COPY_PREFIX + "probe", "1");
      storage.removeItem(COPY_PREFIX + "probe");
      return storage;
    } catch (e) {
      return null;
    }
  })();
  var copyTimers = {};
  var signingOut = false;
  // Each watched form's values as saved (as shown when the page opened, then as each save
  // left them): what a copy holds is what differs from them, and "Discard" puts them back.
  var savedValues = window.WeakMap ? new WeakMap() : null;

  function copyKey(form) {
    if (!copyStore || !savedValues || !form.matches(WATCHED)) return null;
    var url = new URL(form.getAttribute("action") || location.href, location.href);
    return COPY_PREFIX + copyScope + ":" + url.pathname + url.search + "#" + (form.id || "");
  }

  function copiedField(element) {
    return element.name && !element.disabled && !NOT_COPIED.test(element.name) &&
      !/^(hidden|password|file|submit|button|reset|image)$/.test(element.type) &&
      element.tagName !== "BUTTON" && element.tagName !== "FIELDSET" &&
      element.tagName !== "OUTPUT";
  }

  // name → value of the form's writing and choices (a radio group: the chosen value; check
  // boxes and multiple selects: the list of chosen values).
  function typedValues(form) {
    var values = {};
    Array.prototype.forEach.call(form.elements, function (element) {
      if (!copiedField(element)) return;
      var name = element.name;
      if (element.type === "radio") {
        if (!(name in values)) values[name] = "";
        if (element.checked) values[name] = element.value;
      } else if (element.type === "checkbox") {
        values[name] = values[name] || [];
        if (element.checked) values[name].push(element.value);
      } else if (element.type === "select-multiple") {
        values[name] = Array.prototype.filter.call(element.options, function (option) {
          return option.selected;
        }).map(function (option) { return option.value; });
      } else {
        values[name] = element.value;
      }
    });
    return values;
  }

  // Puts ``values`` (name → value, as typedValues gives them) into the form's fields; returns
  // the fields changed.
  function putValues(form, values) {
    var changed = [];
    Array.prototype.forEach.call(form.elements, function (element) {
      if (!copiedField(element) || !(element.name in values)) return;
      var value = values[element.name];
      if (element.type === "radio" || element.type === "checkbox") {
        var checked = Array.isArray(value) ? value.indexOf(element.value) >= 0
          : element.value === value;
        if (element.checked !== checked) { element.checked = checked; changed.push(element); }
      } else if (element.type === "select-multiple") {
        var before = JSON.stringify(typedValues(form)[element.name]);
        Array.prototype.forEach.call(element.options, function (option) {
          option.selected = Array.isArray(value) && value.indexOf(option.value) >= 0;
        });
        if (JSON.stringify(value) !== before) changed.push(element);
      } else if (typeof value === "string" && element.value !== value) {
        element.value = value;
        changed.push(element);
      }
    });
    return changed;
  }

  function same(a, b) { return JSON.stringify(a) === JSON.stringify(b); }

  function versionOf(form) {
    var version = form.querySelector("input[type=hidden][name$='version']");
    return version ? version.value : null;
  }

  function readCopy(key) {
    try {
      var copy = JSON.parse(copyStore.getItem(key) || "null");
      return copy && copy.fields && typeof copy.at === "number" ? copy : null;
    } catch (e) {
      return null;
    }
  }

  function forgetCopy(key) {
    if (!key) return;
    window.clearTimeout(copyTimers[key]);
    delete copyTimers[key];
    try { copyStore.removeItem(key); } catch (e) { /* nothing kept, nothing to remove */ }
  }

  // Removes the copies older than COPY_DAYS, unreadable ones and, with ``room`` > 0, that
  // many of the oldest besides; and keeps no more than COPY_MAX_COUNT.
  function pruneCopies(room) {
    var copies = [];
    var oldest = Date.now() - COPY_DAYS * 24 * 3600 * 1000;
    try {
      for (var i = 0; i < copyStore.length; i++) {
        var key = copyStore.key(i);
        if (key && key.indexOf(COPY_PREFIX) === 0) copies.push(key);
      }
    } catch (e) {
      return;
    }
    var kept = [];
    copies.forEach(function (key) {
      var copy = readCopy(key);
      if (!copy || copy.at < oldest) forgetCopy(key);
      else kept.push({ key: key, at: copy.at });
    });
    kept.sort(function (a, b) { return a.at - b.at; });
    var extra = Math.max(kept.length - COPY_MAX_COUNT, 0) + (room || 0);
    kept.slice(0, extra).forEach(function (copy) { forgetCopy(copy.key); });
  }

  // Copies the form's edited fields now (or forgets its copy when none differs any more).
  function copyNow(form) {
    var key = copyKey(form);
    if (!key || signingOut) return;
    window.clearTimeout(copyTimers[key]);
    delete copyTimers[key];
    var base = savedValues.get(form) || {};
    var now = typedValues(form);
    var fields = {};
    var was = {};
    var any = false;
    Object.keys(now).forEach(function (name) {
      if (same(now[name], base[name])) return;
      fields[name] = now[name];
      was[name] = base[name] === undefined ? null : base[name];
      any = true;
    });
    if (!any) { forgetCopy(key); return; }
    var copy = JSON.stringify({ at: Date.now(), version: versionOf(form), base: was,
                                fields: fields });
    // Too large to keep: no copy rather than an older, shorter one put back later.
    if (copy.length > COPY_MAX_CHARS) { forgetCopy(key); return; }
    for (var attempt = 0; attempt < 2; attempt++) {
      try {
        copyStore.setItem(key, copy);
        return;
      } catch (e) {  // full: the oldest copies make room, once
        if (attempt === 0) pruneCopies(5);
      }
    }
  }

  function copyLater(form) {
    var key = copyKey(form);
    if (!key || signingOut) return;
    window.clearTimeout(copyTimers[key]);
    copyTimers[key] = window.setTimeout(function () { copyNow(form); }, COPY_DELAY_MS);
  }

  // The page hidden (another tab, the browser minimised, the computer sleeping, the tab
  // closing): what waits to be copied is copied at once.
  function copyPending() {
    if (!copyStore) return;
    Array.prototype.forEach.call(document.querySelectorAll(WATCHED), function (form) {
      var key = copyKey(form);
      if (key && copyTimers[key]) copyNow(form);
    });
  }
  window.addEventListener("pagehide", copyPending);
  document.addEventListener("visibilitychange", function () {
    if (document.visibilityState === "hidden") copyPending();
  });

  // Saved in the background (app.js's saved()): with nothing typed since, the copy goes; with
  // typing that went on during the save, the copy stays, now of what differs from the values
  // just saved, on their version. A note of restored text goes (it is saved); one of text
  // shown to copy stays until discarded (the person may not have copied it all yet).
  function savedCopy(form, fields, settled) {
    if (!savedValues) return;
    var note = form.querySelector(".typed-copy-note.restored");
    if (note) note.remove();
    var values = typedValues(form);
    if (!settled) {
      Object.keys(values).forEach(function (name) {
        var field = name.slice(name.lastIndexOf("-") + 1);
        if (field in fields) values[name] = fields[field] == null ? "" : String(fields[field]);
      });
    }
    savedValues.set(form, values);
    if (settled) forgetCopy(copyKey(form)); else copyNow(form);
  }

  // A form that posts the plain way carries its values to the server: its copy goes (a page
  // that sends them back to correct shows them, and copies them all once edited, see
  // sentBack; one that refuses them shows them to copy, error.html).
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (event.defaultPrevented || !form.matches || !form.matches(WATCHED) ||
        !navigates(event)) return;
    forgetCopy(copyKey(form));
  });

  // Signing out: this person's copies are removed from the browser (a shared computer must
  // not keep a clinician's comments), and nothing is copied again while the page goes.
  // A sign-out the person cancelled (staying for the text not saved) removes nothing.
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (event.defaultPrevented || !form.matches || !form.matches("form[data-sign-out]") ||
        !copyStore) return;
    signingOut = true;
    // The person's other tabs stop copying too (see below), told first by a mark they see
    // set (removed once the copies are, so that nothing stays).
    var told = false;
    try {
      copyStore.setItem(SIGNED_OUT + copyScope, String(Date.now()));
      told = true;
    } catch (e) { /* full: the copies go all the same */ }
    var prefix = COPY_PREFIX + copyScope + ":";
    var mine = [];
    try {
      for (var i = 0; i < copyStore.length; i++) {
        var key = copyStore.key(i);
        if (key && key.indexOf(prefix) === 0) mine.push(key);
      }
    } catch (e) { /* nothing readable */ }
    mine.forEach(forgetCopy);
    if (told) forgetCopy(SIGNED_OUT + copyScope);
  });

  // What other tabs of the same person did to the copies (each tab is told of the others'
  // changes, not of its own).
  window.addEventListener("storage", function (event) {
    if (!copyStore || !event.key || signingOut) return;
    // Signed out there: what is typed here is no longer copied (the text stays on the page,
    // and a background save says it needs signing in again).
    if (event.key === SIGNED_OUT + copyScope) {
      if (!event.newValue) return;
      signingOut = true;
      Object.keys(copyTimers).forEach(function (key) { window.clearTimeout(copyTimers[key]); });
      return;
    }
    // A copy removed there (the same answer saved or discarded in that tab): what is still
    // typed and unsaved here keeps its own.
    if (event.newValue !== null) return;
    Array.prototype.forEach.call(document.querySelectorAll(WATCHED), function (form) {
      if (form.dataset.dirty && copyKey(form) === event.key) copyNow(form);
    });
  });

  // "6 Dec" and "17:42" (« 6 déc. », « 17:42 ») of a copy's moment, in the page's language.
  function copyMoment(at) {
    var moment = new Date(at);
    var date;
    try {
      date = moment.toLocaleDateString(document.documentElement.lang === "fr" ? "fr-FR" : "en-GB",
                                       { day: "numeric", month: "short" });
    } catch (e) {
      date = moment.getFullYear() + "-" + two(moment.getMonth() + 1) + "-" + two(moment.getDate());
    }
    return { date: date, time: two(moment.getHours()) + ":" + two(moment.getMinutes()) };
  }

  function copyNote(form, copy, kind, text) {
    var moment = copyMoment(copy.at);
    var note = document.createElement("div");
    note.className = "typed-copy-note " + kind;
    note.setAttribute("role", "status");
    var said = document.createElement("p");
    said.textContent = (text || "").replace("{date}", moment.date).replace("{time}", moment.time);
    note.appendChild(said);
    form.insertBefore(note, form.firstChild);
    return note;
  }

  function discardButton(note, onDiscard) {
    var button = document.createElement("button");
    button.type = "button";
    button.textContent = document.body.dataset.discardTypedText || "";
    button.addEventListener("click", onDiscard);
    note.appendChild(button);
  }

  // What a field is called on the page: its label, or its group's legend.
  function fieldName(form, name) {
    var element = Array.prototype.filter.call(form.elements, function (e) {
      return e.name === name;
    })[0];
    if (!element) return name;
    var group = (element.type === "radio" || element.type === "checkbox") &&
      element.closest("fieldset");
    var label = group ? group.querySelector("legend")
      : element.labels && element.labels[0];
    return label ? label.textContent.trim() : name;
  }

  // A choice as the page words it (the label of the chosen radio button or box, the text of
  // the chosen option).
  function choiceText(form, name, value) {
    var values = Array.isArray(value) ? value : [value];
    var chosen = [];
    Array.prototype.forEach.call(form.elements, function (e) {
      if (e.name !== name) return;
      if (e.options) {
        Array.prototype.forEach.call(e.options, function (option) {
          if (values.indexOf(option.value) >= 0) chosen.push(option.textContent.trim());
        });
      } else if (values.indexOf(e.value) >= 0) {
        chosen.push(e.labels && e.labels[0] ? e.labels[0].textContent.trim() : e.value);
      }
    });
    return chosen.join(", ");
  }

  // Put back into the form: marked unsaved as an edit would, its note offering to discard.
  function restoreCopy(form, key, copy) {
    var accept = acceptButton(form);
    var acceptText = accept && accept.textContent;
    var quotation = form.querySelector("[name$='-quotation']");
    var quotationNote = quotation && document.getElementById(quotation.id + "-note");
    var quotationSaid = quotationNote && !quotationNote.hidden ? quotationNote.textContent : "";
    var changed = putValues(form, copy.fields);
    changed.forEach(function (field) { edited(form, field); });
    var note = copyNote(form, copy, "restored", document.body.dataset.restoredText);
    discardButton(note, function () {
      putValues(form, savedValues.get(form) || {});
      delete form.dataset.dirty;
      if (accept) accept.textContent = acceptText;
      if (quotationNote) showNote(form, "quotation", quotationSaid);
      forgetCopy(key);
      note.remove();
      var first = changed[0];
      if (first) first.focus();
    });
  }

  // What is saved changed since the copy was typed: the form keeps it, and the typed text is
  // shown beside it to copy (as the page after a refused plain post shows it, error.html).
  function showCopyToKeep(form, key, copy) {
    var texts = document.body.dataset;
    var note = copyNote(form, copy, "changed", form.matches(".answer-form") ?
      texts.restoredChangedAnswerText : texts.restoredChangedText);
    Object.keys(copy.fields).forEach(function (name, index) {
      var value = copy.fields[name];
      var choice = typeof value !== "string" || Array.prototype.some.call(form.elements,
        function (e) { return e.name === name && /^(radio|checkbox|select-one)$/.test(e.type); });
      var line = document.createElement("p");
      if (choice) {
        line.textContent = fieldName(form, name) + " — " + choiceText(form, name, value);
      } else {
        var box = document.createElement("textarea");
        box.id = (form.id || "form") + "-typed-" + index;
        box.readOnly = true;
        box.rows = Math.min(Math.max(value.split("\n").length + 1, 3), 12);
        box.value = value;
        var label = document.createElement("label");
        label.htmlFor = box.id;
        label.textContent = fieldName(form, name);
        line.appendChild(label);
        line.appendChild(box);
      }
      note.appendChild(line);
    });
    discardButton(note, function () {
      forgetCopy(key);
      note.remove();
    });
  }

  // A form the server sent back (fields to correct, or a conflict on an answer's own page)
  // shows the person's values, not saved ones: once edited, all of them are the copy. (Not
  // before: the page left without an edit leaves nothing to put back, as it always has.)
  function sentBack(form) {
    return Boolean(form.querySelector("[aria-invalid], .has-error") ||
                   (form.dataset.history && document.querySelector("main .conflict")));
  }

  if (copyStore && savedValues) {
    pruneCopies(0);
    Array.prototype.forEach.call(document.querySelectorAll(WATCHED), function (form) {
      if (sentBack(form)) {
        savedValues.set(form, {});
        return;
      }
      savedValues.set(form, typedValues(form));
      var key = copyKey(form);
      var copy = readCopy(key);
      if (!copy) return;
      var shown = savedValues.get(form);
      var differs = Object.keys(copy.fields).some(function (name) {
        return name in shown && !same(copy.fields[name], shown[name]);
      });
      if (!differs) { forgetCopy(key); return; }  // what the server shows already
      var version = versionOf(form);
      // Saved again since: another version (a form that has versions), or other values in
      // the fields the copy changed (one that has none).
      var changedSince = version !== null ? copy.version !== version :
        Object.keys(copy.base || {}).some(function (name) {
          return name in shown && copy.base[name] !== null && !same(copy.base[name], shown[name]);
        });
      if (changedSince) showCopyToKeep(form, key, copy); else restoreCopy(form, key, copy);
    });
  }

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
  // read from a document (an assessment's details, a study's publication details): keyboard
  // and screen-reader users start at what says what to correct or check, not at the top of
  // the page (a dozen Tab stops above the form).
  var summary = document.querySelector(".error-summary") || document.querySelector(".conflict") ||
    document.getElementById("details-read") || document.getElementById("publication-read");
  if (summary) { summary.setAttribute("tabindex", "-1"); summary.focus(); }
})();
