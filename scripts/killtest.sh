#!/usr/bin/env bash
# Crash test of "sitrep ingest": kills it with SIGKILL at random moments
# ROUNDS times in a row while it ingests INPUT (default: the BBC corpus),
# and after each kill checks that the database passes PRAGMA
# integrity_check ("sitrep stats --check") and that the
# number of stored documents never went down; a last run must complete
# the input. The same test runs in CI as TestIngestSurvivesSIGKILL.
#
#   scripts/killtest.sh [INPUT.jsonl] [ROUNDS]
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
INPUT=${1:-${SITREP_SHARED_DATA:-$ROOT/../shared/data}/news/bbc.jsonl}
ROUNDS=${2:-20}
WORK=$(mktemp -d /tmp/sitrep-kill.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
cd "$ROOT"
go build -o "$WORK/sitrep" ./cmd/sitrep
DB="$WORK/kill.db"
prev=0
for round in $(seq "$ROUNDS"); do
	"$WORK/sitrep" ingest --quiet --db "$DB" "$INPUT" &
	pid=$!
	# Kill after this run has committed something (or finished), at a
	# random moment up to 0.6 s later: mid-batch, mid-commit, mid-merge.
	for _ in $(seq 150); do
		kill -0 "$pid" 2>/dev/null || break
		if [ -f "$DB" ]; then
			n=$("$WORK/sitrep" stats --db "$DB" 2>/dev/null | sed -n 's/^documents=\([0-9]*\).*/\1/p')
			[ "${n:-0}" -gt "$prev" ] && break
		fi
		sleep 0.2
	done
	sleep "0.$((RANDOM % 7))"
	kill -KILL "$pid" 2>/dev/null || true
	wait "$pid" 2>/dev/null || true
	[ -f "$DB" ] || continue
	out=$("$WORK/sitrep" stats --check --db "$DB")
	n=$(echo "$out" | sed -n 's/^documents=\([0-9]*\).*/\1/p')
	echo "round $round: $out"
	if [ "$n" -lt "$prev" ]; then echo "FAIL: documents went down from $prev to $n" >&2; exit 1; fi
	prev=$n
done
"$WORK/sitrep" ingest --quiet --db "$DB" "$INPUT"
echo "final: $("$WORK/sitrep" stats --check --db "$DB")"
