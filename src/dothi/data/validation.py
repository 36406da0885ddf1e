"""Pydantic validation errors → problems at the line and column the user must fix.

Pydantic reports a location as a key path (``("tasks", 3, "deadline")``); the loader recorded
where each key path was written. An error is shown at the value it concerns, an unknown key at
the key itself, and a missing key at the mapping that lacks it. The entity is named by its id
("task t4"), never by its index, because people look for ids, not for the fourth item.
"""

from __future__ import annotations

import difflib
import types
from typing import Any, TypeVar, Union, get_args, get_origin

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from dothi.data.loader import KeyPath, LoadedFile, Mark
from dothi.data.models import Model, error_text
from dothi.problem import Problem, Text
from dothi.text import strip_diacritics

M = TypeVar("M", bound=Model)

# Lists whose items are entities with an id, by the key path of the list.
ENTITY_LISTS: dict[KeyPath, tuple[str, str]] = {
    ("tasks",): ("task", "id"),
    ("members",): ("member", "id"),
    ("organizations",): ("organization", "id"),
    ("roadmap",): ("milestone", "id"),
    ("sections",): ("requirement", "id"),
    ("plan", "sections"): ("section", "title"),
}
_EXPECTED = {
    "string_type": "expected.text",
    "list_type": "expected.list",
    "dict_type": "expected.mapping",
    "model_type": "expected.mapping",
    "model_attributes_type": "expected.mapping",
    "bool_parsing": "expected.boolean",
    "bool_type": "expected.boolean",
    "int_type": "expected.number",
    "float_type": "expected.number",
}
_BOUNDS = {
    "greater_than_equal": "value.at_least",
    "less_than_equal": "value.at_most",
    "string_pattern_mismatch": "value.pattern",
    "period_reversed": "value.period_reversed",
}
_NUMBER_ERRORS = frozenset({"int_parsing", "float_parsing", "int_from_float"})
# What is known and what is not (SPEC §10): keys that contradict the status beside them.
_CONTRADICTIONS = {
    "done_by_with_done_on": "done-by-with-done-on",
    "done_by_not_done": "done-by-not-done",
    "unknown_with_result": "unknown-with-result",
}


def entity_of(data: Any, path: KeyPath) -> str:
    """``"task:t4"`` for a path inside task t4, or "" when the path is in no entity."""
    found = ""
    for size in range(len(path)):
        kind_field = ENTITY_LISTS.get(tuple(path[:size]))
        if kind_field is None or size >= len(path) or not isinstance(path[size], int):
            continue
        item = _at(data, path[: size + 1])
        kind, field = kind_field
        found = entity_named(kind, item.get(field) if isinstance(item, dict) else None, int(path[size]))
    return found


def entity_named(kind: str, ident: Any, index: int) -> str:
    """``"task:t4"``, or, for an entry with no id, ``"item:#3"``: the third in its list."""
    return f"{kind}:{ident}" if isinstance(ident, str) else f"item:#{index + 1}"


def _at(data: Any, path: KeyPath) -> Any:
    for part in path:
        try:
            data = data[part]
        except (KeyError, IndexError, TypeError):
            return None
    return data


def _field_name(path: KeyPath) -> str:
    """The key a user would look for: the last mapping key on the path."""
    for part in reversed(path):
        if isinstance(part, str):
            return part
    return "…"


def _model_at(model: type[BaseModel], path: KeyPath) -> type[BaseModel] | None:
    """The model class that validates the mapping at ``path`` (to list its allowed keys)."""
    current: Any = model
    for part in path:
        current = _unwrap(current)
        if isinstance(part, str) and isinstance(current, type) and issubclass(current, BaseModel):
            field = current.model_fields.get(part)
            current = field.annotation if field else None
        elif isinstance(part, int) or get_origin(current) is dict:
            args = get_args(current)
            current = args[-1] if args else None
        else:
            current = get_args(current)[-1] if get_args(current) else None
    current = _unwrap(current)
    return current if isinstance(current, type) and issubclass(current, BaseModel) else None


