#!/usr/bin/env bash
# Restores the pinned Cake tool and runs build.cake (default target: build and run every test).
set -euo pipefail
cd "$(dirname "$0")"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
dotnet tool restore >/dev/null
dotnet cake build.cake "$@"
