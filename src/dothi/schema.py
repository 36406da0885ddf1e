"""JSON Schemas of the data files, for editors (yaml-language-server) and other tools."""

from __future__ import annotations

import json
from typing import Any

from dothi.models import FILE_MODELS

SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"


def file_schemas() -> dict[str, dict[str, Any]]:
    """One schema per file kind, keyed by kind (members, directive, locality, requirements)."""
    schemas = {}
    for kind, model in FILE_MODELS.items():
        schema = model.model_json_schema()
        schema["$schema"] = SCHEMA_DIALECT
        schema["title"] = f"dothi {kind} file"
        schemas[kind] = schema
    return schemas


def dump(schema: dict[str, Any]) -> str:
    return json.dumps(schema, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
