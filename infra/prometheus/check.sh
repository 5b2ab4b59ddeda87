#!/usr/bin/env bash
# Checks the alert rules with Debian's promtool (package prometheus): syntax and their unit tests.
set -euo pipefail
cd "$(dirname "$0")"
promtool check rules alerts.yml
promtool test rules alerts.test.yml
