#!/usr/bin/env bash
# media/icon.png, the extension's icon in the Marketplace and the Extensions view (a 128×128 PNG: vsce takes no SVG),
# drawn from media/docker-lessons.svg, the activity bar's glyph: the same whale and boxes, white on a blue tile.
# Needs rsvg-convert (Debian/Ubuntu: apt-get install librsvg2-bin). Run it again after changing the glyph.
set -euo pipefail
cd "$(dirname "$0")/.."
# The glyph's shapes without its <svg> wrapper (first and last line) and in white; its 24×24 box is scaled to the tile.
shapes=$(sed -e '1d;$d' -e 's/#c5c5c5/#ffffff/g' media/docker-lessons.svg)
rsvg-convert --width 128 --height 128 --format png --output media/icon.png /dev/stdin <<SVG
<svg xmlns="http://www.w3.org/2000/svg" width="128" height="128" viewBox="0 0 128 128">
  <rect width="128" height="128" rx="24" fill="#1d63ed"/>
  <g transform="translate(13.6 14.6) scale(4.2)" fill="none" stroke="#ffffff" stroke-width="1.5" stroke-linejoin="round">
$shapes
  </g>
</svg>
SVG
echo "media/icon.png: $(wc -c <media/icon.png) bytes"
