#!/usr/bin/env bash
# The test command: build the test environment (Hummingbot from PyPI, pinned), run hbgen's own tests, then
# `hbgen check` (generated/ in sync with specs/ and templates/, and every generated suite passing), then the
# connector author's commands from hbgen's wheel in a clean virtualenv (scripts/test-wheel.sh).
set -uo pipefail
cd "$(dirname "$0")/.."
VENV=.venv-test

bash scripts/test-env.sh "$VENV" || exit 1

"$VENV/bin/python" -m pytest tests -q -p no:cacheprovider
status=$?
if [ "$status" -eq 5 ]; then
    echo "error: pytest collected no tests" >&2
    exit 1
fi
[ "$status" -eq 0 ] || exit "$status"

"$VENV/bin/hbgen" check || exit 1

bash scripts/test-wheel.sh "$VENV/bin/python"
