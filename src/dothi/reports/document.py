"""What every document dothi writes for people carries under Decree 30/2020/NĐ-CP Art. 8.

A report, an urging letter, a page of a pack: each has the same frame around its content (the
issuing body under its parent body, the number, the place and date, the signature and "Nơi
nhận"), taken from ``data/settings.yaml`` with defaults for this Working Group. The frame is data
for the templates (``templates/_document.md.j2`` lays it out); which kind of document it is (a
report, a letter) is the template's to say. A pure function of the repository, the date and the
number given by hand, like every report.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from dothi.data.repository import Repository

BLANK_NUMBER = "\u00a0" * 8  # "Số:        /BC-TCT": the văn thư writes the number in by hand


@dataclass(frozen=True)
class DocumentHead:
    """The Decree 30 frame of one document. ``number`` is None until the văn thư gives one."""

    parent_body: str | None
    issuer: str
    issuer_short: str
    symbol: str
    number: str | None
    place: str | None  # None: Hà Nội, as the document's language writes it
    day: date
    basis: str | None
    established_by: str | None
    established_on: date | None
    signer_authority: str | None
    signer_title: str
    signer: str
    recipients: tuple[str, ...]
    archive: str

    @property
    def number_text(self) -> str:
        """The number as the "Số:" line prints it: given, or room left to write it in."""
        return self.number or BLANK_NUMBER


def document_head(repo: Repository, day: date, number: str | None = None) -> DocumentHead:
    """The frame of a document dated ``day``: settings first, then the group's own data."""
    settings = repo.settings
    group = repo.members.group
    return DocumentHead(
        parent_body=settings.parent_body,
        issuer=settings.issuer or group.name,
        issuer_short=settings.issuer_short,
        symbol=settings.symbol,
        number=number.strip() if number and number.strip() else None,
        place=settings.place,
        day=day,
        basis=" ".join(settings.basis.split()) if settings.basis else None,
        established_by=group.established_by,
        established_on=group.established_on,
        signer_authority=settings.signer_authority,
        signer_title=settings.signer_title,
        signer=settings.signer or _leader(repo, day),
        recipients=tuple(settings.recipients),
        archive=settings.archive,
    )


def _leader(repo: Repository, day: date) -> str:
    """The group's leader on ``day`` (the first listed if the file names several), else nobody."""
    leaders = [m for m in repo.members.members if m.role == "leader" and m.active_on(day)]
    return leaders[0].name if leaders else ""
