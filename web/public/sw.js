// Service worker: the field app keeps working with no signal.
// - the app shell (index.html and hashed assets) is served from cache, refreshed in the background;
// - region data and boundaries (GET /api/regions…, /api/geo…, /api/settings…) are network-first with a
//   cached fallback, so a township worker's own area still draws offline;
// - writes are never cached here: forms queue them in IndexedDB with their Idempotency-Key.
const SHELL = 'relief-shell-v1';
const DATA = 'relief-data-v1';
const CACHEABLE_API = [/^\/api\/regions/, /^\/api\/geo\//, /^\/api\/settings\//, /^\/api\/items$/, /^\/api\/auth\/me$/];

self.addEventListener('install', (event) => {
  event.waitUntil(caches.open(SHELL).then((c) => c.addAll(['/', '/manifest.webmanifest', '/icon.svg'])).then(() => self.skipWaiting()));
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches.keys()
      .then((keys) => Promise.all(keys.filter((k) => k !== SHELL && k !== DATA).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener('message', (event) => {
  // Signing out forgets the cached data of the previous user.
  if (event.data === 'clear-data') event.waitUntil(caches.delete(DATA));
});

async function networkFirst(request, cacheName) {
  const cache = await caches.open(cacheName);
  try {
    const response = await fetch(request);
    if (response.ok) cache.put(request, response.clone());
    return response;
  } catch (err) {
    const cached = await cache.match(request);
    if (cached) return cached;
    throw err;
  }
}

async function cacheFirst(request) {
  const cache = await caches.open(SHELL);
  const cached = await cache.match(request);
  const refresh = fetch(request).then((r) => (r.ok && cache.put(request, r.clone()), r)).catch(() => undefined);
  return cached ?? (await refresh) ?? Response.error();
}

self.addEventListener('fetch', (event) => {
  const { request } = event;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (request.mode === 'navigate') {
    // Any page of the single-page app is index.html.
    event.respondWith(fetch(request).catch(() => caches.match('/', { ignoreSearch: true })));
  } else if (url.pathname.startsWith('/assets/') || url.pathname === '/icon.svg' || url.pathname === '/manifest.webmanifest') {
    event.respondWith(cacheFirst(request));
  } else if (CACHEABLE_API.some((re) => re.test(url.pathname))) {
    event.respondWith(networkFirst(request, DATA));
  }
});
