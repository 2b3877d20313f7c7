"""The manifest beside each generated connector (`generated/NAME/.hbgen/manifest.json`).

It records a digest of everything the output depends on (hbgen and black versions, the spec's bytes, the
templates' bytes) and the hash of each file hbgen wrote. When the digest matches and every file still has
its recorded hash, the output is current and `hbgen generate` can stop before rendering anything. This
module imports only the standard library so that check stays fast.
"""

from __future__ import annotations

import hashlib
import json
from importlib import metadata
from pathlib import Path
from typing import Dict, Optional

from scaffolder import __version__

MANIFEST_PATH = ".hbgen/manifest.json"
TEMPLATES_DIR = Path(__file__).resolve().parent.parent / "templates" / "connector"


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def inputs_digest(spec_path: Path) -> str:
    digest = hashlib.sha256()
    digest.update(f"hbgen {__version__}\nblack {metadata.version('black')}\n".encode())
    digest.update(spec_path.read_bytes())
    for template in sorted(TEMPLATES_DIR.rglob("*.j2")):
        digest.update(template.relative_to(TEMPLATES_DIR).as_posix().encode() + b"\0")
        digest.update(template.read_bytes() + b"\0")
    return digest.hexdigest()


def render_manifest(digest: str, files: Dict[str, str]) -> str:
    content = {
        "hbgen_version": __version__,
        "inputs": digest,
        "files": {path: sha256(text.encode("utf-8")) for path, text in sorted(files.items())},
    }
    return json.dumps(content, indent=2, sort_keys=True) + "\n"


def load_manifest(root: Path) -> Optional[dict]:
    try:
        return json.loads((root / MANIFEST_PATH).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def is_up_to_date(root: Path, digest: str) -> bool:
    """True when `root` holds exactly what hbgen last wrote from the same inputs."""
    manifest = load_manifest(root)
    if not manifest or manifest.get("inputs") != digest:
        return False
    for relative, expected in manifest.get("files", {}).items():
        try:
            if sha256((root / relative).read_bytes()) != expected:
                return False
        except OSError:
            return False
    return True
