"""Regeneration over a tree that may have been edited by hand: a three-way merge per file, in the way of copier's
update, without needing the templates in a git repository.

For each file, base = what hbgen last generated (kept under `.hbgen/base/`, see manifest.py), ours = the file on
disk, theirs = the new render:

- untouched files (ours == base) are replaced by the new render;
- hand-edited files are merged; where the hand edit and the new render change the same or adjacent lines, both
  versions are kept between standard conflict markers;
- a generated file deleted by hand stays deleted unless the new render changes it (then it is restored and
  reported as a conflict);
- a file the new render no longer produces is deleted when untouched, and kept (no longer hbgen's) when edited;
- files hbgen did not generate are never touched, even when a new render wants their path (reported, blocked).

`--force` replaces every file hbgen owns by the new render instead. Planning reads and computes everything first;
`apply_plan` then writes: bases, files (each atomically), and the manifest last, so a run stopped at any point
leaves the previous manifest describing a consistent merge base, and a re-run finishes the job.

The merge runs `git merge-file` when git is on PATH, and the `merge3` package (pure Python) otherwise.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Dict, Iterator, List, Optional, Sequence, Tuple

from scaffolder.manifest import (
    INPUT_NAMES,
    STATE_DIR,
    Manifest,
    ManifestError,
    base_path,
    edited_files,
    load_manifest,
    manifest_path,
    read_base,
    sha256,
)
from scaffolder.writer import (
    TreeError,
    confined,
    list_tree,
    remove_file,
    remove_temporaries,
    symbolic_link_in,
    write_atomic,
)

# Kinds of change that are conflicts: reported at the end, exit code 1.
CONFLICT_KINDS = ("conflict", "restored", "blocked")
MARKER_SIZE = 7


@dataclass(frozen=True)
class Labels:
    """Conflict marker labels: `<<<<<<< ours`, `=======`, `>>>>>>> theirs` (base is named only by git)."""

    ours: str = "hand-edited"
    base: str = "last generated"
    theirs: str = "new render"


@dataclass(frozen=True)
class Merge:
    text: str
    conflicts: int


@dataclass(frozen=True)
class Change:
    """What regeneration does to one path. `before`/`after` are its content on disk (None: absent).

    kind: unchanged, created, updated (untouched, replaced), merged, kept (hand-edited, the render did not change),
    kept-deleted, deleted (no longer generated), abandoned (edited and no longer generated: kept, no longer
    hbgen's), overwritten (--force), and the conflicts: conflict (markers written), restored (deleted by hand but
    changed by the render), blocked (a file hbgen does not own is at a rendered path).
    """

    path: str
    kind: str
    before: Optional[str]
    after: Optional[str]
    reason: str = ""

    @property
    def writes(self) -> bool:
        return self.before != self.after


@dataclass(frozen=True)
class Plan:
    root: Path
    render: Dict[str, str]
    manifest: Manifest
    changes: List[Change]
    state: str = STATE_DIR  # where the manifest and merge bases go, relative to root

    @property
    def conflicts(self) -> List[Change]:
        return [change for change in self.changes if change.kind in CONFLICT_KINDS]

    @property
    def unresolved(self) -> List[str]:
        """Hand-edited files still holding the conflict markers of an earlier run."""
        kinds = ("kept", "merged", "abandoned")
        return [c.path for c in self.changes if c.kind in kinds and has_conflict_markers(c.after or "")]

    def diff(self) -> str:
        """A unified diff of every file the plan would write or delete."""
        import difflib

        lines: List[str] = []
        for change in self.changes:
            if change.writes:
                lines += difflib.unified_diff(
                    _lines(change.before or ""),
                    _lines(change.after or ""),
                    f"a/{change.path}" if change.before is not None else "/dev/null",
                    f"b/{change.path}" if change.after is not None else "/dev/null",
                )
        return "".join(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n" for line in lines)


# --- planning ---------------------------------------------------------------------------------------------------------


def plan_regeneration(
    root: Path,
    render: Dict[str, str],
    inputs: Dict[str, str],
    force: bool = False,
    labels: Labels = Labels(),
    state: str = STATE_DIR,
) -> Plan:
    """Decide, without writing anything, what regenerating `root` with the new `render` does to each file; hbgen's
    manifest and merge bases are in `root/state`."""
    old = load_manifest(root, state) or Manifest(inputs={}, files={})
    changes = [_plan_file(root, path, text, old, force, labels, state) for path, text in sorted(render.items())]
    changes += [
        _plan_orphan(root, path, digest, force) for path, digest in sorted(old.files.items()) if path not in render
    ]
    blocked = tuple(change.path for change in changes if change.kind == "blocked")
    files = {path: sha256(text.encode("utf-8")) for path, text in render.items() if path not in blocked}
    return Plan(root, render, Manifest(inputs=inputs, files=files, blocked=blocked), changes, state)


def _read(root: Path, path: str) -> Optional[str]:
    """The text of `root/path`, None when absent; a file that is not UTF-8 stops the run (TreeError) with its
    position, since merging it could only garble it."""
    try:
        data = (root / path).read_bytes()
    except FileNotFoundError:
        return None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        column = error.start - (data.rfind(b"\n", 0, error.start) + 1) + 1
        raise TreeError(
            f"{root / path}:{line}:{column}: not UTF-8 text (byte 0x{data[error.start]:02x}); hbgen merges hand edits "
            "as text: save the file as UTF-8 (or move it away), then run hbgen generate again; nothing was written"
        ) from None


def _linked(root: Path, path: str) -> Optional[Change]:
    """A path reached through a symbolic link is never read, written or deleted: reported as in the way."""
    link = symbolic_link_in(root, path)
    if link is None:
        return None
    return Change(path, "blocked", None, None, f"{link} is a symbolic link: hbgen does not write through links")


def _plan_file(
    root: Path, path: str, theirs: str, old: Manifest, force: bool, labels: Labels, state: str = STATE_DIR
) -> Change:
    linked = _linked(root, path)
    if linked:
        return linked
    on_disk = _read(root, path)
    change = _plan_text(root, path, _lf(on_disk), theirs, old.files.get(path), force, labels, state)
    if on_disk is None or on_disk == change.before:
        return change
    # Saved with CRLF line endings: compared and merged as LF text, so that is not a whole-file edit. hbgen writes
    # LF, as it generates; a file it leaves alone keeps its line endings.
    if change.kind == "unchanged":
        return Change(path, "updated", on_disk, theirs, "line endings normalised to LF")
    after = on_disk if change.after == change.before else change.after
    return Change(path, change.kind, on_disk, after, change.reason)


def _lf(text: Optional[str]) -> Optional[str]:
    return text.replace("\r\n", "\n") if text is not None else None


def _plan_text(
    root: Path,
    path: str,
    ours: Optional[str],
    theirs: str,
    recorded: Optional[str],
    force: bool,
    labels: Labels,
    state: str = STATE_DIR,
) -> Change:
    if ours == theirs:
        return Change(path, "unchanged", ours, ours)
    if recorded is None:
        if ours is None:
            return Change(path, "created", None, theirs)
        return Change(
            path,
            "blocked",
            ours,
            ours,
            "a file hbgen did not generate is in the way, left as is; move it to get the generated one",
        )
    if ours is None:
        if force:
            return Change(path, "created", None, theirs, "deleted by hand, restored by --force")
        if sha256(theirs.encode("utf-8")) == recorded:
            return Change(path, "kept-deleted", None, None, "deleted by hand; the new render does not change it")
        return Change(path, "restored", None, theirs, "deleted by hand but changed by the new render: restored")
    if sha256(ours.encode("utf-8")) == recorded:
        return Change(path, "updated", ours, theirs)
    if force:
        return Change(path, "overwritten", ours, theirs, "hand edits discarded by --force")
    if sha256(theirs.encode("utf-8")) == recorded:
        return Change(path, "kept", ours, ours, "hand-edited; the new render does not change it")
    base = read_base(root, recorded, state)
    merged = merge(base or "", ours, theirs, labels)
    if not merged.conflicts:
        return Change(path, "merged", ours, merged.text, "hand edits kept")
    regions = f"{merged.conflicts} region{'s' if merged.conflicts != 1 else ''} marked"
    if base is None:
        return Change(
            path, "conflict", ours, merged.text, f"no merge base ({base_path(recorded, state)} missing): {regions}"
        )
    return Change(
        path, "conflict", ours, merged.text, f"hand edits and the new render change the same lines: {regions}"
    )


def _plan_orphan(root: Path, path: str, recorded: str, force: bool) -> Change:
    """A file hbgen generated last time that the new render no longer produces."""
    linked = _linked(root, path)
    if linked:
        return linked
    ours = _read(root, path)
    if ours is None:
        return Change(path, "unchanged", None, None)
    if sha256(_lf(ours).encode("utf-8")) == recorded:
        return Change(path, "deleted", ours, None, "no longer generated")
    if force:
        return Change(path, "overwritten", ours, None, "no longer generated; hand edits discarded by --force")
    return Change(path, "abandoned", ours, ours, "hand-edited and no longer generated; hbgen no longer manages it")


# --- applying ---------------------------------------------------------------------------------------------------------


def apply_plan(plan: Plan) -> None:
    """Write the plan: merge bases first, then the files, the manifest last, then drop bases no longer used."""
    root, state = plan.root, plan.state
    for own in (manifest_path(state), f"{state}/base"):  # hbgen's state folder itself must not lead out of the tree
        confined(root, own)
    remove_temporaries(root)
    for path, digest in sorted(plan.manifest.files.items()):
        if read_base(root, digest, state) is None:
            write_atomic(confined(root, base_path(digest, state)), plan.render[path])
    for change in plan.changes:
        if not change.writes:
            continue
        if change.after is None:
            remove_file(root, change.path)
        else:
            write_atomic(confined(root, change.path), change.after)
    write_atomic(confined(root, manifest_path(state)), plan.manifest.render())
    kept = set(plan.manifest.files.values())
    for stored in sorted((root / state / "base").glob("*")):
        if stored.name not in kept:
            confined(root, f"{state}/base/{stored.name}").unlink()


# --- checking ---------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class TreeCheck:
    stale: List[str]  # why the tree is not what hbgen would generate now: a failure
    hand_edits: List[str]  # files edited, deleted or added by hand since the last generation: a failure with --strict
    unresolved: List[str]  # hand-edited files still holding conflict markers: a failure


def check_tree(
    root: Path,
    render: Dict[str, str],
    inputs: Dict[str, str],
    seeds: Sequence[str] = (),
    state: str = STATE_DIR,
    folders: Sequence[str] = ("",),
) -> TreeCheck:
    """Compare `root` with its manifest (is it what hbgen would generate now?) and with its files on disk (what
    was changed by hand?), given a fresh `render`, the current `inputs` and the hand-written extension files the
    spec asks for (`seeds`: they must exist, and are the developer's, not hand edits). Files added by hand are
    looked for in `folders` (relative to root; all of it by default), with the manifest and bases in `root/state`."""
    try:
        manifest = load_manifest(root, state)
    except ManifestError as error:
        return TreeCheck([str(error)], [], [])
    if manifest is None:
        return TreeCheck([f"no manifest ({manifest_path(state)}): run hbgen generate"], [], [])
    # A change to hbgen's code alone makes `hbgen generate` render again, but the tree is stale only if that
    # render differs, which the file-by-file comparison below tells.
    stale = [
        f"{name} changed since the last generation"
        for key, name in INPUT_NAMES.items()
        if key != "generator_sha256" and manifest.inputs.get(key) != inputs[key]
    ]
    for path in sorted(set(render) | set(manifest.files)):
        recorded = manifest.files.get(path)
        if path not in render:
            stale.append(f"{path}: would no longer be generated")
        elif recorded is None:
            stale.append(f"{path}: would be generated")
        elif sha256(render[path].encode("utf-8")) != recorded:
            stale.append(f"{path}: would change ({_changed_lines(read_base(root, recorded, state), render[path])})")
        elif read_base(root, recorded, state) is None:
            stale.append(f"{path}: its merge base {base_path(recorded, state)} is missing or damaged")
    edits, unresolved = [], []
    for path, text in edited_files(root, manifest).items():
        if text is None:
            edits.append(f"{path}: deleted by hand")
            continue
        edits.append(f"{path}: edited by hand ({_changed_lines(read_base(root, manifest.files[path], state), text)})")
        if has_conflict_markers(text):
            unresolved.append(path)
    stale += [f"{path}: missing (hbgen generate creates it)" for path in seeds if not (root / path).is_file()]
    edits += [
        f"{path}: added by hand"
        for folder in folders
        for path in (Path(folder, relative).as_posix() for relative in list_tree(root / folder))
        if path not in manifest.files and path not in render and path not in seeds
    ]
    return TreeCheck(stale, edits, unresolved)


def _changed_lines(before: Optional[str], after: str) -> str:
    if before is None:
        return "no merge base to compare with"
    import difflib

    diff = difflib.unified_diff(_lines(before), _lines(after), n=0)
    changed = sum(1 for line in diff if line[:1] in "+-" and not line.startswith(("+++", "---")))
    return f"{changed} line{'s' if changed != 1 else ''} differ{'s' if changed == 1 else ''}"


# --- three-way merge --------------------------------------------------------------------------------------------------


def merge(base: str, ours: str, theirs: str, labels: Labels = Labels()) -> Merge:
    """Three-way merge of texts; conflicting regions are kept between standard markers."""
    git = shutil.which("git")
    return merge_with_git(git, base, ours, theirs, labels) if git else merge_with_python(base, ours, theirs, labels)


def merge_with_git(git: str, base: str, ours: str, theirs: str, labels: Labels = Labels()) -> Merge:
    """`git merge-file -p`, which needs no repository; its exit code is the number of conflicts."""
    with tempfile.TemporaryDirectory(prefix="hbgen-merge-") as scratch:
        paths = []
        for name, text in (("ours", ours), ("base", base), ("theirs", theirs)):
            paths.append(Path(scratch, name))
            paths[-1].write_bytes(text.encode("utf-8"))
        labels_args = ["-L", labels.ours, "-L", labels.base, "-L", labels.theirs]
        result = subprocess.run([git, "merge-file", "-p", *labels_args, *map(str, paths)], capture_output=True)
    if not 0 <= result.returncode < 128:
        raise RuntimeError(f"git merge-file failed: {result.stderr.decode(errors='replace').strip()}")
    return Merge(result.stdout.decode("utf-8"), result.returncode)


def merge_with_python(base: str, ours: str, theirs: str, labels: Labels = Labels()) -> Merge:
    """The merge without git: merge3's diff3 (Breezy's, over difflib), with conflicts reprocessed down to the
    lines where the two sides differ, then git's conflict joining (XDL_MERGE_ZEALOUS_ALNUM): conflicts separated
    by at most 3 lines, or by lines without letters or digits, are shown as one, as `git merge-file` shows them."""
    regions = _coalesce(_merge3_regions(_lines(base), _lines(ours), _lines(theirs)))
    output: List[str] = []
    conflicts = 0
    for kind, first, second in regions:
        if kind != "conflict":
            output += first
            continue
        conflicts += 1
        output.append("<" * MARKER_SIZE + f" {labels.ours}\n")
        output += _terminated(first)
        output.append("=" * MARKER_SIZE + "\n")
        output += _terminated(second)
        output.append(">" * MARKER_SIZE + f" {labels.theirs}\n")
    return Merge("".join(output), conflicts)


# A region: ("same", lines, ()) unchanged on both sides, ("clean", lines, ()) taken from the side that changed,
# ("conflict", ours_lines, theirs_lines).
Region = Tuple[str, Sequence[str], Sequence[str]]


def _merge3_regions(base: List[str], ours: List[str], theirs: List[str]) -> Iterator[Region]:
    """merge3's regions as ours: unchanged and identical changes are "same", one-sided changes "clean"."""
    from merge3 import Merge3  # the fallback without git: not imported by runs that merge nothing

    merger = Merge3(base, ours, theirs)
    for region in merger.reprocess_merge_regions(merger.merge_regions()):
        if region[0] == "conflict":
            _, _, _, ours_start, ours_end, theirs_start, theirs_end = region
            yield "conflict", ours[ours_start:ours_end], theirs[theirs_start:theirs_end]
        else:
            kind, start, end = region[:3]
            lines = {"unchanged": base, "same": ours, "a": ours, "b": theirs}[kind]
            yield ("same" if kind in ("unchanged", "same") else "clean"), lines[start:end], ()


