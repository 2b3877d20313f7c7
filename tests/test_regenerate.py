"""Regenerating over hand edits: three-way merge per file, conflicts, deletions, --force, dry runs, check,
and interrupted runs.

Most scenarios run through the library layer (plan_regeneration / apply_plan) with renders of spec variants
made once per module; every merge scenario runs twice, with `git merge-file` and with the pure-Python merge.
The README flow runs through the CLI.
"""

import hashlib
import json
import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path
from typing import Callable, Dict

import jinja2
import pytest
from typer.testing import CliRunner

from scaffolder import manifest as manifest_module
from scaffolder import regenerate
from scaffolder.cli import app
from scaffolder.generate import generate_files
from scaffolder.manifest import BASE_DIR, MANIFEST_PATH, current_inputs, load_manifest
from scaffolder.regenerate import Labels, apply_plan, merge_with_git, merge_with_python, plan_regeneration

ROOT = Path(__file__).resolve().parent.parent
SPEC_TEXT = (ROOT / "specs" / "binance.yaml").read_text()
PACKAGE = "hummingbot/connector/exchange/binance"
EXCHANGE = f"{PACKAGE}/binance_exchange.py"
CONSTANTS = f"{PACKAGE}/binance_constants.py"
UTILS = f"{PACKAGE}/binance_utils.py"
UTILS_TEST = "test/hummingbot/connector/exchange/binance/test_binance_utils.py"
WEB_UTILS_TEST = "test/hummingbot/connector/exchange/binance/test_binance_web_utils.py"
LABELS = Labels(ours="hand-edited", base="last generated", theirs="new render")

# Hand edits: (file, anchor line, replacement).
CANCEL = "    async def _place_cancel(self, order_id: str, tracked_order: InFlightOrder) -> bool:\n"
LOG_LINE = (EXCHANGE, CANCEL, CANCEL + '        self.logger().info(f"Cancelling {order_id}")\n')
WEIGHT = "    RateLimit(limit_id=REQUEST_WEIGHT, limit=6000, time_interval=60.0),\n"
ORDERS = "    RateLimit(limit_id=ORDERS, limit=100, time_interval=10.0),\n"
PREFIX = 'HBOT_ORDER_ID_PREFIX = "x-MG43PCSN"\n'


def rate_limit_edit(text: str) -> str:
    return text.replace(
        "{id: REQUEST_WEIGHT, limit: 6000, interval: 60}", "{id: REQUEST_WEIGHT, limit: 1200, interval: 60}"
    )


def rename_endpoint(text: str) -> str:
    return text.replace(
        "  ticker_24hr:\n    path: /ticker/24hr\n    constant: TICKER_PRICE_CHANGE_PATH_URL",
        "  last_price:\n    path: /ticker/24hr\n    constant: LAST_PRICE_PATH_URL",
    ).replace("endpoint: ticker_24hr", "endpoint: last_price")


def drop_balance_channel(text: str) -> str:
    """The user stream's balance events are optional: dropping them removes code from several files."""
    start = text.index("  balance_event:")
    return text[:start] + text[text.index("  example_subscribe_response:", start) :]


SPEC_EDITS: Dict[str, Callable[[str], str]] = {
    "original": lambda text: text,
    "rate_limit": rate_limit_edit,
    "rename_endpoint": rename_endpoint,
    "drop_balance_channel": drop_balance_channel,
}


@pytest.fixture(scope="module")
def variants(tmp_path_factory):
    """{variant: (render, inputs)} for the Binance spec and each edit of it, rendered once."""
    folder = tmp_path_factory.mktemp("specs")
    result = {}
    for name, edit in SPEC_EDITS.items():
        spec = folder / f"{name}.yaml"
        spec.write_text(edit(SPEC_TEXT))
        result[name] = generate_files(spec), current_inputs(spec)
    assert all(result[name][0] != result["original"][0] for name in SPEC_EDITS if name != "original")
    return result


