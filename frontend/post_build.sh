#!/bin/sh
# Trunk post-build hook: stamps the service worker with a build id (so browsers pick up a new
# version and drop old caches) and writes .br/.gz twins of text and wasm files for the server.
set -eu
dir="${TRUNK_STAGING_DIR:?}"
# Trunk writes the wasm loader as an inline module script; the Content-Security-Policy allows
# no inline script, so a loader of our own replaces it, in a file named after its content like
# Trunk's files. It waits until the server's first paint (heading, introduction, plain links) is
# on screen, or one frame where paint timing is missing, and only then loads the app: the wasm
# is not preloaded, so it does not compete with that paint on a slow line, and the app, which
# paints the same heading and introduction in the same place, never becomes a later largest
# contentful paint. If the JS or wasm cannot be fetched or the app throws, it shows the page's
# hidden "did not load" message, whose "Try again" link reloads the page (keeping the #token
# of an e-mail link).
index="$dir/index.html"
loader=$(awk '/<script type="module">/{f=1;next} f&&/<\/script>/{f=0;next} f' "$index")
js=''
wasm=''
if [ -n "$loader" ]; then
  js=$(printf '%s\n' "$loader" | sed -n "s|^import init, \* as bindings from '\(/[^']*\.js\)';$|\1|p")
  wasm=$(printf '%s\n' "$loader" | sed -n "s|.*module_or_path: '\(/[^']*\.wasm\)'.*|\1|p")
  if [ -z "$js" ] || [ -z "$wasm" ]; then
    echo "post_build.sh: Trunk's loader has changed; cannot find its JS and wasm in:" >&2
    printf '%s\n' "$loader" >&2
    exit 1
  fi
  # Minified: f shows the failure, s starts the app once.
  boot=$(cat <<JS
const f=()=>{const m=document.getElementById('boot-failed');if(m){m.hidden=!1;m.querySelector('a').onclick=e=>{e.preventDefault();location.reload()}}};
let p;const s=()=>p||=import('$js').then(b=>b.default({module_or_path:'$wasm'}).then(()=>{window.wasmBindings=b})).catch(f);
window.PerformanceObserver?.supportedEntryTypes?.includes('paint')?new PerformanceObserver(l=>l.getEntriesByName('first-contentful-paint').length&&s()).observe({type:'paint',buffered:!0}):requestAnimationFrame(()=>setTimeout(s))
JS
)
  name="boot-$(printf '%s\n' "$boot" | sha256sum | cut -c1-16).js"
  printf '%s\n' "$boot" > "$dir/$name"
  # Served beside the app's JS: under / for the phone app, under /staff/ for the staff pages.
  prefix="${js%/*}/"
  awk -v tag="<script type=\"module\" src=\"$prefix$name\"></script>" \
    '/<script type="module">/{f=1;print tag;next} f&&/<\/script>/{f=0;next} !f' "$index" |
    sed 's|<link rel="preload" href="/[^"]*\.wasm"[^>]*>||' > "$index.tmp"
  mv "$index.tmp" "$index"
fi
if [ -z "$wasm" ] || grep -q '\.wasm"' "$index"; then
  echo "post_build.sh: no wasm loader found, or index.html still preloads the wasm" >&2
  exit 1
fi
# The staff bundle has no service worker.
[ -f "$dir/sw.js" ] && sed -i "s|__TILTS_WASM__|$wasm|" "$dir/sw.js"
if grep -q '<script>' "$index" || grep -q '<script type="module">' "$index"; then
  echo "post_build.sh: index.html still has an inline script" >&2
  exit 1
fi
# Every file but the worker itself: any change to the shell makes a new cache.
build=$(find "$dir" -type f ! -name sw.js ! -name '*.br' ! -name '*.gz' | sort | xargs cat | sha256sum | cut -c1-16)
[ -f "$dir/sw.js" ] && sed -i "s/__TILTS_BUILD__/$build/" "$dir/sw.js"
for f in "$dir"/*.html "$dir"/*.js "$dir"/*.wasm "$dir"/*.css "$dir"/*.webmanifest; do
  [ -f "$f" ] || continue
  gzip -9 -k -f -n "$f"
  if command -v brotli >/dev/null 2>&1; then brotli -q 11 -k -f "$f"; fi
done
