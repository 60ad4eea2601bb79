#!/usr/bin/env bash
# Rebuilds the committed third-party asset of the web UI: the country
# outlines (TopoJSON, Natural Earth 1:110m) of the npm package world-atlas.
# The UI itself is plain JavaScript with no build step; go build embeds
# this directory as it is.
set -euo pipefail
cd "$(dirname "$0")"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
(cd "$tmp" && npm pack --silent world-atlas@2.0.2 >/dev/null && tar xzf world-atlas-2.0.2.tgz)
cp "$tmp/package/countries-110m.json" countries-110m.json
cp "$tmp/package/LICENSE" world-atlas.LICENSE
echo "updated countries-110m.json from world-atlas@2.0.2"
