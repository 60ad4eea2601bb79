#!/usr/bin/env bash
# NER benchmark: sitrep against the peers a user would pick instead, on the
# same CoNLL-2003 test data in one run. Prints F1 and tokens/s side by side.
#
# usage: bench/run.sh [CONLL]   (default: ../shared/data/conll2003/test.txt)
# needs: go, node + npm (the npm packages are installed into bench/js).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
data=${1:-$root/../shared/data/conll2003/test.txt}
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

echo "building sitrep and the prose runner..." >&2
go build -C "$root" -o "$out/sitrep" ./cmd/sitrep
go build -C "$root/bench/prose" -o "$out/prose-ner" .
if [ ! -d "$root/bench/js/node_modules/wink-nlp" ]; then
  (cd "$root/bench/js" && npm install --no-audit --no-fund >&2)
fi

# every tagger writes "token gold predicted"; sitrep scores them all alike
export GOMAXPROCS=1
run() { # name, command...
  local name=$1; shift
  local log="$out/$name.log"
  "$@" > "$out/$name.txt" 2> "$log"
  local f1 tps
  f1=$("$out/sitrep" eval ner --pred "$out/$name.txt" | tail -1 | awk '{print $2}')
  tps=$(grep -o '[0-9]* tokens/s' "$log" | tail -1 | awk '{print $1}')
  printf '%-12s %8s %12s\n' "$name" "$f1" "$tps"
}
printf '%-12s %8s %12s\n' tagger F1 tokens/s
run sitrep     "$out/sitrep" ner --conll "$data" --time
run prose      "$out/prose-ner" "$data"
run compromise node "$root/bench/js/ner.js" compromise "$data"
run wink-nlp   node "$root/bench/js/ner.js" wink "$data"
