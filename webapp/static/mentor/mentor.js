// Hurtigspor – mentor phrases: listen (mentor's recording first, then the browser's Norwegian
// voice) and record a phrase in your own voice with MediaRecorder.  No inline script (CSP).
(function () {
  "use strict";

  var root = document.getElementById("mentor-phrases");
  if (!root) { return; }
  var UPLOAD_URL = root.getAttribute("data-upload-url");
  var CSRF = root.getAttribute("data-csrf") || "";
  var MAX_MS = (parseInt(root.getAttribute("data-max-seconds"), 10) || 60) * 1000;
  var canRecord = !!(window.MediaRecorder && navigator.mediaDevices && navigator.mediaDevices.getUserMedia);
  var recording = null;  // {recorder, stream, item, button, timer}

  function status(item, text) {
    var node = item.querySelector(".hs-rec-status");
    if (node) { node.textContent = text; }
  }

  function norwegianVoice() {
    if (!window.speechSynthesis) { return null; }
    var voices = window.speechSynthesis.getVoices() || [];
    for (var i = 0; i < voices.length; i++) {
      var lang = (voices[i].lang || "").toLowerCase();
      if (lang.indexOf("nb") === 0 || lang.indexOf("no") === 0 || lang.indexOf("nn") === 0) { return voices[i]; }
    }
    return null;
  }

  function speak(item, text) {
    if (!window.speechSynthesis || !window.SpeechSynthesisUtterance) {
      status(item, "Nettleseren kan ikke lese opp tekst.");
      return;
    }
    var utterance = new window.SpeechSynthesisUtterance(text);
    utterance.lang = "nb-NO";
    utterance.rate = 0.9;
    var voice = norwegianVoice();
    if (voice) { utterance.voice = voice; }
    window.speechSynthesis.cancel();
    window.speechSynthesis.speak(utterance);
  }

  function play(item) {
    var text = item.getAttribute("data-text") || "";
    var url = item.getAttribute("data-recording");
    if (url) {
      var audio = new Audio(url);
      audio.play().catch(function () { speak(item, text); });
      return;
    }
    speak(item, text);
  }

  function pickType() {
    var types = ["audio/webm;codecs=opus", "audio/webm", "audio/ogg;codecs=opus", "audio/mp4"];
    for (var i = 0; i < types.length; i++) {
      if (window.MediaRecorder.isTypeSupported && window.MediaRecorder.isTypeSupported(types[i])) { return types[i]; }
    }
    return "";
  }

  function upload(item, blob) {
    var form = new FormData();
    var type = (blob.type || "audio/webm").split(";")[0];
    var ext = type === "audio/mp4" ? "m4a" : (type === "audio/ogg" ? "ogg" : "webm");
    form.append("text", item.getAttribute("data-text") || "");
    form.append("audio", new File([blob], "opptak." + ext, { type: type }));
    status(item, "Lagrer …");
    fetch(UPLOAD_URL, {
      method: "POST", body: form, credentials: "same-origin",
      headers: { "X-CSRFToken": CSRF }
    }).then(function (response) {
      return response.json().then(function (data) { return { ok: response.ok, data: data }; });
    }).then(function (result) {
      if (result.ok && result.data.ok) {
        item.setAttribute("data-recording", result.data.url);
        status(item, "Lagret! Deltakerne hører nå din stemme.");
      } else {
        status(item, (result.data && result.data.error) || "Opptaket kunne ikke lagres.");
      }
    }).catch(function () { status(item, "Ingen kontakt med serveren. Prøv igjen."); });
  }

  function stop() {
    if (!recording) { return; }
    window.clearTimeout(recording.timer);
    if (recording.recorder.state !== "inactive") { recording.recorder.stop(); }
  }

  function start(item, button) {
    if (recording) { stop(); return; }
    navigator.mediaDevices.getUserMedia({ audio: true }).then(function (stream) {
      var type = pickType();
      var recorder = type ? new window.MediaRecorder(stream, { mimeType: type }) : new window.MediaRecorder(stream);
      var chunks = [];
      recorder.addEventListener("dataavailable", function (e) { if (e.data && e.data.size) { chunks.push(e.data); } });
      recorder.addEventListener("stop", function () {
        stream.getTracks().forEach(function (t) { t.stop(); });
        button.textContent = "Les inn";
        button.setAttribute("aria-pressed", "false");
        recording = null;
        if (chunks.length) { upload(item, new Blob(chunks, { type: recorder.mimeType || type || "audio/webm" })); }
      });
      recording = { recorder: recorder, stream: stream, item: item, button: button,
                    timer: window.setTimeout(stop, MAX_MS) };
      recorder.start();
      button.textContent = "Stopp";
      button.setAttribute("aria-pressed", "true");
      status(item, "Tar opp … Les setningen, og trykk Stopp.");
    }).catch(function () {
      status(item, "Fikk ikke tilgang til mikrofonen. Sjekk innstillingene i nettleseren.");
    });
  }

  root.querySelectorAll("li[data-text]").forEach(function (item) {
    var playButton = item.querySelector("[data-play]");
    var recordButton = item.querySelector("[data-record]");
    if (playButton) { playButton.addEventListener("click", function () { play(item); }); }
    if (recordButton && canRecord) {
      recordButton.hidden = false;
      recordButton.addEventListener("click", function () { start(item, recordButton); });
    }
  });
})();
