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