@pytest.fixture(params=["git", "python"])
def engine(request, monkeypatch):
    """Each merge scenario runs with git merge-file, then with the pure-Python merge and no git on PATH."""

    def must_not_run(*args, **kwargs):
        raise AssertionError("the other merge engine ran")

    if request.param == "git":
        if shutil.which("git") is None:
            pytest.skip("git is not installed")
        monkeypatch.setattr(regenerate, "merge_with_python", must_not_run)
    else:
        monkeypatch.setenv("PATH", "")
        monkeypatch.setattr(regenerate, "merge_with_git", must_not_run)
    return request.param


def regenerate_tree(root: Path, variant, force: bool = False) -> regenerate.Plan:
    render, inputs = variant
    plan = plan_regeneration(root, render, inputs, force=force, labels=LABELS)
    apply_plan(plan)
    return plan


def hand_edit(root: Path, path: str, old: str, new: str) -> None:
    text = (root / path).read_text()
    assert text.count(old) == 1, f"{old!r} is not unique in {path}"
    (root / path).write_text(text.replace(old, new))


def edited(text: str, old: str, new: str) -> str:
    assert text.count(old) == 1
    return text.replace(old, new)


def snapshot(root: Path) -> Dict[str, bytes]:
    """Every file under `root`, .hbgen/ included."""
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def conflict(ours: str, theirs: str) -> str:
    return f"<<<<<<< {LABELS.ours}\n{ours}=======\n{theirs}>>>>>>> {LABELS.theirs}\n"


def assert_rest_is_render(root: Path, render: Dict[str, str], *except_paths: str) -> None:
    for path, text in render.items():
        if path not in except_paths:
            assert (root / path).read_text() == text, path


@pytest.fixture
def tree(tmp_path, variants):
    """A connector generated from the original spec."""
    root = tmp_path / "binance"
    regenerate_tree(root, variants["original"])
    return root


# --- hand edit x spec edit ------------------------------------------------------------------------------------------


def test_an_untouched_tree_becomes_the_new_render(tree, variants):
    plan = regenerate_tree(tree, variants["rate_limit"])
    render = variants["rate_limit"][0]
    assert_rest_is_render(tree, render)
    assert {change.path for change in plan.changes if change.writes} == {CONSTANTS, WEB_UTILS_TEST}
    assert load_manifest(tree).files == {
        path: hashlib.sha256(text.encode()).hexdigest() for path, text in render.items()
    }


@pytest.mark.parametrize(
    "case, old, new, expected_region",
    [
        # A comment under the order id prefix, far from the rate limit the spec changes: both kept.
        ("disjoint", PREFIX, PREFIX + "# our broker id\n", None),
        # The line right after the changed one: touching changes conflict, as in git.
        (
            "adjacent",
            ORDERS,
            "    RateLimit(limit_id=ORDERS, limit=50, time_interval=10.0),  # our account\n",
            conflict(
                WEIGHT + "    RateLimit(limit_id=ORDERS, limit=50, time_interval=10.0),  # our account\n",
                WEIGHT.replace("6000", "1200") + ORDERS,
            ),
        ),
        # The changed line itself.
        (
            "overlapping",
            WEIGHT,
            WEIGHT.replace("6000", "5000").replace("\n", "  # margin\n"),
            conflict(WEIGHT.replace("6000", "5000").replace("\n", "  # margin\n"), WEIGHT.replace("6000", "1200"))
            + ORDERS,
        ),
    ],
    ids=["disjoint", "adjacent", "overlapping"],
)
def test_hand_edit_against_a_spec_edit_of_the_same_file(tree, variants, engine, case, old, new, expected_region):
    hand_edit(tree, CONSTANTS, old, new)
    plan = regenerate_tree(tree, variants["rate_limit"])
    render = variants["rate_limit"][0]
    result = (tree / CONSTANTS).read_text()
    if expected_region is None:
        assert result == edited(render[CONSTANTS], PREFIX, PREFIX + "# our broker id\n")
        assert plan.conflicts == []
    else:
        assert result == edited(render[CONSTANTS], WEIGHT.replace("6000", "1200") + ORDERS, expected_region)
        assert [(change.path, change.kind) for change in plan.conflicts] == [(CONSTANTS, "conflict")]
    assert_rest_is_render(tree, render, CONSTANTS)
    # What hbgen wrote is the next merge base: the new render, whatever the file on disk holds.
    assert (tree / BASE_DIR / load_manifest(tree).files[CONSTANTS]).read_text() == render[CONSTANTS]


