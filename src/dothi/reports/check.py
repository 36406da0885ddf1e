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
    rule: str
    passed: bool
    detail: tuple[str, ...] = ()


@dataclass(frozen=True)
class PlanCheck:
    locality: Locality
    plan_status: str
    sections: tuple[SectionResult, ...]
    extras: tuple[ExtraSection, ...]
    rules: tuple[RuleResult, ...]

    @property
    def score(self) -> int | None:
        """None when requirements.yaml requires nothing: a plan cannot be scored against nothing."""
        required = [s for s in self.sections if s.requirement.required]
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
    sections: list[PlanSection], requirements: list[Requirement]
) -> tuple[list[SectionResult], list[ExtraSection]]:
    """Each section meets at most one requirement; the first section wins a requirement."""
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
    results = []
    if rules.rules.roadmap_years:
        years = period_years(data.plan.period if data.plan else DEFAULT_PERIOD)
        covered = {m.year for m in data.roadmap}
        lacking = tuple(str(year) for year in years if year not in covered)
        results.append(RuleResult("roadmap_years", not lacking, lacking))
    if rules.rules.funding:
        results.append(RuleResult("funding", any(f.amount > 0 for f in data.funding)))
    if rules.rules.submit_by is not None:
        submitted = plan_submitted_on(data)
        results.append(RuleResult("submit_by", submitted is not None and submitted <= rules.rules.submit_by))
    return results


def check_locality(locality: Locality, requirements: RequirementsFile) -> PlanCheck:
    plan = locality.data.plan
    sections = list(plan.sections) if plan and plan.status != "none" else []
    results, extras = match_sections(sections, list(requirements.sections))
    return PlanCheck(
        locality=locality,
        plan_status=plan.status if plan else "none",
        sections=tuple(results),
        extras=tuple(extras),
        rules=tuple(check_rules(locality.data, requirements)),
    )


def check_plans(repo: Repository, locality_ids: list[str] | None = None) -> list[PlanCheck]:
    """Checks of the named localities (all when none is named), lowest score first."""
    chosen = locality_ids or list(repo.localities)
    checks = [check_locality(repo.localities[ident], repo.requirements) for ident in chosen]
    return sorted(checks, key=lambda c: (c.score or 0, c.locality.data.code))
