#!/usr/bin/env bash
# Refreshes the console's vendored front-end files from pinned npm packages (the only registry the
# machines reach) into gateway/Gateway/wwwroot/vendor/, and rewrites VENDOR.md (version, licence,
# the package and SHA-256 of each file; tests/Gateway.Tests/Adoption/LicenceSpecs.cs and NOTICE read
# it). Run by hand when a version below changes; the files are committed, so `dotnet run` never needs
# npm or the internet.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
OUT="$ROOT/gateway/Gateway/wwwroot/vendor"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

HTMX=htmx.org@2.0.8
ARABIC=@fontsource/noto-sans-arabic@5.3.0
TIFINAGH=@fontsource/noto-sans-tifinagh@5.3.0
LATIN=@fontsource/noto-sans@5.3.0

cd "$WORK"
for pkg in "$HTMX" "$ARABIC" "$TIFINAGH" "$LATIN"; do
  npm pack --silent "$pkg" >/dev/null
done
for tgz in *.tgz; do mkdir -p "${tgz%.tgz}"; tar -xzf "$tgz" -C "${tgz%.tgz}"; done

rm -rf "$OUT"; mkdir -p "$OUT/htmx" "$OUT/fonts"
cp htmx.org-*/package/dist/htmx.min.js "$OUT/htmx/"
cp htmx.org-*/package/LICENSE "$OUT/htmx/LICENSE"
# Only the subsets and weights the console uses: regular and bold of the scripts of Morocco's languages.
for w in 400 700; do
  cp fontsource-noto-sans-arabic-*/package/files/noto-sans-arabic-arabic-$w-normal.woff2 "$OUT/fonts/"
  cp fontsource-noto-sans-tifinagh-*/package/files/noto-sans-tifinagh-tifinagh-400-normal.woff2 "$OUT/fonts/" 2>/dev/null || true
  cp fontsource-noto-sans-*[0-9]/package/files/noto-sans-latin-$w-normal.woff2 "$OUT/fonts/" 2>/dev/null || true
  cp fontsource-noto-sans-*[0-9]/package/files/noto-sans-latin-ext-$w-normal.woff2 "$OUT/fonts/" 2>/dev/null || true
done
# Each font package's own licence: the OFL text is the same, the copyright line differs (OFL 1.1 asks for both).
cp fontsource-noto-sans-arabic-*/package/LICENSE "$OUT/fonts/LICENSE-noto-sans-arabic.txt"
cp fontsource-noto-sans-tifinagh-*/package/LICENSE "$OUT/fonts/LICENSE-noto-sans-tifinagh.txt"
cp fontsource-noto-sans-[0-9]*/package/LICENSE "$OUT/fonts/LICENSE-noto-sans.txt"

# The package a vendored file came from, by its path (the copies above).
package_of() {
  case "$1" in
    htmx/*) echo "$HTMX" ;;
    fonts/*arabic*) echo "$ARABIC" ;;
    fonts/*tifinagh*) echo "$TIFINAGH" ;;
    fonts/*) echo "$LATIN" ;;
    *) echo "?" ;;
  esac
}

{
  echo "# Vendored front-end files"
  echo
  echo "Written by infra/vendor.sh; do not edit by hand. Served from /vendor/ by the gateway, no CDN."
  echo
  echo "| package | licence |"
  echo "|---|---|"
  for pkg in "$HTMX" "$ARABIC" "$TIFINAGH" "$LATIN"; do
    lic=$(npm view "$pkg" license 2>/dev/null || echo "?")
    echo "| \`$pkg\` | $lic |"
  done
  echo
  echo "| file | package | SHA-256 |"
  echo "|---|---|---|"
  (cd "$OUT" && find . -type f ! -name VENDOR.md | LC_ALL=C sort | while read -r f; do
    echo "| \`${f#./}\` | \`$(package_of "${f#./}")\` | \`$(sha256sum "$f" | cut -d' ' -f1)\` |"
  done)
} > "$OUT/VENDOR.md"
echo "vendor.sh: refreshed $OUT"
