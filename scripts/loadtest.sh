#!/usr/bin/env bash
# Load test of "sitrep serve": N synthetic documents (tools/gendocs, built
# from a real corpus's paragraphs, with made-up events), ingested into a
# fresh database, then a filtered event query and a full-text search, each
# REQUESTS requests from CONCURRENCY clients with hey, against loopback only.
# The run is bounded (hey -n) and stops the server itself.
#
#   scripts/loadtest.sh [N] [REQUESTS] [CONCURRENCY]
#   (defaults 100000 5000 50; needs ../shared/data/news/bbc.jsonl and hey:
#    apt-get install hey). With DB=PATH, an existing database is served
#   instead (no generation, no ingest).
set -euo pipefail
N=${1:-100000}
REQ=${2:-5000}
CONC=${3:-50}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
CORPUS=${SITREP_SHARED_DATA:-$ROOT/../shared/data}/news/bbc.jsonl
WORK=$(mktemp -d /tmp/sitrep-load.XXXXXX)
trap 'kill "${SERVER_PID:-}" 2>/dev/null || true; rm -rf "$WORK"' EXIT
command -v hey >/dev/null || { echo "loadtest: hey not installed (apt-get install hey)" >&2; exit 1; }

cd "$ROOT"
go build -o "$WORK/sitrep" ./cmd/sitrep
if [ -z "${DB:-}" ]; then
	DB="$WORK/load.db"
	go build -o "$WORK/gendocs" ./tools/gendocs
	"$WORK/gendocs" -n "$N" -corpus "$CORPUS" > "$WORK/docs.jsonl"
	start=$(date +%s.%N)
	"$WORK/sitrep" ingest --quiet --db "$DB" "$WORK/docs.jsonl"
	end=$(date +%s.%N)
	echo "ingest: $N documents in $(echo "$end - $start" | bc) s ($(echo "$N / ($end - $start)" | bc) docs/s)"
fi

PORT=$((20000 + RANDOM % 20000))
"$WORK/sitrep" serve --db "$DB" --addr "127.0.0.1:$PORT" 2>"$WORK/serve.log" &
SERVER_PID=$!
for _ in $(seq 50); do
	curl -fsS "http://127.0.0.1:$PORT/api/stats" >/dev/null 2>&1 && break
	sleep 0.2
done
curl -fsS "http://127.0.0.1:$PORT/api/stats"; echo

run() { # name path
	echo "== $1: $2"
	hey -n "$REQ" -c "$CONC" -t 20 "http://127.0.0.1:$PORT$2" | grep -E "Requests/sec|Average|50%|90%|99%|\[[0-9]+\]" || true
}
run "filtered event query" "/api/events?source=IRN&code=19&from=2024-01-01&limit=50"
run "event query by target and PLOVER type" "/api/events?target=SYR&plover=ASSAULT,COERCE&limit=50"
run "full-text search" "/api/documents?text=oil%20prices&limit=20"
run "full-text phrase search" "/api/documents?text=%22prime%20minister%22&limit=20"
run "full-text search, newest first" "/api/documents?text=oil%20prices&sort=newest&limit=20"
