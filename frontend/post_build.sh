#!/bin/sh
# Trunk post-build hook: stamps the service worker with a build id (so browsers pick up a new
# version and drop old caches) and writes .br/.gz twins of text and wasm files for the server.
set -eu
dir="${TRUNK_STAGING_DIR:?}"
# Every file but the worker itself: any change to the shell makes a new cache.
build=$(find "$dir" -type f ! -name sw.js ! -name '*.br' ! -name '*.gz' | sort | xargs cat | sha256sum | cut -c1-16)
sed -i "s/__TILTS_BUILD__/$build/" "$dir/sw.js"
for f in "$dir"/*.html "$dir"/*.js "$dir"/*.wasm "$dir"/*.css "$dir"/*.webmanifest; do
  [ -f "$f" ] || continue
  gzip -9 -k -f -n "$f"
  if command -v brotli >/dev/null 2>&1; then brotli -q 11 -k -f "$f"; fi
done
