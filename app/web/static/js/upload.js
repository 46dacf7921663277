/* Steward forms, progressive enhancement: the forms work without this script.
   - focus moves to the error summary when a form comes back with errors;
   - the URL name is suggested from the Vietnamese title until the steward edits it;
   - a form with a chosen file is sent with XMLHttpRequest (the same multipart body) so
     that a progress bar can show the upload. */
(function () {
  "use strict";

  function slugify(text) {
    return text.replace(/đ/g, "d").replace(/Đ/g, "D").normalize("NFD")
      .replace(/[\u0300-\u036f]/g, "").toLowerCase()
      .replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "").slice(0, 100);
  }

  function focusErrors() {
    var summary = document.getElementById("error-summary");
    if (summary) { summary.focus(); }
  }

  function suggestNames() {
    var source = document.querySelector("[data-slug-source]");
    var target = document.querySelector("[data-slug-target]");
    if (!source || !target) { return; }
    if (target.value) { target.setAttribute("data-slug-edited", ""); }
    target.addEventListener("input", function () { target.setAttribute("data-slug-edited", ""); });
    source.addEventListener("input", function () {
      if (!target.hasAttribute("data-slug-edited")) { target.value = slugify(source.value); }
    });
  }

  function hasFile(form) {
    var inputs = form.querySelectorAll("input[type=file]");
    for (var i = 0; i < inputs.length; i++) {
      if (inputs[i].files && inputs[i].files.length) { return true; }
    }
    return false;
  }

  function showPage(html) {
    document.open();
    document.write(html);
    document.close();
  }

  function sendWithProgress(form) {
    form.addEventListener("submit", function (event) {
      if (!window.FormData || !hasFile(form)) { return; }
      event.preventDefault();
      var box = form.querySelector("[data-upload-progress]");
      var bar = box && box.querySelector("progress");
      var text = box && box.querySelector("[data-upload-text]");
      var button = form.querySelector("button[type=submit]");
      if (box) { box.hidden = false; }
      if (button) { button.disabled = true; }
      var xhr = new XMLHttpRequest();
      xhr.open("POST", form.action);
      xhr.upload.addEventListener("progress", function (e) {
        if (!e.lengthComputable || !bar) { return; }
        var percent = Math.round((e.loaded / e.total) * 100);
        bar.value = percent;
        if (text) { text.textContent = percent + "%"; }
      });
      xhr.upload.addEventListener("load", function () {
        if (bar) { bar.value = 100; }
        if (text) { text.textContent = text.getAttribute("data-label-done"); }
      });
      xhr.addEventListener("load", function () {
        var finalUrl = xhr.responseURL || "";
        if (xhr.status >= 200 && xhr.status < 300 && finalUrl && finalUrl !== form.action) {
          window.location.assign(finalUrl);
        } else {
          showPage(xhr.responseText);
        }
      });
      xhr.addEventListener("error", function () {
        if (text) { text.textContent = text.getAttribute("data-label-failed"); }
        if (button) { button.disabled = false; }
      });
      xhr.send(new FormData(form));
    });
  }

  function start() {
    focusErrors();
    suggestNames();
    var forms = document.querySelectorAll("form[data-upload-form]");
    for (var i = 0; i < forms.length; i++) { sendWithProgress(forms[i]); }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
