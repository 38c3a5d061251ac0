#!/usr/bin/env bash
# Issue 24's first goal by hand: a service built in DIR (DIR/api/ChannelBridge.Api.dll, DIR/sim/ChannelBridge.LinnworksSimulator.dll)
# on a fresh SQLite file, 80,000 full-shape orders of warm-up with one client, then a pass of 50,000 for each count of
# clients given (default: 1). Extra environment for the service passes through.
#
#   dotnet build -c Release src/Api/Api.csproj -o artifacts/perf/head/api
#   dotnet build -c Release tools/LinnworksSimulator/LinnworksSimulator.csproj -o artifacts/perf/head/sim
#   tools/perf/ingest-cpu.sh artifacts/perf/head 1 2
#
# Prints a line a pass: the clients, orders/s, batch p50 and the service's CPU an order (µs, from /proc). Needs jq.
set -euo pipefail
dir=$(cd "$1" && pwd); shift
passes=("${@:-1}")
source "$(dirname "$0")/service.sh"
start_service "${PORT:-5098}" RateLimits__ChannelPerKeyPerMinute=1000000

ingest() { dotnet "$dir/sim/ChannelBridge.LinnworksSimulator.dll" ingest --base-url "$url" --operator-key "$key" --shape Full --json "$@"; }
cpu() { awk '{print $14 + $15}' "/proc/$service/stat"; }

ingest --orders 80000 --clients 1 >/dev/null
for clients in "${passes[@]}"; do
  before=$(cpu)
  ingest --orders 50000 --clients "$clients" >"$work/ingest.json"
  used=$(awk -v a="$before" -v b="$(cpu)" -v hz="$(getconf CLK_TCK)" 'BEGIN {print (b - a) / hz}')
  jq -r --arg clients "$clients" --arg used "$used" \
    '"\($clients) client(s): \(.OrdersPerSecond | floor) orders/s, batch p50 \(.BatchP50Ms | floor) ms, \(($used | tonumber) * 1000000 / 50000 | floor) µs CPU an order"' "$work/ingest.json"
done
