#!/usr/bin/env bash
# Builds the test environment: a git-ignored virtualenv with Hummingbot from PyPI (pinned) plus the runtime
# dependencies its connector framework imports, and hbgen itself with its test extras.
# Idempotent: a second run only checks what is there. Usage: scripts/test-env.sh [VENV_DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
VENV="${1:-.venv-test}"
HUMMINGBOT_VERSION=20260922

if [ ! -x "$VENV/bin/python" ]; then
    python3 -m venv "$VENV"
fi
PY="$VENV/bin/python"
"$PY" -m pip install --quiet --upgrade pip
"$PY" -m pip install --quiet numpy cython setuptools wheel
if ! "$PY" -m pip show hummingbot 2>/dev/null | grep -q "^Version: $HUMMINGBOT_VERSION$"; then
    echo "Building hummingbot==$HUMMINGBOT_VERSION from its sdist (compiles Cython: several minutes)..."
    "$PY" -m pip install --quiet --no-deps --no-build-isolation "hummingbot==$HUMMINGBOT_VERSION"
fi
# The runtime dependencies the connector framework and its test support import (Hummingbot's sdist declares
# none that pip can resolve without building the full client).
"$PY" -m pip install --quiet \
    "aiohttp<3.14" aioresponses bidict cachetools pandas pydantic ujson "async-timeout<5" cryptography pyjwt \
    requests "urllib3<2" ruamel.yaml sqlalchemy tabulate prompt_toolkit psutil hexbytes pyyaml six protobuf \
    pytest pytest-asyncio pytest-timeout
# What Hummingbot's client application imports (hummingbot.client.hummingbot_application): upstream connector tests
# patch it (Gate.io's test_create_order_fails), so without these they fail on every connector, upstream's own too.
"$PY" -m pip install --quiet eth-account aioprocessing scipy base58 aiomqtt pyperclip
"$PY" -c "import hummingbot.client.hummingbot_application" || {
    echo "error: Hummingbot's client application does not import in $VENV (a runtime dependency is missing)" >&2
    exit 1
}
"$PY" -m pip install --quiet -e ".[test]"
echo "test environment ready: $VENV"
