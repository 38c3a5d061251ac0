#!/usr/bin/env bash
# Issue 24's second goal by hand, as the Bench measures it (build/bench.cake, MeasureReadsUnderIngest): a service built
# in DIR (DIR/api/ChannelBridge.Api.dll, DIR/sim/ChannelBridge.LinnworksSimulator.dll) on a fresh SQLite file, ten demo
# stores (500 orders, 1,000 listings), 200 integrations linked to them (integration i to store i mod 10: sellers are
# stores of their own, and one store's integrations share its turns, ADR-043), wrk with 64 connections walking their Orders pages 1-5 for 15 s alone, then for
# 15 s while the simulator ingests 60,000 full-shape orders with two clients. PACE=N paces the 64 connections to about
# N pages a second together. Extra environment for the service passes through (Api__MaxConcurrentRequests=4 ...).
# INGEST=DIR2 takes the ingest client from DIR2/sim (an older build's simulator makes its demo store, as the Bench does,
# but the ingest is the current one's).
#
#   dotnet build -c Release src/Api/Api.csproj -o artifacts/perf/head/api
#   dotnet build -c Release tools/LinnworksSimulator/LinnworksSimulator.csproj -o artifacts/perf/head/sim
#   tools/perf/reads-under-ingest.sh artifacts/perf/head
#
# Prints one line: reads alone (pages/s, p99), reads during the ingest (pages/s, p99), the ingest (orders/s, batch p50,
# the p50 before the batch's turn) and the service's CPU share of the machine during the ingest. Needs wrk and jq.
set -euo pipefail
dir=$(cd "$1" && pwd)
source "$(dirname "$0")/service.sh"
start_service "${PORT:-5097}" RateLimits__LinnworksPerIntegrationPerMinute=1000000 RateLimits__ChannelPerKeyPerMinute=1000000 \
  RateLimits__NewIntegrationsPerAddressPerMinute=1000000 Integrations__MaxLinkedPerStore=0 Api__ServerTiming=true DOTNET_GCgen0size=0x2000000

sim() { dotnet "$dir/sim/ChannelBridge.LinnworksSimulator.dll" "$@"; }
stores=(); storekeys=()
for s in $(seq 0 9); do
  sim demo --base-url "$url" --operator-key "$key" --orders 500 --products 1000 --answers-out "$work/answers-$s.json" >/dev/null
  stores+=("$(jq -r .StoreId "$work/answers-$s.json")"); storekeys+=("$(jq -r .StoreKey "$work/answers-$s.json")")
done
post() { curl -sf -H 'Content-Type: application/json' -d "$2" "$url$1"; }
tokens=()
for i in $(seq 200); do
  store=${stores[$((i % 10))]}; storekey=${storekeys[$((i % 10))]}
  token=$(post /api/Config/AddNewUser "{\"LinnworksUniqueIdentifier\":\"$(cat /proc/sys/kernel/random/uuid)\",\"Email\":\"perf@example.com\",\"AccountName\":\"Reader $i\"}" | jq -r .AuthorizationToken)
  post /api/Config/SaveConfig "{\"AuthorizationToken\":\"$token\",\"StepName\":\"ConnectStore\",\"ConfigItems\":[{\"ConfigItemId\":\"StoreId\",\"SelectedValue\":\"$store\"},{\"ConfigItemId\":\"StoreKey\",\"SelectedValue\":\"$storekey\"}]}" >/dev/null
  post /api/Config/SaveConfig "{\"AuthorizationToken\":\"$token\",\"StepName\":\"OrderSettings\",\"ConfigItems\":[]}" >/dev/null
  tokens+=("\"$token\"")
done
{
  echo "tokens = { $(IFS=,; echo "${tokens[*]}") }"
  echo 'n = 0'
  echo 'request = function()'
  echo '  n = n + 1'
  echo '  local token = tokens[(n % #tokens) + 1]'
  echo '  local page = (math.floor(n / #tokens) % 5) + 1'
  echo "  return wrk.format(\"POST\", \"/api/Order/Orders\", { [\"Content-Type\"] = \"application/json\" }, '{\"AuthorizationToken\":\"' .. token .. '\",\"UTCTimeFrom\":\"2020-01-01 00:00:00Z\",\"PageNumber\":' .. page .. '}')"
  echo 'end'
  if [[ -n "${PACE:-}" ]]; then echo "delay = function() return math.random(0, $((2 * 64000 / PACE))) end"; fi
} >"$work/orders.lua"
reads() { wrk -t2 -c64 -d"$1"s --latency -s "$work/orders.lua" "$url/api/Order/Orders" | awk '/Requests\/sec/ {r=$2} $1=="99%" {p=$2} END {printf "%s pages/s p99 %s", r, p}'; }
cpu() { awk '{print $14 + $15}' "/proc/$service/stat"; }

reads 5 >/dev/null
alone=$(reads 15)
before=$(cpu); started=$(date +%s.%N)
dotnet "$(cd "${INGEST:-$dir}" && pwd)/sim/ChannelBridge.LinnworksSimulator.dll" ingest --base-url "$url" --operator-key "$key" --orders 60000 --clients 2 --shape Full --json >"$work/ingest.json" &
ingest=$!
sleep 0.5
during=$(reads 15)
wait $ingest
share=$(awk -v a="$before" -v b="$(cpu)" -v s="$started" -v e="$(date +%s.%N)" -v hz="$(getconf CLK_TCK)" -v n="$(nproc)" 'BEGIN {printf "%.0f%%", 100 * (b - a) / hz / (e - s) / n}')
echo "alone: $alone | during: $during | ingest: $(jq -r '"\(.OrdersPerSecond | floor) orders/s, batch p50 \(.BatchP50Ms | floor) ms, before its turn \(.BatchBeforeTurnP50Ms // "?" | tostring | .[0:5]) ms"' "$work/ingest.json") | service CPU $share of the machine"
