#!/usr/bin/env bash
# Contract fuzzing: schemathesis generates requests from the served OpenAPI document (valid and invalid
# bodies, parameters, ids) and sends them to the built app, started on a spare port. It fails on a 5xx, on a
# status the document does not list for the operation, on a content type it does not name, and on a body
# that does not match its schema. Bounded to a few minutes: a handful of examples per operation.
set -euo pipefail
cd "$(dirname "$0")/../.."
source infra/lib/packages.sh
source infra/lib/app.sh
source infra/lib/venv.sh

SCHEMATHESIS_VERSION=4.32.5
port=${I8S_CONTRACT_PORT:-18180}
report_dir=target/contract

venv=$(cached_venv "schemathesis-$SCHEMATHESIS_VERSION" "schemathesis==$SCHEMATHESIS_VERSION")

# The fuzzer submits in bursts from one address: raise the per-client limits (429 stays documented, and
# QuotaTest covers the limits themselves) so that the operations behind them get exercised.
start_app "$port" \
  --integr8scode.quota.submissions.capacity=100000 \
  --integr8scode.quota.sign-in.capacity=100000 \
  --integr8scode.quota.max-active-per-user=100000 \
  --integr8scode.quota.max-active-per-anonymous-client=100000

base="http://127.0.0.1:$port"
# A signed-in user, so the operations that need a token are fuzzed beyond their 401.
token=$(curl -fsS -X POST -H 'Content-Type: application/json' \
  -d '{"username":"contract-fuzzer","password":"Contract-fuzz-1"}' "$base/api/v1/auth/register" |
  python3 -c 'import json, sys; print(json.load(sys.stdin)["access_token"])')

mkdir -p "$report_dir"
status=0
"$venv/bin/schemathesis" run "$base/api/v1/openapi.json" \
  --checks not_a_server_error,status_code_conformance,content_type_conformance,response_schema_conformance \
  --header "Authorization: Bearer $token" \
  --max-examples "${I8S_CONTRACT_EXAMPLES:-20}" \
  --seed "${I8S_CONTRACT_SEED:-20261202}" \
  --workers 2 \
  --request-timeout 30 \
  --max-time "${I8S_CONTRACT_MAX_SECONDS:-240}" \
  --generation-database none \
  --no-color \
  --report junit,ndjson --report-dir "$report_dir" || status=$?
# The app's side of any failure; its data directory goes when this script exits.
cp "$app_data/app.log" "$report_dir/app.log"
exit $status
