// Hurtigspor service worker: keeps the practice page's shell on the phone so Øv opens without a
// network.  Served from /sw.js (scope "/").  The session's items and the unsent answers are kept
// by the page itself in IndexedDB; the API is never cached here.
"use strict";

var VERSION = "hurtigspor-shell-v1";
var AUDIO_CACHE = "hurtigspor-audio-v1";
var SHELL = [
  "/ov/",
  "/static/practice/practice.css",
  "/static/practice/practice.js",
  "/static/hurtigspor.css",
  "/static/hurtigspor.js",
  "/static/favicon.svg",
  "/static/icons/icon-192.png",
  "/manifest.webmanifest"
];

self.addEventListener("install", function (event) {
  event.waitUntil(
    caches.open(VERSION).then(function (cache) {
      // One by one, so a single failure does not throw the whole shell away.
      return Promise.all(SHELL.map(function (url) {
        return fetch(url, { credentials: "same-origin", redirect: "follow" }).then(function (response) {
          if (response.ok && !response.redirected) { return cache.put(url, response); }
          return null;
        }).catch(function () { return null; });
      }));
    }).then(function () { return self.skipWaiting(); })
  );
});

self.addEventListener("activate", function (event) {
  event.waitUntil(
    caches.keys().then(function (keys) {
      return Promise.all(keys.filter(function (k) {
        return k !== VERSION && k !== AUDIO_CACHE && k.indexOf("hurtigspor-") === 0;
      }).map(function (k) { return caches.delete(k); }));
    }).then(function () { return self.clients.claim(); })
  );
});

function networkFirst(request, cacheKey) {
  return fetch(request).then(function (response) {
    // Only a real practice page (not a redirect to the login page) replaces the cached shell.
    if (response.ok && !response.redirected) {
      var copy = response.clone();
      caches.open(VERSION).then(function (cache) { cache.put(cacheKey, copy); });
    }
    return response;
  }).catch(function () {
    return caches.match(cacheKey).then(function (hit) {
      return hit || new Response("Du er uten nett.", { status: 503, headers: { "Content-Type": "text/plain; charset=utf-8" } });
    });
  });
}

function staleWhileRevalidate(request) {
  return caches.open(VERSION).then(function (cache) {
    return cache.match(request).then(function (hit) {
      var network = fetch(request).then(function (response) {
        if (response.ok) { cache.put(request, response.clone()); }
        return response;
      }).catch(function () { return hit; });
      return hit || network;
    });
  });
}

function cacheFirst(request, cacheName) {
  return caches.open(cacheName).then(function (cache) {
    return cache.match(request).then(function (hit) {
      if (hit) { return hit; }
      return fetch(request).then(function (response) {
        if (response.status === 200) { cache.put(request, response.clone()); }
        return response;
      });
    });
  });
}

self.addEventListener("fetch", function (event) {
  var request = event.request;
  if (request.method !== "GET") { return; }
  var url = new URL(request.url);
  if (url.origin !== self.location.origin) { return; }
  if (url.pathname.indexOf("/api/") === 0) { return; }  // the page handles offline for the API
  if (request.mode === "navigate" && (url.pathname === "/ov/" || url.pathname === "/ov")) {
    event.respondWith(networkFirst(request, "/ov/"));
    return;
  }
  if (url.pathname.indexOf("/audio/") === 0) {
    event.respondWith(cacheFirst(request, AUDIO_CACHE));
    return;
  }
  if (url.pathname.indexOf("/static/") === 0 || url.pathname === "/manifest.webmanifest") {
    event.respondWith(staleWhileRevalidate(request));
  }
});
