#!/usr/bin/env bash
# Install, through apt and only where missing, the system packages reportgen needs:
# CJK fonts for the PDF stand-ins, HarfBuzz's subsetter (fast font embedding),
# Pango (WeasyPrint's text engine), poppler-utils (the tests read PDFs with it; `serve` previews pages
# with pdftoppm) and Chromium (the browser tests of `serve`).
# Idempotent: when everything is present it only runs dpkg-query and exits.
set -euo pipefail

packages=(
  fonts-noto-cjk          # 黑体 / 小标宋 / 仿宋 stand-ins (Noto Sans/Serif CJK SC)
  fonts-lxgw-wenkai       # 楷体 stand-in (LXGW WenKai)
  fonts-arphic-ukai       # 楷体 stand-in (AR PL UKai)
  fonts-liberation2       # Times New Roman / Arial metric-compatible stand-ins
  fonts-crosextra-carlito # Calibri metric-compatible stand-in (Word's default body face)
  fonts-crosextra-caladea # Cambria metric-compatible stand-in
  libharfbuzz-subset0     # without it WeasyPrint subsets CJK fonts with fontTools: 5-8 s a PDF
  libpango-1.0-0 libpangoft2-1.0-0 fontconfig
  poppler-utils           # pdftotext / pdftoppm, used by the tests
  chromium chromium-driver  # headless browser for the tests of `reportgen serve` (tests/test_serve_browser.py)
)

missing=()
for p in "${packages[@]}"; do
  status=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
  [[ "$status" == "install ok installed" ]] || missing+=("$p")
done
if ((${#missing[@]} == 0)); then
  exit 0
fi

echo "reportgen setup: installing system packages: ${missing[*]}"
sudo=()
if [[ $(id -u) -ne 0 ]]; then
  if command -v sudo >/dev/null; then sudo=(sudo); else
    echo "reportgen setup: need root (or sudo) to install: ${missing[*]}" >&2
    exit 1
  fi
fi
export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" apt-get update -qq
"${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
"${sudo[@]}" fc-cache -f >/dev/null 2>&1 || true
