"""The manifest beside each generated connector: `generated/NAME/.hbgen/`.

In the spirit of `.copier-answers.yml`, `.cruft.json` and openapi-generator's `.openapi-generator/FILES`, it
belongs in version control next to the code, and is deterministic (same inputs, same bytes):

- `.hbgen/manifest.json`: what the output was generated from (hbgen, black and isort versions, SHA-256 of the
  templates, of the spec and of hbgen's own code that decides the output) and, for each file hbgen generated, the
  SHA-256 of the content it last wrote;
- `.hbgen/base/SHA256`: that content itself, addressed by its hash. It is the merge base when a file edited by
  hand meets a new render (see regenerate.py).

When the recorded inputs equal the current ones, a new render would reproduce what hbgen last wrote, so
`hbgen generate` can answer without rendering. This module imports only the standard library so that this check
stays fast.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Dict, Optional, Tuple

from scaffolder import __version__
from scaffolder.resources import TEMPLATES_DIR as ALL_TEMPLATES_DIR
from scaffolder.spec.source import read_spec_bytes
from scaffolder.writer import TreeError, path_problem, symbolic_link_in

FORMAT = 2
# hbgen's state folder, relative to the root of the tree it writes: `generated/NAME/.hbgen/`; in a Hummingbot
# checkout, which holds many connectors, `.hbgen/NAME/` (the `state` arguments below).
STATE_DIR = ".hbgen"
MANIFEST_PATH = f"{STATE_DIR}/manifest.json"
BASE_DIR = f"{STATE_DIR}/base"
TEMPLATES_DIR = ALL_TEMPLATES_DIR / "connector"
MACROS_DIR = ALL_TEMPLATES_DIR / "macros"

# Inputs the output depends on, with how `hbgen check` names them when they changed.
INPUT_NAMES = {
    "spec_sha256": "the spec",
    "templates_sha256": "the templates",
    "generator_sha256": "hbgen's code",
    "hbgen_version": "hbgen's version",
    "black_version": "black's version",
    "isort_version": "isort's version",
}


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def templates_digest() -> str:
    """SHA-256 over the connector templates and the macros they import."""
    digest = hashlib.sha256()
    for template in sorted([*TEMPLATES_DIR.rglob("*.j2"), *MACROS_DIR.rglob("*.j2")]):
        digest.update(template.relative_to(ALL_TEMPLATES_DIR).as_posix().encode() + b"\0")
        digest.update(template.read_bytes() + b"\0")
    return digest.hexdigest()


# hbgen's code that does not decide what a render writes: its commands, the regeneration and state machinery, the
# sandbox, the test runner and the pytest plugin. Everything else in the package does (spec model, contexts,
# rendering, formatting), so a change there makes the next `hbgen generate` render again, within one version.
_NOT_RENDERING = {
    "cli.py",
    "checklist.py",
    "manifest.py",
    "regenerate.py",
    "schema.py",
    "starter.py",
    "writer.py",
    "sandbox",
    "support",
    "testing",
}


def generator_digest() -> str:
    """SHA-256 over the package's Python sources that decide the rendered output."""
    package = Path(__file__).resolve().parent
    digest = hashlib.sha256()
    for source in sorted(package.rglob("*.py")):
        relative = source.relative_to(package)
        if relative.parts[0] in _NOT_RENDERING:
            continue
        digest.update(relative.as_posix().encode() + b"\0")
        digest.update(source.read_bytes() + b"\0")
    return digest.hexdigest()


def current_inputs(spec_path: Path, formatter_versions: Optional[Dict[str, str]] = None) -> Dict[str, str]:
    """What a render of `spec_path` would depend on now (keys: INPUT_NAMES). `formatter_versions` are black's and
    isort's as a render just used them (`Generated.formatter_versions`); without them, the installed ones."""
    if formatter_versions is None:
        from importlib import metadata  # about 35 ms of imports (email, zipfile): only when nothing was formatted

        formatter_versions = {"black_version": metadata.version("black"), "isort_version": metadata.version("isort")}
    return {
        "spec_sha256": sha256(read_spec_bytes(spec_path)),
        "templates_sha256": templates_digest(),
        "generator_sha256": generator_digest(),
        "hbgen_version": __version__,
        **formatter_versions,
    }


def base_path(digest: str, state: str = STATE_DIR) -> str:
    """Where the content with SHA-256 `digest` is kept, relative to the connector root."""
    return f"{state}/base/{digest}"


def manifest_path(state: str = STATE_DIR) -> str:
    return f"{state}/manifest.json"


