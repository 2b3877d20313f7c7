"""The manifest beside each generated connector: `generated/NAME/.hbgen/`.

In the spirit of `.copier-answers.yml`, `.cruft.json` and openapi-generator's `.openapi-generator/FILES`, it
belongs in version control next to the code, and is deterministic (same inputs, same bytes):

- `.hbgen/manifest.json`: what the output was generated from (hbgen, black and isort versions, SHA-256 of the
  templates and of the spec) and, for each file hbgen generated, the SHA-256 of the content it last wrote;
- `.hbgen/base/SHA256`: that content itself, addressed by its hash. It is the merge base when a file edited by
  hand meets a new render (see regenerate.py).

When the recorded inputs equal the current ones, a new render would reproduce what hbgen last wrote, so
`hbgen generate` can answer without rendering. This module imports only the standard library so that this check
stays fast.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import Dict, Optional, Tuple

from scaffolder import __version__
from scaffolder.resources import TEMPLATES_DIR as ALL_TEMPLATES_DIR

FORMAT = 2
# hbgen's state folder, relative to the root of the tree it writes: `generated/NAME/.hbgen/`; in a Hummingbot
# checkout, which holds many connectors, `.hbgen/NAME/` (the `state` arguments below).
STATE_DIR = ".hbgen"
MANIFEST_PATH = f"{STATE_DIR}/manifest.json"
BASE_DIR = f"{STATE_DIR}/base"
TEMPLATES_DIR = ALL_TEMPLATES_DIR / "connector"

# Inputs the output depends on, with how `hbgen check` names them when they changed.
INPUT_NAMES = {
    "spec_sha256": "the spec",
    "templates_sha256": "the templates",
    "hbgen_version": "hbgen's version",
    "black_version": "black's version",
    "isort_version": "isort's version",
}


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def templates_digest() -> str:
    digest = hashlib.sha256()
    for template in sorted(TEMPLATES_DIR.rglob("*.j2")):
        digest.update(template.relative_to(TEMPLATES_DIR).as_posix().encode() + b"\0")
        digest.update(template.read_bytes() + b"\0")
    return digest.hexdigest()


def current_inputs(spec_path: Path) -> Dict[str, str]:
    """What a render of `spec_path` would depend on now (keys: INPUT_NAMES)."""
    return {
        "spec_sha256": sha256(spec_path.read_bytes()),
        "templates_sha256": templates_digest(),
        "hbgen_version": __version__,
        "black_version": metadata.version("black"),
        "isort_version": metadata.version("isort"),
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


def load_manifest(root: Path, state: str = STATE_DIR) -> Optional[Manifest]:
    """The manifest of the connector at `root`, or None. A format 1 manifest (file hashes, no inputs breakdown
    and no bases) loads with empty inputs, so it is never current but still tells which files hbgen owns."""
    try:
        content = json.loads((root / manifest_path(state)).read_text(encoding="utf-8"))
        files = {path: entry if isinstance(entry, str) else entry["sha256"] for path, entry in content["files"].items()}
        inputs = content["inputs"] if content.get("format") == FORMAT else {}
        return Manifest(inputs=inputs, files=files, blocked=tuple(content.get("blocked", ())))
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None


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
