"""Write a realistic dothi data repository of a given size, for the benchmark of issue 6.

    python benchmarks/generate.py OUT_DIR --items N [--seed S]

The repository follows SPEC §1-3: the real ``members.yaml`` and ``requirements.yaml``, the 34 real
localities (ids, names, codes and kinds) each with a full 2026-2030 plan, a 20-milestone roadmap,
funding and obstacles, and directive files of 8-32 tasks until the number of items (SPEC §4: lead
tasks, assignees of ``each`` tasks, milestones) reaches N. Everything but the copied files is made
up, with the vocabulary, diacritics and deadline forms of real directives, so that the benchmark
measures the tool on data that looks like the secretariat's. The same seed writes the same bytes.
"""

from __future__ import annotations

import argparse
import random
import re
import shutil
import sys
import time
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import yaml
from deadlines import DATED_FORMS, FORMS, Form, Written, dmy
from prose import FUNDING_SOURCES, OWNERS, REASONS, Prose, capital
from yamltext import Raw, dump

# The day the data is "as of": issue 6 asks for overdue, done, due-soon and future items as of
# 30/11/2026. A constant, not the clock, so that a seed always writes the same repository.
TODAY = date(2026, 11, 30)
FIRST_DAY, LAST_DAY = date(2024, 1, 1), date(2027, 12, 31)
MEMBERS_FROM = date(2025, 7, 16)  # every member of members.yaml is in the group from this day on
PLAN_YEARS = range(2026, 2031)
SOURCE = Path(__file__).resolve().parent.parent / "data"
HEADER = ("Synthetic data written by benchmarks/generate.py (seed {seed}) for the benchmark of issue 6.",)
EACH_SHARE = 0.05

Doc = dict[str, Any]
# (kind, the number's suffix, issuer): the document families the Working Group really receives.
KINDS = (
    ("thong-bao", "TB-VPCP", "vpcp"),
    ("cong-van", "VPCP-KGVX", "vpcp"),
    ("cong-van", "VPCP-CN", "vpcp"),
    ("cong-van", "BXD-PTĐT", "bxd"),
    ("cong-van", "BKHCN-CĐSQG", "bkhcn"),
    ("quyet-dinh", "QĐ-TTg", "thu-tuong"),
    ("chi-thi", "CT-TTg", "thu-tuong"),
    ("nghi-quyet", "NQ-CP", "chinh-phu"),
    ("ke-hoach", "KH-BXD", "bxd"),
    ("ke-hoach", "KH-TCT", "to-cong-tac"),
    ("ket-luan", "KL-TCT", "to-cong-tac"),
    ("bao-cao", "BC-BXD", "bxd"),
)
SELECTOR_LISTS = (
    ["@localities"],
    ["@ministries"],
    ["@ministries", "@localities"],
    ["@cities"],
    ["@provinces"],
    ["@members"],
    ["@cities", "bxd"],
)
SIGNERS = ("Nguyễn Chí Dũng", "Trần Hồng Minh", "Phạm Mạnh Cường", "Nguyễn Mạnh Hùng")


@dataclass(frozen=True)
class Place:
    """A real locality: the generated file keeps its id, name, code and kind."""

    id: str
    name: str
    code: str
    kind: str


@dataclass(frozen=True)
class World:
    """What generated files may refer to: the real organizations, members, localities, checklist."""

    org_kinds: dict[str, str]
    members: tuple[tuple[str, str, date | None], ...]
    places: tuple[Place, ...]
    requirements: tuple[Doc, ...]

    def ministries(self) -> list[str]:
        return [org for org, kind in self.org_kinds.items() if kind == "ministry"]

    def member_orgs(self, day: date) -> list[str]:
        return list(dict.fromkeys(org for _, org, since in self.members if since is None or since <= day))

    def expand(self, each: list[str], day: date) -> list[str]:
        """The assignees of an ``each`` list as of ``day``, as SPEC §2 defines the selectors."""
        by_code = sorted(self.places, key=lambda place: place.code)
        table = {
            "@localities": [p.id for p in by_code],
            "@cities": [p.id for p in by_code if p.kind == "city"],
            "@provinces": [p.id for p in by_code if p.kind == "province"],
            "@ministries": self.ministries(),
            "@members": self.member_orgs(day),
        }
        found: dict[str, None] = {}
        for entry in each:
            for org in table.get(entry, [entry]):
                found.setdefault(org)
        return list(found)


