"""`hbgen generate/check/test --hummingbot DIR`: a connector generated straight into a Hummingbot source tree.

The tree is Hummingbot's PyPI sdist, unpacked (hummingbot_source.py): its own connectors, its pyproject.toml, its
`test/` folder. The connector is the OKX spec under a name Hummingbot does not ship (`okx_next`), so that nothing of
Hummingbot's is in the way; generating a connector Hummingbot already has is tested too.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Dict

import pytest
from typer.testing import CliRunner

from hummingbot_source import copy_source_tree
from scaffolder.cli import app

ROOT = Path(__file__).resolve().parent.parent
NAME = "okx_next"
PACKAGE = f"hummingbot/connector/exchange/{NAME}"
TESTS = f"test/hummingbot/connector/exchange/{NAME}"
EXCHANGE = f"{PACKAGE}/{NAME}_exchange.py"
CONSTANTS = f"{PACKAGE}/{NAME}_constants.py"
# A hand edit in the checkout: a log line before the cancel request (OKX cancels with a POST).
CANCEL_REQUEST = "        cancel_result = await self._api_post(\n"
LOG_LINE = '        self.logger().info(f"Cancelling {order_id}")\n'


def invoke(*args: object):
    return CliRunner().invoke(app, [str(arg) for arg in args])


def listing(root: Path) -> Dict[str, int]:
    return {path.relative_to(root).as_posix(): path.stat().st_size for path in root.rglob("*") if path.is_file()}


@pytest.fixture
def project(tmp_path, monkeypatch) -> Path:
    """A connector author's folder with specs/okx_next.yaml, and a Hummingbot checkout beside it."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "specs").mkdir()
    spec = (ROOT / "specs" / "okx.yaml").read_text(encoding="utf-8")
    assert "\n  name: okx\n" in spec
    (tmp_path / "specs" / f"{NAME}.yaml").write_text(spec.replace("\n  name: okx\n", f"\n  name: {NAME}\n"))
    copy_source_tree(tmp_path / "hummingbot")
    return tmp_path


def test_generate_writes_the_connector_and_its_tests_into_the_checkout_and_its_state_beside(project):
    checkout = project / "hummingbot"
    before = listing(checkout)
    result = invoke("generate", f"specs/{NAME}.yaml", "--hummingbot", checkout)
    assert result.exit_code == 0, result.output
    # 11 package files (dummy.pyx and dummy.pxd included), 8 unit-test files, 3 integration tests (test/integration/)
    assert f"{NAME} in {checkout}: 23 files, 23 changed" in result.output
    added = {path for path in listing(checkout) if path not in before}
    connector = {
        path.relative_to(ROOT / "generated" / "okx").as_posix().replace("okx", NAME)
        for path in (ROOT / "generated" / "okx").rglob("*")
        if path.is_file() and ".hbgen" not in path.parts
    }
    assert connector <= added and len(connector) == 23
    state = added - connector  # hbgen's own files: in .hbgen/NAME/, outside Hummingbot's packages
    assert f".hbgen/{NAME}/manifest.json" in state
    assert all(path.startswith(f".hbgen/{NAME}/base/") for path in state - {f".hbgen/{NAME}/manifest.json"})
    assert {path: size for path, size in listing(checkout).items() if path in before} == before  # nothing else

    again = invoke("generate", f"specs/{NAME}.yaml", "--hummingbot", checkout)
    assert again.exit_code == 0 and f"{NAME} in {checkout}: up to date" in again.output
    check = invoke("check", "--hummingbot", checkout, "--no-run-tests", "--strict")
    assert check.exit_code == 0, check.output
    assert f"{NAME} in {checkout}: up to date with specs/{NAME}.yaml" in check.output


def test_a_hand_edit_in_the_checkout_survives_a_spec_edit_and_the_suite_runs_there(project):
    checkout = project / "hummingbot"
    assert invoke("generate", f"specs/{NAME}.yaml", "--hummingbot", checkout).exit_code == 0
    exchange = checkout / EXCHANGE
    text = exchange.read_text()
    assert text.count(CANCEL_REQUEST) == 1
    exchange.write_text(text.replace(CANCEL_REQUEST, LOG_LINE + CANCEL_REQUEST))
    spec = project / "specs" / f"{NAME}.yaml"
    assert spec.read_text().count("limit: 60, interval: 2}") >= 1
    spec.write_text(spec.read_text().replace("limit: 60, interval: 2}", "limit: 50, interval: 2}", 1))

    check = invoke("check", "--hummingbot", checkout, "--no-run-tests")
    assert check.exit_code == 1 and "the spec changed since the last generation" in check.output

    result = invoke("generate", f"specs/{NAME}.yaml", "--hummingbot", checkout)
    assert result.exit_code == 0, result.output
    assert LOG_LINE + CANCEL_REQUEST in exchange.read_text()
    assert "limit=50, time_interval=2.0)," in (checkout / CONSTANTS).read_text()
    assert f"wrote {checkout / CONSTANTS}" in result.output

    check = invoke("check", "--hummingbot", checkout, "--no-run-tests")
    assert check.exit_code == 0, check.output
    assert f"{EXCHANGE}: edited by hand (1 line differs)" in check.output
    assert invoke("check", "--hummingbot", checkout, "--no-run-tests", "--strict").exit_code == 1

    (checkout / TESTS / "test_mine.py").write_text("def test_mine():\n    assert True\n")
    assert f"{TESTS}/test_mine.py: added by hand" in invoke("check", "--hummingbot", checkout, "--no-run-tests").output

    # The suite in the checkout, with the hand edit, against the installed Hummingbot (the sdist is not compiled).
    suite = subprocess.run(
        [str(Path(sys.executable).parent / "hbgen"), "test", NAME, "--hummingbot", str(checkout), "--", "-q"],
        cwd=project,
        capture_output=True,
        text=True,
    )
    assert suite.returncode == 0, suite.stdout[-3000:] + suite.stderr[-3000:]
    assert "133 passed" in suite.stdout  # the generated suite's 132, and test_mine


def test_a_connector_hummingbot_already_has_is_left_alone(project):
    checkout = project / "hummingbot"
    (project / "specs" / "okx.yaml").write_text((ROOT / "specs" / "okx.yaml").read_text())
    upstream = (checkout / "hummingbot/connector/exchange/okx/okx_exchange.py").read_bytes()
    result = invoke("generate", "specs/okx.yaml", "--hummingbot", checkout)
    assert result.exit_code == 1
    assert "okx_exchange.py: a file hbgen did not generate is in the way" in result.output
    assert (checkout / "hummingbot/connector/exchange/okx/okx_exchange.py").read_bytes() == upstream


def test_a_folder_that_is_not_a_hummingbot_checkout_is_refused(project):
    result = invoke("generate", f"specs/{NAME}.yaml", "--hummingbot", project / "specs")
    assert result.exit_code == 2
    assert "is not a Hummingbot source checkout (no hummingbot/connector/exchange/ in it)" in result.output
    assert sorted(path.name for path in (project / "specs").iterdir()) == [f"{NAME}.yaml"]
