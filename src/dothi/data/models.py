"""The domain model: one Pydantic model per file kind of SPEC §2.

Models receive the loader's plain values, in which every scalar is the text the user wrote, and
parse dates, numbers, booleans and deadlines exactly once, here. Unknown keys are forbidden so a
typo such as ``deadlne`` is caught instead of silently dropping a deadline. Every field has a
description: it becomes the JSON Schema that editors show while the user types.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from datetime import date
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    PlainValidator,
    ValidationInfo,
    WithJsonSchema,
    field_validator,
    model_validator,
)
from pydantic_core import PydanticCustomError

from dothi.calendar.dates import DateError, parse_date
from dothi.calendar.deadline import FROM_DIRECTIVE, Deadline, parse_deadline, relative_deadline
from dothi.calendar.recurrence import DueRule, Every, parse_due_rule
from dothi.problem import Text

# The one rule for ids, from files and from the command line alike. ``\Z``, not ``$``: ``$`` also
# matches before a final newline, and let “x\n” through as an id. JSON Schema (ECMA-262) has no
# ``\Z`` and its ``$`` already means the end, so the schema keeps the ``$`` form.
SLUG = re.compile(r"^[a-z0-9][a-z0-9._-]*\Z")
SLUG_SCHEMA_PATTERN = "^[a-z0-9][a-z0-9._-]*$"
SELECTORS = ("@localities", "@cities", "@provinces", "@ministries", "@members")
TaskStatus = Literal["open", "in_progress", "done", "cancelled", "unknown"]
OrganizationKind = Literal["government", "ministry", "agency", "enterprise", "other"]
Role = Literal["leader", "deputy", "member", "invited"]
DirectiveKind = Literal[
    "quyet-dinh",
    "nghi-quyet",
    "chi-thi",
    "cong-van",
    "thong-bao",
    "ket-luan",
    "ke-hoach",
    "bao-cao",
    "other",
]
PlanStatus = Literal["none", "draft", "submitted", "approved"]
# A scheme (đề án) under Decree 269/2025/NĐ-CP Art. 6, or a plan (kế hoạch) that implements one.
PlanKind = Literal["de-an", "ke-hoach"]
DEFAULT_PERIOD = "2026-2030"


def is_slug(text: str) -> bool:
    """Whether ``text`` is an id (SPEC §1): the whole text, a trailing newline included."""
    return SLUG.match(text) is not None


def _text_of(value: object) -> str:
    if not isinstance(value, str):
        raise PydanticCustomError("string_type", "expected text")
    return value


def _to_date(value: object) -> date:
    if isinstance(value, date):
        return value
    try:
        return parse_date(_text_of(value))
    except DateError as error:
        raise PydanticCustomError("invalid_date", "invalid date", {"text": error.text}) from None


def _to_deadline(value: object) -> Deadline:
    if isinstance(value, Deadline):
        return value
    try:
        if isinstance(value, dict):
            return _relative_form(value)
        return parse_deadline(_text_of(value))
    except DateError as error:
        raise PydanticCustomError("invalid_deadline", "invalid deadline", {"text": error.text}) from None


def _relative_form(value: dict[str, Any]) -> Deadline:
    """``{within: "5 ngày", from: directive | TASK_ID}``: the relative deadline written as a mapping."""
    unknown = sorted(set(value) - {"within", "from"})
    if unknown or not isinstance(value.get("within"), str):
        raise DateError(Text.of("deadline.bad_form", keys=", ".join(unknown) or "within"))
    start = value.get("from", FROM_DIRECTIVE)
    if not isinstance(start, str) or (start != FROM_DIRECTIVE and not is_slug(start)):
        raise DateError(Text.of("deadline.bad_from", start=str(start)))
    return relative_deadline(value["within"], start)


def _to_slug(value: object) -> str:
    text = _text_of(value)
    if not is_slug(text):
        raise PydanticCustomError("invalid_id", "invalid id", {"value": text})
    return text


def _to_assignee(value: object) -> str:
    text = _text_of(value)
    return text if text.startswith("@") else _to_slug(text)


def _done_by_alone(done_by: date | None, info: ValidationInfo) -> date | None:
    """``done_by`` stands in for an unknown ``done_on``: both at once would say two things."""
    if done_by is not None and info.data.get("done_on") is not None:
        raise PydanticCustomError("done_by_with_done_on", "done_by with done_on")
    if done_by is not None and info.data.get("status") != "done":
        raise PydanticCustomError("done_by_not_done", "done_by without status done")
    return done_by


def _nothing_known(result: str | None, info: ValidationInfo) -> str | None:
    """An answer whose status is ``unknown`` cannot also name what fulfilled it."""
    if result is not None and info.data.get("status") == "unknown":
        raise PydanticCustomError("unknown_with_result", "result with status unknown")
    return result


Day = Annotated[
    date,
    PlainValidator(_to_date),
    WithJsonSchema({"type": "string", "description": "A date: 15/8/2025 (day first) or 2025-08-15."}),
]
DeadlineText = Annotated[
    Deadline,
    PlainValidator(_to_deadline),
    WithJsonSchema(
        {
            "anyOf": [
                {
                    "type": "string",
                    "description": "As the directive writes it: “trước ngày 15/8/2025”, "
                    "“trong tháng 8/2025”, “quý III/2025”, “6 tháng đầu năm 2025”, “năm 2025”, "
                    "“trong vòng 5 ngày kể từ ngày ký”, "
                    "“trong 10 ngày làm việc”, “thường xuyên”.",
                },
                {
                    "type": "object",
                    "description": "A relative deadline, counted from the directive or a task's completion.",
                    "properties": {
                        "within": {
                            "type": "string",
                            "description": "“5 ngày”, “10 ngày làm việc”, “2 tháng”.",
                        },
                        "from": {"type": "string", "description": "directive (the default), or a task id."},
                    },
                    "required": ["within"],
                    "additionalProperties": False,
                },
            ]
        }
    ),
]


def _to_due_rule(value: object) -> DueRule:
    if isinstance(value, DueRule):
        return value
    try:
        return parse_due_rule(value)
    except DateError as error:
        raise PydanticCustomError("invalid_deadline", "invalid due", {"text": error.text}) from None


DueRuleText = Annotated[
    DueRule,
    PlainValidator(_to_due_rule),
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "string", "description": "“ngày 15 tháng cuối quý”, “ngày 25 hằng tháng”."},
                {
                    "type": "object",
                    "properties": {
                        "day": {"type": "integer"},
                        "month_of_period": {"type": ["string", "integer"]},
                    },
                    "additionalProperties": False,
                },
            ]
        }
    ),
]
Slug = Annotated[
    str,
    PlainValidator(_to_slug),
    WithJsonSchema({"type": "string", "pattern": SLUG_SCHEMA_PATTERN}),
]
Assignee = Annotated[
    str,
    PlainValidator(_to_assignee),
    WithJsonSchema({"type": "string", "description": "An organization or locality id, or a selector."}),
]


def _to_successor(value: object) -> list[str]:
    """One id, or a list of ids when a body was split: always a list, the first the main heir."""
    if isinstance(value, list):
        return [_to_slug(item) for item in value]
    return [_to_slug(value)]


Successor = Annotated[
    list[str],
    PlainValidator(_to_successor),
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "string", "pattern": SLUG_SCHEMA_PATTERN},
                {"type": "array", "items": {"type": "string", "pattern": SLUG_SCHEMA_PATTERN}},
            ],
            "description": "An organization or locality id, or a list of them.",
        }
    ),
]


class Model(BaseModel):
    # defer_build: a model's validator is built when a file is first validated, not on import; a
    # warm run reads its models back from the snapshot and validates nothing.
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


def no_entries() -> list[Any]:
    """A new empty list, the factory of an empty default. Pydantic reads a factory's signature;
    that of the builtin ``list`` or ``dict`` is parsed from its text, which compiles the
    tokenizer's patterns: 4 to 5 ms of every run that loads the models, for nothing."""
    return []


