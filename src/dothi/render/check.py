"""``dothi check`` rendered: the matrix, one locality in full, JSON and Markdown (Rich: check_rich)."""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence

from dothi.data.models import RequirementsFile
from dothi.data.names import short_locality_name
from dothi.messages import Catalogue
from dothi.render import json_output
from dothi.render.markdown import table as md_table
from dothi.reports.check import PlanCheck, RuleResult, SectionState

MARKS = {
    SectionState.OK: "✓",
    SectionState.THIN: "~",
    SectionState.MISSING: "✗",
    SectionState.UNKNOWN: "?",
    SectionState.NOT_APPLICABLE: " ",
}


def as_json(checks: Sequence[PlanCheck]) -> str:
    ordered = sorted(checks, key=lambda c: c.locality.id)
    document = {
        "localities": [
            {
                "id": check.locality.id,
                "name": check.locality.data.name,
                "plan_status": check.plan_status,
                "score": check.score,
                "sections": {s.requirement.id: s.state.value for s in check.sections},
                "missing": check.missing,
                "extra": [extra.section.title for extra in check.extras],
                "rules": {rule.rule: rule.passed for rule in check.rules},
                "kind": check.plan_kind,
                "source": check.locality.data.plan.source if check.locality.data.plan else None,
            }
            for check in ordered
        ]
    }
    return json_output.escaped(json.dumps(document, ensure_ascii=False, indent=2))


class CheckView:
    """What every rendering of a check shows; ``escape`` makes data safe where it lands as text."""

    def __init__(
        self,
        checks: Sequence[PlanCheck],
        requirements: RequirementsFile,
        t: Catalogue,
        escape: Callable[[str], str] = str,
    ) -> None:
        self.checks, self.requirements, self.t, self.escape = checks, requirements, t, escape

    def matrix_headers(self) -> list[str]:
        numbers = [str(i) for i in range(1, len(self.requirements.sections) + 1)]
        return [
            self.t.get("check.col.locality"),
            self.t.get("check.col.plan"),
            self.t.get("check.col.score"),
            *numbers,
        ]

    def matrix_rows(self) -> list[tuple[PlanCheck, list[str]]]:
        return [
            (
                check,
                [
                    short_locality_name(check.locality.data.name),
                    self.t.get(f"plan.{check.plan_status}"),
                    self.t.score(check.score),
                    *(MARKS[s.state] for s in check.sections),
                ],
            )
            for check in self.checks
        ]

    def legend_lines(self) -> list[str]:
        lines = [self.t.get("check.legend")]
        if any(s.state not in _JUDGED for check in self.checks for s in check.sections):
            lines.append(self.t.get("check.legend.known"))
        lines += ["", self.t.get("check.requirements") + ":"]
        for number, requirement in enumerate(self.requirements.sections, start=1):
            optional = "" if requirement.required else f" ({self.t.get('check.optional')})"
            lines.append(f"{number:>2}. {self.escape(requirement.title)}{optional}")
        return lines

    def detail_rows(self, check: PlanCheck) -> list[list[str]]:
        rows = []
        for result in check.sections:
            needed = result.requirement.min_words
            words = f"{result.words}/{needed}" if needed is not None else str(result.words)
            rows.append(
                [
                    result.requirement.title
                    + ("" if result.requirement.required else f" ({self.t.get('check.optional')})"),
                    result.section.title if result.section else self.t.get("value.none"),
                    words if result.section else self.t.get("value.none"),
                    f"{MARKS[result.state]} {self.t.get('check.state.' + result.state.value)}",
                ]
            )
        return rows

    def extra_lines(self, check: PlanCheck) -> list[str]:
        lines = []
        for extra in check.extras:
            note = ""
            if extra.suggestion is not None:
                key = "check.duplicate" if extra.duplicate else "check.suggest"
                note = " — " + self.t.get(key, title=extra.suggestion.title, id=extra.suggestion.id)
            lines.append(f"- {self.escape(extra.section.title)}{note}")
        return lines

    def rule_lines(self, check: PlanCheck) -> list[str]:
        return [self._rule_line(rule) for rule in check.rules]

    def _rule_line(self, rule: RuleResult) -> str:
        day = self.requirements.rules.submit_by
        label = self.t.get(f"check.rule.{rule.rule}", day=self.t.day(day))
        verdict = self.t.get(_VERDICTS[rule.passed])
        detail = f" ({self.t.get('check.rule.lacking', years=', '.join(rule.detail))})" if rule.detail else ""
        return f"- {label}: {verdict}{detail}"

    def detail_title(self, check: PlanCheck) -> str:
        """The plan and its score; a plan not scored (unknown, or nothing applies to it) says so."""
        name = check.locality.data.name
        if check.score is None:
            return self.t.get("check.detail.unscored", name=name)
        return self.t.get("check.detail.title", name=name, score=self.t.score(check.score))

    def detail_headers(self) -> list[str]:
        return [self.t.get(f"check.col.{k}") for k in ("requirement", "section", "words", "state")]


_JUDGED = (SectionState.OK, SectionState.THIN, SectionState.MISSING)
_VERDICTS = {True: "check.rule.passed", False: "check.rule.failed", None: "check.rule.unknown"}


def as_markdown(view: CheckView) -> str:
    t = view.t
    lines = [f"# {t.get('check.title')}", ""]
    lines += md_table(view.matrix_headers(), [cells for _, cells in view.matrix_rows()], numeric_from=2)
    lines += ["", *view.legend_lines()]
    for check in view.checks if len(view.checks) == 1 else []:
        lines += [
            "",
            f"## {view.detail_title(check)}",
            "",
        ]
        lines += md_table(view.detail_headers(), view.detail_rows(check))
        for title, extra in (
            (t.get("check.extras"), view.extra_lines(check)),
            (t.get("check.rules"), view.rule_lines(check)),
        ):
            if extra:
                lines += ["", f"### {title}", "", *extra]
    return "\n".join(lines) + "\n"
