#!/usr/bin/env bash
# Starts a local AWS stand-in on loopback: kinesalite (Kinesis), dynalite (DynamoDB, the lease table) and
# s3rver (S3), all from tests/node_modules (run `npm ci` in tests/ first). Prints the exports to use:
#
#   eval "$(ops/local-stack/start.sh)"
#   dotnet run --project src/Host -- run --Etl:Mode=Aws ...
#   ops/local-stack/stop.sh
#
# Options (environment): LOCAL_STACK_DIR (state, logs, pids; default ${TMPDIR:-/tmp}/etl-local-stack),
# KINESIS_PORT (4567), DYNAMODB_PORT (4568), S3_PORT (4569): 0 picks a free port.
# LOCAL_STACK_STREAMS ("etl-demo:2", space-separated NAME:SHARDS), LOCAL_STACK_BUCKETS ("etl-local").
# Progress goes to standard error; only the export lines go to standard output.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
dir="${LOCAL_STACK_DIR:-${TMPDIR:-/tmp}/etl-local-stack}"
modules="$repo/tests/node_modules"
serve="$repo/ops/local-stack/serve.cjs"

for package in kinesalite dynalite s3rver; do
  if [[ ! -d "$modules/$package" ]]; then
    echo "start.sh: $modules/$package is missing; run 'npm ci' in tests/ first" >&2
    exit 1
  fi
done

mkdir -p "$dir"

start_one() {
  local service="$1" port="$2"
  shift 2
  local pidfile="$dir/$service.pid"
  if [[ -f "$pidfile" ]] && kill -0 "$(cat "$pidfile")" 2>/dev/null; then
    echo "start.sh: $service already running (pid $(cat "$pidfile"))" >&2
    return
  fi

  rm -f "$dir/$service.port"
  NODE_PATH="$modules" nohup node "$serve" "$service" --port "$port" --dir "$dir" "$@" \
    >"$dir/$service.log" 2>&1 </dev/null &
  echo $! >"$pidfile"

  for _ in $(seq 1 100); do
    if [[ -s "$dir/$service.port" ]]; then
      echo "start.sh: $service on 127.0.0.1:$(cat "$dir/$service.port") (pid $(cat "$pidfile"))" >&2
      return
    fi
    if ! kill -0 "$(cat "$pidfile")" 2>/dev/null; then
      break
    fi
    sleep 0.1
  done

  echo "start.sh: $service did not start; its log:" >&2
  cat "$dir/$service.log" >&2
  exit 1
}

stream_args=()
for stream in ${LOCAL_STACK_STREAMS:-etl-demo:2}; do stream_args+=(--stream "$stream"); done
bucket_args=()
for bucket in ${LOCAL_STACK_BUCKETS:-etl-local}; do bucket_args+=(--bucket "$bucket"); done

start_one kinesis "${KINESIS_PORT:-4567}" "${stream_args[@]}"
start_one dynamodb "${DYNAMODB_PORT:-4568}"
start_one s3 "${S3_PORT:-4569}" "${bucket_args[@]}"

cat <<EXPORTS
export AWS_ENDPOINT_URL_KINESIS=http://127.0.0.1:$(cat "$dir/kinesis.port")
export AWS_ENDPOINT_URL_DYNAMODB=http://127.0.0.1:$(cat "$dir/dynamodb.port")
export AWS_ENDPOINT_URL_S3=http://127.0.0.1:$(cat "$dir/s3.port")
export AWS_ACCESS_KEY_ID=S3RVER
export AWS_SECRET_ACCESS_KEY=S3RVER
export AWS_REGION=us-east-1
export LOCAL_STACK_DIR=$dir
EXPORTS