def no_keys() -> dict[str, Any]:
    """A new empty mapping (see :func:`no_entries`)."""
    return {}


def described(description: str, default: Any = ..., **kwargs: Any) -> Any:
    """A field with its description, which the JSON Schema (``dothi schema``) shows in editors."""
    if default == []:  # a factory: Pydantic would deep-copy a list default for every instance
        return Field(default_factory=no_entries, description=description, **kwargs)
    return Field(default, description=description, **kwargs)


# --- members.yaml ---------------------------------------------------------------------------


class Group(Model):
    name: str = described("The group's full name.")
    established_by: str | None = described("Number of the document that set it up (1413/QĐ-TTg).", None)
    established_on: Day | None = described("Date it was set up.", None)


class Organization(Model):
    id: Slug = described("Id used in tasks (lead, support, each).")
    name: str = described("Full name, as briefings print it.")
    short: str | None = described("Short name (BXD, VPCP).", None)
    kind: OrganizationKind = described("government, ministry, agency, enterprise or other.")
    since: Day | None = described(
        "The day the body began (formed by a merger); before it, it has no work and no members.", None
    )
    until: Day | None = described(
        "The day the body ended (merged, dissolved); from then on its open items go to its successor.", None
    )
    successor: Successor = described(
        "The body (an id) that carries its work after “until”, or a list when it was split.", []
    )

    def exists_on(self, day: date) -> bool:
        return (self.since is None or self.since <= day) and (self.until is None or day < self.until)


