#!/usr/bin/env bash
# The OCI runtime of the compose test's engine: runc, with every container's capabilities cut to the bounding
# set this engine runs with. Docker 20.10 gives a privileged container every capability the kernel knows, and
# runc then fails ("unable to apply caps") where the engine itself lacks one, as on machines that run it inside
# a container without CAP_SYS_RESOURCE. Newer engines cut to the bounding set themselves; with a full set
# this changes nothing, so the shipped docker-compose.yml (privileged: true) runs as it is.
set -euo pipefail
args=("$@")
bundle=""
for ((i = 0; i < ${#args[@]}; i++)); do
  case "${args[i]}" in
    --bundle | -b) bundle="${args[i + 1]}" ;;
    --bundle=*) bundle="${args[i]#--bundle=}" ;;
  esac
done
if [[ -n "$bundle" && -f "$bundle/config.json" ]]; then
  allowed="$(capsh --decode="$(awk '/^CapBnd/ {print $2}' /proc/self/status)" | cut -d= -f2 | tr 'a-z,' 'A-Z\n' |
    jq -R . | jq -sc .)"
  jq --argjson allowed "$allowed" \
    'if .process.capabilities then .process.capabilities |= map_values(map(select(IN($allowed[])))) else . end' \
    "$bundle/config.json" >"$bundle/config.json.bounded"
  mv "$bundle/config.json.bounded" "$bundle/config.json"
fi
exec runc "$@"
