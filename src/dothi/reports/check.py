"""``dothi check``: each locality's smart-city plan against the required sections.

Plans are typed in by people from Word documents, so headings arrive numbered ("I.", "1.2.",
"a)"), in capitals, with or without diacritics, in NFC or NFD. A section meets a requirement when
its heading, so folded, equals the requirement's title or one of its aliases. Headings that meet
nothing are listed as extra, with the closest requirement when they are a near miss (a typo).
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from dothi.data.models import (
    DEFAULT_PERIOD,
    Locality,
    LocalityFile,
    PlanSection,
    Requirement,
    RequirementsFile,
    period_years,
)
from dothi.data.repository import Repository
from dothi.reports.states import plan_submitted_on
from dothi.text import fold

NEAR_MISS = 0.8
_NUMBERING = re.compile(
    r"^\s*(?:"
    r"(?:[ivxlcdm]+|\d+)(?:\.(?:[ivxlcdm]+|\d+))+(?=\s)"  # "1.2 Title": Word's multilevel lists
    r"|(?:[ivxlcdm]+|\d+(?:\.\d+)*|[a-zđ])\s*[.)/:-]"  # "I.", "1.2.", "a)"
    r"|[-–—•*+]"  # a bullet
    r")\s*",
    re.IGNORECASE,
)
_PUNCTUATION = re.compile(r"[^\w\s]", re.UNICODE)


class SectionState(StrEnum):
    OK = "ok"
    THIN = "thin"
    MISSING = "missing"
    UNKNOWN = "unknown"  # the plan's text is not known, so neither is what it contains
    NOT_APPLICABLE = "not_applicable"  # the requirement is for another kind of plan


def normalize_heading(title: str) -> str:
    """The comparable form of a heading: no numbering, case, diacritics or punctuation."""
    text = fold(title)
    while True:
        stripped = _NUMBERING.sub("", text, count=1)
        if stripped == text:
            break
        text = stripped
    return " ".join(_PUNCTUATION.sub(" ", text).split())


def word_count(text: str) -> int:
    return len(text.split())


@dataclass(frozen=True)
class SectionResult:
    """One requirement against a plan: the section that meets it, if any, and how far it does."""

    requirement: Requirement
    state: SectionState
    section: PlanSection | None
    words: int


@dataclass(frozen=True)
class ExtraSection:
    """A section that meets no requirement: a near miss (suggestion) or a repeat (duplicate)."""

    section: PlanSection
    suggestion: Requirement | None
    duplicate: bool = False


@dataclass(frozen=True)
class RuleResult:
    """A rule's verdict: passed, failed, or None when the data does not say (never a guess)."""

    rule: str
    passed: bool | None
    detail: tuple[str, ...] = ()


_JUDGED = (SectionState.OK, SectionState.THIN, SectionState.MISSING)


@dataclass(frozen=True)
class PlanCheck:
    """A locality's plan checked against the requirements: each section, the extra ones, the
    rules, and the score they give."""

    locality: Locality
    plan_status: str  # none, draft, submitted, approved; or unknown (no plan recorded)
    sections: tuple[SectionResult, ...]
    extras: tuple[ExtraSection, ...]
    rules: tuple[RuleResult, ...]
    plan_kind: str | None = None

    @property
    def score(self) -> int | None:
        """None when nothing can be scored: no requirement applies, or the plan's text is unknown."""
        required = [s for s in self.sections if s.requirement.required and s.state in _JUDGED]
        if not required:
            return None
        points = sum(
            1.0 if s.state is SectionState.OK else 0.5 if s.state is SectionState.THIN else 0.0
            for s in required
        )
        return int(100 * points / len(required) + 0.5)  # half up, as people round

    @property
    def missing(self) -> list[str]:
        return [
            s.requirement.id
            for s in self.sections
            if s.requirement.required and s.state is SectionState.MISSING
        ]


def _names(requirement: Requirement) -> list[str]:
    return [normalize_heading(name) for name in (requirement.title, *requirement.aliases)]


def _state(requirement: Requirement, words: int) -> SectionState:
    thin = requirement.min_words is not None and words < requirement.min_words
    return SectionState.THIN if thin else SectionState.OK


def match_sections(
    sections: list[PlanSection] | None, requirements: list[Requirement], kind: str | None = None
) -> tuple[list[SectionResult], list[ExtraSection]]:
    """Each section meets at most one requirement; the first section wins a requirement.

    ``sections`` None means the plan's text is not known: every requirement that applies to a
    plan of ``kind`` is unknown, not missing. One that does not apply is marked so.
    """
    applicable = [req for req in requirements if req.applies(kind)]
    if sections is None or not applicable:  # nothing known to match, or nothing to match against
        return [_unmatched(req, kind, SectionState.UNKNOWN) for req in requirements], []
    results, extras = _match(sections, applicable)
    found = {result.requirement.id: result for result in results}
    return [found.get(req.id) or _unmatched(req, kind, SectionState.MISSING) for req in requirements], extras


