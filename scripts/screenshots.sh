#!/usr/bin/env bash
# Renders samples/2026-07-30-email-sample.md as an lwkd-themed e-mail and photographs it with
# headless Chromium (Debian's package) at 600 px and 375 px wide, into docs/.
# Remote images are served from ../shared/corpus when it exists (the site's own files), so
# the pictures show the logo without network access.
set -euo pipefail
BIN=${BIN:-.build/release/lwkdconv}
SHARED=${SHARED:-$( [ -d ../shared ] && echo ../shared || echo ../../shared )}
OUT=.build/screenshots
mkdir -p "$OUT" docs
CHROMIUM=$(command -v chromium || command -v chromium-browser || true)
[ -n "$CHROMIUM" ] || { echo "screenshots: chromium not found (apt-get install -y chromium)" >&2; exit 2; }
args=(samples/2026-07-30-email-sample.md --to html-email --theme lwkd -q
      --unsubscribe-url https://lwkd.info/unsubscribe -o "$OUT/sample.html")
if [ -d "$SHARED/corpus/images" ]; then
  site="file://$(cd "$SHARED/corpus" && pwd)"
  args+=(--base-url "$site" -V "logo_url=$site/images/logo.png")
fi
"$BIN" "${args[@]}"
page="file://$(pwd)/$OUT/sample.html"
shoot() { # width height file
  "$CHROMIUM" --headless --no-sandbox --disable-gpu --hide-scrollbars --force-device-scale-factor=1 \
    --allow-file-access-from-files --window-size="$1,$2" --screenshot="$(pwd)/$3" "$page" >/dev/null 2>&1
  echo "  $3 ($1 px wide)"
}
shoot 600 1540 docs/email-600.png
shoot 375 1650 docs/email-375.png

# The post's web page (--to html), its images read from samples/.
"$BIN" samples/2026-08-20-update.md --to html -q --base-url "file://$(pwd)/samples" -o "$OUT/web.html"
page="file://$(pwd)/$OUT/web.html"
shoot 1000 1180 docs/web-page.png

# The preview page: `lwkdconv preview` on the sample post, photographed once it has rendered.
log="$OUT/preview.log"
# The site's own files (the logo) are served to the framed e-mail from ../shared when it exists.
resources=(--resource-path samples)
[ -d "$SHARED/corpus/images" ] && resources+=(--resource-path "$SHARED/corpus")
"$BIN" preview samples/2026-08-20-update.md --theme lwkd "${resources[@]}" 2>"$log" &
preview=$!
trap 'kill -INT $preview 2>/dev/null || true' EXIT
for _ in $(seq 100); do grep -q 'at http://127.0.0.1:' "$log" && break; sleep 0.1; done
page=$(grep -o 'http://127.0.0.1:[0-9]*/' "$log" | head -1)
[ -n "$page" ] || { echo "screenshots: preview did not start: $(cat "$log")" >&2; exit 1; }
shoot 1400 2200 docs/preview.png
kill -INT $preview; wait $preview || true
trap - EXIT
