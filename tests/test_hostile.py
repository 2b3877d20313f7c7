"""Hostile input and damaged state in the output tree: hbgen never reads, writes or deletes outside the tree it
generates, never loses a hand edit or a merge base to a damaged manifest, and answers each problem with one line
naming the file (no traceback, no "internal error").

Each scenario runs through the CLI on a Binance tree generated once, then hand-edited or damaged, then
regenerated after a spec edit (so that hbgen renders and plans, instead of answering "up to date").
"""

import errno
import fcntl
import hashlib
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Dict

import pytest
from typer.testing import CliRunner

from scaffolder.cli import app
from scaffolder.manifest import BASE_DIR, MANIFEST_PATH

ROOT = Path(__file__).resolve().parent.parent
SPEC_TEXT = (ROOT / "specs" / "binance.yaml").read_text()
PACKAGE = "hummingbot/connector/exchange/binance"
EXCHANGE = f"{PACKAGE}/binance_exchange.py"
CONSTANTS = f"{PACKAGE}/binance_constants.py"
CANCEL = "    async def _place_cancel(self, order_id: str, tracked_order: InFlightOrder) -> bool:\n"
LOG_LINE = '        self.logger().info(f"Cancelling {order_id}")\n'


def invoke(*args):
    return CliRunner().invoke(app, [str(arg) for arg in args])


def snapshot(root: Path) -> Dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def edit_spec() -> None:
    """A spec edit that changes binance_constants.py and binance_exchange.py (an endpoint constant renamed)."""
    spec = Path("specs/binance.yaml")
    text = spec.read_text()
    old = "  ticker_24hr:\n    path: /ticker/24hr\n    constant: TICKER_PRICE_CHANGE_PATH_URL"
    assert old in text
    text = text.replace(old, "  last_price:\n    path: /ticker/24hr\n    constant: LAST_PRICE_PATH_URL")
    spec.write_text(text.replace("endpoint: ticker_24hr", "endpoint: last_price"))


def assert_one_line_error(result, *fragments: str) -> str:
    """Exit 2, a single `error:` line holding every fragment, no traceback and no internal error."""
    assert result.exit_code == 2, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert "Traceback" not in result.output and "internal error" not in result.output, result.output
    [line] = [line for line in result.output.splitlines() if line.startswith("error:")]
    for fragment in fragments:
        assert fragment in line, f"{fragment!r} not in {line!r}"
    return line


@pytest.fixture(scope="module")
def generated(tmp_path_factory):
    """work/specs/binance.yaml generated into work/generated/binance, once per module."""
    work = tmp_path_factory.mktemp("generated") / "work"
    (work / "specs").mkdir(parents=True)
    (work / "specs" / "binance.yaml").write_text(SPEC_TEXT)
    result = CliRunner().invoke(app, ["generate", str(work / "specs/binance.yaml"), "--out", str(work / "generated")])
    assert result.exit_code == 0, result.output
    return work


@pytest.fixture
def project(generated, tmp_path, monkeypatch):
    """A copy of the generated project in tmp/work (the current folder); tmp/outside is not hbgen's."""
    shutil.copytree(generated, tmp_path / "work", symlinks=True)
    monkeypatch.chdir(tmp_path / "work")
    (tmp_path / "outside").mkdir()
    return Path("generated/binance")


def outside(project: Path) -> Path:
    return Path.cwd().parent / "outside"


def rewrite_manifest(project: Path, change) -> None:
    path = project / MANIFEST_PATH
    content = json.loads(path.read_text())
    change(content)
    path.write_text(json.dumps(content, indent=2))


# --- nothing outside the output tree is touched ---------------------------------------------------------------------


@pytest.mark.parametrize("form", ["absolute", "dot-dot"])
def test_a_manifest_entry_outside_the_tree_is_refused_and_nothing_is_deleted(project, form):
    victim = outside(project) / "victim.txt"
    victim.write_text("keep me\n")
    entry = str(victim) if form == "absolute" else "../../../outside/victim.txt"
    assert (project / entry).resolve() == victim.resolve()
    digest = hashlib.sha256(victim.read_bytes()).hexdigest()
    rewrite_manifest(project, lambda content: content["files"].update({entry: {"sha256": digest, "base": ""}}))
    before = snapshot(project)
    edit_spec()
    result = invoke("generate", "specs/binance.yaml")
    assert_one_line_error(result, str(project / MANIFEST_PATH), repr(entry), "nothing was written")
    assert victim.read_text() == "keep me\n"
    assert snapshot(project) == before
    check = invoke("check", "--no-run-tests")
    assert check.exit_code == 1 and repr(entry) in check.output