def test_a_log_line_in_another_file_survives_a_rate_limit_edit(tree, variants, engine):
    hand_edit(tree, *LOG_LINE)
    plan = regenerate_tree(tree, variants["rate_limit"])
    assert (tree / EXCHANGE).read_text() == edited(variants["original"][0][EXCHANGE], LOG_LINE[1], LOG_LINE[2])
    assert {change.path: change.kind for change in plan.changes}[EXCHANGE] == "kept"
    assert_rest_is_render(tree, variants["rate_limit"][0], EXCHANGE)


def test_renaming_an_endpoint_merges_into_a_hand_edited_file(tree, variants, engine):
    hand_edit(tree, *LOG_LINE)
    plan = regenerate_tree(tree, variants["rename_endpoint"])
    render = variants["rename_endpoint"][0]
    result = (tree / EXCHANGE).read_text()
    assert result == edited(render[EXCHANGE], LOG_LINE[1], LOG_LINE[2])
    assert "CONSTANTS.LAST_PRICE_PATH_URL" in result and "TICKER_PRICE" not in result
    assert {change.path: change.kind for change in plan.changes}[EXCHANGE] == "merged"
    assert_rest_is_render(tree, render, EXCHANGE)


def test_dropping_a_channel_removes_its_code_around_hand_edits(tree, variants, engine):
    hand_edit(tree, *LOG_LINE)
    plan = regenerate_tree(tree, variants["drop_balance_channel"])
    render = variants["drop_balance_channel"][0]
    assert (tree / EXCHANGE).read_text() == edited(render[EXCHANGE], LOG_LINE[1], LOG_LINE[2])
    assert "_process_balance_event" not in (tree / EXCHANGE).read_text()
    assert plan.conflicts == []


def test_editing_code_the_spec_edit_removes_is_a_conflict(tree, variants, engine):
    line = '            asset_name = balance_entry["a"]\n'
    hand_edit(tree, EXCHANGE, line, line + '            self.logger().debug(f"balance of {asset_name}")\n')
    plan = regenerate_tree(tree, variants["drop_balance_channel"])
    result = (tree / EXCHANGE).read_text()
    assert [change.kind for change in plan.conflicts] == ["conflict"]
    assert result.count(f"<<<<<<< {LABELS.ours}\n") == 1 and result.count(f">>>>>>> {LABELS.theirs}\n") == 1
    ours_side = result.split(f"<<<<<<< {LABELS.ours}\n")[1].split("=======\n")[0]
    assert 'self.logger().debug(f"balance of {asset_name}")' in ours_side and "def _process_balance_event" in ours_side
    assert "elif event_type == CONSTANTS.USER_BALANCE_EVENT_TYPE" not in result  # the disjoint removal applies


# --- files deleted, added, no longer generated, in the way ----------------------------------------------------------


def test_a_file_deleted_by_hand_stays_deleted_unless_the_new_render_changes_it(tree, variants):
    (tree / UTILS_TEST).unlink()
    (tree / WEB_UTILS_TEST).unlink()
    plan = regenerate_tree(tree, variants["rate_limit"])
    kinds = {change.path: change.kind for change in plan.changes}
    assert kinds[UTILS_TEST] == "kept-deleted" and not (tree / UTILS_TEST).exists()
    # The rate limit edit changes the web utils test: it comes back, reported as a conflict.
    assert kinds[WEB_UTILS_TEST] == "restored" and [c.path for c in plan.conflicts] == [WEB_UTILS_TEST]
    assert (tree / WEB_UTILS_TEST).read_text() == variants["rate_limit"][0][WEB_UTILS_TEST]
    assert UTILS_TEST in load_manifest(tree).files
    assert not any(change.writes for change in regenerate_tree(tree, variants["rate_limit"]).changes)


