"""The message catalogue and the problem-code documentation stay complete."""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
import types
from pathlib import Path

import pytest

from conftest import PROJECT_ROOT, run_cli
from dothi import __version__
from dothi.messages import LANGUAGES, catalogue
from dothi.problem import PROBLEM_CODES

SOURCE = PROJECT_ROOT / "src" / "dothi"


def _python_sources() -> str:
    return "\n".join(p.read_text(encoding="utf-8") for p in SOURCE.rglob("*.py"))


def test_every_catalogue_key_used_in_code_exists() -> None:
    used = set(re.findall(r'Text\.of\(\s*"([a-z_.-]+)"', _python_sources()))
    used |= set(re.findall(r'\.get\(\s*"([a-z_]+\.[a-z_.-]+)"', _python_sources()))
    missing = sorted(key for key in used if key not in catalogue("vi"))
    assert missing == []


def test_every_entry_has_both_languages_and_the_same_placeholders() -> None:
    assert LANGUAGES == ("vi", "en")
    vi, en = catalogue("vi"), catalogue("en")
    assert sorted(vi.keys() ^ en.keys()) == []
    for key in vi:
        assert vi[key] and en[key], key
        assert set(re.findall(r"{(\w+)}", vi[key])) == set(re.findall(r"{(\w+)}", en[key])), key


def test_the_catalogue_files_are_plain_strings_by_key() -> None:
    """A translator's slip (a table, a number, a key twice) is caught here, not at a meeting."""
    for lang in LANGUAGES:
        texts = catalogue(lang)
        assert all(isinstance(value, str) for value in texts.values()), lang
        source = (SOURCE / "locale" / f"{lang}.toml").read_text(encoding="utf-8")
        keys = re.findall(r'^"([^"]+)" = ', source, re.M)
        assert len(keys) == len(set(keys)) == len(texts), lang


def test_every_problem_code_is_documented() -> None:
    documented = re.findall(r"^## `([a-z-]+)`", (PROJECT_ROOT / "docs" / "problems.md").read_text(), re.M)
    assert sorted(documented) == sorted(PROBLEM_CODES)


def test_codes_written_in_the_source_are_registered() -> None:
    """A code passed to .problem()/.report() or Problem() that is not registered would crash."""
    written = set(
        re.findall(r'(?:problem|report)\(\s*[^,()]*(?:\([^()]*\))?,\s*"([a-z-]+)"', _python_sources())
    )
    assert written, "the scan found no codes"
    assert sorted(written - PROBLEM_CODES) == []


def _registered_commands() -> list[tuple[str, ...]]:
    """Every command the application registers, subcommands of a group included (``add task``)."""
    import typer

    from dothi.cli.app import app

    def walk(group: typer.Typer, prefix: tuple[str, ...]) -> list[tuple[str, ...]]:
        found = [(*prefix, command.name or "") for command in group.registered_commands]
        for sub in group.registered_groups:
            assert sub.typer_instance is not None and sub.name
            found += [(*prefix, sub.name), *walk(sub.typer_instance, (*prefix, sub.name))]
        return found

    return walk(app, ())


def test_every_registered_command_has_help() -> None:
    commands = _registered_commands()
    assert ("validate",) in commands and ("add", "task") in commands
    for command in commands:
        assert all(command), commands
        result = run_cli(*command, "--help")
        assert result.exit_code == 0, command
        assert "Cách dùng:" in result.stdout, command


