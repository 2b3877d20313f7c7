"""The pre-commit hooks a connector repository uses: each entry exists and runs as pre-commit runs it."""

import re
import shlex
import subprocess
import sys
from pathlib import Path

import yaml

HBGEN = Path(sys.executable).parent / "hbgen"


def hooks(repo_root: Path) -> dict:
    return {hook["id"]: hook for hook in yaml.safe_load((repo_root / ".pre-commit-hooks.yaml").read_text())}


def run_hook(hook: dict, folder: Path, changed: list) -> subprocess.CompletedProcess:
    """As pre-commit does: the entry, plus the changed files its `files` pattern matches unless pass_filenames is
    false; run from the repository root."""
    command = shlex.split(hook["entry"])
    assert command[0] == "hbgen"
    matched = [path for path in changed if re.search(hook["files"], path)]
    assert matched, f"{hook['id']} would not run for {changed}"
    arguments = matched if hook.get("pass_filenames", True) else []
    return subprocess.run([HBGEN, *command[1:], *arguments], cwd=folder, capture_output=True, text=True)


def test_the_hooks_validate_specs_and_check_generated(tmp_path, repo_root, binance_spec_text):
    declared = hooks(repo_root)
    assert set(declared) == {"hbgen-validate", "hbgen-check"}
    assert all(hook["language"] == "python" for hook in declared.values())
    specs = tmp_path / "specs"
    specs.mkdir()
    for name in ("binance", "coinx"):
        (specs / f"{name}.yaml").write_text(binance_spec_text.replace("  name: binance\n", f"  name: {name}\n"))
        generated = subprocess.run([HBGEN, "generate", f"specs/{name}.yaml"], cwd=tmp_path, capture_output=True)
        assert generated.returncode == 0, generated.stderr
    changed = ["specs/binance.yaml", "specs/coinx.yaml", "generated/coinx/.hbgen/manifest.json", "README.md"]

    validate = run_hook(declared["hbgen-validate"], tmp_path, changed)
    assert validate.returncode == 0, validate.stderr
    assert validate.stdout == "specs/binance.yaml: ok\nspecs/coinx.yaml: ok\n"
    check = run_hook(declared["hbgen-check"], tmp_path, changed)
    assert check.returncode == 0, check.stderr

    spec = specs / "coinx.yaml"
    spec.write_text(spec.read_text().replace("  centralized: true\n", "  centralised: true\n"))
    validate = run_hook(declared["hbgen-validate"], tmp_path, changed)
    assert validate.returncode == 2 and "specs/coinx.yaml:" in validate.stderr and "centralised" in validate.stderr
    assert "specs/binance.yaml: ok" in validate.stdout  # every spec is checked, not only up to the first bad one
    spec.write_text(binance_spec_text.replace("  name: binance\n", "  name: coinx\n").replace("limit: 6000", "limit: 1"))
    check = run_hook(declared["hbgen-check"], tmp_path, changed)
    assert check.returncode == 1 and "generated/coinx: stale" in check.stderr