def test_files_added_by_hand_are_never_touched(tree, variants):
    extra, notes = tree / PACKAGE / "binance_extras.py", tree / "NOTES.md"
    extra.write_text("EXTRA = 1\n")
    notes.write_text("notes\n")
    regenerate_tree(tree, variants["rate_limit"])
    regenerate_tree(tree, variants["original"], force=True)
    fewer = {path: text for path, text in variants["original"][0].items() if not path.startswith(PACKAGE)}
    regenerate_tree(tree, (fewer, variants["original"][1]))
    assert extra.read_text() == "EXTRA = 1\n" and notes.read_text() == "notes\n"
    assert sorted(p.name for p in (tree / PACKAGE).iterdir()) == ["binance_extras.py"]


def test_a_template_set_that_no_longer_produces_files(tree, variants):
    """Not expressible in the spec language (every spec yields the same source files): the files dict stands for a
    template set without dummy.pyx and binance_utils.py."""
    render, inputs = variants["original"]
    hand_edit(tree, UTILS, "CENTRALIZED = True\n", "CENTRALIZED = True  # reviewed\n")
    fewer = {path: text for path, text in render.items() if path not in (f"{PACKAGE}/dummy.pyx", UTILS)}
    plan = regenerate_tree(tree, (fewer, inputs))
    kinds = {change.path: change.kind for change in plan.changes}
    assert kinds[f"{PACKAGE}/dummy.pyx"] == "deleted" and not (tree / PACKAGE / "dummy.pyx").exists()
    assert kinds[UTILS] == "abandoned" and "# reviewed" in (tree / UTILS).read_text()
    assert set(load_manifest(tree).files) == set(fewer)
    # Now the developer's: even --force leaves it alone.
    assert not any(change.writes for change in regenerate_tree(tree, (fewer, inputs), force=True).changes)
    assert "# reviewed" in (tree / UTILS).read_text()


def test_a_folder_left_empty_by_a_file_no_longer_generated_is_removed(tmp_path):
    root = tmp_path / "connector"
    inputs = {"spec_sha256": "x"}
    apply_plan(plan_regeneration(root, {"pkg/a.py": "A = 1\n", "pkg/sub/b.py": "B = 1\n"}, inputs))
    apply_plan(plan_regeneration(root, {"pkg/a.py": "A = 1\n"}, inputs))
    assert not (root / "pkg" / "sub").exists() and (root / "pkg" / "a.py").exists()
    assert len(list((root / BASE_DIR).iterdir())) == 1  # the base of b.py went with it


def test_a_file_hbgen_does_not_own_blocks_its_path(tree, variants):
    render, inputs = variants["original"]
    mine = tree / PACKAGE / "binance_extras.py"
    mine.write_text("MINE = 1\n")
    more = {**render, f"{PACKAGE}/binance_extras.py": "GENERATED = 1\n"}
    plan = regenerate_tree(tree, (more, inputs), force=True)
    assert [(c.path, c.kind) for c in plan.conflicts] == [(f"{PACKAGE}/binance_extras.py", "blocked")]
    assert mine.read_text() == "MINE = 1\n"
    manifest = load_manifest(tree)
    assert f"{PACKAGE}/binance_extras.py" not in manifest.files and not manifest.is_current(inputs)
    mine.unlink()
    regenerate_tree(tree, (more, inputs))
    assert mine.read_text() == "GENERATED = 1\n" and load_manifest(tree).is_current(inputs)


def test_a_missing_merge_base_turns_a_merge_into_a_two_way_conflict(tree, variants, engine):
    hand_edit(tree, *LOG_LINE)
    (tree / BASE_DIR / load_manifest(tree).files[EXCHANGE]).unlink()
    plan = regenerate_tree(tree, variants["rename_endpoint"])
    [change] = plan.conflicts
    assert change.path == EXCHANGE and "no merge base" in change.reason
    result = (tree / EXCHANGE).read_text()
    assert LOG_LINE[2].splitlines()[1] in result and "LAST_PRICE_PATH_URL" in result and "TICKER_PRICE" in result


