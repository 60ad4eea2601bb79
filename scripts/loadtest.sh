#!/usr/bin/env bash
# Load test of "sitrep serve" on loopback with wrk (apt-get install wrk).
#
#   scripts/loadtest.sh [N] [SECONDS] [CONCURRENCY]
#   (defaults 100000 20 50)
#
# Database: N synthetic documents (tools/gendocs: paragraphs of the BBC
# corpus, made-up actors, places and CAMEO events over two years), ingested
# once. With DB=PATH the database at PATH is reused when it exists, else
# generated there and kept (e.g. DB=/tmp/store-load/load.db); without DB a
# temporary one is built and removed. The database is migrated to the
# current schema first (timed).
#
# Load shape: for each query shape, CONCURRENCY closed-loop clients (wrk
# connections, 2 threads) send requests for SECONDS; each request is a path
# drawn uniformly at random from 300 distinct paths of that shape
# (tools/gendocs -queries, seeded: the same lists every run):
#   events  filtered event queries: source prefix + root + since a day;
#           target + two PLOVER types; an actor pair; a root in a date
#           range; a PLOVER type + source (limit 50)
#   text    full-text search by relevance, one or two words drawn from the
#           corpus vocabulary (words in 0.5-15% of its articles; limit 20)
#   newest  the same kind of terms, sort=newest
#   phrase  a two-word phrase seen at least 5 times in the corpus
# Each shape runs twice: on a server without the response cache (every
# request is a database query) and on one with it (64 MiB, emptied by any
# write: with 300 paths a run's first ~300 requests miss, the rest hit).
# Printed per run: requests, req/s, latency p50/p90/p99/max, errors, the
# server's CPU time per request (from /proc) and the load average before
# the run. The machine's load (other jobs) is printed too: on a shared
# machine latency figures depend on it.
set -euo pipefail
N=${1:-100000}
SECS=${2:-20}
CONC=${3:-50}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
CORPUS=${SITREP_SHARED_DATA:-$ROOT/../shared/data}/news/bbc.jsonl
WORK=$(mktemp -d /tmp/sitrep-load.XXXXXX)
trap 'kill "${SERVER_PID:-}" 2>/dev/null || true; rm -rf "$WORK"' EXIT
command -v wrk >/dev/null || { echo "loadtest: wrk not installed (apt-get install wrk)" >&2; exit 1; }

cd "$ROOT"
go build -o "$WORK/sitrep" ./cmd/sitrep
go build -o "$WORK/gendocs" ./tools/gendocs
echo "machine: $(nproc) cores, $(uname -sr), go $(go env GOVERSION), commit $(git rev-parse --short HEAD 2>/dev/null || echo ?)"
DB=${DB:-$WORK/load.db}
if [ ! -f "$DB" ]; then
	mkdir -p "$(dirname "$DB")"
	"$WORK/gendocs" -n "$N" -corpus "$CORPUS" > "$WORK/docs.jsonl"
	start=$(date +%s.%N)
	"$WORK/sitrep" ingest --quiet --db "$DB" "$WORK/docs.jsonl"
	end=$(date +%s.%N)
	echo "ingest: $N documents in $(echo "$end - $start" | bc) s ($(echo "$N / ($end - $start)" | bc) docs/s)"
	rm -f "$WORK/docs.jsonl"
fi
: > "$WORK/empty.jsonl"
start=$(date +%s.%N)
"$WORK/sitrep" ingest --quiet --db "$DB" "$WORK/empty.jsonl"
echo "open for writing (schema migration if any): $(echo "$(date +%s.%N) - $start" | bc) s"
"$WORK/gendocs" -queries "$WORK/q" -corpus "$CORPUS" -nq 300

PORT=$((20000 + RANDOM % 20000))
TICK=$(getconf CLK_TCK)
cpu_ticks() { awk '{print $14 + $15}' "/proc/$SERVER_PID/stat"; }

start_server() { # cache-mb
	"$WORK/sitrep" serve --db "$DB" --addr "127.0.0.1:$PORT" --cache-mb "$1" 2>>"$WORK/serve.log" &
	SERVER_PID=$!
	for _ in $(seq 100); do
		curl -fsS "http://127.0.0.1:$PORT/api/stats" >/dev/null 2>&1 && return
		sleep 0.2
	done
	echo "loadtest: server did not start" >&2
	cat "$WORK/serve.log" >&2
	exit 1
}

stop_server() {
	kill -TERM "$SERVER_PID"
	wait "$SERVER_PID" 2>/dev/null || true
	grep -o 'msg=stopped.*' "$WORK/serve.log" | tail -1 | sed 's/^/  server: /'
	SERVER_PID=
}

run() { # shape
	local load before after res reqs
	load=$(cut -d' ' -f1-3 /proc/loadavg)
	before=$(cpu_ticks)
	res=$(PATHS="$WORK/q/$1.txt" wrk -t2 -c"$CONC" -d"${SECS}s" --timeout 20s -s "$ROOT/scripts/loadtest.lua" "http://127.0.0.1:$PORT" | grep '^RESULT')
	after=$(cpu_ticks)
	reqs=$(echo "$res" | sed 's/.*requests=\([0-9]*\).*/\1/')
	printf '%-7s %s server_cpu_ms_per_req=%s loadavg_before=%s\n' "$1" "${res#RESULT }" \
		"$(echo "scale=3; ($after - $before) * 1000 / $TICK / $reqs" | bc)" "${load// //}"
}

echo "database: $DB ($(du -h "$DB" | cut -f1))"
for cache in 0 64; do
	start_server "$cache"
	[ "$cache" = 0 ] && curl -fsS "http://127.0.0.1:$PORT/api/stats" && echo
	echo "== ${CONC} clients, ${SECS} s per shape, response cache: $([ "$cache" = 0 ] && echo off || echo "$cache MiB")"
	for shape in events text newest phrase; do
		run "$shape"
	done
	stop_server
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
