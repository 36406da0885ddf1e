"""``validate --format gitlab|sarif``: problems as other CI systems read them (issue 18, item 19).

GitLab reads a Code Quality report (a JSON array of issues with a fingerprint each); GitHub code
scanning, Azure DevOps and editors read SARIF 2.1.0. Both carry the same problems as the text
and JSON formats, with messages in the chosen language and the codes unchanged.
"""

from __future__ import annotations

from pathlib import Path

from dothi import __version__
from test_validate import DATE_ORDER_TASK, TASKS, TYPO, Repo, directive, validate

DATE_ORDER_MESSAGE = (
    "nhiệm vụ t1: “deadline” (1/6/2025) sớm hơn ngày giao nhiệm vụ (30/6/2025) — "
    "kiểm tra lại ngày; nếu đúng là như vậy, thêm “waive: [date-order]” vào nhiệm vụ"
)
TYPO_MESSAGE = "nhiệm vụ t2: khóa “deadlne” không hợp lệ — có phải ý bạn là “deadline”?"


def broken(repo: Repo) -> Path:
    return repo({TASKS: directive(DATE_ORDER_TASK + TYPO.replace("t1", "t2"))})


def test_gitlab_code_quality_report(repo: Repo) -> None:
    result = validate(broken(repo), fmt="gitlab")
    assert result.exit_code == 1
    issues = result.json()
    assert [{k: v for k, v in issue.items() if k != "fingerprint"} for issue in issues] == [
        {
            "description": DATE_ORDER_MESSAGE,
            "check_name": "date-order",
            "severity": "minor",
            "location": {"path": "data/tasks/qd.yaml", "lines": {"begin": 11}},
        },
        {
            "description": TYPO_MESSAGE,
            "check_name": "unknown-key",
            "severity": "major",
            "location": {"path": "data/tasks/qd.yaml", "lines": {"begin": 15}},
        },
    ]
    fingerprints = [issue["fingerprint"] for issue in issues]
    assert len(set(fingerprints)) == 2 and all(len(f) == 64 for f in fingerprints)
    assert result.stdout.splitlines()[0] == "["  # one issue a line: a diff of two reports reads


def test_fingerprints_are_the_same_in_every_run_and_language(repo: Repo) -> None:
    root = broken(repo)
    vi = [issue["fingerprint"] for issue in validate(root, fmt="gitlab").json()]
    en = validate(root, "--lang", "en", fmt="gitlab").json()
    assert [issue["fingerprint"] for issue in en] == vi
    assert en[1]["description"].startswith("task t2: ")


def test_gitlab_clean_data_is_an_empty_report(repo: Repo) -> None:
    result = validate(repo(), fmt="gitlab")
    assert (result.exit_code, result.stdout) == (0, "[]\n")


def test_sarif_log(repo: Repo) -> None:
    result = validate(broken(repo), fmt="sarif")
    assert result.exit_code == 1
    log = result.json()
    assert (log["$schema"], log["version"]) == ("https://json.schemastore.org/sarif-2.1.0.json", "2.1.0")
    (run,) = log["runs"]
    assert run["tool"]["driver"] == {
        "name": "dothi",
        "version": __version__,
        "rules": [
            {"id": "date-order", "help": {"text": "docs/problems.md#date-order"}},
            {"id": "unknown-key", "help": {"text": "docs/problems.md#unknown-key"}},
        ],
    }
    assert run["language"] == "vi"
    located = [
        (
            r["ruleId"],
            r["ruleIndex"],
            r["level"],
            r["message"]["text"],
            r["locations"][0]["physicalLocation"],
        )
        for r in run["results"]
    ]
    where = {"uri": "data/tasks/qd.yaml", "uriBaseId": "%SRCROOT%"}
    assert located == [
        (
            "date-order",
            0,
            "warning",
            DATE_ORDER_MESSAGE,
            {"artifactLocation": where, "region": {"startLine": 11, "startColumn": 15}},
        ),
        (
            "unknown-key",
            1,
            "error",
            TYPO_MESSAGE,
            {"artifactLocation": where, "region": {"startLine": 15, "startColumn": 5}},
        ),
    ]
    gitlab = [issue["fingerprint"] for issue in validate(broken(repo), fmt="gitlab").json()]
    assert [r["partialFingerprints"]["dothi/v1"] for r in run["results"]] == gitlab


def test_sarif_clean_data_has_a_run_without_results(repo: Repo) -> None:
    result = validate(repo(), fmt="sarif")
    assert result.exit_code == 0
    (run,) = result.json()["runs"]
    assert (run["results"], run["tool"]["driver"]["rules"]) == ([], [])


def test_a_control_character_in_the_data_is_escaped(repo: Repo) -> None:
    root = repo({TASKS: directive('- id: t1\n  title: x\n  lead: bxd\n  status: "a\\u009bb"\n')})
    for fmt in ("gitlab", "sarif"):
        result = validate(root, fmt=fmt)
        assert "\x9b" not in result.stdout and "\\u009b" in result.stdout
