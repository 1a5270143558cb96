#!/usr/bin/env bash
# Side by side: 2,000,000 ventilator rows, NDJSON -> SNAPPY Parquet, with our CLI (`etl convert`) and with
# single-threaded DuckDB; checks both outputs hold the same rows (count + checksum via DuckDB) and prints both
# times and their ratio.  Usage: benchmarks/parquet-vs-duckdb/run.sh [ROWS]   (WORK=dir to keep the files)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
HERE="$ROOT/benchmarks/parquet-vs-duckdb"
TOOL="$ROOT/tests/tools/parquet-duckdb-bench.mjs"
ROWS="${1:-2000000}"
WORK="${WORK:-$(mktemp -d)}"
mkdir -p "$WORK"
cd "$ROOT"

echo "work folder: $WORK"
if [[ ! -s "$WORK/ventilator.ndjson" ]]; then
  echo "generating $ROWS rows of NDJSON..."
  node "$TOOL" generate "$WORK/ventilator.ndjson" "$ROWS"
fi
ls -l "$WORK/ventilator.ndjson"

echo "building the CLI (Release)..."
dotnet build -c Release src/Host -v quiet -nologo > "$WORK/build.log" 2>&1 || { cat "$WORK/build.log"; exit 1; }

echo "converting with etl convert..."
rm -rf "$WORK/ours"
start=$(date +%s.%N)
dotnet run -c Release --no-build --project src/Host -- convert \
  --schema "$HERE/ventilator.schema.json" --format json --input "$WORK/ventilator.ndjson" \
  --output "$WORK/ours" --partition-by eventtime | tee "$WORK/ours.json"
end=$(date +%s.%N)
ours=$(echo "$end - $start" | bc -l)

echo "converting with DuckDB (threads=1)..."
rm -f "$WORK/duckdb.parquet"
duck=$(node "$TOOL" convert "$WORK/ventilator.ndjson" "$WORK/duckdb.parquet")

echo "checking both outputs..."
node "$TOOL" check "$WORK/ours" "$WORK/duckdb.parquet"

printf 'etl convert: %.2f s (wall clock, including process start)\n' "$ours"
printf 'duckdb:      %.2f s (COPY only, threads=1)\n' "$duck"
printf 'ratio (etl / duckdb): %.2f\n' "$(echo "$ours / $duck" | bc -l)"