def test_a_symlinked_folder_inside_the_tree_is_not_written_through(project):
    """generated/binance/hummingbot/connector/exchange/binance -> a folder outside: reported, never written."""
    target = outside(project) / "binance"
    shutil.move(str(project / PACKAGE), str(target))
    (project / PACKAGE).symlink_to(target.absolute(), target_is_directory=True)
    before = snapshot(target)
    edit_spec()
    result = invoke("generate", "specs/binance.yaml")
    assert result.exit_code == 1, result.output
    assert snapshot(target) == before
    assert f"{project / CONSTANTS}: {project / PACKAGE} is a symbolic link" in result.output
    assert "Traceback" not in result.output and "internal error" not in result.output


def test_a_symlinked_merge_base_folder_is_refused_before_anything_is_written(project):
    """.hbgen/base -> a folder outside: hbgen would write bases there and delete what it does not recognise."""
    target = outside(project) / "base"
    shutil.move(str(project / BASE_DIR), str(target))
    (target / "precious.txt").write_text("mine\n")
    (project / BASE_DIR).symlink_to(target.absolute(), target_is_directory=True)
    before, outside_before = snapshot(project), snapshot(target)
    edit_spec()
    result = invoke("generate", "specs/binance.yaml")
    assert_one_line_error(result, f"symbolic link {project / BASE_DIR}")
    assert snapshot(target) == outside_before and snapshot(project) == before


# --- a damaged manifest loses nothing -------------------------------------------------------------------------------


