#!/usr/bin/env bash
# Renders the app icon (assets/icons/*.svg) to the hicolor PNG sizes the .deb installs and the
# window icon embeds. Needs rsvg-convert (Debian: librsvg2-bin). The PNGs are committed, so
# building the app or the package does not need this script; run it after editing an SVG.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v rsvg-convert >/dev/null || { echo "needs rsvg-convert (apt-get install librsvg2-bin)" >&2; exit 1; }
src=assets/icons
out=$src/hicolor
for size in 16 24 32 48 64 128 256 512; do
    svg=$src/yibao-checklist.svg
    # Below 32 px the clipboard blurs: the small variant is just the tick.
    ((size < 32)) && svg=$src/yibao-checklist-small.svg
    mkdir -p "$out/${size}x${size}/apps"
    rsvg-convert -w "$size" -h "$size" "$svg" -o "$out/${size}x${size}/apps/yibao-checklist.png"
done
mkdir -p "$out/scalable/apps"
cp "$src/yibao-checklist.svg" "$out/scalable/apps/yibao-checklist.svg"
echo "icons written to $out"
