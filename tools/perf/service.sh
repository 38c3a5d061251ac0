# Sourced by the scripts beside it. start_service PORT [NAME=VALUE ...]: starts $dir/api/ChannelBridge.Api.dll on
# 127.0.0.1:PORT (its folder as the content root, as deployed) on a fresh SQLite file in a temporary folder, warnings
# only, with the extra settings given, and waits for /health. Sets url, work (removed on exit), key (the operator key)
# and service (the process id, for its CPU time in /proc).
random_hex() { head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n'; }

start_service() {
  local port=$1; shift
  url=http://127.0.0.1:$port
  work=$(mktemp -d)
  trap 'kill ${service:-} 2>/dev/null || true; wait 2>/dev/null || true; rm -rf "$work"' EXIT
  key=perf-$(random_hex)
  env ChannelApi__OperatorKey="$key" DataProtection__KeyRingKey="perf-$(random_hex)" \
    ConnectionStrings__ChannelBridge="Data Source=$work/perf.db" Logging__LogLevel__Default=Warning "$@" \
    dotnet "$dir/api/ChannelBridge.Api.dll" --urls "$url" --contentRoot "$dir/api" >"$work/service.log" 2>&1 &
  service=$!
  for _ in $(seq 100); do curl -sf "$url/health" >/dev/null && break; sleep 0.2; done
}