def test_readme_opens_with_the_two_commands() -> None:
    readme = (PROJECT_ROOT / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```sh\n(.*?)\n```", readme, re.S)
    assert blocks[0].endswith("pip install . && dothi status")
    install, tests = blocks[1].rsplit(" && ", 1)
    assert install.endswith("pip install -e '.[test,lint]'")
    assert tests.startswith("python -m pytest --cov")
    ci_lines = Path(PROJECT_ROOT / ".ci" / "run").read_text().splitlines()
    assert [line for line in ci_lines if "pytest" in line and not line.startswith("#")] == [tests]


def test_readme_examples_run_on_the_project_data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every ``dothi …`` example of the README exits 0 on a copy of the repository's own data."""
    readme = (PROJECT_ROOT / "README.md").read_text(encoding="utf-8")
    examples = [
        line.split("#")[0].split(">")[0]
        for block in re.findall(r"```sh\n(.*?)\n```", readme, re.S)
        for line in block.splitlines()
        if line.startswith("dothi ")
    ]
    assert len(examples) >= 11
    root = tmp_path / "repo"
    shutil.copytree(PROJECT_ROOT / "data", root / "data")  # the examples edit data: never the real one
    monkeypatch.chdir(tmp_path)  # where --pack and --out write
    for example in examples:
        result = run_cli("--root", str(root), *shlex.split(example)[1:])
        assert result.exit_code == 0, (example, result.stderr)


def test_dothi_version_is_said_before_the_application_is_imported() -> None:
    probe = (
        "import sys; sys.argv = ['dothi', '--version']; "
        "from dothi.cli import main; main(); print(sorted(sys.modules))"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    said, imported = done.stdout.splitlines()
    assert said == f"dothi {__version__}" == run_cli("--version").stdout.strip()
    assert "typer" not in imported and "dothi.cli.app" not in imported


def test_starting_the_cli_imports_no_heavy_library() -> None:
    """``--version`` and ``--help`` stay fast when the CLI imports reports and models lazily."""
    probe = (
        "import sys; from dothi.cli.app import app; "
        "heavy = ('pydantic', 'jinja2', 'rich', 'yaml', 'dateutil', 'dothi.output'); "
        "print(sorted(m for m in heavy if m in sys.modules))"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert done.stdout == "[]\n"


def validate_with_plugins_switch(given: str | None, before: str, after: str) -> str:
    """What the expression ``after`` prints once ``dothi validate`` has run on the project's data
    in a new interpreter, with Pydantic's plugin switch set to ``given`` (left unset for None)
    and the statement ``before`` run first."""
    probe = (
        f"import sys\n{before}\n"
        f"sys.argv = ['dothi', '--no-cache', '--root', {str(PROJECT_ROOT)!r}, 'validate']\n"
        "from dothi.cli import main\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        f"print({after})"
    )
    environ = {k: v for k, v in os.environ.items() if k != "PYDANTIC_DISABLE_PLUGINS"}
    if given is not None:
        environ["PYDANTIC_DISABLE_PLUGINS"] = given
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, env=environ)
    assert done.stdout, done.stderr
    return done.stdout.splitlines()[-1]


@pytest.mark.parametrize(("given", "scans"), [(None, 0), ("", 1)])
def test_pydantic_looks_for_no_plugins_unless_the_user_asks(given: str | None, scans: int) -> None:
    """Pydantic's scan of every package's entry points for plugins was 30 ms of each run; its
    documented switch turns it off, and a value the user set stands."""
    count_scans = (
        "import importlib.metadata as m; calls = []; real = m.entry_points; "
        "m.entry_points = lambda **k: calls.append(k) or real(**k)"
    )
    counted = "sum(1 for k in calls if k.get('group') == 'pydantic')"
    assert validate_with_plugins_switch(given, count_scans, counted) == str(scans)


@pytest.mark.parametrize(("given", "imported"), [(None, False), ("1", False), ("", True), ("logfire", True)])
def test_with_every_plugin_off_their_loader_is_not_imported(given: str | None, imported: bool) -> None:
    """Pydantic's plugin loader imports ``importlib.metadata`` and ``email`` (4 % of an edit) to
    answer "no plugins" when every plugin is off; a run then has the answer without the import.
    When the user's switch leaves some plugin on, Pydantic's own loader looks for them."""
    seen = validate_with_plugins_switch(given, "pass", "'importlib.metadata' in sys.modules")
    assert seen == str(imported)


def test_the_plugin_loader_given_in_its_place_answers_as_pydantic_would(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The loader given in Pydantic's place answers as Pydantic's own does with every plugin off,
    and one already imported is left as it is."""
    from pydantic.plugin import _loader

    from dothi.cli import PLUGIN_LOADER, without_pydantic_plugins

    monkeypatch.setenv("PYDANTIC_DISABLE_PLUGINS", "__all__")
    environ = {"PYDANTIC_DISABLE_PLUGINS": "__all__"}
    modules: dict[str, types.ModuleType] = {}
    without_pydantic_plugins(environ, modules)
    assert tuple(modules[PLUGIN_LOADER].get_plugins()) == tuple(_loader.get_plugins()) == ()
    modules = {PLUGIN_LOADER: _loader}
    without_pydantic_plugins(environ, modules)
    assert modules == {PLUGIN_LOADER: _loader}


def test_a_parsed_catalogue_is_kept_sealed_for_the_next_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Parsing a catalogue (and importing tomllib) was 25-35 ms of every run: a run takes the
    catalogue an earlier one parsed from the same bytes, if this user sealed it."""
    import tomllib

    from dothi import messages
    from dothi.data import cache

    store = cache.text_store({"XDG_CACHE_HOME": str(tmp_path)})
    assert store is not None and cache.text_store({"XDG_CACHE_HOME": str(tmp_path), "CI": "true"}) is None
    parses: list[int] = []
    real = tomllib.loads
    monkeypatch.setattr(tomllib, "loads", lambda text: parses.append(1) or real(text))
    monkeypatch.setattr(messages, "KEPT", store)

    def texts() -> dict[str, str]:
        messages.catalogue.cache_clear()
        return dict(messages.catalogue("vi"))

    try:
        first = texts()
        (kept,) = (tmp_path / "dothi").glob("texts-vi-*.marshal")
        assert texts() == first and len(parses) == 1  # read back, not parsed
        sealed = bytearray(kept.read_bytes())
        sealed[-1] ^= 1
        kept.write_bytes(bytes(sealed))
        assert texts() == first and len(parses) == 2  # not sealed by this user: parsed again
        assert store.get("vi", b'"another" = "catalogue"\n') is None  # other bytes, another file
    finally:
        messages.catalogue.cache_clear()
