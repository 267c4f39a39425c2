// Earshot service worker (go-app ServiceWorkerTemplate). go-app's default
// answers every request cache-first, audio and Range requests included; this
// one answers an allowlist and lets everything else go to the network
// untouched: media, Range requests, the embed, /demo/, other origins, POST.
//
//   app shell (precached)      cache first, one cache per app version
//   our pages (navigations)    network first (3 s), else the cached page, else "/"
//   /api/feed, episode, transcript   stale-while-revalidate, kept across versions
//
// Pages go in a versioned cache because they name the hashed assets of their
// version; API data does not, so an app update keeps a listener's shows.
const shellCache = "earshot-{{.Version}}"; // app/update.go looks for this name
const pageCache = "earshot-pages-{{.Version}}";
const dataCache = "earshot-data-v1";
// Episodes downloaded for offline listening (the player stores and plays
// them itself, from a blob URL); never touched here, never deleted here.
const audioCache = "earshot-audio-v1";
const resourcesToCache = {{.ResourcesToCache}};

const pages = ["/", "/show", "/episode", "/library"]; // not /embed: it lives in other sites' partitions
const data = ["/api/feed", "/api/episode", "/api/transcript"];
const navigationTimeout = 3000; // ms before a slow network loses to the cached page
const maxEntries = 300; // per page or data cache; the oldest go first

self.addEventListener("install", (event) => {
  event.waitUntil(
    caches.open(shellCache)
      .then((cache) => cache.addAll(resourcesToCache))
      .then(() => self.skipWaiting())
  );
});

// Old versions' shell and page caches go; data and downloads stay.
self.addEventListener("activate", (event) => {
  const keep = [shellCache, pageCache, dataCache, audioCache];
  event.waitUntil(
    caches.keys()
      .then((keys) => Promise.all(keys
        .filter((k) => !keep.includes(k) && !k.startsWith("earshot-audio-"))
        .map((k) => caches.delete(k))))
      .then(() => self.clients.claim())
  );
});

// downloads mirrors the keys of the audio cache, so that fetch can decide
// synchronously (it must) to leave a downloaded episode alone. The player
// posts "earshot:downloads" after adding or deleting one.
let downloads = new Set();
function loadDownloads() {
  return caches.open(audioCache).then((c) => c.keys())
    .then((reqs) => { downloads = new Set(reqs.map((r) => r.url)); });
}
loadDownloads();
self.addEventListener("message", (event) => {
  if (event.data === "earshot:downloads") event.waitUntil(loadDownloads());
});

function bypass(request, url) {
  return request.method !== "GET" ||
    url.origin !== self.location.origin ||
    request.headers.has("range") ||
    request.destination === "audio" || request.destination === "video" ||
    downloads.has(url.href) ||
    url.pathname.startsWith("/demo/") ||
    url.pathname.startsWith("/embed") ||
    url.pathname.startsWith("/oembed");
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (bypass(request, url)) return;
  if (request.mode === "navigate") {
    if (pages.includes(url.pathname)) networkFirst(event);
    return;
  }
  if (data.includes(url.pathname)) {
    staleWhileRevalidate(event);
    return;
  }
  if (resourcesToCache.includes(url.pathname)) {
    event.respondWith(caches.match(request).then((r) => r || fetch(request)));
  }
});

// networkFirst answers a page from the network, keeping a copy; when the
// network fails or is slower than navigationTimeout, from that copy, or the
// cached "/" shell (the wasm then reads its data from the data cache).
function networkFirst(event) {
  const request = event.request;
  const network = fetchAndKeep(event, pageCache);
  const slow = new Promise((_, reject) => setTimeout(() => reject(new Error("slow network")), navigationTimeout));
  event.respondWith(Promise.race([network, slow]).catch(() =>
    caches.open(pageCache).then((c) => c.match(request))
      .then((r) => r || caches.open(shellCache).then((c) => c.match("/")))
      .then((r) => r || network))); // nothing cached: wait for the network after all
}

// staleWhileRevalidate answers API data from the data cache when it has it
// and refreshes the copy from the network either way.
function staleWhileRevalidate(event) {
  const network = fetchAndKeep(event, dataCache);
  event.respondWith(caches.open(dataCache).then((c) => c.match(event.request)).then((r) => r || network));
}

// fetchAndKeep fetches the event's request and stores a copy of a successful
// answer in the cache named name, without holding the answer back meanwhile.
// Errors are never kept, nor redirects (one cannot answer a navigation).
function fetchAndKeep(event, name) {
  let stored;
  const network = fetch(event.request).then((res) => {
    if (res.ok && !res.redirected) stored = put(name, event.request, res.clone());
    return res;
  });
  event.waitUntil(network.then(() => stored, () => {}).catch(() => {}));
  return network;
}

// put stores res and trims the cache to maxEntries (keys are in insertion
// order, and put re-inserts, so the least recently refreshed go first).
async function put(name, request, res) {
  const cache = await caches.open(name);
  await cache.put(request, res);
  const keys = await cache.keys();
  await Promise.all(keys.slice(0, Math.max(0, keys.length - maxEntries)).map((k) => cache.delete(k)));
}
