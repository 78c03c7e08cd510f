// Hurtigspor – Øv: one item at a time, answers kept on the phone until the server has them.
// No framework, no inline script (CSP script-src 'self').  Answers go to an outbox in IndexedDB
// (localStorage as fallback) *before* anything is sent, each with an id made here, so nothing
// typed offline is lost; the outbox is sent when the network is back (online event + backoff).
(function () {
  "use strict";

  var root = document.getElementById("practice");
  if (!root) { return; }

  var SESSION_URL = root.getAttribute("data-session-url");
  var ANSWERS_URL = root.getAttribute("data-answers-url");
  var SW_URL = root.getAttribute("data-sw-url");
  var USER = root.getAttribute("data-user") || "0";
  var metaToken = document.querySelector('meta[name="csrf-token"]');
  var csrfToken = metaToken ? metaToken.getAttribute("content") : "";

  var TYPE_NAMES = {
    flashcard: "Ordkort", meaning: "Hva betyr det?", article: "En, ei eller et?",
    inflection: "Bøy ordet", cloze: "Fyll inn ordet", listening: "Lytt og velg",
    dictation: "Diktat", word_order: "Ordstilling", situation: "Hva sier du?"
  };

  function $(id) { return document.getElementById(id); }
  function el(tag, cls, text) {
    var node = document.createElement(tag);
    if (cls) { node.className = cls; }
    if (text !== undefined && text !== null) { node.textContent = text; }
    return node;
  }
  function show(node, visible) { node.hidden = !visible; }

  // ---------------------------------------------------------------- storage (IndexedDB / fallback)
  var DB_NAME = "hurtigspor-practice-" + USER;
  var dbPromise = null;

  function openDb() {
    if (dbPromise) { return dbPromise; }
    dbPromise = new Promise(function (resolve) {
      if (!window.indexedDB) { resolve(null); return; }
      var req;
      try { req = indexedDB.open(DB_NAME, 1); } catch (e) { resolve(null); return; }
      req.onupgradeneeded = function () {
        var db = req.result;
        if (!db.objectStoreNames.contains("outbox")) { db.createObjectStore("outbox", { keyPath: "client_id" }); }
        if (!db.objectStoreNames.contains("kv")) { db.createObjectStore("kv"); }
      };
      req.onsuccess = function () { resolve(req.result); };
      req.onerror = function () { resolve(null); };
      req.onblocked = function () { resolve(null); };
    });
    return dbPromise;
  }

  function lsKey(store, key) { return DB_NAME + ":" + store + (key !== undefined ? ":" + key : ""); }

  function idb(store, mode, fn) {
    return openDb().then(function (db) {
      if (!db) { return fn(null); }
      return new Promise(function (resolve, reject) {
        var tx = db.transaction(store, mode);
        var result = fn(tx.objectStore(store));
        tx.oncomplete = function () { resolve(result instanceof IDBRequest ? result.result : result); };
        tx.onerror = function () { reject(tx.error); };
        tx.onabort = function () { reject(tx.error); };
      });
    });
  }

  var storage = {
    put: function (store, key, value) {
      return idb(store, "readwrite", function (os) {
        if (!os) { localStorage.setItem(lsKey(store, key), JSON.stringify(value)); return null; }
        return store === "outbox" ? os.put(value) : os.put(value, key);
      });
    },
    get: function (store, key) {
      return idb(store, "readonly", function (os) {
        if (!os) { var raw = localStorage.getItem(lsKey(store, key)); return raw ? JSON.parse(raw) : null; }
        return os.get(key);
      });
    },
    del: function (store, key) {
      return idb(store, "readwrite", function (os) {
        if (!os) { localStorage.removeItem(lsKey(store, key)); return null; }
        return os.delete(key);
      });
    },
    all: function (store) {
      return idb(store, "readonly", function (os) {
        if (!os) {
          var out = [], prefix = lsKey(store) + ":";
          for (var i = 0; i < localStorage.length; i++) {
            var k = localStorage.key(i);
            if (k && k.indexOf(prefix) === 0) { out.push(JSON.parse(localStorage.getItem(k))); }
          }
          return out;
        }
        return os.getAll();
      });
    }
  };

  // ------------------------------------------------------------------------------ answer checking
  // Offline only: a forgiving local check against the item's accepted answers.  The server's
  // verdict replaces it as soon as the answer has been sent.
  function norm(text) {
    return String(text || "").normalize("NFC").toLowerCase()
      .replace(/[.,!?;:«»"“”'()\-–]/g, " ").replace(/\s+/g, " ").trim();
  }
  function foldNordic(text) {
    return text.replace(/æ/g, "ae").replace(/ø/g, "oe").replace(/å/g, "aa");
  }
  function localCheck(item, response) {
    var text = Array.isArray(response) ? response.join(" ") : response;
    if (item.answer_mode === "self") {
      var knew = text === "kan_det";
      return { correct: knew, exact: knew, expected: item.expected, note: null, local: true };
    }
    var given = norm(text);
    if (item.type === "article" && ["en", "ei", "et"].indexOf(given) >= 0) {
      given = norm(given + " " + ((item.extra && item.extra.noun) || item.lemma));
    }
    var accepted = item.accepted || [];
    for (var i = 0; i < accepted.length; i++) {
      if (norm(accepted[i]) === given) {
        return { correct: true, exact: true, expected: item.expected, note: null, local: true };
      }
    }
    if (item.answer_mode !== "choice") {
      for (var j = 0; j < accepted.length; j++) {
        if (foldNordic(norm(accepted[j])) === foldNordic(given)) {
          return { correct: true, exact: false, expected: item.expected,
                   note: "Riktig! Skrives: " + accepted[j], local: true };
        }
      }
    }
    return { correct: false, exact: false, expected: item.expected, note: null, local: true };
  }

  // ------------------------------------------------------------------------------------- audio
  var nbVoice = null;
  function findVoice() {
    if (!("speechSynthesis" in window)) { return null; }
    var voices = window.speechSynthesis.getVoices() || [];
    for (var i = 0; i < voices.length; i++) {
      if (/^(nb|no|nn)([-_]|$)/i.test(voices[i].lang)) { return voices[i]; }
    }
    return null;
  }
  if ("speechSynthesis" in window) {
    nbVoice = findVoice();
    window.speechSynthesis.addEventListener("voiceschanged", function () {
      nbVoice = findVoice();
      refreshPlayButtons();
    });
  }
  var currentAudio = null;

  function playFile(url) {
    return new Promise(function (resolve, reject) {
      if (currentAudio) { currentAudio.pause(); }
      var audio = new Audio(url);
      currentAudio = audio;
      audio.onended = resolve;
      audio.onerror = function () { reject(new Error("audio")); };
      var started = audio.play();
      if (started && started.catch) { started.catch(reject); }
    });
  }
  function speakBrowser(text) {
    var utterance = new SpeechSynthesisUtterance(text);
    utterance.voice = nbVoice;
    utterance.lang = nbVoice.lang;
    utterance.rate = 0.9;
    window.speechSynthesis.cancel();
    window.speechSynthesis.speak(utterance);
  }
  function canPlay(entry) { return !!(entry.mentor_url || nbVoice || entry.url); }

  function play(entry, button) {
    button.classList.add("playing");
    var done = function () { button.classList.remove("playing"); };
    var fallback = function () {
      if (nbVoice) { speakBrowser(entry.text); setTimeout(done, 600); return; }
      if (entry.url) {
        playFile(entry.url).then(done, function () { done(); markNoSound(button); });
        return;
      }
      done();
      markNoSound(button);
    };
    if (entry.mentor_url) { playFile(entry.mentor_url).then(done, fallback); } else { fallback(); }
  }
  function markNoSound(button) {
    button.disabled = true;
    button.querySelector(".pr-play-label").textContent = "Ingen lyd tilgjengelig";
  }

  var SVG_NS = "http://www.w3.org/2000/svg";
  function speakerIcon() {
    var svg = document.createElementNS(SVG_NS, "svg");
    svg.setAttribute("viewBox", "0 0 24 24");
    svg.setAttribute("aria-hidden", "true");
    svg.setAttribute("class", "pr-icon");
    var path = document.createElementNS(SVG_NS, "path");
    path.setAttribute("d", "M3 9v6h4l5 4V5L7 9H3zm13.5 3a4.5 4.5 0 0 0-2.5-4v8a4.5 4.5 0 0 0 2.5-4zM14 3.2v2.1a7 7 0 0 1 0 13.4v2.1a9 9 0 0 0 0-17.6z");
    svg.appendChild(path);
    return svg;
  }
  var playButtons = [];
  function playButton(entry, label, big) {
    var button = el("button", "pr-play" + (big ? " pr-play-big" : ""));
    button.type = "button";
    button.appendChild(speakerIcon());
    var span = el("span", "pr-play-label", label);
    button.appendChild(span);
    button.setAttribute("data-label", label);
    button.setAttribute("lang", "nb");
    button.addEventListener("click", function () { play(entry, button); });
    button._entry = entry;
    playButtons.push(button);
    if (!canPlay(entry)) { markNoSound(button); }
    return button;
  }
  function refreshPlayButtons() {
    playButtons.forEach(function (b) {
      if (canPlay(b._entry) && b.disabled) {
        b.disabled = false;
        b.querySelector(".pr-play-label").textContent = b.getAttribute("data-label");
      }
    });
  }
  function audioFor(item, when) {
    return (item.audio || []).filter(function (a) { return a.when === when; });
  }

  // ------------------------------------------------------------------------------- sync / outbox
  var sending = false;
  var backoff = 2000;
  var retryTimer = null;
  var pendingCount = 0;
  var needsLogin = false;
  var verdictListeners = {};

  function setSync(text, cls) {
    var node = $("pr-sync");
    node.textContent = text;
    node.className = "pr-sync" + (cls ? " " + cls : "");
  }
  function updateSyncStatus() {
    return storage.all("outbox").then(function (rows) {
      pendingCount = rows.length;
      if (needsLogin && pendingCount) {
        setSync(pendingCount + " svar er lagret på telefonen. Logg inn igjen for å sende dem.", "warn");
      } else if (pendingCount && !navigator.onLine) {
        setSync("Uten nett: " + pendingCount + " svar er lagret på telefonen og sendes senere.", "warn");
      } else if (pendingCount) {
        setSync(pendingCount + " svar venter på å bli sendt …", "warn");
      } else {
        setSync("Alle svar er lagret.", "ok");
      }
      return pendingCount;
    });
  }

  function postAnswers(batch) {
    return fetch(ANSWERS_URL, {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-CSRFToken": csrfToken, "Accept": "application/json" },
      body: JSON.stringify({ answers: batch })
    });
  }
  function refreshToken() {
    return fetch(SESSION_URL, { credentials: "same-origin", cache: "no-store" })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (data) { if (data && data.csrf_token) { csrfToken = data.csrf_token; } });
  }

  function scheduleRetry() {
    if (retryTimer) { return; }
    retryTimer = setTimeout(function () { retryTimer = null; flush(); }, backoff);
    backoff = Math.min(backoff * 2, 60000);
  }

  function flush(triedToken) {
    if (sending) { return Promise.resolve(); }
    sending = true;
    return storage.all("outbox").then(function (rows) {
      if (!rows.length) { return null; }
      rows.sort(function (a, b) { return a.answered_at < b.answered_at ? -1 : 1; });
      var batch = rows.slice(0, 50).map(function (r) {
        return { client_id: r.client_id, item_id: r.item_id, response: r.response,
                 answered_at: r.answered_at, duration_ms: r.duration_ms };
      });
      return postAnswers(batch).then(function (response) {
        if (response.status === 401 || response.redirected) { needsLogin = true; return null; }
        if (response.status === 400 && !triedToken) {
          return response.json().then(function (body) {
            if (body && body.error === "csrf") {
              sending = false;
              return refreshToken().then(function () { return flush(true); });
            }
            throw new Error("bad batch");
          });
        }
        if (!response.ok) { throw new Error("HTTP " + response.status); }
        return response.json().then(function (body) {
          needsLogin = false;
          backoff = 2000;
          var removals = (body.results || []).map(function (result) {
            var listener = verdictListeners[result.client_id];
            if (listener) { delete verdictListeners[result.client_id]; listener(result); }
            stats.synced += 1;
            return storage.del("outbox", result.client_id);
          });
          // Answers given while this batch was on its way are sent straight after it.
          return Promise.all(removals).then(function () { return storage.all("outbox"); })
            .then(function (left) { return left.length ? "more" : null; });
        });
      });
    }).then(function (more) {
      sending = false;
      return updateSyncStatus().then(function () { if (more === "more") { return flush(); } return null; });
    }, function () {
      sending = false;
      return updateSyncStatus().then(scheduleRetry);
    });
  }

  window.addEventListener("online", function () {
    backoff = 2000;
    flush().then(function () {
      // A session loaded from the phone's copy is refreshed once the answers are sent.
      if (session && session.offline && !$("pr-start").hidden) { loadSession(); }
    });
  });
  window.addEventListener("offline", updateSyncStatus);
  document.addEventListener("visibilitychange", function () {
    if (document.visibilityState === "visible" && navigator.onLine) { flush(); }
  });

  function newId() {
    if (window.crypto && crypto.randomUUID) { return crypto.randomUUID(); }
    var bytes = new Uint8Array(16);
    crypto.getRandomValues(bytes);
    bytes[6] = (bytes[6] & 0x0f) | 0x40; bytes[8] = (bytes[8] & 0x3f) | 0x80;
    var hex = Array.prototype.map.call(bytes, function (b) { return (b + 256).toString(16).slice(1); }).join("");
    return hex.slice(0, 8) + "-" + hex.slice(8, 12) + "-" + hex.slice(12, 16) + "-" + hex.slice(16, 20) + "-" + hex.slice(20);
  }

  // ------------------------------------------------------------------------------- the session
  var session = null;
  var queue = [];
  var position = 0;
  var itemStarted = 0;
  var stats = { answered: 0, correct: 0, synced: 0 };

  function setCount() {
    var total = queue.length;
    var shown = Math.min(position + 1, total);
    $("pr-count").textContent = total ? "Oppgave " + shown + " av " + total : "";
    $("pr-meter-fill").style.width = total ? Math.round(100 * position / total) + "%" : "0";
  }

  function loadSession() {
    $("pr-start-text").textContent = "Henter dagens øvelser …";
    return fetch(SESSION_URL, { credentials: "same-origin", cache: "no-store", headers: { "Accept": "application/json" } })
      .then(function (r) {
        if (r.status === 401 || r.redirected) { needsLogin = true; throw new Error("login"); }
        if (!r.ok) { throw new Error("HTTP " + r.status); }
        return r.json();
      })
      .then(function (data) {
        if (data.csrf_token) { csrfToken = data.csrf_token; }
        return storage.put("kv", "session", data).then(function () { return data; });
      })
      .catch(function () {
        // Offline: today's copy, or tomorrow's session fetched ahead once its day has come.
        return Promise.all([storage.get("kv", "session"), storage.get("kv", "next_session")])
          .then(function (copies) {
            var cached = copies[0], ahead = copies[1];
            var aheadDue = ahead && Date.now() >= Date.parse(ahead.valid_from);
            if (aheadDue && (!cached || !cached.valid_from || ahead.valid_from > cached.valid_from)) { cached = ahead; }
            if (cached) { cached.offline = true; }
            return cached;
          });
      })
      .then(function (data) {
        return storage.get("kv", "answered").then(function (answered) {
          return { data: data, answered: answered || {} };
        });
      })
      .then(function (state) { startWith(state.data, state.answered); });
  }

  function startWith(data, answered) {
    session = data;
    var text = $("pr-start-text");
    if (!data) {
      text.textContent = needsLogin ? "Du må logge inn for å øve." : "Vi får ikke hentet øvelsene nå. Prøv igjen når du har nett.";
      return;
    }
    if (data.status === "no_profile") {
      text.textContent = "Læreren din har ikke laget ordlista for arbeidsplassen din ennå. Kom tilbake senere!";
      return;
    }
    var since = data.generated_at || "";
    queue = (data.items || []).filter(function (item) {
      var at = answered[item.id];
      return !(at && at >= since);
    });
    position = 0;
    if (!queue.length) {
      text.textContent = "Du er ferdig for i dag. Kom tilbake i morgen!";
      $("pr-begin").hidden = true;
      if (!data.offline) { storeNextSession(); }
      return;
    }
    var minutes = Math.max(1, Math.round((data.estimated_seconds || queue.length * 30) / 60));
    var fresh = queue.filter(function (i) { return i.kind === "new"; }).length;
    text.textContent = queue.length + " oppgaver i dag, omtrent " + minutes + " minutter" +
      (data.employer ? " – ord fra " + data.employer : "") + ". " +
      (fresh && fresh < queue.length ? (queue.length - fresh) + " å repetere og " + fresh + " nye. " : "") +
      (data.offline ? "Du er uten nett – svarene lagres på telefonen." : "");
    $("pr-begin").hidden = false;
    $("pr-count").textContent = "";
    prefetchAudio(queue);
  }

  // Without a Norwegian voice on the device, fetch the server's sound for the first items while
  // online, so the service worker has it when the network is gone.
  function prefetchAudio(items) {
    if (nbVoice || !navigator.onLine || !("serviceWorker" in navigator)) { return; }
    var urls = [];
    items.slice(0, 12).forEach(function (item) {
      audioFor(item, "before").forEach(function (a) {
        var url = a.mentor_url || a.url;
        if (url && urls.indexOf(url) < 0) { urls.push(url); }
      });
    });
    var next = function () {
      var url = urls.shift();
      if (!url || !navigator.onLine) { return; }
      fetch(url, { credentials: "same-origin" }).then(next, next);
    };
    setTimeout(next, 3000);
  }

  function begin() {
    show($("pr-progress"), true);
    show($("pr-start"), false);
    show($("pr-done"), false);
    show($("pr-stop"), true);
    renderItem();
  }

  // Keep tomorrow's session on the phone, for a day without network.
  function storeNextSession() {
    if (!navigator.onLine) { return; }
    fetch(SESSION_URL + "?ahead=1", { credentials: "same-origin", cache: "no-store" })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (data) { if (data && data.status === "ok") { return storage.put("kv", "next_session", data); } return null; })
      .catch(function () { /* try again next time */ });
  }

  function finish(stopped) {
    show($("pr-progress"), false);
    show($("pr-card"), false);
    show($("pr-stop"), false);
    show($("pr-done"), true);
    $("pr-done-title").textContent = stopped ? "Du har stoppet for i dag" : "Bra jobba!";
    var parts = ["Du svarte på " + stats.answered + " oppgaver, " + stats.correct + " riktig."];
    if (pendingCount) { parts.push(pendingCount + " svar er lagret på telefonen og sendes når du har nett."); }
    else { parts.push("Alle svarene dine er lagret."); }
    $("pr-done-text").textContent = parts.join(" ");
    $("pr-count").textContent = "";
    flush().then(storeNextSession);
  }

  // ---------------------------------------------------------------------------------- rendering
  function renderItem() {
    if (position >= queue.length) { finish(false); return; }
    var item = queue[position];
    setCount();
    $("pr-card").setAttribute("data-item-id", item.id);
    playButtons = [];
    itemStarted = Date.now();
    show($("pr-card"), true);
    show($("pr-feedback"), false);
    show($("pr-next"), false);
    $("pr-feedback").textContent = "";
    $("pr-type").textContent = TYPE_NAMES[item.type] || item.type;
    show($("pr-safety"), !!item.safety);
    renderInstruction(item);
    var prompt = $("pr-prompt");
    prompt.textContent = "";
    prompt.className = "pr-prompt pr-prompt-" + item.type;
    var playRow = $("pr-play-row");
    playRow.textContent = "";
    var answer = $("pr-answer");
    answer.textContent = "";

    if (item.prompt) { prompt.appendChild(el("p", "pr-prompt-text", item.prompt)); }
    if (item.type === "listening") { prompt.appendChild(el("p", "pr-prompt-text pr-soft", "Hør og velg riktig svar.")); }
    if (item.type === "dictation") { prompt.appendChild(el("p", "pr-prompt-text pr-soft", "Hør og skriv det du hører.")); }
    if (item.type === "word_order") { prompt.appendChild(el("p", "pr-prompt-text pr-soft", "Trykk på ordene i riktig rekkefølge.")); }
    if (item.hint && item.type !== "flashcard") { prompt.appendChild(el("p", "pr-hint", item.hint)); }

    audioFor(item, "before").forEach(function (entry, i) {
      var big = item.type === "listening" || item.type === "dictation";
      playRow.appendChild(playButton(entry, i === 0 ? (big ? "Hør" : "Spill av") : "Spill av", big));
    });

    if (item.answer_mode === "self") { renderFlashcard(item, answer); }
    else if (item.answer_mode === "choice") { renderChoices(item, answer, item.options); }
    else if (item.answer_mode === "order") { renderOrder(item, answer); }
    else { renderTyped(item, answer); }
  }

  function renderInstruction(item) {
    var box = $("pr-instruction");
    var help = $("pr-help");
    var ins = item.instruction || {};
    var textNode = $("pr-instruction-text");
    textNode.textContent = ins.text || "";
    textNode.setAttribute("lang", ins.language || "en");
    textNode.setAttribute("dir", ins.direction || "ltr");
    var nb = $("pr-instruction-nb");
    nb.textContent = ins.language === "nb" ? "" : (ins.norwegian || "");
    box.hidden = true;
    help.setAttribute("aria-expanded", "false");
  }

  function bigButton(label, cls, onClick) {
    var button = el("button", "button pr-option " + (cls || ""), label);
    button.type = "button";
    button.setAttribute("lang", "nb");
    button.addEventListener("click", onClick);
    return button;
  }

  function renderFlashcard(item, answer) {
    var back = el("div", "pr-back");
    back.hidden = true;
    if (item.gloss) {
      var gloss = el("p", "pr-gloss", item.gloss);
      gloss.setAttribute("dir", "auto");
      back.appendChild(gloss);
    }
    if (item.definition) { back.appendChild(el("p", "pr-definition", item.definition)); }
    if (item.example) { back.appendChild(el("p", "pr-example", "«" + item.example + "»")); }
    var turn = bigButton("Snu kortet", "primary pr-wide", function () {
      back.hidden = false;
      turn.remove();
      audioFor(item, "after").forEach(function (entry) {
        if (entry.text === item.example) { back.appendChild(playButton(entry, "Hør setningen", false)); }
      });
      var row = el("div", "pr-rate");
      var rate = function (value) {
        return function (event) {
          Array.prototype.forEach.call(row.children, function (b) { b.disabled = true; });
          event.currentTarget.classList.add("chosen");
          submit(item, value);
        };
      };
      row.appendChild(bigButton("Igjen", "pr-again", rate("igjen")));
      row.appendChild(bigButton("Kan det", "primary pr-know", rate("kan_det")));
      answer.appendChild(row);
      row.lastChild.focus({ preventScroll: true });
    });
    answer.appendChild(back);
    answer.appendChild(turn);
  }

  function renderChoices(item, answer, options) {
    var list = el("div", "pr-options" + (item.type === "article" ? " pr-options-row" : ""));
    options.forEach(function (option) {
      list.appendChild(bigButton(option, "", function () {
        Array.prototype.forEach.call(list.children, function (b) {
          b.disabled = true;
          if (b.textContent === option) { b.classList.add("chosen"); }
        });
        submit(item, option);
      }));
    });
    answer.appendChild(list);
  }

  function renderTyped(item, answer) {
    var form = el("form", "pr-typed");
    form.setAttribute("autocomplete", "off");
    var label = el("label", "sr", "Ditt svar");
    label.setAttribute("for", "pr-input");
    var input = item.type === "dictation" ? el("textarea") : el("input");
    input.id = "pr-input";
    if (input.tagName === "INPUT") { input.type = "text"; }
    input.setAttribute("lang", "nb");
    input.setAttribute("autocapitalize", "off");
    input.setAttribute("autocorrect", "off");
    input.setAttribute("spellcheck", "false");
    input.setAttribute("enterkeyhint", "done");
    input.className = "pr-input";
    input.placeholder = "Skriv her";
    var check = el("button", "button primary pr-wide", "Sjekk");
    check.type = "submit";
    form.appendChild(label);
    form.appendChild(input);
    form.appendChild(check);
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      if (!input.value.trim()) { input.focus(); return; }
      input.readOnly = true;
      check.hidden = true;
      submit(item, input.value);
    });
    if (item.type === "dictation") {
      input.addEventListener("keydown", function (event) {
        if (event.key === "Enter" && !event.shiftKey) { event.preventDefault(); form.requestSubmit ? form.requestSubmit() : check.click(); }
      });
    }
    answer.appendChild(form);
    setTimeout(function () { input.focus({ preventScroll: true }); }, 0);
    if (item.type === "cloze" && item.options && item.options.length) {
      var choose = el("button", "link pr-switch", "Vis valg i stedet");
      choose.type = "button";
      choose.addEventListener("click", function () {
        answer.textContent = "";
        renderChoices(item, answer, item.options);
      });
      answer.appendChild(choose);
    }
  }

  function renderOrder(item, answer) {
    var line = el("div", "pr-line");
    line.setAttribute("aria-label", "Setningen din");
    var pool = el("div", "pr-pool");
    var check = el("button", "button primary pr-wide", "Sjekk");
    check.type = "button";
    check.disabled = true;
    function moveTile(tile) {
      (tile.parentNode === pool ? line : pool).appendChild(tile);
      check.disabled = pool.children.length > 0;
    }
    item.options.forEach(function (word) {
      var tile = el("button", "pr-tile", word);
      tile.type = "button";
      tile.setAttribute("lang", "nb");
      tile.addEventListener("click", function () { if (!check.hidden) { moveTile(tile); } });
      pool.appendChild(tile);
    });
    check.addEventListener("click", function () {
      var words = Array.prototype.map.call(line.children, function (t) { return t.textContent; });
      check.hidden = true;
      submit(item, words);
    });
    answer.appendChild(line);
    answer.appendChild(pool);
    answer.appendChild(check);
  }

  // ----------------------------------------------------------------------------------- answering
  function submit(item, response) {
    var record = {
      client_id: newId(),
      item_id: item.id,
      response: response,
      answered_at: new Date().toISOString(),
      duration_ms: Date.now() - itemStarted
    };
    stats.answered += 1;
    var local = localCheck(item, response);
    // 1) keep it on the phone first; 2) mark the item done for this session; 3) try to send.
    return storage.put("outbox", record.client_id, record)
      .then(function () { return storage.get("kv", "answered"); })
      .then(function (answered) {
        answered = answered || {};
        answered[item.id] = record.answered_at;
        return storage.put("kv", "answered", answered);
      })
      .then(updateSyncStatus)
      .then(function () {
        if (!navigator.onLine) { return null; }
        return new Promise(function (resolve) {
          var timer = setTimeout(function () { delete verdictListeners[record.client_id]; resolve(null); }, 4000);
          verdictListeners[record.client_id] = function (result) { clearTimeout(timer); resolve(result); };
          flush();
        });
      })
      .then(function (result) {
        var verdict = local;
        if (result && result.verdict && result.status !== "rejected") {
          verdict = result.verdict;
          verdict.local = false;
        }
        if (verdict.correct) { stats.correct += 1; }
        showFeedback(item, response, verdict);
      }, function () { showFeedback(item, response, local); });
  }

  function markOptions(item, response, verdict) {
    var right = norm(verdict.expected || item.expected);
    document.querySelectorAll("#pr-answer .pr-option").forEach(function (button) {
      var text = norm(button.textContent);
      button.disabled = true;
      if (text === right || (item.accepted || []).some(function (a) { return norm(a) === text || norm(a) === norm(text + " " + ((item.extra && item.extra.noun) || item.lemma)); })) {
        button.classList.add("right");
      } else if (button.textContent === response) {
        button.classList.add("wrong");
      }
    });
  }

  function showFeedback(item, response, verdict) {
    var box = $("pr-feedback");
    box.textContent = "";
    box.className = "pr-feedback " + (verdict.correct ? (verdict.exact ? "ok" : "almost") : "wrong");
    var title;
    if (item.answer_mode === "self") { title = verdict.correct ? "Fint!" : "Du får ordet igjen snart."; }
    else if (verdict.correct) { title = verdict.exact ? "Riktig!" : "Nesten riktig!"; }
    else { title = "Ikke helt."; }
    box.appendChild(el("p", "pr-verdict", title));
    var expected = verdict.expected || item.expected;
    var choice = item.answer_mode === "choice" || document.querySelector("#pr-answer .pr-options");
    if (choice) { markOptions(item, response, verdict); }
    // The title says right or wrong; notes say what to fix, each thing once. The checker's
    // note for a wrong answer is only the fix ("Riktig svar: pall."), and problems that only
    // say "wrong" or "empty" (or repeat the note) are left out.
    var notes = [];
    if (verdict.note) { notes.push(verdict.note); }
    if (!choice && verdict.problems) {
      verdict.problems.forEach(function (p) {
        if (!p || !p.message || p.kind === "wrong" || p.kind === "empty") { return; }
        if (notes.join(" ").indexOf(p.message) < 0) { notes.push(p.message); }
      });
    }
    notes.forEach(function (note) { box.appendChild(el("p", "pr-note", note)); });
    if (verdict.words && verdict.words.length && item.type === "dictation") {
      var words = el("p", "pr-words");
      verdict.words.forEach(function (w) {
        var span = el("span", "pr-word " + (w.status || "ok"), w.status === "missing" ? w.expected : (w.given || ""));
        if (w.expected && w.given !== w.expected && w.status !== "ok") {
          span.title = w.status === "extra" ? "ekstra ord" : "Skrives: " + w.expected;
        }
        words.appendChild(span);
        words.appendChild(document.createTextNode(" "));
      });
      box.appendChild(words);
    }
    var said = notes.join(" ");
    if (item.answer_mode !== "self" && (!verdict.correct || !verdict.exact) && said.indexOf(expected) < 0) {
      var answerLine = el("p", "pr-expected");
      answerLine.appendChild(document.createTextNode("Riktig svar: "));
      answerLine.appendChild(el("strong", null, expected));
      answerLine.setAttribute("lang", "nb");
      box.appendChild(answerLine);
    }
    if (item.explanation) { box.appendChild(el("p", "pr-note", item.explanation)); }
    var after = item.answer_mode === "self" ? [] : audioFor(item, "after");
    if (after.length) {
      var row = el("div", "pr-play-row");
      after.slice(0, 3).forEach(function (entry) {
        row.appendChild(playButton(entry, entry.text.length > 40 ? entry.text.slice(0, 38) + "…" : entry.text, false));
      });
      box.appendChild(row);
    }
    if (verdict.local) { box.appendChild(el("p", "pr-local", "Sjekket på telefonen – svaret sendes når du har nett.")); }
    show(box, true);
    show($("pr-next"), true);
    $("pr-next").focus({ preventScroll: true });
    box.scrollIntoView({ block: "nearest" });
  }

  // ------------------------------------------------------------------------------------- wiring
  $("pr-begin").addEventListener("click", begin);
  $("pr-next").addEventListener("click", function () { position += 1; renderItem(); });
  $("pr-stop").addEventListener("click", function () { finish(true); });
  $("pr-again").addEventListener("click", function () {
    stats = { answered: 0, correct: 0, synced: 0 };
    show($("pr-done"), false);
    show($("pr-start"), true);
    loadSession().then(function () { if (queue.length) { begin(); } });
  });
  $("pr-help").addEventListener("click", function () {
    var box = $("pr-instruction");
    box.hidden = !box.hidden;
    $("pr-help").setAttribute("aria-expanded", box.hidden ? "false" : "true");
  });

  if ("serviceWorker" in navigator && SW_URL) {
    navigator.serviceWorker.register(SW_URL, { scope: "/" }).catch(function () { /* optional */ });
  }

  // Test hook (read-only): how many answers are still on the phone.
  root.pendingAnswers = function () { return storage.all("outbox").then(function (r) { return r.length; }); };

  updateSyncStatus().then(function () {
    if (navigator.onLine) { flush(); }
    return loadSession();
  });
})();