class Member(Model):
    id: Slug = described("Id of this membership.")
    name: str = described("The person's name (or the post, when the name is not known).")
    title: str = described("Their title (chức vụ).")
    role: Role = described(
        "leader (Tổ trưởng), deputy (Tổ phó), member (Thành viên), invited (mời tham gia)."
    )
    org: Slug = described("Organization or locality id the member represents.")
    since: Day | None = described("First day of this membership.", None)
    until: Day | None = described("Day the membership ended (the successor's since).", None)
    email: str | None = described("E-mail address.", None)
    phone: str | None = described("Telephone number.", None)

    def active_on(self, day: date) -> bool:
        return (self.since is None or self.since <= day) and (self.until is None or day < self.until)


class MembersFile(Model):
    group: Group = described("The Working Group itself.")
    organizations: list[Organization] = described("Ministries, agencies and other bodies.", [])
    members: list[Member] = described("The people of the group, over time.", [])


# --- tasks/<directive>.yaml -------------------------------------------------------------------


class Update(Model):
    on: Day = described("Date of the note.")
    note: str = described("What happened.")
    by: Slug | None = described("Who recorded it: a member id, or an organization id.", None)


class Obstacle(Model):
    on: Day = described("Date it was raised.")
    text: str = described("The difficulty (khó khăn, vướng mắc).")
    needs: Literal["group", "pm"] | None = described(
        "Who must resolve it: group, or pm (vượt thẩm quyền → Thủ tướng).", None
    )


class Extension(Model):
    on: Day = described("The day the extension was granted; from then on its deadline applies.")
    deadline: DeadlineText = described("The new deadline, as the granting document writes it.")
    by: str | None = described("The document that granted it (số ký hiệu).", None)
    note: str | None = described("Anything else.", None)


class Transfer(Model):
    on: Day = described("The day the task passed to the new lead.")
    to: Slug = described("The new lead: an organization or locality id.")
    by: str | None = described("The document that transferred it (số ký hiệu).", None)
    note: str | None = described("Anything else.", None)


