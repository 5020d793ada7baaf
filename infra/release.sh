#!/usr/bin/env bash
# Builds a release from a clean clone: a self-contained linux-x64 archive of the gateway (no .NET needed on the
# server; glibc and libicu are), its CycloneDX SBOM, and their SHA-256.
# Run the archive's ./Gateway from its own folder (systemd: WorkingDirectory=), or set ASPNETCORE_CONTENTROOT to that
# folder: the console's files (wwwroot/) are found from the content root, which is the working directory.
#
#   bash infra/release.sh [<commit-ish>]      default HEAD of this repository
#
# Output in $RELEASE_OUT (default .infra-run/release/):
#   gateway-<version>-linux-x64.tar.gz        the published gateway, flows, LICENSE, NOTICE, CHANGELOG.md, SECURITY.md,
#                                             third-party/ (the .NET runtime's own licence and third-party notices)
#   gateway-<version>-linux-x64.cdx.json      CycloneDX 1.6 SBOM (infra/licences, the same reader as NOTICE)
#   SHA256SUMS                                sha256sum -c SHA256SUMS checks both
#
# It clones the commit into a temporary folder (uncommitted changes are never released), refuses a version without a
# CHANGELOG.md section, a stale NOTICE or an unknown licence, and starts the published gateway once to check that
# GET /version answers the version built. No container: the Dockerfile (infra/deploy/) is built where an engine is.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
REF="${1:-HEAD}"
RID=linux-x64
OUT="${RELEASE_OUT:-$ROOT/.infra-run/release}"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
started=$(date +%s)

WORK="$(mktemp -d)"
GATEWAY_PID=
cleanup() { [ -n "$GATEWAY_PID" ] && kill "$GATEWAY_PID" 2>/dev/null; rm -rf "$WORK"; }
trap cleanup EXIT

COMMIT="$(git -C "$ROOT" rev-parse --verify "$REF^{commit}")"
if [ -n "$(git -C "$ROOT" status --porcelain --untracked-files=no)" ]; then
  echo "release.sh: note: uncommitted changes in $ROOT are not in the release (it builds $COMMIT)"
fi
git clone --quiet --no-local "$ROOT" "$WORK/src"
cd "$WORK/src"
git checkout --quiet --detach "$COMMIT"

VERSION="$(dotnet msbuild gateway/Gateway/Gateway.csproj -getProperty:Version)"
if ! grep -q "^## \[$VERSION\]" CHANGELOG.md; then
  echo "release.sh: CHANGELOG.md has no '## [$VERSION]' section: write it (and move Unreleased into it) first" >&2
  exit 1
fi
NAME="gateway-$VERSION-$RID"
echo "release.sh: $NAME from $COMMIT"

# Self-contained publish: restores the runtime packs for $RID from NuGet, so the restore output names them for the SBOM.
APP="$WORK/$NAME"
dotnet publish gateway/Gateway/Gateway.csproj -c Release -r "$RID" --self-contained -o "$APP" --nologo -v q

# The licence check and NOTICE as the test command sees them, then the SBOM of this restore.
dotnet build infra/licences -c Release --nologo -v q -clp:NoSummary
LICENCES=(dotnet infra/licences/bin/Release/net10.0/Gateway.Licences.dll)
"${LICENCES[@]}" notice --check
mkdir -p "$OUT"
SBOM="$OUT/$NAME.cdx.json"
"${LICENCES[@]}" sbom "$SBOM" --runtime "$RID" --commit "$COMMIT"

cp LICENSE NOTICE CHANGELOG.md SECURITY.md "$APP/"
# The runtime packs' own licence and third-party notices (the .NET runtime bundles ICU, zlib, … under their licences).
PACKAGES="$(dotnet nuget locals global-packages --list | sed 's/^[^:]*: *//')"
mkdir -p "$APP/third-party"
for pack in microsoft.netcore.app.runtime.$RID microsoft.aspnetcore.app.runtime.$RID; do
  dir="$(ls -d "$PACKAGES/$pack"/*/ | sort -V | tail -1)"
  for f in "$dir"LICENSE* "$dir"THIRD-PARTY-NOTICES*; do cp "$f" "$APP/third-party/$pack-$(basename "$f")"; done
done

# Smoke: the archive's gateway, started as documented above, reports the version built and serves the console's files.
port=$(( 20000 + RANDOM % 20000 ))
( cd "$APP" && ASPNETCORE_ENVIRONMENT=Development ASPNETCORE_URLS="http://127.0.0.1:$port" ./Gateway > "$WORK/smoke.log" 2>&1 ) &
GATEWAY_PID=$!
answer=
for _ in $(seq 1 60); do
  answer="$(curl -fsS "http://127.0.0.1:$port/version" 2>/dev/null)" && break
  sleep 0.5
done
static="$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/vendor/htmx/htmx.min.js" || true)"
kill "$GATEWAY_PID" 2>/dev/null || true; wait "$GATEWAY_PID" 2>/dev/null || true; GATEWAY_PID=
case "$answer/$static" in
  *"\"version\":\"$VERSION\""*/200) echo "release.sh: smoke: GET /version -> $answer; console files served" ;;
  *) echo "release.sh: smoke failed: GET /version answered '$answer', a console file $static; the gateway's output:" >&2
     cat "$WORK/smoke.log" >&2; exit 1 ;;
esac

# Reproducible archive: sorted names, no owner, every file dated at the commit.
ARCHIVE="$OUT/$NAME.tar.gz"
tar --sort=name --owner=0 --group=0 --numeric-owner --mtime="@$(git log -1 --format=%ct)" \
    -C "$WORK" -cf - "$NAME" | gzip -n -9 > "$ARCHIVE"
( cd "$OUT" && sha256sum "$NAME.tar.gz" "$NAME.cdx.json" > SHA256SUMS && sha256sum -c --quiet SHA256SUMS )

echo "release.sh: $(du -sh "$APP" | cut -f1) published, archive $(du -h "$ARCHIVE" | cut -f1), in $(( $(date +%s) - started ))s"
cat "$OUT/SHA256SUMS"
