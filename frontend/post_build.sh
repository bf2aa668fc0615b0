#!/bin/sh
# Trunk post-build hook: stamps the service worker with a build id (so browsers pick up a new
# version and drop old caches) and writes .br/.gz twins of text and wasm files for the server.
set -eu
dir="${TRUNK_STAGING_DIR:?}"
# Trunk writes the wasm loader as an inline module script; the Content-Security-Policy allows
# no inline script, so it moves into its own file, named after its content like Trunk's files.
index="$dir/index.html"
loader=$(awk '/<script type="module">/{f=1;next} f&&/<\/script>/{f=0;next} f' "$index")
if [ -n "$loader" ]; then
  name="boot-$(printf '%s\n' "$loader" | sha256sum | cut -c1-16).js"
  printf '%s\n' "$loader" > "$dir/$name"
  awk -v tag="<script type=\"module\" src=\"/$name\"></script>" \
    '/<script type="module">/{f=1;print tag;next} f&&/<\/script>/{f=0;next} !f' "$index" > "$index.tmp"
  mv "$index.tmp" "$index"
fi
if grep -q '<script>' "$index" || grep -q '<script type="module">' "$index"; then
  echo "post_build.sh: index.html still has an inline script" >&2
  exit 1
fi
# Every file but the worker itself: any change to the shell makes a new cache.
build=$(find "$dir" -type f ! -name sw.js ! -name '*.br' ! -name '*.gz' | sort | xargs cat | sha256sum | cut -c1-16)
sed -i "s/__TILTS_BUILD__/$build/" "$dir/sw.js"
for f in "$dir"/*.html "$dir"/*.js "$dir"/*.wasm "$dir"/*.css "$dir"/*.webmanifest; do
  [ -f "$f" ] || continue
  gzip -9 -k -f -n "$f"
  if command -v brotli >/dev/null 2>&1; then brotli -q 11 -k -f "$f"; fi
done