def test_a_tree_with_the_first_manifest_format_upgrades(tree, variants):
    """hbgen's first manifest recorded file hashes only: no inputs breakdown, no merge bases."""
    manifest = load_manifest(tree)
    (tree / MANIFEST_PATH).write_text(json.dumps({"files": manifest.files, "hbgen_version": "0.1.0", "inputs": "x"}))
    shutil.rmtree(tree / BASE_DIR)
    hand_edit(tree, *LOG_LINE)
    plan = regenerate_tree(tree, variants["rate_limit"])
    kinds = {change.path: change.kind for change in plan.changes}
    assert kinds[CONSTANTS] == "updated" and kinds[EXCHANGE] == "kept" and plan.conflicts == []
    assert_rest_is_render(tree, variants["rate_limit"][0], EXCHANGE)
    assert load_manifest(tree).is_current(variants["rate_limit"][1])


# --- versions, repeats, --force -------------------------------------------------------------------------------------


def test_a_template_change_between_hbgen_versions_merges_like_a_spec_edit(tree, variants, engine):
    """A newer hbgen whose templates add a header line to every Python file."""
    render, inputs = variants["original"]
    newer = {path: ("# hbgen 0.2\n" + text if path.endswith(".py") and text else text) for path, text in render.items()}
    hand_edit(tree, *LOG_LINE)
    plan = regenerate_tree(tree, (newer, {**inputs, "hbgen_version": "0.2.0"}))
    assert (tree / EXCHANGE).read_text() == edited(newer[EXCHANGE], LOG_LINE[1], LOG_LINE[2])
    assert plan.conflicts == [] and load_manifest(tree).inputs["hbgen_version"] == "0.2.0"
    assert_rest_is_render(tree, newer, EXCHANGE)


@pytest.mark.parametrize("hand_edits", [[LOG_LINE], [LOG_LINE, (CONSTANTS, WEIGHT, WEIGHT.replace("6000", "1"))]])
def test_a_second_regeneration_changes_nothing(tree, variants, engine, hand_edits):
    for edit in hand_edits:
        hand_edit(tree, *edit)
    regenerate_tree(tree, variants["rename_endpoint"])
    regenerate_tree(tree, variants["rate_limit"])  # the constants edit now conflicts
    before = snapshot(tree)
    plan = regenerate_tree(tree, variants["rate_limit"])
    assert snapshot(tree) == before
    assert {change.kind for change in plan.changes} <= {"unchanged", "kept"}
    assert plan.unresolved == ([CONSTANTS] if len(hand_edits) == 2 else [])


def test_force_overwrites_what_hbgen_owns_and_only_that(tree, variants):
    hand_edit(tree, *LOG_LINE)
    (tree / UTILS_TEST).unlink()
    (tree / "NOTES.md").write_text("notes\n")
    plan = regenerate_tree(tree, variants["rate_limit"], force=True)
    assert_rest_is_render(tree, variants["rate_limit"][0])
    assert (tree / "NOTES.md").read_text() == "notes\n"
    assert {change.path: change.kind for change in plan.changes if change.writes} == {
        EXCHANGE: "overwritten",
        UTILS_TEST: "created",
        CONSTANTS: "updated",
        WEB_UTILS_TEST: "updated",
    }


# --- the merge engines ----------------------------------------------------------------------------------------------