@dataclass
class Tally:
    """What was written; ``items`` counts as SPEC §4 does."""

    files: int = 0
    localities: int = 0
    directives: int = 0
    lead_tasks: int = 0
    each_tasks: int = 0
    assignments: int = 0
    milestones: int = 0
    forms: set[int] = field(default_factory=set)

    @property
    def items(self) -> int:
        return self.lead_tasks + self.assignments + self.milestones


def slug(text: str) -> str:
    """An id from a document number: 382/TB-VPCP → 382-tb-vpcp."""
    bare = "".join(ch for ch in unicodedata.normalize("NFD", text) if not unicodedata.combining(ch))
    return re.sub(r"[^a-z0-9]+", "-", bare.replace("Đ", "D").replace("đ", "d").lower()).strip("-")


def load_world(source: Path) -> World:
    """The real data the generated files are built on (read once, with PyYAML)."""
    members = yaml.load((source / "members.yaml").read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
    places = []
    for path in sorted((source / "localities").glob("*.yaml")):
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
        places.append(Place(path.stem, data["name"], str(data["code"]), data["kind"]))
    requirements = yaml.load(
        (source / "requirements.yaml").read_text(encoding="utf-8"), Loader=yaml.CSafeLoader
    )
    return World(
        # bodies that ended or were formed in the 2025 mergers lead and answer nothing: directives
        # span years, and one given to a body on a day it did not exist is an error
        org_kinds={
            org["id"]: org["kind"]
            for org in members["organizations"]
            if "until" not in org and "since" not in org
        },
        members=tuple((m["id"], m["org"], m.get("since")) for m in members["members"]),
        places=tuple(places),
        requirements=tuple(requirements["sections"]),
    )


class Builder:
    """Builds the documents; every random choice comes from one ``random.Random``."""

    def __init__(self, rng: random.Random, world: World, tally: Tally) -> None:
        self.rng = rng
        self.world = world
        self.tally = tally
        self.prose = Prose(rng)
        self.turns: dict[tuple[Form, ...], int] = {FORMS: 0, DATED_FORMS: 0}
        self.numbers: dict[tuple[str, int], int] = {}
        leads = [(org, self._weight(org, kind)) for org, kind in world.org_kinds.items()]
        leads += [(place.id, 1.0) for place in world.places]
        self.leads = [org for org, _ in leads]
        self.lead_weights = [weight for _, weight in leads]
        self.helpers = [*world.ministries(), "vpcp", "vnpt", "viettel", "fpt", "cmc"]
        self.member_ids = [member for member, _, _ in world.members]

    @staticmethod
    def _weight(org: str, kind: str) -> float:
        """Bộ Xây dựng leads most tasks of the group, Bộ KH&CN many; the Government leads none."""
        special = {"bxd": 40.0, "bkhcn": 15.0, "vpcp": 5.0, "to-cong-tac": 3.0}
        return special.get(org, 0.0 if kind == "government" else 2.0)

    # --- dates and deadlines -----------------------------------------------------------
    def day_between(self, first: date, last: date) -> date:
        return first + timedelta(days=self.rng.randint(0, max(0, (last - first).days)))

    def date_text(self, day: date) -> str:
        """A date field as people write it: ISO (as the real data does) or day first."""
        roll = self.rng.random()
        if roll < 0.6:
            return Raw(day.isoformat())
        return dmy(day) if roll < 0.95 else dmy(day, self.rng.choice("-."))

    def deadline(self, target: date, forms: tuple[Form, ...] = FORMS) -> Written:
        """The next form in turn, so that every form of SPEC §3 appears even in a small repository."""
        index = self.turns[forms] % len(forms)
        self.turns[forms] += 1
        if forms is FORMS:
            self.tally.forms.add(index)
        return forms[index](target)

    def target(self, assigned: date) -> date:
        """When a task is wanted: one in ten around today (due soon), the rest up to 14 months on."""
        if self.rng.random() < 0.1:
            return self.day_between(max(assigned, TODAY - timedelta(days=3)), TODAY + timedelta(days=14))
        return min(assigned + timedelta(days=self.rng.randint(5, 420)), LAST_DAY)

    # --- states -------------------------------------------------------------------------
    def done_on(self, start: date, due: date | None) -> date:
        """On time more often than late, never after today."""
        if due is not None and due < TODAY and self.rng.random() < 0.6:
            return self.day_between(start, due)
        low = start if due is None or due >= TODAY else due + timedelta(days=1)
        return self.day_between(min(low, TODAY), TODAY)

    def status(self, start: date, due: date | None) -> Doc:
        """status, done_on, result, cancel_reason, cancelled_on, by how overdue the work is."""
        done, cancelled, busy = (0.5, 0.06, 0.2) if due is not None and due < TODAY else (0.15, 0.03, 0.35)
        roll = self.rng.random()
        if roll < done:
            finished = self.done_on(start, due)
            result = f"Công văn số {self.rng.randint(10, 999)}/BXD-PTĐT ngày {dmy(finished)}"
            return {"status": "done", "done_on": self.date_text(finished), "result": self._maybe(0.7, result)}
        if roll < done + cancelled:
            stopped = self._maybe(0.7, self.date_text(self.day_between(start, TODAY)))
            return {"status": "cancelled", "cancel_reason": self.rng.choice(REASONS), "cancelled_on": stopped}
        return {"status": "in_progress" if roll < done + cancelled + busy else self._maybe(0.5, "open")}

    def _maybe(self, chance: float, value: Any) -> Any:
        return value if self.rng.random() < chance else None

    # --- notes ----------------------------------------------------------------------------
    def updates(self, start: date, who: str) -> list[Doc]:
        days = sorted(self.day_between(start, TODAY) for _ in range(self.rng.randint(1, 4)))
        by = (self.rng.choice(self.member_ids), who, None)
        return [
            {"on": self.date_text(d), "note": self.prose.sentence(), "by": self.rng.choice(by)} for d in days
        ]

    def obstacles(self, start: date, count: int) -> list[Doc]:
        found = []
        for _ in range(count):
            needs = self.rng.choice(("pm", "group", None, None))
            day = self.date_text(self.day_between(start, TODAY))
            found.append({"on": day, "text": self.prose.sentence(), "needs": needs})
        return found

    # --- tasks ------------------------------------------------------------------------------
    def task(self, ident: str, assigned: date) -> Doc:
        """One task, with a lead or (one in twenty) an ``each`` list, and its history."""
        rng = self.rng
        detail = self.prose.paragraph(20, 60) if rng.random() < 0.35 else None
        task: Doc = {"id": ident, "title": self.prose.title(), "detail": detail}
        written, due = self.deadline(self.target(assigned)) if rng.random() < 0.9 else (None, None)
        if rng.random() < EACH_SHARE:
            task.update(self.each_part(assigned, written, due))
        else:
            task.update(self.lead_part(assigned, written, due))
        if rng.random() < 0.3:
            task["updates"] = self.updates(assigned, task.get("lead") or "bxd")
        if rng.random() < 0.08:
            task["obstacles"] = self.obstacles(assigned, rng.randint(1, 2))
        return task

    def lead_part(self, assigned: date, written: str | None, due: date | None) -> Doc:
        rng = self.rng
        lead = rng.choices(self.leads, weights=self.lead_weights)[0]
        support = [org for org in rng.sample(self.helpers, rng.randint(1, 4)) if org != lead]
        part: Doc = {"lead": lead, "support": support if rng.random() < 0.4 else None, "deadline": written}
        part.update(self.status(assigned, due))
        if part["status"] == "in_progress" and rng.random() < 0.3:
            part["progress"] = rng.randint(5, 95)
        self.tally.lead_tasks += 1
        return part

    def each_part(self, assigned: date, written: str | None, due: date | None) -> Doc:
        rng = self.rng
        if rng.random() < 0.25:
            each = rng.sample(self.leads, rng.randint(3, 10))
        else:
            each = list(rng.choice(SELECTOR_LISTS))
            if "@members" in each and assigned < MEMBERS_FROM:
                each = ["@localities"]
        assignees = self.world.expand(each, assigned)
        part: Doc = {"each": each, "deadline": written}
        if rng.random() < 0.03:
            part.update({"status": "cancelled", "cancel_reason": rng.choice(REASONS)})
        chosen = set(rng.sample(assignees, int(len(assignees) * rng.uniform(0.3, 0.8))))
        part["responses"] = {org: self.response(assigned, due) for org in assignees if org in chosen}
        self.tally.each_tasks += 1
        self.tally.assignments += len(assignees)
        return part

    def response(self, assigned: date, due: date | None) -> Doc:
        roll = self.rng.random()
        if roll < 0.6:
            finished = self.done_on(assigned, due)
            result = f"Kế hoạch số {self.rng.randint(10, 999)}/KH-UBND"
            return {"status": "done", "done_on": self.date_text(finished), "result": self._maybe(0.5, result)}
        if roll < 0.62:
            return {"status": "cancelled", "cancel_reason": self.rng.choice(REASONS)}
        return {"status": "in_progress" if roll < 0.9 else "open", "note": self.prose.sentence()}

    # --- directives ---------------------------------------------------------------------
    def number(self, suffix: str, year: int) -> str:
        key = (suffix, year)
        self.numbers[key] = self.numbers.get(key, self.rng.randint(20, 300)) + self.rng.randint(1, 25)
        return f"{self.numbers[key]}/{suffix}"

    def header(self, kind: str, suffix: str, issuer: str) -> tuple[str, Doc, date]:
        rng = self.rng
        day = self.day_between(FIRST_DAY, TODAY - timedelta(days=3))
        number = self.number(suffix, day.year)
        assigned = day - timedelta(days=rng.randint(1, 10)) if rng.random() < 0.2 else None
        header = {
            "number": number,
            "kind": kind,
            "date": self.date_text(day),
            "assigned_on": self.date_text(assigned) if assigned else None,
            "issuer": issuer,
            "signer": rng.choice((*SIGNERS, self.prose.name())) if rng.random() < 0.5 else None,
            "subject": self.subject(kind),
            "url": self._maybe(
                0.2, f"https://vanban.chinhphu.vn/?pageid=27160&docid={rng.randint(10**5, 10**6)}"
            ),
        }
        return f"{slug(number)}-{day.year}", header, assigned or day

    def subject(self, kind: str) -> str:
        rng, prose = self.rng, self.prose
        if kind == "thong-bao":
            return f"Kết luận của Phó Thủ tướng tại Phiên họp lần thứ {rng.randint(1, 40)} của Tổ công tác"
        verb = rng.choice(("triển khai", "đẩy mạnh", "hoàn thiện", "tăng cường"))
        title = prose.title()
        topic = f"{verb} {title[0].lower()}{title[1:]}"
        return {"cong-van": f"V/v {topic}", "quyet-dinh": f"Về việc {topic}"}.get(kind, capital(topic))

    def directive(self, more: Callable[[], bool]) -> tuple[str, Doc]:
        """A directive with 8-32 tasks, fewer than its size only if ``more`` says the count is reached."""
        ident, header, assigned = self.header(*self.rng.choice(KINDS))
        size = self.rng.randint(8, 32)
        tasks: list[Doc] = []
        while len(tasks) < 8 or (len(tasks) < size and more()):
            tasks.append(self.task(f"{ident}-{len(tasks) + 1:02d}", assigned))
        self.tally.directives += 1
        return ident, {"directive": header, "tasks": tasks}

    # --- localities ---------------------------------------------------------------------
    def locality(self, place: Place) -> Doc:
        rng = self.rng
        roadmap = [self.milestone(place, year, k) for year in PLAN_YEARS for k in range(1, 5)]
        return {
            "name": place.name,
            "code": place.code,
            "kind": place.kind,
            "focal_point": self.focal_point(place),
            "plan": self.plan(place),
            "roadmap": roadmap,
            "funding": [self.funding() for _ in range(rng.randint(2, 5))],
            "obstacles": self.obstacles(date(2025, 8, 1), 2),
        }

    def focal_point(self, place: Place) -> Doc:
        domain = place.id.replace("-", "")
        return {
            "name": self.prose.name(),
            "title": "Giám đốc Sở Khoa học và Công nghệ",
            "email": f"sokhcn@{domain}.gov.vn",
            "phone": f"0{self.rng.randint(200, 299)}{self.rng.randint(1000000, 9999999)}",
        }

    def plan(self, place: Place) -> Doc:
        rng = self.rng
        submitted = self.day_between(date(2025, 8, 1), date(2026, 6, 30))
        approved = submitted + timedelta(days=rng.randint(10, 120)) if rng.random() < 0.5 else None
        return {
            "title": f"Kế hoạch phát triển đô thị thông minh {place.name} giai đoạn 2026-2030",
            "ref": f"{rng.randint(10, 400)}/KH-UBND" if approved else None,
            "status": "approved" if approved else "submitted",
            "submitted_on": self.date_text(submitted),
            "approved_on": self.date_text(approved) if approved else None,
            "period": "2026-2030",
            "sections": [self.section(index, req) for index, req in enumerate(self.world.requirements)],
        }

    def section(self, index: int, requirement: Doc) -> Doc:
        """The heading as plans write it: the title, an alias, or numbered in capitals (I. MỤC TIÊU)."""
        rng = self.rng
        title = requirement["title"]
        roll = rng.random()
        if roll < 0.25 and requirement.get("aliases"):
            title = rng.choice(requirement["aliases"])
        elif roll < 0.4:
            title = f"{_roman(index + 1)}. {title.upper()}"
        return {"title": title, "text": self.prose.paragraph(60, 200)}

    def milestone(self, place: Place, year: int, k: int) -> Doc:
        rng = self.rng
        target = self.day_between(date(year, 1, 15), date(year, 12, 31))
        written, due = (
            self.deadline(target, DATED_FORMS) if rng.random() < 0.6 else (None, date(year, 12, 31))
        )
        milestone: Doc = {
            "id": f"{place.id}-{year}-{k:02d}",
            "title": self.prose.title(),
            "year": year,
            "deadline": written,
            "owner": self._maybe(0.7, rng.choice(OWNERS)),
        }
        milestone.update(self.status(date(2025, 9, 1), due))
        milestone["budget"] = self._maybe(0.4, round(rng.uniform(1, 500), 1))
        self.tally.milestones += 1
        return milestone

    def funding(self) -> Doc:
        rng = self.rng
        unit = "tỷ đồng" if rng.random() < 0.9 else "triệu đồng"
        return {
            "source": rng.choice(FUNDING_SOURCES),
            "year": self._maybe(0.7, rng.choice(PLAN_YEARS)),
            "amount": round(rng.uniform(5, 900), 1),
            "unit": unit,
        }


def _roman(number: int) -> str:
    table = ((10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))
    out = ""
    for value, letters in table:
        while number >= value:
            out, number = out + letters, number - value
    return out


def write(path: Path, document: Doc, seed: int) -> None:
    text = dump(document, [line.format(seed=seed) for line in HEADER])
    if not unicodedata.is_normalized("NFC", text):  # the data must be NFC: a not-nfc warning is a bug
        raise ValueError(f"{path}: text is not NFC")
    path.write_text(text, encoding="utf-8", newline="\n")


def generate(out: Path, items: int, seed: int, source: Path = SOURCE) -> Tally:
    """Write the repository under ``out/data`` and say what was written."""
    world, tally = load_world(source), Tally()
    builder = Builder(random.Random(seed), world, tally)
    data = out / "data"
    for folder in (data / "localities", data / "tasks"):
        folder.mkdir(parents=True, exist_ok=True)
    for name in ("members.yaml", "requirements.yaml"):
        shutil.copyfile(source / name, data / name)
    for place in world.places:
        write(data / "localities" / f"{place.id}.yaml", builder.locality(place), seed)
    while tally.items < items:
        ident, document = builder.directive(lambda: tally.items < items)
        write(data / "tasks" / f"{ident}.yaml", document, seed)
    tally.localities = len(world.places)
    tally.files = 2 + tally.localities + tally.directives
    return tally


def _arguments(argv: Iterable[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path, help="folder to write the repository in (its data/ is replaced)")
    parser.add_argument(
        "--items", type=int, required=True, help="items to write (tasks, assignees, milestones)"
    )
    parser.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    parser.add_argument("--source", type=Path, default=SOURCE, help="the real data to build on")
    parser.add_argument("--force", action="store_true", help="replace an existing OUT/data")
    return parser.parse_args(list(argv) if argv is not None else None)


def main(argv: Iterable[str] | None = None) -> int:
    args = _arguments(argv)
    if (args.out / "data").exists():
        if not args.force:
            print(f"{args.out / 'data'} exists; use --force to replace it", file=sys.stderr)
            return 2
        shutil.rmtree(args.out / "data")
    started = time.perf_counter()
    tally = generate(args.out, args.items, args.seed, args.source)
    print(
        f"wrote {tally.files} files ({tally.directives} directives, {tally.localities} localities, "
        "members, requirements) "
        f"with {tally.items} items: {tally.lead_tasks} lead tasks, {tally.assignments} assignees of "
        f"{tally.each_tasks} each-tasks, {tally.milestones} milestones; {len(tally.forms)}/{len(FORMS)} "
        f"deadline forms; {time.perf_counter() - started:.1f} s"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