def _unwrap(annotation: Any) -> Any:
    """``X | None`` → X (dict and list are unwrapped by the caller, per path step)."""
    if get_origin(annotation) in (Union, types.UnionType):
        options = [arg for arg in get_args(annotation) if arg is not type(None)]
        return options[0] if len(options) == 1 else annotation
    return annotation


def written_keys(owner: type[BaseModel]) -> dict[str, str]:
    """Field name → the key a user writes for it (``start`` is written ``from``).

    Fields kept out of the file (``exclude``) are the model's own bookkeeping: no user writes them.
    """
    return {name: field.alias or name for name, field in owner.model_fields.items() if not field.exclude}


def _suggestion(key: str, written: dict[str, str]) -> str | None:
    """The key the user most likely meant: a field's written name for its internal one, or the
    closest written key; never the unknown key itself."""
    if written.get(key, key) != key:
        return written[key]
    allowed = sorted(set(written.values()) - {key})
    close = difflib.get_close_matches(key, allowed, n=1, cutoff=0.6)
    return close[0] if close else None


def _unknown_key(
    loaded: LoadedFile, model: type[BaseModel], error: ErrorDetails, model_path: KeyPath
) -> Problem:
    """At the key, with the key meant or the keys allowed; ``model_path`` is the error's path in
    the model's own field names (a recurring duty's “responses” are two fields)."""
    path = tuple(error["loc"])
    key = str(path[-1])
    owner = _model_at(model, model_path[:-1])
    written = written_keys(owner) if owner else {}
    suggestion = _suggestion(key, written)
    hint = (
        Text.of("hint.unknown-key.suggest", suggestion=suggestion)
        if suggestion
        else Text.of("hint.unknown-key", allowed=", ".join(sorted(set(written.values()))))
    )
    entity = entity_of(loaded.data, path)
    return loaded.problem(
        loaded.key_mark(path), "unknown-key", Text.of("problem.unknown-key", entity=entity, key=key), hint
    )


def _missing_key(loaded: LoadedFile, error: ErrorDetails) -> Problem:
    path = tuple(error["loc"])
    key = str(path[-1])
    entity = entity_of(loaded.data, path)
    return loaded.problem(
        loaded.mark(path[:-1]),
        "missing-key",
        Text.of("problem.missing-key", entity=entity, key=key),
        Text.of("hint.missing-key", key=key),
    )


def _value_problem(loaded: LoadedFile, error: ErrorDetails) -> Problem:
    path = tuple(error["loc"])
    kind, ctx = error["type"], error.get("ctx")
    entity, key, mark = entity_of(loaded.data, path), _field_name(path), loaded.mark(path)
    value = error.get("input")
    shown = value if isinstance(value, str) else ""
    detail = error_text(ctx)
    if kind == "invalid_date" and detail:
        return _detailed(loaded, mark, "invalid-date", entity, key, detail)
    if kind == "invalid_deadline" and detail:
        return _detailed(loaded, mark, "invalid-deadline", entity, key, detail)
    if kind in _CONTRADICTIONS:
        code = _CONTRADICTIONS[kind]
        return loaded.problem(
            loaded.key_mark(path), code, Text.of(f"problem.{code}", entity=entity), Text.of(f"hint.{code}")
        )
    if kind == "invalid_id":
        suggestion = slugify(shown)
        return loaded.problem(
            mark,
            "invalid-id",
            Text.of("problem.invalid-id", entity=entity, value=shown),
            Text.of("hint.invalid-id", suggestion=suggestion),
        )
    if kind in _EXPECTED and not path:
        return loaded.problem(
            mark, "wrong-type", Text.of("problem.wrong-type.file"), Text.of("hint.wrong-type")
        )
    if kind in _EXPECTED:
        return loaded.problem(
            mark,
            "wrong-type",
            Text.of("problem.wrong-type", entity=entity, key=key, expected_key=_EXPECTED[kind]),
        )
    if kind in _BOUNDS:
        bound = next(iter((ctx or {}).values()), "")
        bound = int(bound) if isinstance(bound, float) and bound.is_integer() else bound
        return loaded.problem(
            mark,
            "invalid-value",
            Text.of("problem.invalid-value", entity=entity, key=key, detail_key=_BOUNDS[kind], bound=bound),
        )
    if kind == "literal_error":
        allowed = str((ctx or {}).get("expected", "")).replace("'", "").replace(" or ", ", ")
        return loaded.problem(
            mark,
            "invalid-choice",
            Text.of("problem.invalid-choice", entity=entity, key=key, value=shown),
            Text.of("hint.invalid-choice", allowed=allowed),
        )
    code = "invalid-number" if kind in _NUMBER_ERRORS else "invalid-value"
    return loaded.problem(
        mark,
        code,
        Text.of(f"problem.{code}", entity=entity, key=key, value=shown, detail=error["msg"]),
        Text.of("hint.invalid-number") if code == "invalid-number" else None,
    )


