"""JSON Schemas of the data files, for editors (yaml-language-server) and other tools."""

from __future__ import annotations

import json
from typing import Any

from dothi.data.models import FILE_MODELS

SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"
HIDDEN = ("occurrence_responses", "occurrence_answers")  # “responses” as a recurring duty writes it


def file_schemas() -> dict[str, dict[str, Any]]:
    """One schema per file kind, keyed by kind (members, directive, locality, requirements)."""
    schemas = {}
    for kind, model in FILE_MODELS.items():
        schema = model.model_json_schema()
        for definition in schema.get("$defs", {}).values():
            for name in HIDDEN:
                definition.get("properties", {}).pop(name, None)
        schema["$schema"] = SCHEMA_DIALECT
        schema["title"] = f"dothi {kind} file"
        schemas[kind] = schema
    return schemas


def dump(schema: dict[str, Any]) -> str:
    return json.dumps(schema, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
