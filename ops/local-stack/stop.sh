#!/usr/bin/env bash
# Stops the servers ops/local-stack/start.sh started (by the process ids it recorded) and, with --purge,
# deletes their state. Uses LOCAL_STACK_DIR like start.sh.
set -euo pipefail

dir="${LOCAL_STACK_DIR:-${TMPDIR:-/tmp}/etl-local-stack}"
purge=false
if [[ "${1:-}" == "--purge" ]]; then purge=true; fi

for service in kinesis dynamodb s3; do
  pidfile="$dir/$service.pid"
  [[ -f "$pidfile" ]] || continue
  pid="$(cat "$pidfile")"
  if kill -0 "$pid" 2>/dev/null; then
    kill -TERM "$pid"
    for _ in $(seq 1 50); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.1
    done
    if kill -0 "$pid" 2>/dev/null; then
      kill -KILL "$pid"
    fi
    echo "stop.sh: stopped $service (pid $pid)" >&2
  fi
  rm -f "$pidfile" "$dir/$service.port"
done

if $purge; then
  rm -rf "$dir"
  echo "stop.sh: removed $dir" >&2
fi
