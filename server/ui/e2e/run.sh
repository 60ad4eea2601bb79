#!/usr/bin/env bash
# Runs the browser test of the web UI: builds sitrep, ingests synthetic
# documents made from corpus.jsonl (our own sentences), serves them on
# loopback and runs e2e.mjs with Playwright and Debian's Chromium.
# Needs: node, npm, chromium (apt-get install chromium).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../../.." && pwd)
work=$(mktemp -d /tmp/sitrep-e2e.XXXXXX)
trap 'kill "${pid:-}" 2>/dev/null || true; rm -rf "$work"' EXIT
cd "$root"
go build -o "$work/sitrep" ./cmd/sitrep
go run ./tools/gendocs -n 300 -unique 60 -corpus "$here/corpus.jsonl" > "$work/docs.jsonl"
"$work/sitrep" ingest --quiet --db "$work/e2e.db" "$work/docs.jsonl"
port=$((30000 + RANDOM % 20000))
"$work/sitrep" serve --db "$work/e2e.db" --addr "127.0.0.1:$port" 2>"$work/serve.log" &
pid=$!
for _ in $(seq 50); do curl -fsS "http://127.0.0.1:$port/api/stats" >/dev/null 2>&1 && break; sleep 0.2; done
cd "$here"
[ -d node_modules/playwright-core ] || npm ci --no-audit --no-fund --silent
SITREP_URL="http://127.0.0.1:$port" node e2e.mjs