class Response(Model):
    status: TaskStatus = described(
        "This assignee's status; unknown: no information (chưa có thông tin).", "open"
    )
    done_on: Day | None = described("Date this assignee finished.", None)
    done_by: Day | None = described(
        "When done but the day is not known: the latest day it can have been (instead of done_on).", None
    )
    result: str | None = described("What it sent (document number…).", None)
    note: str | None = described("Anything else.", None)
    cancel_reason: str | None = described("Why this assignee no longer has to do it.", None)
    source: str | None = described(
        "Where this answer is known from: a URL, or a document and where in it.", None
    )
    updates: list[Update] = described("This assignee's progress notes, newest last.", [])
    obstacles: list[Obstacle] = described("This assignee's difficulties.", [])
    extensions: list[Extension] = described("More time granted to this assignee (or period), in order.", [])

    _done_by = field_validator("done_by")(_done_by_alone)
    _result = field_validator("result")(_nothing_known)


class Task(Model):
    id: Slug = described("Unique across the repository.")
    title: str = described("The task, as the directive words it.")
    detail: str | None = described("The directive's full wording.", None)
    lead: Slug | None = described("The lead (chủ trì): an organization or locality id.", None)
    support: list[Slug] = described("Supporting organizations (phối hợp).", [])
    each: list[Assignee] = described(
        "Every listed assignee does the task on its own: ids and selectors @localities, "
        "@cities, @provinces, @ministries, @members.",
        [],
    )
    deadline: DeadlineText | None = described(
        "The deadline as written; absent means the directive sets none (Chưa xác định thời hạn).", None
    )
    status: TaskStatus = described(
        "open, in_progress, done, cancelled, or unknown (no information: Chưa có thông tin).", "open"
    )
    done_on: Day | None = described("Date it was done (required when done, unless done_by is given).", None)
    done_by: Day | None = described(
        "When done but the day is not known: the latest day it can have been (instead of done_on).", None
    )
    cancel_reason: str | None = described("Why it was stopped (required when cancelled).", None)
    cancelled_on: Day | None = described("Date it was stopped.", None)
    result: str | None = described("What fulfilled it (e.g. the document issued).", None)
    source: str | None = described(
        "Where the task or its status is known from: a URL, or a document and where in it.", None
    )
    responses: dict[str, Response] = Field(
        {},
        description="Per assignee of an “each” task; for a recurring duty, per period (2026-Q1), "
        "then per assignee.",
        json_schema_extra={"additionalProperties": {"type": "object"}},
    )
    updates: list[Update] = described("Progress notes, newest last.", [])
    obstacles: list[Obstacle] = described("Difficulties raised.", [])
    extensions: list[Extension] = described(
        "More time granted (gia hạn): from each one's “on”, its deadline applies; in date order.", []
    )
    transfers: list[Transfer] = described(
        "The task passed to another lead (chuyển giao): from each one's “on”, “to” leads; in date order.",
        [],
    )
    progress: int | None = described("Percent done, 0–100.", None, ge=0, le=100)
    waive: list[str] = described("Warning codes accepted on purpose for this task.", [])
    every: Every | None = described(
        "A recurring duty: month, quarter, half-year or year; each period is an item.", None
    )
    due: DueRuleText | None = described(
        "When each period is due: “ngày 15 tháng cuối quý” or {day: 15, month_of_period: last}; "
        "default the period's last day.",
        None,
    )
    start: Day | None = Field(
        None, alias="from", description="First day of a recurring duty (default: when it was assigned)."
    )
    until: Day | None = described("Last day of a recurring duty.", None)
    # A recurring duty's responses, by period (and by assignee for an “each” duty); written “responses”.
    # (dothi.data.schema leaves them out of the JSON Schema: “responses” describes both shapes.)
    occurrence_responses: dict[str, Response] = Field(default_factory=no_keys, exclude=True)
    occurrence_answers: dict[str, dict[str, Response]] = Field(default_factory=no_keys, exclude=True)

    @model_validator(mode="before")
    @classmethod
    def _responses_by_period(cls, data: Any) -> Any:
        """A recurring duty keys its responses by period: read them into the field of that shape."""
        if isinstance(data, dict) and data.get("every") and "responses" in data:
            data = dict(data)
            data["occurrence_answers" if data.get("each") else "occurrence_responses"] = data.pop("responses")
        return data

    _done_by = field_validator("done_by")(_done_by_alone)
    _result = field_validator("result")(_nothing_known)


