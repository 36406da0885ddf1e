"""JSON documents that scripts parse and people can still read, written at C speed.

``json.dumps(indent=2)`` falls back to the pure-Python encoder, which took a tenth of ``status
--format json`` at 10,000 items. These documents are one mapping of a few fields, one of which
may be a long list (items, problems): the fields go one per line and each list element on a line
of its own, every value encoded by the C encoder.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any


def _one(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


def dumps(document: Mapping[str, Any]) -> str:
    fields = []
    for key, value in document.items():
        if isinstance(value, list) and value:
            elements = ",\n".join("    " + _one(element) for element in value)
            fields.append(f"  {_one(key)}: [\n{elements}\n  ]")
        else:
            fields.append(f"  {_one(key)}: {_one(value)}")
    return "{\n" + ",\n".join(fields) + "\n}"
