# start_app PORT [ARG...]: starts the built jar on PORT (broker acceptor on PORT+1) with a throwaway data
# directory and any further app arguments, waits until it is ready, and stops it and removes the directory
# when the calling script exits.
start_app() {
  local port=$1
  shift
  app_data=$(mktemp -d)
  local log="$app_data/app.log"
  java -jar target/integr8scode-*.jar --server.port="$port" --integr8scode.data-dir="$app_data" \
    --integr8scode.broker.acceptor-url="tcp://127.0.0.1:$((port + 1))" \
    --integr8scode.sandbox.image-dir="$(infra/sandbox-image/build.sh --print-dir)" "$@" >"$log" 2>&1 &
  app_pid=$!
  trap 'kill $app_pid 2>/dev/null; wait $app_pid 2>/dev/null || true; rm -rf "$app_data"' EXIT
  for _ in $(seq 1 120); do
    curl -fs "http://127.0.0.1:$port/actuator/health/readiness" >/dev/null && return 0
    kill -0 $app_pid 2>/dev/null || break
    sleep 1
  done
  tail -50 "$log"
  echo "The app did not become ready on port $port." >&2
  return 1
}
