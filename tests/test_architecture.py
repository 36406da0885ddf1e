"""The tree is the pipeline docs/architecture.md draws: no module imports a layer above its own."""

from __future__ import annotations

import ast
from pathlib import Path

from conftest import PROJECT_ROOT

SOURCE = PROJECT_ROOT / "src"
# Lowest first. A module may import its own layer and those before it, never one after it.
LAYERS = (
    ("base", ("text", "layout", "defaults", "problem")),
    ("calendar", ("calendar",)),
    ("data", ("data",)),
    ("importer", ("importer",)),
    ("catalogue", ("messages",)),
    ("reports", ("reports",)),
    ("render", ("render", "output")),
    ("edit", ("edit", "init", "drafts")),
    ("cli", ("cli", "__main__", "__init__")),
)
RANK = {part: rank for rank, (_, parts) in enumerate(LAYERS) for part in parts}


def _layer(module: str) -> int:
    """The rank of ``dothi.x.y`` by its first part below ``dothi`` (``dothi`` itself: the version)."""
    parts = module.split(".")
    return RANK[parts[1]] if len(parts) > 1 else RANK["__init__"]


def _imports(path: Path) -> set[str]:
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.split(".")[0] == "dothi":
            found.add(node.module)
        elif isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names if alias.name.split(".")[0] == "dothi"}
    return found


def _module(path: Path) -> str:
    return ".".join(path.relative_to(SOURCE).with_suffix("").parts)


def _upward_edges() -> list[str]:
    edges = []
    for path in sorted((SOURCE / "dothi").rglob("*.py")):
        module = _module(path)
        for imported in _imports(path):
            if imported == "dothi":  # ``from dothi import __version__``: the package's own metadata
                continue
            if _layer(imported) > _layer(module):
                edges.append(f"{module} -> {imported}")
    return edges


def test_every_module_belongs_to_a_layer() -> None:
    parts = {_module(path).split(".")[1] for path in (SOURCE / "dothi").rglob("*.py")}
    assert sorted(parts - RANK.keys()) == []


def test_no_module_imports_a_layer_above_its_own() -> None:
    assert _upward_edges() == []


def test_the_architecture_page_names_every_package_and_module_of_the_core() -> None:
    page = (PROJECT_ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
    for package in ("calendar", "data"):
        for path in sorted((SOURCE / "dothi" / package).glob("[a-z]*.py")):
            assert f"`{package}/{path.name}`" in page, f"{package}/{path.name}"
