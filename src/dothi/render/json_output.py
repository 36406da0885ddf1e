"""JSON documents that scripts parse and people can still read, written at C speed.

``json.dumps(indent=2)`` falls back to the pure-Python encoder, which took a tenth of ``status
--format json`` at 10,000 items. These documents are one mapping of a few fields, one of which
may be a long list (items, problems): the fields go one per line and each list element on a line
of its own, every value encoded by the C encoder.

The encoder escapes the control characters below U+0020 but writes DEL, the C1 controls
(U+0080–U+009F, which some terminals obey as escape sequences) and the bidirectional overrides as
they are: :func:`escaped` writes those as ``\\uXXXX`` too, so the text stays exact for a program and
inert on a terminal.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from typing import Any

_RAW_CONTROLS = re.compile("[\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def escaped(document: str) -> str:
    """A JSON document with the characters a terminal might obey written as ``\\uXXXX`` escapes.

    They can only stand inside strings, where the escape means the same character.
    """
    if _RAW_CONTROLS.search(document) is None:
        return document
    return _RAW_CONTROLS.sub(lambda found: f"\\u{ord(found[0]):04x}", document)


_ENCODER = json.JSONEncoder(ensure_ascii=False)  # one for every element: json.dumps makes one per call


def _one(value: Any) -> str:
    return _ENCODER.encode(value)


def dumps(document: Mapping[str, Any]) -> str:
    fields = []
    for key, value in document.items():
        if isinstance(value, list) and value:
            elements = ",\n".join("    " + _one(element) for element in value)
            fields.append(f"  {_one(key)}: [\n{elements}\n  ]")
        else:
            fields.append(f"  {_one(key)}: {_one(value)}")
    return escaped("{\n" + ",\n".join(fields) + "\n}")