@dataclass(frozen=True)
class Manifest:
    inputs: Dict[str, str]
    # Relative path of each file hbgen generated -> SHA-256 of the content it last wrote there.
    files: Dict[str, str]
    # Rendered paths hbgen did not write because a file it does not own is in the way.
    blocked: Tuple[str, ...] = ()

    def render(self) -> str:
        content = {
            "format": FORMAT,
            "inputs": dict(sorted(self.inputs.items())),
            "files": {
                path: {"sha256": digest, "base": base_path(digest)} for path, digest in sorted(self.files.items())
            },
        }
        if self.blocked:
            content["blocked"] = sorted(self.blocked)
        return json.dumps(content, indent=2) + "\n"

    def is_current(self, inputs: Dict[str, str]) -> bool:
        """True when a render from `inputs` would reproduce exactly what hbgen last wrote."""
        return self.inputs == inputs and not self.blocked


class ManifestError(TreeError):
    """The manifest exists but cannot be used: damaged, written by a newer hbgen, or naming a path outside the
    tree. hbgen then writes nothing: guessing would lose merge bases or hand edits."""


DIGEST = re.compile(r"[0-9a-f]{64}")
RECOVERY = (
    "nothing was written; restore it from version control (git checkout -- {path}), "
    "or delete {folder} to start over (existing files then count as not hbgen's)"
)


def load_manifest(root: Path, state: str = STATE_DIR) -> Optional[Manifest]:
    """The manifest of the connector at `root`, or None when there is none; ManifestError when it is damaged,
    from a newer hbgen, or names a path outside the tree. A format 1 manifest (file hashes, no inputs breakdown
    and no bases) loads with empty inputs, so it is never current but still tells which files hbgen owns."""
    path = root / manifest_path(state)
    link = symbolic_link_in(root, manifest_path(state))
    if link is not None:
        raise ManifestError(f"{link} is a symbolic link; hbgen reads and writes only inside {root}")
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return None
    except OSError as error:
        raise ManifestError(f"{path}: cannot read it: {error.strerror}") from None
    try:
        content = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError as error:
        raise ManifestError(_damaged(root, f"not UTF-8 text at byte {error.start}", state)) from None
    except json.JSONDecodeError as error:
        raise ManifestError(_damaged(root, f"{error.msg} (line {error.lineno}, column {error.colno})", state)) from None
    return _parse(root, content, state)


def _damaged(root: Path, problem: str, state: str = STATE_DIR) -> str:
    recovery = RECOVERY.format(path=root / manifest_path(state), folder=root / state)
    return f"{root / manifest_path(state)}: damaged or truncated: {problem}; {recovery}"


def _parse(root: Path, content: Any, state: str = STATE_DIR) -> Manifest:
    if not isinstance(content, dict) or not isinstance(content.get("files"), dict):
        raise ManifestError(_damaged(root, "no 'files' mapping", state))
    version = content.get("format", 1)
    if not isinstance(version, int) or version < 1:
        raise ManifestError(_damaged(root, f"unknown format {version!r}", state))
    if version > FORMAT:
        raise ManifestError(
            f"{root / manifest_path(state)}: format {version} was written by a newer hbgen (this is hbgen {__version__}, "
            f"which reads formats up to {FORMAT}); upgrade hbgen to regenerate {root}; nothing was written"
        )
    files = {}
    for relative, entry in content["files"].items():
        problem = path_problem(relative) or (
            f"{relative!r} is inside .hbgen/" if relative.split("/")[0] == ".hbgen" else None
        )
        if problem:
            raise ManifestError(
                f"{root / manifest_path(state)}: files: refusing the entry {problem}; hbgen touches only files inside "
                f"{root}; nothing was written"
            )
        digest = entry if isinstance(entry, str) else entry.get("sha256") if isinstance(entry, dict) else None
        if not isinstance(digest, str) or not DIGEST.fullmatch(digest):
            raise ManifestError(_damaged(root, f"files: {relative!r} has no SHA-256", state))
        files[relative] = digest
    inputs = content.get("inputs") if version == FORMAT else {}
    blocked = content.get("blocked", [])
    if not isinstance(inputs, dict) or not isinstance(blocked, list) or any(path_problem(p) for p in blocked):
        raise ManifestError(_damaged(root, "'inputs' or 'blocked' is not what hbgen writes", state))
    return Manifest(inputs=inputs, files=files, blocked=tuple(blocked))


def read_base(root: Path, digest: str, state: str = STATE_DIR) -> Optional[str]:
    """The content hbgen last wrote with SHA-256 `digest`, or None when its copy is missing or damaged."""
    try:
        data = (root / base_path(digest, state)).read_bytes()
    except OSError:
        return None
    return data.decode("utf-8") if sha256(data) == digest else None


def edited_files(root: Path, manifest: Manifest) -> Dict[str, Optional[str]]:
    """Files hbgen generated whose content on disk is no longer what it wrote: path -> current text, or None
    when the file was deleted."""
    edits = {}
    for relative, digest in sorted(manifest.files.items()):
        try:
            data = (root / relative).read_bytes()
        except FileNotFoundError:
            edits[relative] = None
            continue
        if sha256(data) != digest:
            edits[relative] = data.decode("utf-8", errors="replace")
    return edits