def _unmatched(requirement: Requirement, kind: str | None, state: SectionState) -> SectionResult:
    applies = requirement.applies(kind)
    return SectionResult(requirement, state if applies else SectionState.NOT_APPLICABLE, None, 0)


def _match(
    sections: list[PlanSection], requirements: list[Requirement]
) -> tuple[list[SectionResult], list[ExtraSection]]:
    """The sections against the requirements that apply."""
    by_name = {name: req for req in requirements for name in _names(req)}
    met: dict[str, PlanSection] = {}
    extras: list[ExtraSection] = []
    for section in sections:
        requirement = by_name.get(normalize_heading(section.title))
        if requirement is not None and requirement.id not in met:
            met[requirement.id] = section
        else:
            suggestion = requirement or _near_miss(section.title, by_name)
            extras.append(ExtraSection(section, suggestion, duplicate=requirement is not None))
    results = []
    for requirement in requirements:
        found = met.get(requirement.id)
        if found is None:
            results.append(SectionResult(requirement, SectionState.MISSING, None, 0))
        else:
            words = word_count(found.text)
            results.append(SectionResult(requirement, _state(requirement, words), found, words))
    return results, extras


def _near_miss(title: str, by_name: dict[str, Requirement]) -> Requirement | None:
    close = difflib.get_close_matches(normalize_heading(title), list(by_name), n=1, cutoff=NEAR_MISS)
    return by_name[close[0]] if close else None


def check_rules(data: LocalityFile, rules: RequirementsFile) -> list[RuleResult]:
    """The rules that apply to the plan's kind, in the order requirements.yaml defines them."""
    kind = data.plan.kind if data.plan else None
    found = [
        _roadmap_years(data) if rules.rules.roadmap_years else None,
        RuleResult("funding", any(f.amount > 0 for f in data.funding)) if rules.rules.funding else None,
        _submitted_by(data, rules.rules.submit_by) if rules.rules.submit_by is not None else None,
        _council(data) if rules.rules.council_before_approval else None,
        _published(data) if rules.rules.published else None,
    ]
    return [result for result in found if result is not None and rules.rules.applies(result.rule, kind)]


def _roadmap_years(data: LocalityFile) -> RuleResult:
    years = period_years(data.plan.period if data.plan else DEFAULT_PERIOD)
    covered = {m.year for m in data.roadmap}
    lacking = tuple(str(year) for year in years if year not in covered)
    return RuleResult("roadmap_years", not lacking, lacking)


def _submitted_by(data: LocalityFile, day: date) -> RuleResult:
    submitted = plan_submitted_on(data)
    if submitted is None and (data.plan is None or data.plan.status in ("submitted", "approved")):
        return RuleResult("submit_by", None)  # no plan recorded, or sent on a day not recorded
    return RuleResult("submit_by", submitted is not None and submitted <= day)


def _council(data: LocalityFile) -> RuleResult:
    """Decree 269 Art. 7: the council's opinion came before approval; unknown unless recorded."""
    plan = data.plan
    consulted = plan.council_consulted_on if plan else None
    if plan is None or consulted is None:
        return RuleResult("council_before_approval", None)
    return RuleResult("council_before_approval", plan.approved_on is None or consulted <= plan.approved_on)


def _published(data: LocalityFile) -> RuleResult:
    """Decree 269 Art. 7: an approved scheme on both portals; unknown unless both are recorded."""
    plan = data.plan
    if plan is None or plan.status != "approved" or plan.published is None:
        return RuleResult("published", None)
    both = plan.published.provincial is not None and plan.published.national is not None
    return RuleResult("published", True if both else None)


def check_locality(locality: Locality, requirements: RequirementsFile) -> PlanCheck:
    """A plan not recorded is unknown, one known not to exist (``status: none``) lacks everything."""
    plan = locality.data.plan
    kind = plan.kind if plan else None
    if plan is None:
        sections: list[PlanSection] | None = None
    elif plan.status == "none":
        sections = []
    else:
        sections = list(plan.sections) if plan.sections is not None else None
    results, extras = match_sections(sections, list(requirements.sections), kind)
    return PlanCheck(
        locality=locality,
        plan_status=plan.status if plan else "unknown",
        sections=tuple(results),
        extras=tuple(extras),
        rules=tuple(check_rules(locality.data, requirements)),
        plan_kind=kind,
    )


def check_plans(repo: Repository, locality_ids: list[str] | None = None) -> list[PlanCheck]:
    """Checks of the named localities (all when none is named), lowest score first."""
    chosen = locality_ids or list(repo.localities)
    checks = [check_locality(repo.localities[ident], repo.requirements) for ident in chosen]
    return sorted(checks, key=lambda c: (c.score or 0, c.locality.data.code))