class DirectiveHeader(Model):
    number: str | None = described("Số ký hiệu: 1413/QĐ-TTg, 5802/VPCP-CN, 57-NQ/TW.", None)
    kind: DirectiveKind = described("Kind of document.")
    date: Day = described("Date of the document.")
    assigned_on: Day | None = described("When the tasks were really given (defaults to date).", None)
    issuer: Slug = described("Organization id of the issuer.")
    signer: str | None = described("Who signed it.", None)
    subject: str = described("Trích yếu: what it is about.")
    url: str | None = described("Where the text can be read.", None)

    @property
    def assigned(self) -> datetime.date:
        return self.assigned_on or self.date


class DirectiveFile(Model):
    directive: DirectiveHeader = described("The source document.")
    tasks: list[Task] = described("The tasks it assigns.", [])


# --- localities/<id>.yaml -------------------------------------------------------------------


class FocalPoint(Model):
    name: str = described("Name of the contact person.")
    title: str = described("Their title.")
    email: str | None = described("E-mail address.", None)
    phone: str | None = described("Telephone number.", None)


class PlanSection(Model):
    title: str = described("The section heading as written in the plan.")
    text: str = described("The section's text (or a summary of it).", "")


def period_years(period: str) -> range:
    """The years of a period written ``2026-2030``: empty when written backwards."""
    first, _, last = period.replace(" ", "").partition("-")
    return range(int(first), int(last) + 1)


class Publication(Model):
    provincial: str | None = described("Where the province's portal publishes it (URL).", None)
    national: str | None = described("Where the national smart-city portal publishes it (URL).", None)


class Plan(Model):
    title: str = described("Title of the plan or scheme.")
    kind: PlanKind | None = described(
        "de-an (a scheme under Decree 269/2025/NĐ-CP Art. 6) or ke-hoach (a plan implementing one); "
        "decides which requirements apply.",
        None,
    )
    ref: str | None = described("Number of the document that approved it.", None)
    status: PlanStatus = described("none (known to have none), draft, submitted or approved.", "draft")
    submitted_on: Day | None = described("Date submitted.", None)
    approved_on: Day | None = described("Date approved.", None)
    period: str = described("Plan period, e.g. 2026-2030.", DEFAULT_PERIOD, pattern=r"^\d{4}\s*-\s*\d{4}$")
    sections: list[PlanSection] | None = described(
        "The plan's sections; absent when its text has not been typed in (its contents are unknown).",
        None,
    )
    council_consulted_on: Day | None = described(
        "Day the provincial smart-city coordination council gave its opinion (Decree 269 Art. 7).", None
    )
    published: Publication | None = described(
        "Where the approved scheme is published (Decree 269 Art. 7).", None
    )
    source: str | None = described(
        "Where the plan is known from: a URL, or a document and where in it.", None
    )

    @field_validator("period")
    @classmethod
    def _first_year_first(cls, period: str) -> str:
        if not period_years(period):
            raise PydanticCustomError("period_reversed", "first year after last", {"example": DEFAULT_PERIOD})
        return period


class Milestone(Model):
    id: Slug = described("Unique across tasks and milestones.")
    title: str = described("What is to be achieved.")
    year: int = described("Year of the roadmap it belongs to.", ge=1900, le=2200)
    deadline: DeadlineText | None = described("Deadline as written; defaults to 31/12 of year.", None)
    owner: str | None = described("Local department in charge (free text).", None)
    status: TaskStatus = described("open, in_progress, done, cancelled or unknown.", "open")
    done_on: Day | None = described("Date done.", None)
    done_by: Day | None = described(
        "When done but the day is not known: the latest day it can have been.", None
    )
    cancel_reason: str | None = described("Why it was stopped.", None)
    cancelled_on: Day | None = described("Date it was stopped.", None)
    result: str | None = described("What fulfilled it.", None)
    budget: float | None = described("Budget, tỷ đồng.", None)
    updates: list[Update] = described("Progress notes, newest last.", [])
    source: str | None = described("Where the milestone is known from.", None)

    _done_by = field_validator("done_by")(_done_by_alone)
    _result = field_validator("result")(_nothing_known)


