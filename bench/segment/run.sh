#!/usr/bin/env bash
# Compares sitrep's segmenter with Go and JavaScript peers on UD English EWT
# test, side by side: token F1, sentence F1 (CoNLL 2018 alignment), MB/s.
#   bash bench/segment/run.sh [GOLD.conllu]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
gold=${1:-$here/../../../shared/data/ud-ewt/en_ewt-ud-test.conllu}
node_dir=$here/node
if command -v npm >/dev/null; then
  mkdir -p "$node_dir"
  cp "$here/peers.js" "$node_dir/"
  [ -d "$node_dir/node_modules/wink-nlp" ] || npm install --silent --no-audit --no-fund --prefix "$node_dir" \
    compromise@14.17.0 wink-nlp@2.4.0 wink-eng-lite-web-model@1.8.1 >/dev/null
fi
cd "$here/.."
go run ./segment -gold "$gold" ${node_dir:+-node "$node_dir"}
