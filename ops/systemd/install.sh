#!/usr/bin/env bash
# Installs etl as a systemd service on this machine (run as root from the repository root):
#   ops/systemd/install.sh [--prefix /opt/etl] [--runtime linux-x64]
# Publishes a self-contained build, creates the 'etl' system user, installs the unit and an example
# configuration (never overwriting an existing one), then enables and starts the service.
set -euo pipefail

prefix=/opt/etl
runtime=linux-x64
while [[ $# -gt 0 ]]; do
  case "$1" in
    --prefix) prefix="$2"; shift 2 ;;
    --runtime) runtime="$2"; shift 2 ;;
    *) echo "usage: $0 [--prefix DIR] [--runtime RID]" >&2; exit 2 ;;
  esac
done

if [[ $EUID -ne 0 ]]; then
  echo "install.sh must run as root" >&2
  exit 1
fi

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"

dotnet publish "$repo/src/Host" -c Release -r "$runtime" --self-contained true -o "$prefix"
install -d -m 0755 "$prefix/docs"
install -m 0644 "$repo/docs/operations.md" "$prefix/docs/operations.md"

if ! id -u etl >/dev/null 2>&1; then
  useradd --system --no-create-home --home-dir /var/lib/etl --shell /usr/sbin/nologin etl
fi

install -d -m 0750 -o root -g etl /etc/etl
if [[ ! -f /etc/etl/etl.json ]]; then
  cat > /etc/etl/etl.json <<'JSON'
{
  "Etl": { "Mode": "Local", "DataRoot": "/var/lib/etl/data" },
  "Service": { "ShutdownTimeout": "00:00:30" },
  "Admin": { "Urls": "http://127.0.0.1:5080" }
}
JSON
  chmod 0640 /etc/etl/etl.json
  chgrp etl /etc/etl/etl.json
fi

install -m 0644 "$repo/ops/systemd/etl.service" /etc/systemd/system/etl.service
sed -i "s|/opt/etl/|$prefix/|g" /etc/systemd/system/etl.service
systemctl daemon-reload
systemctl enable --now etl.service
systemctl --no-pager status etl.service
