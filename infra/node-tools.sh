#!/usr/bin/env bash
# Installs the Node tools the tests use, pinned by infra/node-tools/package-lock.json: the OpenAPI linter (Redocly CLI)
# and the bus consumer's amqplib + ajv. Node comes from Debian when the machine has none (Redocly CLI 1.34 runs on
# Debian 12's Node 18). Idempotent: does nothing when the lock's packages are already installed.
set -euo pipefail

DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/node-tools"

if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  SUDO=; [ "$(id -u)" -ne 0 ] && SUDO=sudo
  echo "node-tools.sh: installing nodejs and npm"
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get -o DPkg::Lock::Timeout=600 update -q
  $SUDO apt-get -o DPkg::Lock::Timeout=600 install -y -q --no-install-recommends nodejs npm
fi

# npm ci is skipped when what it would install is there (its own record of the last install matches the lock).
if [ -f "$DIR/node_modules/.package-lock.json" ] && [ -x "$DIR/node_modules/.bin/redocly" ] && [ -d "$DIR/node_modules/amqplib" ] \
   && [ "$DIR/node_modules/.package-lock.json" -nt "$DIR/package-lock.json" ]; then
  exit 0
fi
# One install at a time: the tests that need these tools may start it from two processes.
exec 9>"$DIR/.install.lock"
flock 9
(cd "$DIR" && npm ci --no-audit --no-fund --ignore-scripts --loglevel=error)
echo "node-tools.sh: installed $(cd "$DIR" && node -p 'Object.entries(require("./package.json").dependencies).map(([n, v]) => n + "@" + v).join(", ")')"
