"""docs/format.md is the user's reference to the data files: it must name every key the models
accept, under the section of the file kind that accepts it, and no key they would refuse, so the page
cannot drift from the program (issue 18, item 7)."""

from __future__ import annotations

import re
import typing
from pathlib import Path
from typing import Any

import pytest
import yaml
from pydantic import BaseModel

from conftest import run_cli
from dothi.data.models import FILE_MODELS
from dothi.data.schema import HIDDEN

ROOT = Path(__file__).resolve().parents[1]
FORMAT = ROOT / "docs" / "format.md"
KEY_ROW = re.compile(r"^\| `([^`]+)` \|", re.MULTILINE)


def nested_models(annotation: Any) -> list[type[BaseModel]]:
    """The models an annotation holds: ``list[Update]``, ``Plan | None``, ``dict[str, Response]``."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    return [model for argument in typing.get_args(annotation) for model in nested_models(argument)]


def model_keys(model: type[BaseModel]) -> set[str]:
    """Every key a user can write in a file of this model, at any depth, as the file spells it."""
    keys: set[str] = set()
    seen: set[type[BaseModel]] = set()
    pending = [model]
    while pending:
        current = pending.pop()
        if current in seen:
            continue
        seen.add(current)
        for name, field in current.model_fields.items():
            if name in HIDDEN:
                continue
            keys.add(field.alias or name)
            pending.extend(nested_models(field.annotation))
    return keys


def sections() -> dict[str, str]:
    """The text of each file kind's section, from its ``## kind — …`` heading to the next."""
    text = FORMAT.read_text(encoding="utf-8")
    parts = re.split(r"^## ", text, flags=re.MULTILINE)
    found = {}
    for part in parts[1:]:
        heading = part.split("\n", 1)[0]
        kind = heading.split(" — ", 1)[0]
        if kind in FILE_MODELS:
            found[kind] = part
    return found


def test_model_keys_sees_nested_and_aliased_keys() -> None:
    keys = model_keys(FILE_MODELS["directive"])
    assert {"from", "on", "needs", "cancel_reason", "responses"} <= keys
    assert "start" not in keys and "occurrence_responses" not in keys


def test_every_file_kind_has_a_section() -> None:
    assert sorted(sections()) == sorted(FILE_MODELS)


@pytest.mark.parametrize("kind", sorted(FILE_MODELS))
def test_format_doc_names_exactly_the_keys_of_each_file_kind(kind: str) -> None:
    documented = set(KEY_ROW.findall(sections()[kind]))
    keys = model_keys(FILE_MODELS[kind])
    assert sorted(keys - documented) == [], "keys the models accept that format.md does not describe"
    assert sorted(documented - keys) == [], "keys format.md describes that the models refuse"


@pytest.mark.parametrize("kind", sorted(FILE_MODELS))
def test_format_doc_example_of_each_file_kind_is_valid(kind: str) -> None:
    example = re.search(r"```yaml\n(.*?)```", sections()[kind], flags=re.DOTALL)
    assert example is not None
    FILE_MODELS[kind].model_validate(yaml.safe_load(example.group(1)))


def test_readme_links_the_format_and_no_internal_notes() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "(docs/format.md)" in readme
    cited = [ROOT / "README.md", ROOT / "docs" / "ci.md", ROOT / "benchmarks" / "README.md"]
    cited += sorted((ROOT / "src" / "dothi" / "skeleton").iterdir())
    for path in cited:
        text = path.read_text(encoding="utf-8")
        assert not re.search(r"SPEC|domain\.md|§", text), path


# --- dothi templates copy (issue 18, item 12) ----------------------------------------------------


NAME_OR_ALL = "Name exactly one template (briefing, locality, agency), or use --all to copy them all."


def builtin(name: str) -> str:
    return (ROOT / "src" / "dothi" / "templates" / f"{name}.md.j2").read_text(encoding="utf-8")


def test_init_copies_no_template_and_briefs_with_the_built_in_one(tmp_path: Path) -> None:
    """As found: init wrote templates/*.md.j2, which then overrode every later fix of them."""
    target = tmp_path / "kho"
    assert run_cli("init", str(target)).exit_code == 0
    assert not (target / "templates").exists()
    assert run_cli("--root", str(target), "brief", "--as-of", "1/8/2025").exit_code == 0


def test_templates_copy_writes_the_built_in_template(tmp_path: Path) -> None:
    target = tmp_path / "kho"
    run_cli("init", str(target))
    result = run_cli("--root", str(target), "templates", "copy", "locality")
    assert result.exit_code == 0, result.stderr
    copied = target / "templates" / "locality.md.j2"
    assert result.stderr == (
        f"Đã chép mẫu báo cáo vào “{copied.resolve()}”; mẫu này sẽ được dùng thay cho mẫu có sẵn.\n"
    )
    assert sorted(p.name for p in (target / "templates").iterdir()) == ["locality.md.j2"]
    assert copied.read_text(encoding="utf-8") == builtin("locality")


def test_templates_copy_all(tmp_path: Path) -> None:
    target = tmp_path / "kho"
    run_cli("init", str(target))
    result = run_cli("--root", str(target), "--lang", "en", "templates", "copy", "--all")
    assert result.exit_code == 0, result.stderr
    assert result.stderr.count("Copied the template to") == 3
    for name in ("briefing", "locality", "agency"):
        assert (target / "templates" / f"{name}.md.j2").read_text(encoding="utf-8") == builtin(name)


def test_templates_copy_refuses_to_overwrite_without_force(tmp_path: Path) -> None:
    target = tmp_path / "kho"
    run_cli("init", str(target))
    mine = target / "templates" / "briefing.md.j2"
    mine.parent.mkdir()
    mine.write_text("# Của tôi\n", encoding="utf-8")
    refused = run_cli("--root", str(target), "--lang", "en", "templates", "copy", "--all")
    assert refused.exit_code == 2
    assert refused.stderr == (
        f"Error: “{mine.resolve()}” already exists: dothi does not overwrite a template you may have"
        " adapted; add --force to replace it with the built-in one.\n"
    )
    assert mine.read_text(encoding="utf-8") == "# Của tôi\n"
    assert not (target / "templates" / "agency.md.j2").exists()  # all or none
    forced = run_cli("--root", str(target), "templates", "copy", "briefing", "--force")
    assert forced.exit_code == 0, forced.stderr
    assert mine.read_text(encoding="utf-8") == builtin("briefing")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ([], "Name exactly one template (briefing, locality, agency), or use --all to copy them all."),
        (
            ["briefing", "--all"],
            "Name exactly one template (briefing, locality, agency), or use --all to copy them all.",
        ),
        (["page"], "Option NAME: “page” is not valid; choose one of: briefing, locality, agency"),
    ],
)
def test_templates_copy_usage_errors(tmp_path: Path, args: list[str], message: str) -> None:
    target = tmp_path / "kho"
    run_cli("init", str(target))
    result = run_cli("--root", str(target), "--lang", "en", "templates", "copy", *args)
    assert result.exit_code == 2
    assert result.stderr == f"Error: {message}\n"
    assert not (target / "templates").exists()