def _lines(text: str) -> List[str]:
    """Lines with their "\\n" (str.splitlines would also split at form feeds and other separators)."""
    lines = [line + "\n" for line in text.split("\n")]
    lines[-1] = lines[-1][:-1]
    return lines if lines[-1] else lines[:-1]


def _terminated(lines: Sequence[str]) -> List[str]:
    """`lines`, the last one given a newline so that a marker can follow."""
    return [*lines[:-1], lines[-1] if lines[-1].endswith("\n") else lines[-1] + "\n"] if lines else []


def _coalesce(regions: Iterator[Region]) -> List[Region]:
    """Join unchanged runs, then conflicts separated by a run too short or too bare (no letter or digit) to read
    on its own."""
    joined: List[Region] = []
    for region in regions:
        if joined and region[0] == "same" and joined[-1][0] == "same":
            joined[-1] = ("same", [*joined[-1][1], *region[1]], ())
        else:
            joined.append(region)
    result: List[Region] = []
    for region in joined:
        if region[0] == "conflict" and len(result) >= 2 and result[-2][0] == "conflict" and result[-1][0] == "same":
            gap = result[-1][1]
            if len(gap) <= 3 or not any(re.search("[A-Za-z0-9]", line) for line in gap):
                _, ours, theirs = result[-2]
                result[-2:] = [("conflict", [*ours, *gap, *region[1]], [*theirs, *gap, *region[2]])]
                continue
        result.append(region)
    return result


def has_conflict_markers(text: str) -> bool:
    """True when `text` still holds a conflict: a `<<<<<<< ` line, then `=======`, then `>>>>>>> `."""
    pattern = rf"^<{{{MARKER_SIZE}}} .*^={{{MARKER_SIZE}}}$.*^>{{{MARKER_SIZE}}} "
    return re.search(pattern, text, flags=re.MULTILINE | re.DOTALL) is not None
