#!/usr/bin/env bash
# Rewrites NOTICE from the package metadata: the Gateway project's restore (obj/project.assets.json), each package's
# .nuspec in the NuGet cache, and gateway/Gateway/wwwroot/vendor/VENDOR.md. Refuses, naming each, any package or
# vendored file whose licence is unknown or incompatible (infra/licences/LicencePolicy.cs, KnownLicences.cs).
# Run it after changing a package version, then commit NOTICE; the test command fails while NOTICE is out of date.
#   bash infra/licences.sh           rewrite NOTICE
#   bash infra/licences.sh --check   only say whether NOTICE is up to date
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
dotnet restore gateway/Gateway/Gateway.csproj --verbosity quiet
dotnet run --project infra/licences --verbosity quiet -- notice "$@"
