// Intervju: read prompts aloud, speech to text (nb-NO) into the answer field, the interview timer.
// No audio is uploaded or stored by us: only the text in the field is sent with the form.
(function () {
  "use strict";

  // ----------------------------------------------------------------------------- read aloud
  function norwegianVoice() {
    if (!("speechSynthesis" in window)) { return null; }
    var voices = window.speechSynthesis.getVoices() || [];
    for (var i = 0; i < voices.length; i++) {
      if (/^(nb|no|nn)([-_]|$)/i.test(voices[i].lang)) { return voices[i]; }
    }
    return null;
  }

  function speak(text) {
    var utterance = new SpeechSynthesisUtterance(text);
    var voice = norwegianVoice();
    if (voice) { utterance.voice = voice; }
    utterance.lang = voice ? voice.lang : "nb-NO";
    utterance.rate = 0.9;
    window.speechSynthesis.cancel();
    window.speechSynthesis.speak(utterance);
  }

  function setupPlay(button) {
    var url = button.getAttribute("data-audio-url");
    var text = button.getAttribute("data-speak");
    if (!url && !("speechSynthesis" in window)) { button.hidden = true; return; }
    button.addEventListener("click", function () {
      // A Norwegian browser voice first; the server's recording when there is none.
      if (norwegianVoice() || !url) { speak(text); return; }
      var audio = new Audio(url);
      audio.play().catch(function () { if ("speechSynthesis" in window) { speak(text); } });
    });
  }

  // ----------------------------------------------------------------------------- speech to text
  function setupSpeech() {
    var button = document.getElementById("iv-speak");
    var field = document.getElementById("iv-text");
    if (!button || !field) { return; }
    var status = document.getElementById("iv-speech-status");
    var label = document.getElementById("iv-speak-label");
    var spoken = document.getElementById("iv-spoken");
    var Recognition = window.SpeechRecognition || window.webkitSpeechRecognition;
    if (!Recognition) {
      document.getElementById("iv-no-speech").hidden = false;
      return;
    }
    button.hidden = false;
    var recognition = new Recognition();
    recognition.lang = "nb-NO";
    recognition.interimResults = true;
    recognition.continuous = true;
    var listening = false;
    var before = "";

    function stopUi() {
      listening = false;
      button.setAttribute("aria-pressed", "false");
      button.classList.remove("listening");
      label.textContent = "Snakk";
    }

    recognition.onresult = function (event) {
      var text = "";
      for (var i = 0; i < event.results.length; i++) { text += event.results[i][0].transcript; }
      field.value = (before ? before + " " : "") + text.trim();
      spoken.value = "1";
    };
    recognition.onerror = function (event) {
      stopUi();
      status.textContent = event.error === "not-allowed"
        ? "Du må gi nettleseren lov til å bruke mikrofonen. Du kan også skrive svaret."
        : "Vi hørte ikke noe. Prøv igjen, eller skriv svaret.";
    };
    recognition.onend = function () {
      if (listening) {
        stopUi();
        status.textContent = "Les teksten og rett den før du sender.";
        field.focus();
      }
    };
    button.addEventListener("click", function () {
      if (listening) { recognition.stop(); return; }
      before = field.value.trim();
      try { recognition.start(); } catch (e) { return; }
      listening = true;
      button.setAttribute("aria-pressed", "true");
      button.classList.add("listening");
      label.textContent = "Stopp";
      status.textContent = "Jeg lytter … Snakk nå.";
    });
  }

  // ----------------------------------------------------------------------------- timer
  function setupTimer() {
    var timer = document.getElementById("iv-timer");
    if (!timer) { return; }
    var total = parseInt(timer.getAttribute("data-seconds"), 10) || 120;
    var started = Date.now();
    var warned = false;
    function show() {
      var left = total - Math.floor((Date.now() - started) / 1000);
      var sign = left < 0 ? "+" : "";
      var abs = Math.abs(left);
      timer.textContent = sign + Math.floor(abs / 60) + ":" + String(abs % 60).padStart(2, "0");
      timer.classList.toggle("low", left <= 20 && left >= 0);
      timer.classList.toggle("over", left < 0);
      if (left <= 0 && !warned) {
        warned = true;
        timeUp();
      }
    }
    // Interview mode: when time is up the answer is sent by itself.  An empty answer cannot be
    // sent; then the message asks for a short answer.
    function timeUp() {
      document.getElementById("iv-timeout").hidden = false;
      var form = document.getElementById("iv-form");
      var text = document.getElementById("iv-text");
      if (form && text && text.value.trim()) { sendNow(form); }
    }
    function sendNow(form) {
      if (form.getAttribute("data-sent")) { return; }
      form.setAttribute("data-sent", "1");
      var submit = document.getElementById("iv-submit");
      if (form.requestSubmit) { form.requestSubmit(submit || undefined); } else { form.submit(); }
    }
    show();
    window.setInterval(show, 1000);
    // Marks that the clock runs (the browser test waits for it before moving time on).
    timer.setAttribute("data-running", "1");
  }

  // ----------------------------------------------------------------------------- one submit
  function setupForm() {
    var form = document.getElementById("iv-form");
    if (!form) { return; }
    form.addEventListener("submit", function () {
      form.setAttribute("data-sent", "1");
      var submit = document.getElementById("iv-submit");
      window.setTimeout(function () { submit.disabled = true; submit.textContent = "Sender …"; }, 0);
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("[data-speak]").forEach(setupPlay);
    setupSpeech();
    setupTimer();
    setupForm();
  });
})();