MERGES = {
    "clean": ("a\nb\nc\nd\ne\n", "A\nb\nc\nd\ne\n", "a\nb\nc\nd\nE\n", "A\nb\nc\nd\nE\n", 0),
    "same change on both sides": ("a\nb\n", "a\nB\n", "a\nB\n", "a\nB\n", 0),
    "overlap": ("a\nb\nc\n", "a\nX\nc\n", "a\nY\nc\n", "a\n" + conflict("X\n", "Y\n") + "c\n", 1),
    "insertions at one place": ("a\nb\n", "a\nX\nb\n", "a\nY\nb\n", "a\n" + conflict("X\n", "Y\n") + "b\n", 1),
    "edit against removal": ("a\nb\nc\n", "a\nB\nc\n", "a\nc\n", "a\n" + conflict("B\n", "") + "c\n", 1),
    "two conflicts": (
        "1\n2\n3\n4\n5\n6\n7\n",
        "1\nA\n3\n4\n5\n6\nB\n",
        "1\nX\n3\n4\n5\n6\nY\n",
        "1\n" + conflict("A\n", "X\n") + "3\n4\n5\n6\n" + conflict("B\n", "Y\n"),
        2,
    ),
    # As git's zealous merge: conflicts only 3 lines apart are shown as one, so are conflicts apart by blank lines.
    "close conflicts joined": (
        "1\n2\n3\n4\n5\n6\n",
        "1\nA\n3\n4\n5\nB\n",
        "1\nX\n3\n4\n5\nY\n",
        "1\n" + conflict("A\n3\n4\n5\nB\n", "X\n3\n4\n5\nY\n"),
        1,
    ),
    "conflict trimmed to differing lines": (
        "",
        "x\na\nb\nc\nd\ne\nf\n",
        "a\nb\nc\nd\ne\ny\n",
        conflict("x\n", "") + "a\nb\nc\nd\ne\n" + conflict("f\n", "y\n"),
        2,
    ),
    "no final newline": ("a\nb", "a\nB", "a\nC", "a\n" + conflict("B\n", "C\n"), 1),
}


@pytest.mark.parametrize("case", MERGES, ids=list(MERGES))
@pytest.mark.parametrize("merge", ["git", "python"])
def test_merge_engines_agree(case, merge):
    base, ours, theirs, expected, conflicts = MERGES[case]
    if merge == "git":
        git = shutil.which("git") or pytest.skip("git is not installed")
        result = merge_with_git(git, base, ours, theirs, LABELS)
    else:
        result = merge_with_python(base, ours, theirs, LABELS)
    assert (result.text, result.conflicts) == (expected, conflicts)


# --- atomicity ------------------------------------------------------------------------------------------------------


def interrupted_scenario(tmp_path, variants):
    """A tree with a hand edit, about to take an endpoint rename; and the tree an uninterrupted run leaves."""
    pristine = tmp_path / "pristine"
    regenerate_tree(pristine, variants["original"])
    hand_edit(pristine, *LOG_LINE)
    finished = tmp_path / "finished"
    shutil.copytree(pristine, finished)
    regenerate_tree(finished, variants["rename_endpoint"])
    return pristine, snapshot(pristine), snapshot(finished)


def assert_each_file_old_or_new(root: Path, before: Dict[str, bytes], after: Dict[str, bytes]) -> None:
    now = snapshot(root)
    assert now[MANIFEST_PATH] == before[MANIFEST_PATH]  # the manifest is written last
    for path, data in now.items():
        if path.endswith(".hbgen-tmp"):  # a killed run's temporary file, never at a real path
            continue
        assert data in (before.get(path), after.get(path)), f"{path} is neither as it was nor fully new"


def test_a_run_failing_at_any_write_leaves_files_old_or_new_and_a_rerun_finishes(tmp_path, variants, monkeypatch):
    pristine, before, after = interrupted_scenario(tmp_path, variants)
    real_replace = os.replace
    calls = []

    def counting_replace(source, target):
        calls.append(target)
        real_replace(source, target)

    monkeypatch.setattr(os, "replace", counting_replace)
    regenerate_tree(shutil.copytree(pristine, tmp_path / "count"), variants["rename_endpoint"])
    assert len(calls) >= 5  # bases, files, manifest

    for failing in range(len(calls)):
        root = shutil.copytree(pristine, tmp_path / f"run{failing}")
        count = iter(range(len(calls)))

        def failing_replace(source, target):
            if next(count) == failing:
                raise OSError("disk full")
            real_replace(source, target)

        monkeypatch.setattr(os, "replace", failing_replace)
        with pytest.raises(OSError, match="disk full"):
            regenerate_tree(root, variants["rename_endpoint"])
        monkeypatch.setattr(os, "replace", real_replace)
        assert_each_file_old_or_new(root, before, after)
        assert not any(path.endswith(".hbgen-tmp") for path in snapshot(root))
        regenerate_tree(root, variants["rename_endpoint"])
        assert snapshot(root) == after


