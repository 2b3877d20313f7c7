"""Reading a received message against a JSON template of the spec: which values its {placeholders} took."""

from __future__ import annotations

import re
from typing import Any, Dict, Optional

WHOLE = re.compile(r"\{([a-z_]+)\}")


def extract(template: Any, message: Any) -> Optional[Dict[str, Any]]:
    """The placeholder values under which `message` is the template rendered, None when it is not.

    A string that is one placeholder captures any value; a string with placeholders inside captures text. Keys
    the message has beyond the template's are allowed (signatures added to a subscription); lists must have the
    template's length.
    """
    if isinstance(template, str):
        whole = WHOLE.fullmatch(template)
        if whole:
            return {whole.group(1): message}
        if "{" not in template:
            return {} if message == template else None
        if not isinstance(message, str):
            return None
        names = WHOLE.findall(template)
        pattern = re.sub(r"\\\{([a-z_]+)\\\}", lambda m: "(.+?)", re.escape(template))
        found = re.fullmatch(pattern, message)
        return dict(zip(names, found.groups())) if found else None
    if isinstance(template, dict):
        if not isinstance(message, dict) or not set(template) <= set(message):
            return None
        values: Dict[str, Any] = {}
        for key, item in template.items():
            found = extract(item, message[key])
            if found is None:
                return None
            values.update(found)
        return values
    if isinstance(template, list):
        if not isinstance(message, list) or len(message) != len(template):
            return None
        values = {}
        for item, received in zip(template, message):
            found = extract(item, received)
            if found is None:
                return None
            values.update(found)
        return values
    return {} if template == message or str(template) == str(message) else None


def substitute(template: Any, values: Dict[str, Any]) -> Any:
    """The template with whole-string placeholders replaced by values (any JSON), others left as they are."""
    if isinstance(template, str):
        whole = WHOLE.fullmatch(template)
        if whole and whole.group(1) in values:
            return values[whole.group(1)]
        for name, value in values.items():
            if isinstance(value, str):
                template = template.replace("{" + name + "}", value)
        return template
    if isinstance(template, dict):
        return {key: substitute(item, values) for key, item in template.items()}
    if isinstance(template, list):
        return [substitute(item, values) for item in template]
    return template
