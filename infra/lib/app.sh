# JVM settings of the app. The heap is set, not left to the JVM's default of a quarter of the machine's
# memory: executions live in the store's file, and the heap holds the working set (the embedded store's
# page cache, in-flight exchanges, the broker's paging buffers). Measured in docs/benchmarks.md ("Store at
# scale"): with a million stored executions the app stays well under 600 MB of RSS with these. SerialGC:
# on two cores it keeps no per-region bookkeeping and pauses briefly at this heap size. Override with
# INTEGR8SCODE_JAVA_OPTS. (infra/images/app.sh writes them into the app image.)
app_java_opts() {
  echo "${INTEGR8SCODE_JAVA_OPTS:--Xms64m -Xmx320m -Xss512k -XX:+UseSerialGC}"
}

# start_app PORT [APP ARGS...]: starts the app on PORT (broker acceptor on PORT+1), waits until it is ready,
# and stops it when the calling script exits. The jar is $APP_JAR (default: the built one in target/, for
# scripts that have just built it), run from a copy in the data directory: a build that rewrites the jar under
# a running JVM fails it with NoClassDefFoundError. The data directory is $APP_DATA (default: a throwaway one,
# removed at exit).
start_app() {
  local port=$1
  shift
  local jar=${APP_JAR:-$(ls target/integr8scode-*.jar | head -1)}
  if [ -n "${APP_DATA:-}" ]; then
    app_data=$APP_DATA
    app_data_throwaway=""
  else
    app_data=$(mktemp -d)
    app_data_throwaway=$app_data
  fi
  mkdir -p "$app_data"
  cp "$jar" "$app_data/app.jar"
  jar="$app_data/app.jar"
  app_log="$app_data/app.log"
  # shellcheck disable=SC2046 # the options are words
  java $(app_java_opts) -jar "$jar" --server.port="$port" --integr8scode.data-dir="$app_data" \
    --integr8scode.broker.acceptor-url="tcp://127.0.0.1:$((port + 1))" \
    --integr8scode.sandbox.image-dir="$(infra/sandbox-image/build.sh --print-dir)" "$@" >>"$app_log" 2>&1 &
  app_pid=$!
  trap stop_app EXIT
  for _ in $(seq 1 300); do
    curl -fs "http://127.0.0.1:$port/actuator/health/readiness" >/dev/null && return 0
    kill -0 $app_pid 2>/dev/null || break
    sleep 1
  done
  tail -50 "$app_log"
  echo "The app did not become ready on port $port." >&2
  return 1
}

# stop_app: stops the app start_app started and removes a throwaway data directory.
stop_app() {
  if [ -n "${app_pid:-}" ]; then
    kill "$app_pid" 2>/dev/null || true
    wait "$app_pid" 2>/dev/null || true
    app_pid=""
  fi
  if [ -n "${app_data_throwaway:-}" ]; then
    rm -rf "$app_data_throwaway"
    app_data_throwaway=""
  fi
}
