"""``dothi init``: the files of a new data repository, which validates clean as it is.

The skeleton ships inside the package (an installed wheel can make one anywhere): the group's
leadership and a real directive (Decision 1413/QĐ-TTg, which set the group up) as examples, the
provisional plan checklist, a pre-commit hook and a CI workflow that run ``dothi validate``. It holds
no copy of the built-in templates: a copy in ``templates/`` overrides the built-in one for good, so a
later fix to it would never reach the repository. ``dothi templates copy`` copies one on request.
"""

from __future__ import annotations

from importlib import resources

from dothi.layout import MEMBERS_FILE, REQUIREMENTS_FILE, TASKS_DIR

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
    return {
        target: package.joinpath("skeleton", name).read_text(encoding="utf-8")
        for target, name in SKELETON.items()
    }


def builtin_template(name: str) -> str:
    """The text of the built-in template ``name`` (one of ``TEMPLATES``), as a user would adapt it."""
    return resources.files("dothi").joinpath("templates", f"{name}.md.j2").read_text(encoding="utf-8")
