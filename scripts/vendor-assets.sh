#!/usr/bin/env bash
# Refresh the vendored front-end assets from npm (pinned in package.json / package-lock.json).
# Only maintainers run this; the copies are committed so a fresh clone needs no npm.
set -euo pipefail
cd "$(dirname "$0")/.."
npm ci --silent --no-audit --no-fund
dest=safer/core/static/vendor
rm -rf "$dest" && mkdir -p "$dest/govuk-frontend" "$dest/htmx" "$dest/leaflet" "$dest/leaflet.markercluster"
gf=node_modules/govuk-frontend/dist/govuk
cp "$gf/govuk-frontend.min.css" "$gf/govuk-frontend.min.js" "$dest/govuk-frontend/"
cp -r "$gf/assets" "$dest/govuk-frontend/assets"
cp node_modules/govuk-frontend/LICENSE.txt "$dest/govuk-frontend/" 2>/dev/null || true
cp node_modules/htmx.org/dist/htmx.min.js "$dest/htmx/"
cp node_modules/htmx.org/LICENSE "$dest/htmx/" 2>/dev/null || true
cp -r node_modules/leaflet/dist/leaflet.js node_modules/leaflet/dist/leaflet.css node_modules/leaflet/dist/images "$dest/leaflet/"
cp node_modules/leaflet/LICENSE "$dest/leaflet/" 2>/dev/null || true
cp node_modules/leaflet.markercluster/dist/leaflet.markercluster.js node_modules/leaflet.markercluster/dist/MarkerCluster.css node_modules/leaflet.markercluster/dist/MarkerCluster.Default.css "$dest/leaflet.markercluster/"
# DejaVu Sans for PDFs (letters, plans): every letter of English and Welsh (safer/core/pdf.py).
mkdir -p safer/core/fonts
cp node_modules/dejavu-fonts-ttf/ttf/DejaVuSans.ttf node_modules/dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf safer/core/fonts/
cp node_modules/dejavu-fonts-ttf/LICENSE safer/core/fonts/LICENSE-DejaVu.txt
# axe-core is for the browser tests only.
mkdir -p safer/core/tests/browser
cp node_modules/axe-core/axe.min.js safer/core/tests/browser/axe.min.js
# govuk-frontend's CSS refers to /assets/; rewrite to the vendored path served by whitenoise.
sed -i 's#url(/assets/#url(/static/vendor/govuk-frontend/assets/#g' "$dest/govuk-frontend/govuk-frontend.min.css"
# The GDS Transport typeface is licensed for GOV.UK services only: drop it, the CSS falls back to Arial.
python3 -c "import re,sys; p=sys.argv[1]; s=open(p).read(); open(p,'w').write(re.sub(r'@font-face\{[^}]*\}', '', s))" "$dest/govuk-frontend/govuk-frontend.min.css"
rm -rf "$dest/govuk-frontend/assets/fonts"
echo "Vendored: govuk-frontend $(node -p "require('govuk-frontend/package.json').version"), htmx $(node -p "require('htmx.org/package.json').version"), leaflet $(node -p "require('leaflet/package.json').version")"
