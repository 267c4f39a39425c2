// Earshot service worker (go-app ServiceWorkerTemplate). go-app's default
// answers every request cache-first, audio and Range requests included; this
// one caches the app shell only, and lets everything else go to the network
// untouched: media, /api/, /demo/, the embed, and other origins.
const cacheName = "earshot-{{.Version}}";
const resourcesToCache = {{.ResourcesToCache}};

self.addEventListener("install", (event) => {
  event.waitUntil(
    caches.open(cacheName)
      .then((cache) => cache.addAll(resourcesToCache))
      .then(() => self.skipWaiting())
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches.keys()
      .then((keys) => Promise.all(keys.filter((k) => k !== cacheName).map((k) => caches.delete(k))))
      .then(() => self.clients.claim())
  );
});

function bypass(request, url) {
  return request.method !== "GET" ||
    url.origin !== self.location.origin ||
    request.headers.has("range") ||
    request.destination === "audio" || request.destination === "video" ||
    url.pathname.startsWith("/api/") ||
    url.pathname.startsWith("/demo/") ||
    url.pathname.startsWith("/embed") ||
    url.pathname.startsWith("/oembed");
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (bypass(request, url)) return;
  if (request.mode === "navigate") {
    // Pages: fresh from the network, the cached shell when offline.
    event.respondWith(fetch(request).catch(() =>
      caches.match(request).then((r) => r || caches.match("/"))));
    return;
  }
  if (resourcesToCache.includes(url.pathname)) {
    event.respondWith(caches.match(request).then((r) => r || fetch(request)));
  }
});
