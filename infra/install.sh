#!/usr/bin/env bash
# Installs the Debian packages the integration tests need (Redis, RabbitMQ, Kannel + fakesmsc) and the
# browser tests' Chromium.
# Idempotent: does nothing (and never touches apt) when everything is already there.
# The system services apt may start are stopped: our own instances run on free loopback ports
# from infra/services.sh, and a system instance would only hold default ports and memory.
set -euo pipefail

FAKESMSC=/usr/lib/kannel/test/fakesmsc

missing=()
command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)
command -v redis-cli >/dev/null 2>&1 || missing+=(redis-tools)
{ command -v rabbitmq-server >/dev/null 2>&1 || [ -x /usr/lib/rabbitmq/bin/rabbitmq-server ]; } || missing+=(rabbitmq-server)
[ -x /usr/sbin/bearerbox ] || missing+=(kannel)
[ -x "$FAKESMSC" ] || missing+=(kannel-extras)
command -v curl >/dev/null 2>&1 || missing+=(curl)
command -v ss >/dev/null 2>&1 || missing+=(iproute2)
# The console's browser tests drive Debian's Chromium (Playwright's own browser download does not work here).
[ -x /usr/bin/chromium ] || missing+=(chromium)

if [ ${#missing[@]} -eq 0 ]; then
  echo "install.sh: redis, rabbitmq, kannel, fakesmsc and chromium already installed"
  exit 0
fi

if [ "$(id -u)" -ne 0 ]; then
  SUDO=sudo
else
  SUDO=
fi

echo "install.sh: installing ${missing[*]}"

# Keep apt's maintainer scripts from starting the system services. A policy-rc.d that
# exits 101 is Debian's documented switch; we add one only if none exists and remove it after.
policy=/usr/sbin/policy-rc.d
own_policy=0
if [ ! -e "$policy" ]; then
  printf '#!/bin/sh\nexit 101\n' | $SUDO tee "$policy" >/dev/null
  $SUDO chmod 755 "$policy"
  own_policy=1
fi
cleanup() { if [ "$own_policy" = 1 ]; then $SUDO rm -f "$policy"; fi; }
trap cleanup EXIT

export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get -o DPkg::Lock::Timeout=600 update -q
$SUDO apt-get -o DPkg::Lock::Timeout=600 install -y -q --no-install-recommends "${missing[@]}"

# Whatever still got started (systemd ignores policy-rc.d on some setups): stop and disable it.
for svc in redis-server rabbitmq-server kannel; do
  if command -v systemctl >/dev/null 2>&1 && [ -d /run/systemd/system ]; then
    $SUDO systemctl disable --now "$svc" >/dev/null 2>&1 || true
  elif [ -x "/etc/init.d/$svc" ]; then
    $SUDO "/etc/init.d/$svc" stop >/dev/null 2>&1 || true
  fi
done
# (Only the packaged services are stopped, and only right after an install: a node someone
# started by hand is left alone. Ours never collide with them: own ports, own epmd.)

for f in /usr/sbin/bearerbox /usr/sbin/smsbox "$FAKESMSC"; do
  [ -x "$f" ] || { echo "install.sh: $f is missing after install" >&2; exit 1; }
done
command -v redis-server >/dev/null && command -v rabbitmq-server >/dev/null || {
  echo "install.sh: redis-server or rabbitmq-server missing after install" >&2; exit 1; }
echo "install.sh: done"
