#!/usr/bin/env bash
# Refits the confidence model of each mode on the tune parts only and writes the weights the jar
# ships (retrieval/src/main/resources/org/astanaqa/retrieval/confidence-*.json), with the signals
# of every tune question beside each in a .tsv. Rebuild the jar afterwards. About 5 minutes here.
#   bash docs/fit-confidence.sh          (from the project root, after mvn -B -q package -DskipTests)
set -euo pipefail
cd "$(dirname "$0")/.."
jar=bot/target/astana-qa.jar
eval_dir=eval/src/test/resources/eval
out=retrieval/src/main/resources/org/astanaqa/retrieval
tune=(--squad2 ../shared/data/squad2/dev-v2.0-half.json
  "$eval_dir/heldout-questions.jsonl" "$eval_dir/seed-questions.jsonl"
  "$eval_dir/paraphrase-questions.jsonl" "$eval_dir/russian-questions.jsonl"
  "$eval_dir/blind-questions.jsonl"
  ../shared/eval/dev-questions.jsonl)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
for model in bm25 all-minilm-l6-v2-q bge-small-en-v1.5-q; do
  if [ "$model" = bm25 ]; then mode=(--mode bm25); else mode=(--mode hybrid --config "$work/$model.yaml"); fi
  printf 'retrieval:\n  model: %s\n' "$model" > "$work/$model.yaml"
  java -jar "$jar" "${mode[@]}" eval --fit-confidence "$out/confidence-$model.json" "${tune[@]}" \
    | grep -v '^tune'
  mv "$out/confidence-$model.json.tsv" "$work/"
done
