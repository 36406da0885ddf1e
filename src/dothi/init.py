"""``dothi init``: the files of a new data repository, which validates clean as it is.

The skeleton ships inside the package (an installed wheel can make one anywhere): the group's
leadership and a real directive (Decision 1413/QĐ-TTg, which set the group up) as examples, the
provisional plan checklist, a pre-commit hook and a CI workflow that run ``dothi validate``. It holds
no copy of the built-in templates: a copy in ``templates/`` overrides the built-in one for good, so a
later fix to it would never reach the repository. ``dothi templates copy`` copies one on request.
"""

from __future__ import annotations

import json
from importlib import metadata, resources

from dothi import __version__
from dothi.layout import LOCALITIES_DIR, MEMBERS_FILE, REQUIREMENTS_FILE, TASKS_DIR

SKELETON = {
    MEMBERS_FILE: "members.yaml",
    REQUIREMENTS_FILE: "requirements.yaml",
    f"{TASKS_DIR}/1413-qd-ttg.yaml": "1413-qd-ttg.yaml",
    f"{LOCALITIES_DIR}/README.md": "localities-readme.md",  # the folder, kept by git
    ".pre-commit-config.yaml": "pre-commit-config.yaml",
    ".github/workflows/dothi.yml": "workflow.yml",
    ".gitignore": "gitignore",
}
TEMPLATES = ("briefing", "locality", "agency")
INSTALL = "{install}"  # where the CI workflow's install command goes


def skeleton_files() -> dict[str, str]:
    """Every file of a new repository by its path in it; the CI workflow installs this dothi."""
    package = resources.files("dothi")
    files = {
        target: package.joinpath("skeleton", name).read_text(encoding="utf-8")
        for target, name in SKELETON.items()
    }
    workflow = ".github/workflows/dothi.yml"
    files[workflow] = files[workflow].replace(INSTALL, install_command())
    return files


def install_command() -> str:
    """How CI installs the dothi that is running: from the git repository and commit it was
    installed from (PEP 610's direct_url.json), or else this release from the package index. A
    local folder is no address CI can reach, so it too gives the release."""
    try:
        written = metadata.distribution("dothi").read_text("direct_url.json")
    except metadata.PackageNotFoundError:  # pragma: no cover - run from a source tree not installed
        written = None
    return install_from(written, __version__)


def install_from(direct_url: str | None, version: str) -> str:
    """The ``pip install`` command for a direct_url.json's text (None: installed from an index)."""
    release = f'pip install "dothi=={version}"'
    try:
        found = json.loads(direct_url) if direct_url else {}
    except ValueError:
        return release
    url = found.get("url") if isinstance(found, dict) else None
    if not isinstance(url, str) or not url.startswith(("https://", "http://", "ssh://", "git@")):
        return release
    vcs = found.get("vcs_info")
    if isinstance(vcs, dict) and vcs.get("vcs") == "git":
        commit = vcs.get("commit_id")
        return f'pip install "git+{url}@{commit}"' if isinstance(commit, str) else f'pip install "git+{url}"'
    return f'pip install "{url}"'  # an archive


def builtin_template(name: str) -> str:
    """The text of the built-in template ``name`` (one of ``TEMPLATES``), as a user would adapt it."""
    return resources.files("dothi").joinpath("templates", f"{name}.md.j2").read_text(encoding="utf-8")
