#!/usr/bin/env bash
# Screenshots of the sample site at desktop and phone widths, for docs/dev/screenshots/.
# Needs Debian's chromium and fonts-noto-cjk (installed by .ci/run).
source "$(dirname "${BASH_SOURCE[0]}")/_env.sh" dev
OUT="${1:-docs/dev/screenshots}"
SITE="$(mktemp -d)"
catalogue build --site-dir "$SITE" --as-of 2026-11-23 >/dev/null 2>&1
mkdir -p "$OUT"
PORT="$(python -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
python -m http.server "$PORT" --bind 127.0.0.1 --directory "$SITE" >/dev/null 2>&1 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null; rm -rf "$SITE"' EXIT
sleep 1
shot() {  # name path width height
  chromium --headless --no-sandbox --disable-gpu --disable-background-networking --disable-component-update \
    --disable-sync --no-first-run --hide-scrollbars --window-size="$3,$4" \
    --screenshot="$OUT/$1.png" "http://127.0.0.1:$PORT/$2" >/dev/null 2>&1
}
for spec in "home|" "record|records/015200371_2024-00006/" "amended|records/015200371_2020-00003/" \
            "list|lists/policies/" "fiscal|records/015200371_2026-00002/"; do
  name="${spec%%|*}"; path="${spec#*|}"
  shot "$name-desktop" "$path" 1280 1400
  shot "$name-phone" "$path" 390 1200
done
echo "screenshots in $OUT"
