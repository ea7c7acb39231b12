#!/usr/bin/env bash
# Renders report workbooks to PDF with LibreOffice, as a printer would see them, to look at the pages (landscape, one
# page wide, header rows repeated, charts beside the text). Not a test: a person looks at the result.
#   scripts/render-pdf.sh [WORKBOOK.xlsx ...]     default: the demo's latest day workbook and its month workbooks
# Writes NAME.pdf for each NAME.xlsx under ${LEDGER_RENDER_DIR:-reports/rendered}/ and, with pdftoppm
# (poppler-utils), a PNG per page. Needs LibreOffice (Debian: apt-get install libreoffice-calc-nogui poppler-utils).
set -euo pipefail

usage() { sed -n '2,6p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; }
for argument in "$@"; do
    case "$argument" in -h|--help) usage; exit 0 ;; esac
done

office="$(command -v soffice || command -v libreoffice || true)"
[ -n "$office" ] || { echo "render-pdf: LibreOffice (soffice) is not installed; e.g. apt-get install libreoffice-calc-nogui" >&2; exit 64; }

home="${LEDGER_HOME:-$(pwd)}"
out="${LEDGER_RENDER_DIR:-$home/reports/rendered}"
mkdir -p "$out"

workbooks=("$@")
if [ ${#workbooks[@]} -eq 0 ]; then
    demo="$home/reports/demo"
    latest="$(ls -d "$demo"/[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9] 2>/dev/null | sort | tail -n 1 || true)"
    [ -n "$latest" ] || { echo "render-pdf: no workbook given and no demo reports under $demo (run scripts/demo.sh)" >&2; exit 64; }
    workbooks=("$latest"/gpu-cost-*.xlsx)
    for month in "$demo"/[0-9][0-9][0-9][0-9]-[0-9][0-9]; do
        [ -d "$month" ] && workbooks+=("$month"/gpu-cost-*.xlsx)
    done
fi

# a profile of its own: a LibreOffice already open for the user does not take the conversion over
profile="$(mktemp -d)"
trap 'rm -rf "$profile"' EXIT
for workbook in "${workbooks[@]}"; do
    [ -f "$workbook" ] || { echo "render-pdf: $workbook does not exist" >&2; exit 64; }
    "$office" -env:UserInstallation=file://"$profile" --headless --convert-to pdf --outdir "$out" "$workbook" > /dev/null
    pdf="$out/$(basename "${workbook%.xlsx}").pdf"
    pages="?"
    if command -v pdfinfo > /dev/null; then pages="$(pdfinfo "$pdf" | awk '/^Pages:/ {print $2}')"; fi
    if command -v pdftoppm > /dev/null; then pdftoppm -r 60 -png "$pdf" "${pdf%.pdf}-page"; fi
    echo "render-pdf: $workbook -> $pdf ($pages pages)"
done
