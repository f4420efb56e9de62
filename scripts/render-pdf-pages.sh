#!/usr/bin/env bash
# Review artefacts for the printed sheet: exports a normal, a large, an English and a blank sheet
# with the CLI (bundled data, no user overrides) and converts page 1 of each to PNG in docs/sheets/.
# Needs pdftoppm (poppler-utils). Usage: scripts/render-pdf-pages.sh [DPI]
set -euo pipefail
cd "$(dirname "$0")/.."
DPI="${1:-80}"
OUT=docs/sheets
mkdir -p "$OUT"
TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT
# An empty data folder: no override files and no saved cases change what is printed.
export YIBAO_CHECKLIST_DATA_DIR="$TMP/data"

cargo build -q --bin yibao-checklist
BIN="$(cargo metadata --format-version 1 --no-deps | python3 -c 'import json,sys; print(json.load(sys.stdin)["target_directory"])')/debug/yibao-checklist"

# A typical case: a daughter claims her father's inpatient stay in another region by hand.
ANSWERS=(
  -a scenario=cross_region -a region=national -a insurance=employee -a visit=inpatient
  -a emergency=no -a filed=yes -a settlement=manual -a channel=window -a proxy=yes -a third_party=no
  -d admission_date=2026-10-01 -d discharge_date=2026-10-10 --today 2026-11-22
)

"$BIN" export "${ANSWERS[@]}" --out "$TMP/normal.pdf"
"$BIN" export "${ANSWERS[@]}" --large --out "$TMP/large.pdf"
"$BIN" export "${ANSWERS[@]}" --lang en --out "$TMP/english.pdf"
"$BIN" export "${ANSWERS[@]}" --blank --out "$TMP/blank.pdf"

for name in normal large english blank; do
  pdftoppm -r "$DPI" -png -singlefile -f 1 -l 1 "$TMP/$name.pdf" "$OUT/$name-page1"
  pages="$(pdfinfo "$TMP/$name.pdf" 2>/dev/null | awk '/^Pages:/ {print $2}')"
  size="$(wc -c < "$TMP/$name.pdf")"
  echo "$OUT/$name-page1.png  (${pages:-?} pages, $size bytes)"
done
