#!/usr/bin/env bash
# Photographs the 2022 digest of ../shared/corpus with headless Chromium (Debian's package):
# its cover, one appendix chapter (Promotions) and the KEP index, into docs/.
set -euo pipefail
BIN=${BIN:-.build/release/lwkdconv}
SHARED=${SHARED:-$( [ -d ../shared ] && echo ../shared || echo ../../shared )}
[ -d "$SHARED/corpus/_posts" ] || { echo "digest-pictures: $SHARED/corpus not found; skipped"; exit 0; }
CHROMIUM=$(command -v chromium || command -v chromium-browser || true)
[ -n "$CHROMIUM" ] || { echo "digest-pictures: chromium not found (apt-get install -y chromium)" >&2; exit 2; }
OUT=.build/digest-pictures
rm -rf "$OUT" && mkdir -p "$OUT" docs
"$BIN" digest "$SHARED/corpus" --year 2022 --resource-path "$SHARED/corpus" -q -o "$OUT/lwkd-2022.epub"
(cd "$OUT" && unzip -q lwkd-2022.epub -d book)
# The appendix chapter whose <h1> is the title given.
chapter() { grep -l "epub:type=\"appendix\"" "$OUT"/book/EPUB/chapter-*.xhtml | xargs grep -l ">$1</h1>" | head -1; }
shoot() { # file width height picture
  "$CHROMIUM" --headless --no-sandbox --disable-gpu --hide-scrollbars --force-device-scale-factor=1 \
    --allow-file-access-from-files --window-size="$2,$3" --screenshot="$(pwd)/$4" "file://$(realpath "$1")" >/dev/null 2>&1
  echo "  $4 ($2×$3)"
}
shoot "$OUT/book/EPUB/cover.xhtml" 400 640 docs/digest-cover.png
shoot "$(chapter Promotions)" 640 900 docs/digest-appendix.png
shoot "$(chapter 'KEP index')" 640 900 docs/digest-kep-index.png