def test_a_truncated_manifest_is_reported_and_nothing_is_lost(project):
    manifest = project / MANIFEST_PATH
    complete = manifest.read_text()
    exchange = project / EXCHANGE
    exchange.write_text(exchange.read_text().replace(CANCEL, CANCEL + LOG_LINE))
    manifest.write_text(complete[: len(complete) // 2])
    before = snapshot(project)
    edit_spec()
    for command in (["generate", "specs/binance.yaml"], ["generate", "specs/binance.yaml", "--force"]):
        result = invoke(*command)
        assert_one_line_error(result, str(manifest), "damaged or truncated", "git checkout", "nothing was written")
        assert snapshot(project) == before  # manifest not replaced, merge bases kept, hand edit kept
    check = invoke("check", "--no-run-tests")
    assert check.exit_code == 1 and "damaged or truncated" in check.output
    # Restored from version control, the same run applies the spec change and keeps the hand edit.
    manifest.write_text(complete)
    result = invoke("generate", "specs/binance.yaml")
    assert result.exit_code == 0, result.output
    assert LOG_LINE in exchange.read_text() and "LAST_PRICE_PATH_URL" in exchange.read_text()


@pytest.mark.parametrize(
    "damage",
    [
        lambda content: content.update({"files": ["not", "a", "mapping"]}),
        lambda content: content["files"].update({f"{PACKAGE}/binance_utils.py": {"sha256": "0" * 10}}),
        lambda content: content.update({"format": "two"}),
    ],
    ids=["files-not-a-mapping", "bad-digest", "bad-format"],
)
def test_a_manifest_of_the_wrong_shape_is_reported_as_damaged(project, damage):
    rewrite_manifest(project, damage)
    before = snapshot(project)
    assert_one_line_error(invoke("generate", "specs/binance.yaml"), "damaged or truncated")
    edit_spec()
    assert_one_line_error(invoke("generate", "specs/binance.yaml"), "damaged or truncated")
    assert snapshot(project) == before


def test_a_manifest_from_a_newer_hbgen_is_refused_not_rewritten(project):
    rewrite_manifest(project, lambda content: content.update({"format": 99}))
    before = snapshot(project)
    edit_spec()
    assert_one_line_error(invoke("generate", "specs/binance.yaml"), "format 99", "newer hbgen", "upgrade hbgen")
    assert_one_line_error(invoke("generate", "specs/binance.yaml", "--force"), "newer hbgen")
    assert snapshot(project) == before


# --- one-line messages instead of internal errors -------------------------------------------------------------------


def test_a_hand_edit_that_is_not_utf8_is_reported_with_its_position(project):
    exchange = project / EXCHANGE
    exchange.write_bytes(exchange.read_bytes().replace(b"import asyncio\n", b"import asyncio  # caf\xe9\n", 1))
    line = exchange.read_bytes().split(b"\n").index(b"import asyncio  # caf\xe9") + 1
    before = snapshot(project)
    edit_spec()
    assert_one_line_error(invoke("generate", "specs/binance.yaml"), f"{exchange}:{line}:22: not UTF-8", "0xe9")
    assert snapshot(project) == before


def test_out_being_a_file_is_reported(project, tmp_path):
    file = tmp_path / "a-file"
    file.write_text("")
    assert_one_line_error(invoke("generate", "specs/binance.yaml", "--out", file), f"--out {file} is a file")


def test_permission_denied_is_one_line_naming_the_file(project, monkeypatch):
    real_replace = os.replace

    def denied(source, target):
        if str(target).endswith("binance_constants.py"):
            raise PermissionError(errno.EACCES, "Permission denied", str(target))
        real_replace(source, target)

    monkeypatch.setattr(os, "replace", denied)
    edit_spec()
    assert_one_line_error(invoke("generate", "specs/binance.yaml"), f"{project / CONSTANTS}: Permission denied")
    monkeypatch.setattr(os, "replace", real_replace)
    assert invoke("generate", "specs/binance.yaml").exit_code == 0  # a second run finishes


# --- line endings ---------------------------------------------------------------------------------------------------


def test_a_hand_edit_saved_with_crlf_merges_like_any_other(project):
    exchange = project / EXCHANGE
    exchange.write_bytes(exchange.read_text().replace(CANCEL, CANCEL + LOG_LINE).replace("\n", "\r\n").encode())
    edit_spec()
    result = invoke("generate", "specs/binance.yaml")
    assert result.exit_code == 0, result.output
    text = exchange.read_bytes().decode()
    assert f"merged {exchange}: hand edits kept" in result.output
    assert "\r" not in text and LOG_LINE in text and "LAST_PRICE_PATH_URL" in text


def test_a_file_only_resaved_with_crlf_counts_as_untouched(project):
    constants = project / CONSTANTS
    constants.write_bytes(constants.read_bytes().replace(b"\n", b"\r\n"))
    edit_spec()
    result = invoke("generate", "specs/binance.yaml")
    assert result.exit_code == 0 and f"wrote {constants}\n" in result.output
    assert b"\r" not in constants.read_bytes() and b"LAST_PRICE_PATH_URL" in constants.read_bytes()


# --- one run at a time per tree -------------------------------------------------------------------------------------


def test_a_second_run_on_a_tree_being_regenerated_is_refused(project):
    before = snapshot(project)
    edit_spec()
    descriptor = os.open(project, os.O_RDONLY)
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX)  # what a run in progress holds
        assert_one_line_error(invoke("generate", "specs/binance.yaml"), "another hbgen run", str(project))
        assert snapshot(project) == before
    finally:
        os.close(descriptor)
    assert invoke("generate", "specs/binance.yaml").exit_code == 0


def test_windows_takes_the_lock_on_a_file_and_removes_it(tmp_path, monkeypatch):
    """Windows has no fcntl: the lock is msvcrt's byte-range lock on a file in the tree, refused when another
    process holds it, and the file is gone after the run (simulated: this machine is not Windows)."""
    from types import SimpleNamespace

    from scaffolder import writer

    calls = []
    held = {"busy": False}

    def locking(descriptor, mode, length):
        calls.append(mode)
        if mode == "NBLCK" and held["busy"]:
            raise OSError(36, "Resource deadlock avoided")

    monkeypatch.setattr(writer, "fcntl", None)
    monkeypatch.setattr(writer, "msvcrt", SimpleNamespace(locking=locking, LK_NBLCK="NBLCK", LK_UNLCK="UNLCK"))
    with writer.locked(tmp_path / "tree"):
        assert (tmp_path / "tree" / writer.LOCK_FILE).exists()
        assert writer.list_tree(tmp_path / "tree") == []
    assert calls == ["NBLCK", "UNLCK"] and not (tmp_path / "tree" / writer.LOCK_FILE).exists()
    held["busy"] = True
    with pytest.raises(writer.TreeError, match="another hbgen run"):
        with writer.locked(tmp_path / "tree"):
            pass


# --- black's worker processes ---------------------------------------------------------------------------------------

SLOW_GENERATE = """
import sys, time
from scaffolder import formatting
from scaffolder.cli import main

def slow(path, text):
    time.sleep(600)  # a worker still formatting when its parent is killed
    return text

formatting.format_source = slow
sys.argv = ["hbgen", "generate", sys.argv[1], "--out", sys.argv[2], "--workers", "2"]
main()
"""


def children(pid: int):
    found = []
    for entry in Path("/proc").iterdir():
        try:
            if entry.name.isdigit() and int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1]) == pid:
                found.append(int(entry.name))
        except (OSError, IndexError, ValueError):
            continue
    return found


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def wait_until(condition, guard: float = 120.0) -> bool:
    """Polls `condition`; the guard only keeps a broken run from hanging the suite."""
    deadline = time.monotonic() + guard
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.1)
    return condition()


def test_black_workers_die_when_generate_is_killed(tmp_path):
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    command = [sys.executable, "-c", SLOW_GENERATE, str(ROOT / "specs" / "binance.yaml"), str(tmp_path)]
    parent = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    workers = []
    try:
        assert wait_until(lambda: len(children(parent.pid)) >= 2), "the workers never started"
        workers = children(parent.pid)
        os.kill(parent.pid, signal.SIGKILL)
        parent.wait()
        assert wait_until(lambda: not any(alive(pid) for pid in workers)), "workers outlived hbgen generate"
    finally:
        for pid in [parent.pid, *workers]:
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