class Funding(Model):
    source: str = described("Where the money comes from.")
    year: int | None = described("Year, if the entry is for one year.", None)
    amount: float = described("Amount.", ge=0)
    unit: Literal["tỷ đồng", "triệu đồng"] = described("Unit of the amount.", "tỷ đồng")


class LocalityFile(Model):
    name: str = described("Official name: Thành phố Hà Nội, Tỉnh Cao Bằng.")
    code: str = described('Administrative code (Decision 19/2025/QĐ-TTg), e.g. "01".')
    kind: Literal["city", "province"] = described("city (trực thuộc Trung ương) or province.")
    aliases: list[str] = described("Other names found in documents (Thừa Thiên Huế).", [])
    focal_point: FocalPoint | None = described("Contact person for the group.", None)
    plan: Plan | None = described(
        "The smart-city scheme or plan; absent when nothing is known of one (Chưa có thông tin).", None
    )
    roadmap: list[Milestone] = described("Milestones of the plan.", [])
    funding: list[Funding] = described("Funding entries.", [])
    obstacles: list[Obstacle] = described("Difficulties raised.", [])
    since: Day | None = described("The day the unit began (formed by a merger, e.g. 1/7/2025).", None)
    until: Day | None = described(
        "The day the unit ended (merged into another); from then on its open items go to its successor.",
        None,
    )
    successor: Successor = described(
        "The unit (an id) that carries its work after “until”, or a list when it was split.", []
    )


# --- requirements.yaml ----------------------------------------------------------------------


class Requirement(Model):
    id: Slug = described("Id of the required section.")
    title: str = described("The heading a plan should use.")
    aliases: list[str] = described("Other headings that count.", [])
    required: bool = described("Whether a plan must have it.", True)
    min_words: int | None = described("Fewer words than this make the section thin.", None, ge=0)
    applies_to: list[PlanKind] = described(
        "The kinds of plan it applies to (de-an, ke-hoach); absent: every kind.", []
    )
    source: str | None = described("Where the requirement comes from (article, point).", None)

    def applies(self, kind: str | None) -> bool:
        """Whether a plan of ``kind`` must meet it; a plan of unstated kind meets every requirement."""
        return not self.applies_to or kind is None or kind in self.applies_to


class RuleKinds(Model):
    """Which kinds of plan each rule applies to; a rule not named applies to every kind."""

    roadmap_years: list[PlanKind] = described("Kinds the roadmap_years rule applies to.", [])
    funding: list[PlanKind] = described("Kinds the funding rule applies to.", [])
    submit_by: list[PlanKind] = described("Kinds the submit_by rule applies to.", [])
    council_before_approval: list[PlanKind] = described(
        "Kinds the council_before_approval rule applies to.", []
    )
    published: list[PlanKind] = described("Kinds the published rule applies to.", [])


# The defaults below are made with ``model_construct``: an instance made by validating would build
# the model's validator when this module is imported (``defer_build`` otherwise defers it), 15 to
# 50 ms of every command that loads the data. They are the same values, and the schema shows them.
class Rules(Model):
    roadmap_years: bool = described("Every year of the plan period has a milestone.", False)
    funding: bool = described("The plan has funding entries with amounts.", False)
    submit_by: Day | None = described("Date by which every locality must have submitted its plan.", None)
    council_before_approval: bool = described(
        "The provincial coordination council gave its opinion before approval (Decree 269 Art. 7).", False
    )
    published: bool = described(
        "The approved scheme is published on the provincial and national portals (Decree 269 Art. 7).",
        False,
    )
    applies_to: RuleKinds = described("The kinds of plan each rule applies to.", RuleKinds.model_construct())

    def applies(self, rule: str, kind: str | None) -> bool:
        """Whether ``rule`` holds a plan of ``kind`` (of unstated kind: every rule)."""
        kinds: list[str] = getattr(self.applies_to, rule)
        return not kinds or kind is None or kind in kinds


