#!/bin/bash
# The broker image's entrypoint, with the official apache/activemq-artemis image's interface, so that a
# compose file can use either: on the first start it creates a broker instance in /var/lib/artemis-instance
# (ARTEMIS_USER, ARTEMIS_PASSWORD, ANONYMOUS_LOGIN, EXTRA_ARGS), then copies the files of etc-override/ into
# its etc/ and runs it.
set -euo pipefail
cd /var/lib/artemis-instance
if [[ "${ANONYMOUS_LOGIN,,}" == "true" ]]; then login=--allow-anonymous; else login=--require-login; fi
if [[ ! -f etc/broker.xml ]]; then
  # shellcheck disable=SC2086 # EXTRA_ARGS holds several options
  /opt/activemq-artemis/bin/artemis create --user "$ARTEMIS_USER" --password "$ARTEMIS_PASSWORD" --silent \
    "$login" $EXTRA_ARGS .
else
  echo "broker already created, ignoring creation"
fi
if [[ -d etc-override ]]; then
  for file in etc-override/*; do
    [[ -f "$file" ]] || continue
    echo "copying file to etc folder: ${file#etc-override/}"
    cp "$file" etc/
  done
fi
exec ./bin/artemis "$@"
