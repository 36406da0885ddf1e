"""A directive's text → a ``Draft``: its header and its tasks (SPEC §7). Pure: no disk, no clock.

The Government Office writes its letters and notices in a fixed form (Decree 30/2020/NĐ-CP): the
heading, "Số: 5802/VPCP-CN", the "V/v" line or the document type and its title, the place and
date, "Kính gửi", the text, "Nơi nhận" and the signature. The text opens with a preamble and
assigns work in numbered points or in sentences whose subject is an agency ("Bộ Xây dựng chủ trì,
phối hợp với …"). What the reader cannot place is returned as ``Unplaced``: never guessed.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field
from datetime import date

from dothi.importer import deadlines
from dothi.importer.model import Draft, DraftTask, Header, Unplaced
from dothi.importer.names import Directory, ListReader, Name, folded, starts_with_verb
from dothi.importer.normalize import POINT, is_capitals, paragraphs
from dothi.problem import Text
from dothi.text import strip_diacritics

_NUMBER = re.compile(r"^Số\s*:\s*(\S+)")
_DATE = re.compile(r"ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})")
_PLACE_DATE = re.compile(r"^[A-ZĐ][^\d,.;:]{1,30}, ngày \d{1,2} tháng \d{1,2} năm \d{4}")
_SUBJECT = re.compile(r"^(?:V/v|Về việc)\b")
_MOTTO = re.compile(r"^Độc lập\s*-\s*Tự do\s*-\s*Hạnh phúc", re.I)
_ADDRESS = re.compile(r"^Kính gửi\s*:?\s*")
_RECIPIENTS = re.compile(r"^Nơi nhận\b")
_CLOSING = re.compile(r"(?:xin )?thông báo\b.*\bbiết\b|\bbiết,? (?:thực hiện|phối hợp)|\./\.$", re.I)
_KIND_CODES = {
    "tb": "thong-bao",
    "qd": "quyet-dinh",
    "nq": "nghi-quyet",
    "ct": "chi-thi",
    "kh": "ke-hoach",
    "bc": "bao-cao",
    "kl": "ket-luan",
}
_KIND_WORDS = {
    "thong bao": "thong-bao",
    "quyet dinh": "quyet-dinh",
    "nghi quyet": "nghi-quyet",
    "chi thi": "chi-thi",
    "ke hoach": "ke-hoach",
    "bao cao": "bao-cao",
    "ket luan": "ket-luan",
    "cong van": "cong-van",
}
_TOPIC = re.compile(r"^Về [^:.;]{1,120}:\s+(?=\S)")  # "a) Về thể chế: Bộ Tư pháp chủ trì …"
_LEADS = re.compile(r"^(?:(?:Thống nhất )?giao|Đề nghị|Yêu cầu)\s+", re.I)
_GIVEN = re.compile(r"\b(?:giao|đề nghị|yêu cầu)\s+", re.I)
_ON_ITS_OWN = re.compile(
    r"^(?:căn cứ|theo) chức năng,? nhiệm vụ(?:,? (?:thẩm quyền|quyền hạn))?(?: được giao)?,?\s*", re.I
)
_EACH_WORDS = ("can cu chuc nang", "theo chuc nang", "moi ", "tung ")
_CHAIR = re.compile(r"^(?:(?:tiếp tục|khẩn trương)\s+)?chủ trì\b,?\s*", re.I)
_WITH = re.compile(r"^(?:,\s*)?phối hợp(?: chặt chẽ)? với\s+", re.I)
_DEADLINE_NOTES = ("import.note.year_added", "import.note.other_deadline", "import.note.deadline_unread")
_NAME = re.compile(r"^(?:[A-ZÀ-ỸĐ][\wÀ-ỹ]*\s){1,5}[A-ZÀ-ỸĐ][\wÀ-ỹ]*$")


def file_id(number: str) -> str:
    """``512/TB-VPCP`` → ``512-tb-vpcp``, ``1413/QĐ-TTg`` → ``1413-qd-ttg``."""
    return re.sub(r"[^a-z0-9]+", "-", strip_diacritics(number).lower()).strip("-")


def read(text: str, directory: Directory) -> Draft:
    paras = paragraphs(text)
    reader = _Reader(directory, paras)
    return reader.draft()


@dataclass(slots=True)
class _Seen:
    """What the header has shown so far, and the paragraphs of the text itself."""

    number: str | None = None
    kind_word: str | None = None
    subject: str | None = None
    day: date | None = None
    headings: list[str] = field(default_factory=list)
    body: list[str] = field(default_factory=list)
    addressing: bool = False  # the "Kính gửi" list goes on
    title_next: bool = False  # the paragraph after "THÔNG BÁO" is the title

    def take(self, para: str) -> bool:
        """Take ``para`` if it is a line of the header (Số, V/v, the date, a heading)."""
        if (m := _NUMBER.match(para)) and self.number is None:
            self.number = m[1].rstrip(".,;")
        elif _SUBJECT.match(para) and self.subject is None and not self.body:
            self.subject = para.rstrip(".")
        elif _PLACE_DATE.match(para) and self.day is None and (m := _DATE.search(para)):
            self.day = _day(m)
        elif is_capitals(para) and not self.body:
            self.headings.append(para)
            if _key(para) in _KIND_WORDS:
                self.kind_word, self.title_next = _KIND_WORDS[_key(para)], True
        else:
            return bool(_MOTTO.match(para))
        return True


@dataclass(slots=True)
class _Context:
    """The list level being read and the bodies named above it, which its items inherit."""

    level: int
    names: list[Name]
    support: list[Name] = field(default_factory=list)


class _Reader:
    def __init__(self, directory: Directory, paras: list[str]) -> None:
        self.directory = directory
        self.names = ListReader(directory)
        self.paras = paras
        self.unplaced: list[Unplaced] = []
        self.addressees: list[Name] = []

    # --- the header --------------------------------------------------------------------------

    def draft(self) -> Draft:
        header, body = self.header()
        tasks = self.tasks(body, header.day)
        return Draft(header, tasks, self.unplaced)

    def header(self) -> tuple[Header, list[str]]:
        seen = _Seen()
        end = next((i for i, p in enumerate(self.paras) if _RECIPIENTS.match(p)), len(self.paras))
        for para in self.paras[:end]:
            if seen.addressing and POINT.match(para) and not para[:1].isdigit():
                self.addressees += self.names.read(POINT.sub("", para, count=1))[0]
                continue
            seen.addressing = False
            if seen.title_next and not seen.body and seen.subject is None and not is_capitals(para):
                seen.subject, seen.title_next = para.rstrip("."), False
            elif (m := _ADDRESS.match(para)) and not seen.body:
                seen.addressing = True
                self.addressees += self.names.read(para[m.end() :])[0]
            elif not seen.take(para):
                seen.body.append(para)
        kind = _kind(seen.number, seen.kind_word, seen.subject)
        issuer, written = self.issuer(seen.number, seen.headings)
        header = Header(seen.number, kind, seen.day, issuer, written, seen.subject, _signer(self.paras))
        return header, seen.body

    def issuer(self, number: str | None, headings: list[str]) -> tuple[str | None, str | None]:
        parts = re.split(r"[-/]", number or "")[1:]
        for part in parts:
            if _key(part) not in _KIND_CODES and (found := self.directory.issuer(part)):
                return found, None
        for heading in headings:
            if found := self.directory.issuer(heading):
                return found, None
        written = next((h for h in headings if _key(h) not in _KIND_WORDS), None)
        written = written or next((p for p in parts if _key(p) not in _KIND_CODES), None)
        if written:
            self.unplaced.append(Unplaced(None, written, Text.of("import.unplaced.issuer", name=written)))
        return None, written

    # --- the tasks ---------------------------------------------------------------------------

    def tasks(self, body: list[str], issued: date | None) -> list[DraftTask]:
        found: list[DraftTask] = []
        stack: list[_Context] = []
        labels: list[tuple[int, str]] = []
        for number, para in enumerate(body, start=1):
            if _CLOSING.search(para) and not POINT.match(para):
                continue
            marker = POINT.match(para)
            level = _level(marker)
            text = para[marker.end() :].strip() if marker else para
            if marker:
                labels = [(lv, lb) for lv, lb in labels if lv < level]
                if marker["dash"] is None:
                    labels.append((level, marker.group().strip().rstrip(".)")))
                stack = [c for c in stack if c.level < level]
            source = (
                Text.of("import.source.point", point=".".join(lb for _, lb in labels))
                if marker and labels
                else Text.of("import.source.paragraph", number=number)
            )
            if text.endswith(":") or is_capitals(text):
                names, end = self.subject(text)
                support = self.support(text, end)
                stack.append(_Context(level if marker else -1, names, support))
                continue
            context = next((c for c in reversed(stack) if c.names), None)
            sentences = [text] if marker else _sentences(text)
            for sentence in sentences:
                found += self.task(sentence, source, context, issued, numbered=marker is not None)
        return found

    def subject(self, text: str) -> tuple[list[Name], int]:
        """The agencies a sentence opens with ("Bộ Xây dựng chủ trì", "Giao Bộ Xây dựng …")."""
        start = m.end() if (m := _TOPIC.match(text)) else 0
        start += m.end() if (m := _LEADS.match(text[start:])) else 0
        names, end = self.names.read(text, start)
        if names and _ends_subject(text, end):
            return names, end
        for m in _GIVEN.finditer(text):
            names, end = self.names.read(text, m.end())
            if names and starts_with_verb(folded(text[end:].lstrip(", "))):
                return names, end
        return [], 0

    def support(self, text: str, end: int) -> list[Name]:
        rest = text[end:]
        if m := _CHAIR.match(rest.lstrip(", ")):
            rest = rest.lstrip(", ")[m.end() :]
        m = _WITH.match(rest) or re.search(r"\bphối hợp(?: chặt chẽ)? với\s+", rest, re.I)
        if m is None:
            return []
        offset = len(text) - len(rest) + m.end()
        return self.names.read(text, offset)[0]

    def task(
        self, text: str, source: Text, context: _Context | None, issued: date | None, numbered: bool
    ) -> list[DraftTask]:
        names, end = self.subject(text)
        phrases = deadlines.find(text, issued)
        if not names and not numbered and not phrases:
            return []  # a sentence of the preamble or of the account of the meeting: no work given
        draft = DraftTask(source=source, detail=text, title="")
        work = self.roles(draft, text, names, end, context)
        draft.title = _title(text[work:], [p for p in phrases if p.start >= work], work)
        if not any(c.isalpha() for c in draft.title):
            return []  # a name alone, or a date alone: no work is given
        self.deadline(draft, phrases)
        if not draft.placed:
            reason = draft.notes[0] if draft.notes else Text.of("import.unplaced.no_assignee")
            self.unplaced.append(Unplaced(draft.source, text, reason))
            return []
        parts = _split(text, phrases) if len(phrases) > 1 else []
        return [self.piece(draft, part, issued) for part in parts] if parts else [draft]

    def piece(self, draft: DraftTask, text: str, issued: date | None) -> DraftTask:
        """One piece of a point that holds several pieces of work, each with its own deadline."""
        phrases = deadlines.find(text, issued)
        piece = DraftTask(draft.source, text, _title(text, phrases, 0), draft.lead, list(draft.support))
        piece.each = list(draft.each)
        piece.notes = [n for n in draft.notes if not n.key.startswith(_DEADLINE_NOTES)]
        self.deadline(piece, phrases)
        return piece

    def roles(
        self, draft: DraftTask, text: str, names: list[Name], end: int, context: _Context | None
    ) -> int:
        """Set lead/support or each from the sentence; return where the work itself begins."""
        support = self.support(text, end)
        inherited: list[Name] = []
        if not names and context is not None:
            inherited = context.support
            names = context.names
        elif not names and len(self.addressees) == 1:
            names = self.addressees  # a letter to one agency whose point names no one
        self.check_names(draft, names, support)
        known = [n for n in names if n.known]
        if known and names[0] is known[0]:
            support_ids = [i for n in support + inherited if n.known for i in n.ids if not i.startswith("@")]
            _assign(draft, known, support_ids, text, end)
        elif any(n.vague for n in names):
            draft.notes.insert(0, Text.of("import.unplaced.vague", name=names[0].written))
        return self.work_start(text, end) if end else 0

    def work_start(self, text: str, end: int) -> int:
        """Where the work begins: after the agencies, "chủ trì, phối hợp với …" and "theo chức năng"."""
        work = end
        rest = text[end:].lstrip(", ")
        if m := _CHAIR.match(rest):
            work = len(text) - len(rest) + m.end()
            rest = text[work:]
        if w := _WITH.match(rest):
            work = self.names.read(text, len(text) - len(rest) + w.end())[1]
        if (m := _ON_ITS_OWN.match(text[work:].lstrip(", "))) is not None:
            work = len(text) - len(text[work:].lstrip(", ")) + m.end()
        return work

    def check_names(self, draft: DraftTask, names: list[Name], support: list[Name]) -> None:
        """Report the names that match nothing; note the groups that name no one in support."""
        for name in names:
            if not name.known and not name.vague:
                self._unknown(draft, name)
        for name in support:
            if not name.known and not name.vague:
                self._unknown(draft, name)
            elif name.vague or any(i.startswith("@") for i in name.ids):
                draft.notes.append(Text.of("import.note.support_group", name=name.written))

    def _unknown(self, draft: DraftTask, name: Name) -> None:
        self.unplaced.append(
            Unplaced(draft.source, name.written, Text.of("import.unplaced.unknown_name", name=name.written))
        )

    def deadline(self, draft: DraftTask, phrases: list[deadlines.Found]) -> None:
        for phrase in phrases:
            if phrase.deadline is None:
                draft.notes.append(Text.of("import.note.deadline_unread", written=phrase.written))
                continue
            if draft.deadline is None:
                draft.deadline = phrase.deadline
                if phrase.year_added is not None:
                    draft.notes.append(
                        Text.of("import.note.year_added", written=phrase.written, year=phrase.year_added)
                    )
            elif phrase.deadline != draft.deadline:
                draft.notes.append(Text.of("import.note.other_deadline", written=phrase.written))


def _assign(draft: DraftTask, known: list[Name], support: list[str], text: str, end: int) -> None:
    """lead + support, or each: from how the sentence names its agencies."""
    rest = folded(text[end:]).lstrip(", ")
    ids = list(dict.fromkeys(i for n in known for i in n.ids))
    selectors = any(i.startswith("@") for i in ids)
    own = any(w in rest for w in _EACH_WORDS) or "cac bo" in folded(text[:end])
    if (len(known) == 1 and not selectors) or _CHAIR.match(text[end:].lstrip(", ")):
        draft.lead = ids[0]
        draft.support = [i for i in dict.fromkeys(support) if i != draft.lead]
        if len(known) > 1:
            draft.notes.append(Text.of("import.note.several_chairs", names=_listed(known)))
    elif not selectors and not own and rest.startswith("phoi hop"):
        draft.lead = ids[0]
        draft.support = ids[1:]
        draft.notes.append(Text.of("import.note.first_leads", names=_listed(known)))
    else:
        draft.each = ids


def _listed(names: list[Name]) -> str:
    return ", ".join(n.written for n in names)


def _ends_subject(text: str, end: int) -> bool:
    rest = text[end:].lstrip(", ")
    return rest.startswith(":") or starts_with_verb(folded(rest)) or not rest


def _split(text: str, phrases: list[deadlines.Found]) -> list[str]:
    """ "A dự kiến vào cuối năm 2024 và lập B vào năm 2025": two pieces of work, two deadlines."""
    pieces: list[str] = []
    start = 0
    for phrase in phrases[:-1]:
        m = re.match(r"\s*[;,]?\s*(?:và\s+)?", text[phrase.end :])
        after = phrase.end + (m.end() if m else 0)
        if m is None or not m.group().strip() or not starts_with_verb(folded(text[after:])):
            return []
        pieces.append(_sentence(text[start : phrase.end]))
        start = after
    return [*pieces, _sentence(text[start:])]


def _sentence(text: str) -> str:
    text = text.strip().rstrip(",;")
    text = text[:1].upper() + text[1:]
    return text if text.endswith((".", "./.")) else text + "."


def _title(text: str, phrases: list[deadlines.Found], offset: int) -> str:
    """The work in a short imperative form: no agencies, no deadline, up to the first clause break."""
    for phrase in sorted(phrases, key=lambda p: -p.start):
        start, end = phrase.start - offset, phrase.end - offset
        if 0 <= start <= end <= len(text):
            text = text[:start].rstrip(" ,") + text[end:]
    text = re.split(r";|: |\.\s|\./\.", text.strip(), maxsplit=1)[0]
    text = re.sub(r"\s*\([^()]*\)$", "", text.strip(" ,.:;")).strip(" ,.:;")
    text = re.sub(r",?\s*(?:hoàn thành|xong)$", "", text)
    return text[:1].upper() + text[1:]


def _sentences(text: str) -> list[str]:
    parts = re.split(r"(?<=[.!?])\s+(?=[A-ZÀ-ỸĐ])", text)
    return [p.strip() for p in parts if p.strip()]


def _level(marker: re.Match[str] | None) -> int:
    if marker is None:
        return 9
    for level, group in enumerate(("roman", "number", "letter", "dash")):
        if marker[group] is not None:
            return level
    return 9  # pragma: no cover - the pattern has no other group


def _day(m: re.Match[str]) -> date | None:
    try:
        return date(int(m[3]), int(m[2]), int(m[1]))
    except ValueError:
        return None


def _key(text: str) -> str:
    return " ".join(folded(text).split()).strip(" .:")


def _kind(number: str | None, word: str | None, subject: str | None) -> str | None:
    for part in re.split(r"[-/]", number or "")[1:]:
        if (code := _KIND_CODES.get(_key(part))) is not None:
            return code
    if word is not None:
        return word
    if subject is not None and _SUBJECT.match(subject):
        return "cong-van"
    return None


def _signer(paras: list[str]) -> str | None:
    """The name under the signer's post at the end ("PHÓ CHỦ NHIỆM" / "Phạm Mạnh Cường")."""
    tail = paras[-6:]
    for before, line in itertools.pairwise(tail):
        if is_capitals(before) and _NAME.match(line) and not is_capitals(line):
            return line
    return None