class RequirementsFile(Model):
    sections: list[Requirement] = described("The checklist of a plan.", [])
    rules: Rules = described("Further rules.", Rules.model_construct())


@dataclass(frozen=True)
class Directive:
    """A directive file: its id (the file stem), where it is, and what it holds."""

    id: str
    file: str
    data: DirectiveFile


@dataclass(frozen=True)
class Locality:
    """A locality file: its id (the file stem) and what it holds."""

    id: str
    data: LocalityFile


# --- calendar.yaml and settings.yaml ---------------------------------------------------------


class CalendarDay(Model):
    date: Day = described("The day.")
    decision: str | None = described("The decision that set it (số ký hiệu), e.g. 1234/TB-VPCP.", None)
    note: str | None = described("Why.", None)


class CalendarFile(Model):
    days_off: list[CalendarDay] = described(
        "Days the Government gave off that the holiday calendar lacks.", []
    )
    working_days: list[CalendarDay] = described("Days off made working days (a swapped Saturday).", [])
    roll_forward: bool = described("Move a due date that falls on a day off to the next working day.", False)


class SettingsFile(Model):
    deadline_inclusive: bool = described(
        "Whether “trước ngày X” allows day X itself (true, the default) or ends the day before.", True
    )
    notice: str | None = described(
        "A one-line caveat printed at the top of “status” and of every document "
        "(e.g. that the data are reconstructed from public sources).",
        None,
    )
    # What every document carries under Decree 30/2020/NĐ-CP Art. 8 (SPEC §11).
    parent_body: str | None = described(
        "The body the issuer belongs to, printed above it in the masthead (Bộ Xây dựng); "
        "none to leave it out.",
        None,
    )
    issuer: str | None = described(
        "The issuing body as documents name it; default: the group's name in members.yaml.", None
    )
    issuer_short: str = described(
        "How a document's own sentences name the issuer (“Tổ công tác báo cáo …”).", "Tổ công tác"
    )
    symbol: str = described(
        "The issuer's abbreviation after the type in a document's number: Số: …/BC-{symbol}.", "TCT"
    )
    place: str | None = described(
        "The place of the date line; default: Hà Nội (a central body), in the document's language.", None
    )
    basis: str | None = described(
        "What the opening sentence says the document carries out (“Thực hiện …”); "
        "default: the document that set the group up (members.yaml).",
        None,
    )
    signer_authority: str | None = described(
        "The signing authority above the title: “TM. TỔ CÔNG TÁC” or “KT. TỔ TRƯỞNG”; none when the "
        "head signs in their own name.",
        None,
    )
    signer_title: str = described("The signer's title in the signature block.", "Tổ trưởng")
    signer: str | None = described(
        "The signer's name; default: the group's leader in members.yaml on the document's date.", None
    )
    recipients: list[str] = described(
        "“Nơi nhận”, one recipient a line, in the order printed.",
        [
            "Thủ tướng Chính phủ (để báo cáo)",
            "Các Phó Thủ tướng Chính phủ",
            "Văn phòng Chính phủ",
            "Các thành viên Tổ công tác",
        ],
    )
    archive: str = described(
        "What the last line of “Nơi nhận” keeps on file, after “Lưu:”: VT (văn thư), then the drafting "
        "unit and the number of copies.",
        "VT",
    )


FILE_MODELS: dict[str, type[Model]] = {
    "members": MembersFile,
    "directive": DirectiveFile,
    "locality": LocalityFile,
    "requirements": RequirementsFile,
    "calendar": CalendarFile,
    "settings": SettingsFile,
}


def error_text(ctx: dict[str, Any] | None) -> Text | None:
    """The catalogue text our own validators put into a Pydantic error's context."""
    found = (ctx or {}).get("text")
    return found if isinstance(found, Text) else None
