#!/usr/bin/env bash
# A regular (non-editable) install, as a connector author gets it: build hbgen's wheel from the working tree,
# install it into a clean virtualenv outside the repository, and run the author's commands in an empty folder.
# The generated suite runs under SUITE_PYTHON, an interpreter with Hummingbot (default: the test environment's).
# Usage: scripts/test-wheel.sh [SUITE_PYTHON]
set -euo pipefail
CALLER=$PWD
cd "$(dirname "$0")/.."
REPO=$PWD
SUITE_PYTHON="${1:-$REPO/.venv-test/bin/python}"
# A relative interpreter path is the caller's (test-all.sh passes .venv-test/bin/python); the runs below happen in
# another folder, so it is made absolute here (a bare command name such as python3 is looked up on PATH as is).
case $SUITE_PYTHON in /*) ;; */*) SUITE_PYTHON="$CALLER/$SUITE_PYTHON" ;; esac
WORK=$(mktemp -d "${TMPDIR:-/tmp}/hbgen-wheel.XXXXXX")
trap 'rm -rf "$WORK"' EXIT

# Build from a copy of the tracked and new files, so that nothing stale in build/ can ship, without build
# isolation (the test environment has setuptools and wheel): no download.
mkdir "$WORK/src"
git ls-files -z --cached --others --exclude-standard | xargs -0 cp --parents -t "$WORK/src" 2>/dev/null || true
"$SUITE_PYTHON" -m pip wheel --quiet --no-deps --no-build-isolation --wheel-dir "$WORK/dist" "$WORK/src"
WHEEL=$(ls "$WORK"/dist/hbgen-*.whl)

python3 -m venv "$WORK/venv"
# hbgen's dependencies come from PyPI (or pip's cache); pip's output is shown only when it fails.
"$WORK/venv/bin/python" -m pip install --disable-pip-version-check --prefer-binary "$WHEEL" > "$WORK/pip.log" 2>&1 \
    || { cat "$WORK/pip.log" >&2; exit 1; }
HBGEN="$WORK/venv/bin/hbgen"

mkdir "$WORK/author"
cd "$WORK/author"
run() {
    echo "+ hbgen $*"
    "$HBGEN" "$@"
}
run --version
run new coinx --defaults
run validate specs/coinx.yaml
run generate specs/coinx.yaml
run checklist specs/coinx.yaml > /dev/null
run test coinx --python "$SUITE_PYTHON" -q -p no:warnings -k auth
run check --python "$SUITE_PYTHON"
echo "wheel install ok: $(basename "$WHEEL")"
