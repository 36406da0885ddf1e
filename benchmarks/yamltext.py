"""A small, fast YAML emitter for the benchmark's generated data.

``yaml.dump`` is far too slow for a hundred thousand items, and its choice of styles is not what
people write by hand. This emitter writes block mappings and sequences, flow sequences for short
lists of ids, folded ``>-`` scalars for long text, and plain scalars wherever that is safe. A string
is quoted when any YAML reader could take it for something else: YAML 1.1 (PyYAML, and so dothi's
loader) reads ``no`` as a boolean and ``2025-08-15`` as a date, YAML 1.2 (ruamel, used by
check-jsonschema) reads ``0912345678`` as a number, and both break on ``: `` or `` #`` in plain text.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from functools import lru_cache

import yaml

WIDTH = 100
_INDICATORS = frozenset("-?:,[]{}#&*!|>'\"%@`")
_FLOW_BREAKERS = frozenset(",[]{}")
_WORDS_1_1 = frozenset({"y", "n", "yes", "no", "on", "off", "true", "false", "null", "~"})
_NUMBERISH = re.compile(
    r"[-+]?(?:[0-9][0-9_]*(?:\.[0-9_]*)?|\.[0-9_]+)(?:[eE][-+]?[0-9]+)?"
    r"|0[xXoObB][0-9a-fA-F_]+"
    r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN)"
    r"|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?"
)
_RESOLVER = yaml.resolver.Resolver()
_STR_TAG = "tag:yaml.org,2002:str"


class Raw(str):
    """Text written exactly as given: a date such as ``2025-08-15`` that YAML may read as a date.

    dothi's loader keeps every scalar as the text written, and check-jsonschema turns YAML dates
    back into strings, so dates are written plain, as the real data set writes them.
    """

    __slots__ = ()


Scalar = str | int | float | bool
Value = Scalar | Sequence["Value"] | Mapping[str, "Value"] | None


def _plain_ok(text: str, flow: bool) -> bool:
    """Whether ``text`` reads back as the same string, in block or flow context, in YAML 1.1 and 1.2."""
    if not text or text != text.strip() or text[0] in _INDICATORS:
        return False
    if ": " in text or " #" in text or text.endswith(":") or text.startswith(("---", "...")):
        return False
    if not text.isprintable() or (flow and not _FLOW_BREAKERS.isdisjoint(text)):
        return False
    if text.lower() in _WORDS_1_1 or _NUMBERISH.fullmatch(text):
        return False
    tag = _RESOLVER.resolve(yaml.ScalarNode, text, (True, False))  # type: ignore[no-untyped-call]
    return bool(tag == _STR_TAG)


@lru_cache(maxsize=1 << 16)
def scalar(text: str, flow: bool = False) -> str:
    """``text`` as a plain scalar when that is safe, else double-quoted."""
    if _plain_ok(text, flow):
        return text
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _atom(value: Scalar, flow: bool = False) -> str:
    if isinstance(value, Raw):
        return str(value)
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    return scalar(value, flow)


def _wrap(text: str, indent: int) -> list[str]:
    """Greedy word wrap for a folded scalar: folding joins the lines back with single spaces."""
    pad, width = " " * indent, max(40, WIDTH - indent)
    lines: list[str] = []
    current: list[str] = []
    size = 0
    for word in text.split():
        if current and size + 1 + len(word) > width:
            lines.append(pad + " ".join(current))
            current, size = [], 0
        size += len(word) + (1 if current else 0)
        current.append(word)
    if current:
        lines.append(pad + " ".join(current))
    return lines


def _is_scalar(value: object) -> bool:
    return isinstance(value, str | int | float | bool)


def _entry(head: str, key: str, value: Value, indent: int, out: list[str]) -> None:
    """One ``key: value`` of a block mapping whose keys stand at column ``indent``."""
    if isinstance(value, Mapping):
        out.append(f"{head}{scalar(key)}:")
        _mapping(value, indent + 2, out, dash=False)
    elif isinstance(value, str) and not isinstance(value, Raw) and len(value) + indent + len(key) > WIDTH:
        out.append(f"{head}{scalar(key)}: >-")
        out.extend(_wrap(" ".join(value.split()), indent + 2))
    elif _is_scalar(value):
        out.append(f"{head}{scalar(key)}: {_atom(value)}")  # type: ignore[arg-type]
    elif isinstance(value, Sequence) and all(_is_scalar(item) for item in value):
        out.append(f"{head}{scalar(key)}: [{', '.join(_atom(item, True) for item in value)}]")  # type: ignore[arg-type]
    elif isinstance(value, Sequence):
        out.append(f"{head}{scalar(key)}:")
        for item in value:
            _mapping(item, indent + 4, out, dash=True)  # type: ignore[arg-type]


def _mapping(mapping: Mapping[str, Value], indent: int, out: list[str], dash: bool) -> None:
    """A block mapping; with ``dash`` it is an item of a block sequence (``- key: value``)."""
    first = True
    for key, value in mapping.items():
        if value is None or (
            isinstance(value, Sequence | Mapping) and not isinstance(value, str) and not value
        ):
            continue
        head = " " * (indent - 2) + "- " if dash and first else " " * indent
        _entry(head, key, value, indent, out)
        first = False


def dump(document: Mapping[str, Value], header: Sequence[str] = ()) -> str:
    """The YAML text of ``document``: comment lines from ``header``, then the mapping."""
    out = [f"# {line}" if line else "#" for line in header]
    _mapping(document, 0, out, dash=False)
    return "\n".join(out) + "\n"
