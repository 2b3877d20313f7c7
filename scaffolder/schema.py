"""The JSON Schema of the spec language, derived from the pydantic model (`hbgen schema`).

A copy is committed at docs/spec.schema.json so editors can validate specs as they are typed; a test keeps the
copy equal to the model.
"""

from __future__ import annotations

import json
from pathlib import Path

from scaffolder.spec.model import Spec

SCHEMA_PATH = Path(__file__).resolve().parent.parent / "docs" / "spec.schema.json"


def spec_schema_text() -> str:
    schema = Spec.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "hbgen exchange spec"
    return json.dumps(schema, indent=2, sort_keys=True) + "\n"
