// Tilts service worker: caches the app shell (HTML, JS, wasm, CSS, icons) so the app opens
// without a connection. Never caches /graphql or anything personal.
const VERSION = "__TILTS_BUILD__";
const CACHE = "tilts-shell-" + VERSION;
// The app's wasm: its loader fetches it after the first paint, so index.html does not name it.
const WASM = "__TILTS_WASM__";
// The signed-in person's pages, the directory, mentoring, one mentorship, opportunities, a
// founder's applications and the buy-social directory are bundles of their own; their shells are
// cached as "/account", "/mentors", "/mentoring", "/mentorship", "/opportunities",
// "/applications" and "/buy-social".
const MY = ["/account", "/profile"];
const ORG = ["/organisation"];
const POSTING = ["/opportunity/edit", "/opportunity/applicants"];
const BUY_SOCIAL = ["/buy-social"];
const FIND = ["/mentors", "/mentor", "/founders", "/organisations", "/notifications", "/views"];
const MENTORING = ["/mentoring", "/mentoring/request", "/mentoring/offer"];
const MENTORSHIP = ["/mentorship"];
const OPPORTUNITIES = ["/opportunities", "/opportunity"];
const APPLICATIONS = ["/applications"];
const SHELL = ["/", "/account", "/mentors", "/mentoring", "/mentorship", "/opportunities", "/applications", "/buy-social", "/offline.html", "/offline.css", "/manifest.webmanifest", "/icons/icon-192.png"];

self.addEventListener("install", (event) => {
  event.waitUntil((async () => {
    const cache = await caches.open(CACHE);
    await cache.addAll(SHELL);
    // The hashed JS and CSS that the shells name, and the public pages' wasm (the other
    // bundle's wasm is cached when it is first fetched).
    const assets = [];
    for (const shell of ["/", "/account", "/mentors", "/mentoring", "/mentorship", "/opportunities", "/applications", "/buy-social"]) {
      const html = await (await cache.match(shell)).text();
      assets.push(...[...html.matchAll(/(?:href|src)="(\/[^"]+\.(?:js|wasm|css))"/g)].map((m) => m[1]));
    }
    await cache.addAll([...new Set([...assets, WASM])]);
    await self.skipWaiting();
  })());
});

self.addEventListener("activate", (event) => {
  event.waitUntil((async () => {
    const names = await caches.keys();
    await Promise.all(names.filter((n) => n.startsWith("tilts-") && n !== CACHE).map((n) => caches.delete(n)));
    await self.clients.claim();
  })());
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  const url = new URL(request.url);
  // The VPD staff pages and an organisation's pages are work on the network: never cached
  // here, so a founder's phone never fetches their code.
  const staff = url.pathname === "/staff" || url.pathname.startsWith("/staff/") || [...ORG, ...POSTING].includes(url.pathname.replace(/(.)\/$/, "$1"));
  if (request.method !== "GET" || url.origin !== self.location.origin || url.pathname.startsWith("/graphql") || staff) {
    return;
  }
  if (request.mode === "navigate") {
    // Network first, so pages are fresh; offline, the cached shell (the app routes itself).
    // On a very slow connection the cached shell is used after 4 s instead of waiting on.
    event.respondWith((async () => {
      const path = url.pathname.replace(/(.)\/$/, "$1");
      const shell = MY.includes(path) ? "/account"
        : FIND.includes(path) ? "/mentors"
        : MENTORING.includes(path) ? "/mentoring"
        : MENTORSHIP.includes(path) ? "/mentorship"
        : OPPORTUNITIES.includes(path) ? "/opportunities"
        : APPLICATIONS.includes(path) ? "/applications"
        : BUY_SOCIAL.includes(path) ? "/buy-social"
        : "/";
      const cached = async () => {
        const cache = await caches.open(CACHE);
        return (await cache.match(shell)) || (await cache.match("/offline.html"));
      };
      const network = fetch(request);
      const slow = new Promise((resolve) => setTimeout(() => resolve("slow"), 4000));
      try {
        const first = await Promise.race([network, slow]);
        if (first !== "slow") return first;
        return (await cached()) || (await network);
      } catch (_) {
        return (await cached()) || Response.error();
      }
    })());
    return;
  }
  // Static files: cache first (their names change when their content does); hashed files
  // fetched for the first time are kept.
  event.respondWith((async () => {
    const cached = await caches.match(request);
    if (cached) return cached;
    const response = await fetch(request);
    if (response.ok && /-[0-9a-f]{12,16}(_bg)?\.(js|wasm|css)$/.test(url.pathname)) {
      const copy = response.clone();
      event.waitUntil(caches.open(CACHE).then((cache) => cache.put(request, copy)));
    }
    return response;
  })());
});