KILLER = """
import json, os, signal, sys
from pathlib import Path
from scaffolder import regenerate, writer

root, data, kill_at = Path(sys.argv[1]), json.loads(Path(sys.argv[2]).read_text()), int(sys.argv[3])
real_fdopen, writes = os.fdopen, []

class HalfThenKill:
    def __init__(self, handle):
        self.handle = handle
    def __enter__(self):
        return self
    def __exit__(self, *exc):
        self.handle.close()
    def write(self, text):
        writes.append(1)
        if len(writes) == kill_at:
            self.handle.write(text[: len(text) // 2])
            self.handle.flush()
            os.kill(os.getpid(), signal.SIGKILL)
        self.handle.write(text)

writer.os.fdopen = lambda *args, **kwargs: HalfThenKill(real_fdopen(*args, **kwargs))
regenerate.apply_plan(regenerate.plan_regeneration(root, data["render"], data["inputs"]))
print(len(writes))
"""


def test_a_run_killed_while_writing_leaves_no_half_written_file(tmp_path, variants):
    pristine, before, after = interrupted_scenario(tmp_path, variants)
    render, inputs = variants["rename_endpoint"]
    data = tmp_path / "render.json"
    data.write_text(json.dumps({"render": render, "inputs": inputs}))
    env = {**os.environ, "PYTHONPATH": str(ROOT)}

    def run(root: Path, kill_at: int) -> subprocess.CompletedProcess:
        command = [sys.executable, "-c", KILLER, str(root), str(data), str(kill_at)]
        return subprocess.run(command, env=env, capture_output=True, text=True)

    complete = run(shutil.copytree(pristine, tmp_path / "complete"), 0)
    assert complete.returncode == 0, complete.stderr
    total = int(complete.stdout)
    for kill_at in sorted({1, total // 2, total - 1, total}):  # a base, a file, the last file, the manifest
        root = shutil.copytree(pristine, tmp_path / f"killed{kill_at}")
        assert run(root, kill_at).returncode == -signal.SIGKILL
        assert_each_file_old_or_new(root, before, after)
        assert any(path.endswith(".hbgen-tmp") for path in snapshot(root))
        regenerate_tree(root, variants["rename_endpoint"])  # removes the leftover and finishes
        assert snapshot(root) == after


# --- through the CLI ------------------------------------------------------------------------------------------------


def invoke(*args: str):
    return CliRunner().invoke(app, [str(arg) for arg in args])


@pytest.fixture
def project(tmp_path, monkeypatch):
    """A folder with specs/binance.yaml, a copy of the reference spec, generated once."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "specs").mkdir()
    Path("specs/binance.yaml").write_text(SPEC_TEXT)
    assert invoke("generate", "specs/binance.yaml").exit_code == 0
    return Path("generated/binance")


def edit_spec(edit: Callable[[str], str]) -> None:
    spec = Path("specs/binance.yaml")
    spec.write_text(edit(spec.read_text()))


def test_readme_flow_hand_edits_survive_and_collisions_are_marked(project):
    hand_edit(project, *LOG_LINE)
    edit_spec(rate_limit_edit)

    before = snapshot(project)
    preview = invoke("diff", "specs/binance.yaml")
    assert preview.exit_code == 0 and snapshot(project) == before
    assert "-    RateLimit(limit_id=REQUEST_WEIGHT, limit=6000, time_interval=60.0),\n" in preview.output
    assert "+    RateLimit(limit_id=REQUEST_WEIGHT, limit=1200, time_interval=60.0),\n" in preview.output
    assert invoke("generate", "specs/binance.yaml", "--dry-run").output == preview.output

    result = invoke("generate", "specs/binance.yaml")
    assert result.exit_code == 0, result.output
    assert 'self.logger().info(f"Cancelling {order_id}")' in (project / EXCHANGE).read_text()
    assert "limit=1200" in (project / CONSTANTS).read_text()
    assert f"wrote {project / CONSTANTS}" in result.output and "23 files, 2 changed" in result.output

    hand_edit(project, CONSTANTS, "limit=1200, time_interval=60.0),", "limit=1100, time_interval=60.0),  # margin")
    edit_spec(lambda text: text.replace("limit: 1200", "limit: 3000"))
    result = invoke("generate", "specs/binance.yaml")
    assert result.exit_code == 1
    assert (
        conflict(
            "    RateLimit(limit_id=REQUEST_WEIGHT, limit=1100, time_interval=60.0),  # margin\n",
            "    RateLimit(limit_id=REQUEST_WEIGHT, limit=3000, time_interval=60.0),\n",
        ).replace(LABELS.theirs, "generated from specs/binance.yaml")
        in (project / CONSTANTS).read_text()
    )
    assert result.stderr.startswith("1 conflict:\n  " + str(project / CONSTANTS))

    again = invoke("generate", "specs/binance.yaml")
    assert again.exit_code == 1 and f"unresolved conflict markers in {project / CONSTANTS}" in again.output
    assert invoke("check", "--no-run-tests").exit_code == 1


def test_check_tells_stale_from_hand_edited(project, monkeypatch):
    assert invoke("check", "--no-run-tests", "--strict").exit_code == 0
    hand_edit(project, *LOG_LINE)
    result = invoke("check", "--no-run-tests")
    assert result.exit_code == 0, result.output
    assert f"{EXCHANGE}: edited by hand (1 line differs)" in result.output
    assert invoke("check", "--no-run-tests", "--strict").exit_code == 1

    (project / "NOTES.md").write_text("notes\n")
    assert "NOTES.md: added by hand" in invoke("check", "--no-run-tests").output

    with monkeypatch.context() as patched:
        patched.setattr(manifest_module, "templates_digest", lambda: "other templates")
        result = invoke("check", "--no-run-tests")
    assert result.exit_code == 1 and "the templates changed since the last generation" in result.stderr

    edit_spec(rate_limit_edit)
    result = invoke("check", "--no-run-tests")
    assert result.exit_code == 1
    assert "the spec changed since the last generation" in result.stderr
    assert f"{CONSTANTS}: would change (2 lines differ)" in result.stderr
    assert invoke("generate", "specs/binance.yaml").exit_code == 0
    assert invoke("check", "--no-run-tests").exit_code == 0


def test_force_through_the_cli(project):
    hand_edit(project, *LOG_LINE)
    result = invoke("generate", "specs/binance.yaml", "--force")
    assert result.exit_code == 0
    assert f"wrote {project / EXCHANGE}: hand edits discarded by --force" in result.output
    assert "Cancelling" not in (project / EXCHANGE).read_text()


def test_a_failed_render_writes_nothing(project, monkeypatch):
    hand_edit(project, *LOG_LINE)
    before = snapshot(project)
    edit_spec(lambda text: text.replace("limit: 6000", "limit: -1"))
    result = invoke("generate", "specs/binance.yaml")
    assert result.exit_code == 2 and "nothing was written" in result.output
    assert snapshot(project) == before

    edit_spec(lambda text: text.replace("limit: -1", "limit: 1200"))

    def broken_template(context):
        raise jinja2.UndefinedError("'c' has no attribute 'missing'")

    monkeypatch.setattr("scaffolder.render.render_connector", broken_template)
    result = invoke("generate", "specs/binance.yaml")
    assert isinstance(result.exception, jinja2.UndefinedError)
    assert snapshot(project) == before


NO_OP = """
import sys
from scaffolder.cli import app
try:
    app(["generate", "specs/binance.yaml"])
except SystemExit as exit:
    print("exit", exit.code)
print(sorted(name for name in ("jinja2", "black", "scaffolder.render", "scaffolder.formatting") if name in sys.modules))
"""


def test_no_op_generation_answers_from_the_manifest_even_with_hand_edits(project):
    hand_edit(project, *LOG_LINE)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    result = subprocess.run([sys.executable, "-c", NO_OP], env=env, capture_output=True, text=True)
    assert result.stdout == (
        f"{project}: up to date\nkept {project / EXCHANGE}: edited by hand\nexit 0\n[]\n"
    ), result.stderr
