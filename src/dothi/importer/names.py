"""Agencies as directives name them, matched to the repository's ids and selectors.

Names are compared case- and diacritic-insensitively ("Thanh Hoá" is "Thanh Hóa"), on a folded
copy of the text that keeps every character where it was, so what was matched can be quoted as
written. Nothing is ever guessed: a name that matches nothing is returned as written, to be shown
to a person, and never becomes an id.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from dothi.text import strip_diacritics

SELECTORS: tuple[tuple[str, tuple[str, ...]], ...] = (
    # Longest first where one phrase begins another.
    ("uy ban nhan dan cac tinh, thanh pho truc thuoc trung uong", ("@localities",)),
    ("ubnd cac tinh, thanh pho truc thuoc trung uong", ("@localities",)),
    ("cac tinh, thanh pho truc thuoc trung uong", ("@localities",)),
    ("uy ban nhan dan cac thanh pho truc thuoc trung uong", ("@cities",)),
    ("ubnd cac thanh pho truc thuoc trung uong", ("@cities",)),
    ("cac thanh pho truc thuoc trung uong", ("@cities",)),
    ("uy ban nhan dan cac tinh, thanh pho", ("@localities",)),
    ("ubnd cac tinh, thanh pho", ("@localities",)),
    ("cac tinh, thanh pho", ("@localities",)),
    ("cac bo, nganh, dia phuong", ("@ministries", "@localities")),
    ("cac bo, co quan ngang bo", ("@ministries",)),
    ("cac bo, nganh", ("@ministries",)),
    ("cac bo, co quan", ("@ministries",)),
    ("cac dia phuong", ("@localities",)),
    ("uy ban nhan dan cac tinh", ("@provinces",)),
    ("ubnd cac tinh", ("@provinces",)),
    ("cac tinh", ("@provinces",)),
    ("cac thanh vien to cong tac", ("@members",)),
)
# "các Bộ, cơ quan liên quan": those concerned are not named, so no one can be recorded.
_VAGUE_TAIL = re.compile(r"^,? (?:lien quan|co lien quan|duoc giao)\b")
_VAGUE = ("cac co quan lien quan", "cac co quan, don vi lien quan", "cac co quan", "cac don vi lien quan")
# Titles that stand for their agency: "Bộ trưởng Bộ Xây dựng", "Chủ tịch Ủy ban nhân dân tỉnh X".
_TITLES = ("bo truong ", "thu truong ", "chu tich ", "lanh dao ", "dong chi ")
_PEOPLES_COMMITTEE = ("uy ban nhan dan ", "ubnd ")
_LOCALITY_KINDS = ("thanh pho ", "tp. ", "tp ", "tinh ")
_DISTRIBUTIVE = re.compile(r"^(?:bo truong |lanh dao )?cac bo\s?:?\s")
_SEPARATORS = re.compile(r"^(?:\s?[,;]\s?(?:va\s)?|\s(?:va|cung|voi)\s)")
# Words that begin the work: the list of agencies before them has ended.
VERBS = (
    "chu tri",
    "phoi hop",
    "can cu",
    "theo chuc nang",
    "khan truong",
    "tiep tuc",
    "nghien cuu",
    "co trach nhiem",
    "chiu trach nhiem",
    "thuc hien",
    "xay dung",
    "hoan thanh",
    "hoan thien",
    "bao cao",
    "ra soat",
    "to chuc",
    "chi dao",
    "trien khai",
    "day manh",
    "tham muu",
    "huong dan",
    "ban hanh",
    "de xuat",
    "tap trung",
    "bo tri",
    "trinh",
    "cap nhat",
    "ho tro",
    "kiem tra",
    "don doc",
    "theo doi",
    "tong hop",
    "lua chon",
    "khao sat",
    "danh gia",
    "uu tien",
    "chu dong",
    "bao dam",
    "dam bao",
    "khan",
    "sua doi",
    "lap",
    "gui",
    "xem xet",
    "nghien",
    "tang cuong",
    "quan tam",
)
# Words that begin an agency's name: only after one of them is an unknown name taken for a name.
_AGENCY_WORDS = (
    "bo ",
    "uy ban ",
    "ubnd ",
    "tinh ",
    "thanh pho ",
    "tap doan ",
    "tong cong ty ",
    "ngan hang ",
    "van phong ",
    "ban ",
    "cuc ",
    "tong cuc ",
    "so ",
    "vien ",
    "hoc vien ",
    "dai hoc ",
    "truong ",
    "dai ",
    "thong tan xa ",
    "kiem toan ",
    "thanh tra ",
    "hiep hoi ",
    "cong ty ",
    "hoi dong ",
)


def folded(text: str) -> str:
    """``text`` in lower case without diacritics, character for character (same length)."""
    out = []
    for char in text:
        bare = strip_diacritics(char).lower()
        out.append(bare if len(bare) == 1 else char)
    return "".join(out)


@dataclass(frozen=True, slots=True)
class Name:
    """One agency reference: an id, selectors, or (``known`` false) a name as written."""

    written: str
    ids: tuple[str, ...] = ()
    vague: bool = False  # "các cơ quan liên quan": a group nobody is named in

    @property
    def known(self) -> bool:
        return bool(self.ids)


@dataclass(slots=True)
class Directory:
    """The names the repository knows, folded, each with its id."""

    full: dict[str, str] = field(default_factory=dict)  # "bo xay dung" → bxd
    short: dict[str, str] = field(default_factory=dict)  # "BXD" → bxd (case as written)
    bare_ministry: dict[str, str] = field(default_factory=dict)  # "xay dung" → bxd
    localities: dict[str, str] = field(default_factory=dict)  # "ha noi", "thanh pho ha noi" → ha-noi

    @classmethod
    def build(
        cls,
        organizations: Iterable[tuple[str, str, str | None, str]],
        localities: Iterable[tuple[str, str, Iterable[str]]],
    ) -> Directory:
        """From (id, name, short, kind) of each organization and (id, name, aliases) of each locality."""
        made = cls()
        for ident, name, short, kind in organizations:
            key = _key(name)
            made.full.setdefault(key, ident)
            if short:
                made.short.setdefault(short, ident)
            if kind == "ministry" and key.startswith("bo "):
                made.bare_ministry.setdefault(key[3:], ident)
        for ident, name, aliases in localities:
            for written in (name, *aliases):
                key = _key(written)
                made.localities.setdefault(key, ident)
                for kind in _LOCALITY_KINDS:
                    if key.startswith(kind):
                        made.localities.setdefault(key[len(kind) :], ident)
                        for other in _LOCALITY_KINDS:
                            made.localities.setdefault(other + key[len(kind) :], ident)
        return made

    def issuer(self, written: str) -> str | None:
        """The organization a heading or a symbol part names ("VĂN PHÒNG CHÍNH PHỦ", "VPCP")."""
        return self.short.get(written) or self.full.get(_key(written))


def _key(text: str) -> str:
    return " ".join(folded(text).split())


def _longest(table: dict[str, str], text: str) -> tuple[str, str] | None:
    """The longest key of ``table`` that ``text`` begins with, ending at a word boundary."""
    best: tuple[str, str] | None = None
    for key, ident in table.items():
        if text.startswith(key) and _boundary(text, len(key)) and (best is None or len(key) > len(best[0])):
            best = (key, ident)
    return best


def _boundary(text: str, end: int) -> bool:
    return end >= len(text) or not text[end].isalnum()


def _group(text: str, fold: str, at: int) -> tuple[Name, int] | None:
    """A phrase that stands for a group: a selector, or those concerned (named nowhere)."""
    rest = fold[at:]
    for phrase, selectors in SELECTORS:
        if rest.startswith(phrase) and _boundary(rest, len(phrase)):
            end = at + len(phrase)
            if vague := _VAGUE_TAIL.match(fold[end:]):
                end += vague.end()
                return Name(text[at:end], vague=True), end
            return Name(text[at:end], selectors), end
    for phrase in _VAGUE:
        if rest.startswith(phrase) and _boundary(rest, len(phrase)):
            return Name(text[at : at + len(phrase)], vague=True), at + len(phrase)
    return None


def starts_with_verb(fold: str) -> bool:
    return any(fold.startswith(verb) and _boundary(fold, len(verb)) for verb in VERBS)


class ListReader:
    """Reads the agencies a text names from a position on: ``read`` returns them and where they end."""

    def __init__(self, directory: Directory) -> None:
        self.directory = directory

    def read(self, text: str, start: int = 0) -> tuple[list[Name], int]:
        fold = folded(text)
        names: list[Name] = []
        position = start
        distributive = False
        while True:
            if m := _DISTRIBUTIVE.match(fold[position:]):
                distributive = True
                position += m.end()
            found = self._one(text, fold, position, distributive)
            if found is None:
                break
            name, end = found
            names.append(name)
            position = end
            sep = _SEPARATORS.match(fold[position:])
            if sep is None:
                break
            after = position + sep.end()
            if self._one(text, fold, after, distributive) is None and not _DISTRIBUTIVE.match(fold[after:]):
                break
            position = after
        return names, position

    def _one(self, text: str, fold: str, at: int, distributive: bool) -> tuple[Name, int] | None:
        rest = fold[at:]
        if found := _group(text, fold, at):
            return found
        skip = next(
            (len(t) for t in _TITLES if rest.startswith(t) and not rest.startswith("bo truong cac bo")), 0
        )
        at += skip
        body = rest[skip:]
        hit = _longest(self.directory.bare_ministry, body) if distributive else None
        for prefix in _PEOPLES_COMMITTEE:
            if hit is None and body.startswith(prefix):
                found_locality = _longest(self.directory.localities, body[len(prefix) :])
                if found_locality:
                    hit = (prefix + found_locality[0], found_locality[1])
        hit = hit or _longest(self.directory.full, body) or _longest(self.directory.localities, body)
        if hit is not None:
            return Name(text[at : at + len(hit[0])], (hit[1],)), at + len(hit[0])
        for short, ident in self.directory.short.items():
            if text.startswith(short, at) and _boundary(text, at + len(short)):
                return Name(short, (ident,)), at + len(short)
        return self._unknown(text, fold, at, distributive)

    def _unknown(self, text: str, fold: str, at: int, distributive: bool) -> tuple[Name, int] | None:
        """A name the repository does not know: an agency word (or a list item) and a capital after it."""
        rest = fold[at:]
        words_start = 0
        if not distributive:
            agency = next((w for w in _AGENCY_WORDS if rest.startswith(w)), None)
            if agency is None or not text[at : at + 1].isupper():
                return None
            words_start = len(agency)
            if rest.startswith(_PEOPLES_COMMITTEE):
                words_start = len(next(p for p in _PEOPLES_COMMITTEE if rest.startswith(p)))
                kind = next((k for k in _LOCALITY_KINDS if rest[words_start:].startswith(k)), "")
                words_start += len(kind)
        if at + words_start >= len(text) or not text[at + words_start].isupper():
            return None
        end = at + words_start
        words = 0
        while end < len(text) and words < 4:
            m = re.match(r"\S+", text[end:])
            if m is None:
                break
            word = m.group().rstrip(",;:.)")
            if words and (starts_with_verb(fold[end:]) or fold[end:].startswith(("va ", "("))):
                break
            end += len(word)
            words += 1
            if len(word) < len(m.group()) or end >= len(text) or text[end] != " ":
                break
            end += 1
        end = len(text[:end].rstrip())
        return Name(text[at:end]), end
