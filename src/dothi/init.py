"""``dothi init``: the files of a new data repository, which validates clean as it is.

The skeleton ships inside the package (an installed wheel can make one anywhere): the group's
leadership and a real directive (Decision 1413/QĐ-TTg, which set the group up) as examples, the
provisional plan checklist, the built-in briefing templates to adapt, a pre-commit hook and a CI
workflow that run ``dothi validate``.
"""

from __future__ import annotations

from importlib import resources

from dothi.layout import MEMBERS_FILE, REQUIREMENTS_FILE, TASKS_DIR, TEMPLATES_DIR

SKELETON = {
    MEMBERS_FILE: "members.yaml",
    REQUIREMENTS_FILE: "requirements.yaml",
    f"{TASKS_DIR}/1413-qd-ttg.yaml": "1413-qd-ttg.yaml",
    ".pre-commit-config.yaml": "pre-commit-config.yaml",
    ".github/workflows/dothi.yml": "workflow.yml",
    ".gitignore": "gitignore",
}
TEMPLATES = ("briefing", "locality", "agency")


def skeleton_files() -> dict[str, str]:
    """Every file of a new repository by its path in it."""
    package = resources.files("dothi")
    files = {
        target: package.joinpath("skeleton", name).read_text(encoding="utf-8")
        for target, name in SKELETON.items()
    }
    for name in TEMPLATES:
        source = package.joinpath("templates", f"{name}.md.j2").read_text(encoding="utf-8")
        files[f"{TEMPLATES_DIR}/{name}.md.j2"] = source
    return files