def _detailed(loaded: LoadedFile, mark: Mark, code: str, entity: str, key: str, detail: Text) -> Problem:
    # The nested text is flattened into params so that the catalogue can translate both parts.
    return loaded.problem(
        mark,
        code,
        Text.of(f"problem.{code}", entity=entity, key=key, detail_key=detail.key, **dict(detail.params)),
        Text.of(f"hint.{code}"),
    )


def slugify(text: str) -> str:
    """A valid id close to ``text``: “QĐ 1413” → “qd-1413”."""
    bare = strip_diacritics(text).lower()
    slug = "".join(ch if ch.isascii() and (ch.isalnum() or ch in "._-") else "-" for ch in bare)
    return "-".join(part for part in slug.split("-") if part) or "ma-moi"


# Fields a model reads under another name than the file's: errors point at what the user wrote.
_WRITTEN_AS: dict[str | int, str | int] = {
    "occurrence_responses": "responses",
    "occurrence_answers": "responses",
}


def to_problems(loaded: LoadedFile, model: type[BaseModel], error: ValidationError) -> list[Problem]:
    problems = []
    for detail in error.errors(include_url=False):
        model_path = tuple(detail["loc"])
        detail["loc"] = tuple(_WRITTEN_AS.get(part, part) for part in detail["loc"])
        path = tuple(detail["loc"])
        if any(path[:size] in loaded.refused for size in range(len(path) + 1)):
            continue  # already reported by the loader (a refused tag)
        if detail["type"] == "extra_forbidden":
            problems.append(_unknown_key(loaded, model, detail, model_path))
        elif detail["type"] == "missing":
            problems.append(_missing_key(loaded, detail))
        else:
            problems.append(_value_problem(loaded, detail))
    return problems


def validate_file(loaded: LoadedFile, model: type[M]) -> tuple[M | None, M | None, list[Problem]]:
    """Validate one loaded file: the model, a partial model for further checks, and the problems.

    When some entities of a file are invalid, the partial model holds the file without them, so
    that cross-file checks (leaders, dates, document numbers) still run on the rest in the same
    run. A file the loader could not read gives no model and no new problem.
    """
    if loaded.data is None:
        return None, None, []
    try:
        valid = model.model_validate(loaded.data)
        return valid, valid, []
    except ValidationError as error:
        return None, _salvage(loaded.data, model, error), to_problems(loaded, model, error)


def _salvage(data: Any, model: type[M], error: ValidationError) -> M | None:
    """The file without the list entities that have errors, if the rest validates."""
    doomed: dict[KeyPath, set[int]] = {}
    for detail in error.errors(include_url=False):
        path = tuple(detail["loc"])
        owner = next((p for p in ENTITY_LISTS if path[: len(p)] == p and len(path) > len(p)), None)
        if owner is None or not isinstance(path[len(owner)], int):
            return None
        doomed.setdefault(owner, set()).add(int(path[len(owner)]))
    trimmed = dict(data)
    for owner, indexes in doomed.items():
        if len(owner) != 1:
            return None
        items = trimmed.get(owner[0])
        if isinstance(items, list):
            trimmed[owner[0]] = [item for i, item in enumerate(items) if i not in indexes]
    try:
        return model.model_validate(trimmed)
    except ValidationError:
        return None
