"""Every text dothi shows a person keeps one house style (issue 17): curly quotes “ ”, never « »,
and the tone-mark style of the data and of the national motto (hòa, hóa, khóa, xóa, tùy, thủy),
never the old one (hoà, hoá, khoá, xoá, tuỳ, thuỷ). Checked over the catalogue of both languages,
the built-in templates and the skeleton ``dothi init`` writes."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import PROJECT_ROOT
from dothi.messages import LANGUAGES, catalogue

SOURCE = PROJECT_ROOT / "src" / "dothi"

# The old style puts the tone on the second vowel of an open oa/oe/uy syllable: hoà, khoẻ, tuỳ. The
# new style puts it on the first: hòa, khỏe, tùy. With a final consonant or vowel both styles agree
# (hoàn, ngoài), and after q the u belongs to the consonant (quý, quỳ), so neither is flagged.
OLD_TONE = re.compile(r"(?<![qQ])(?:[oO][àáảãạèéẻẽẹ]|[uU][ỳýỷỹỵ])(?!\w)")
GUILLEMETS = re.compile("[«»]")


def _offences(text: str) -> list[str]:
    return [m.group(0) for m in OLD_TONE.finditer(text)] + GUILLEMETS.findall(text)


def _files() -> list[Path]:
    templates = sorted((SOURCE / "templates").iterdir())
    skeleton = sorted(p for p in (SOURCE / "skeleton").rglob("*") if p.is_file())
    return templates + skeleton


@pytest.mark.parametrize(
    ("text", "offences"),
    [
        ("hoà bình, hoá đơn, khoá, xoá, tuỳ chọn, thuỷ lợi, khoẻ, uỷ ban", 8),
        ("hòa bình, hóa đơn, khóa, xóa, tùy chọn, thủy lợi, khỏe, ủy ban", 0),
        ("hoàn thành, ngoài, quý III, Quỳnh, hoạch định, toàn quốc, thoát", 0),
        ("«each»", 2),
        ("“each”", 0),
    ],
)
def test_the_detector_tells_the_two_styles_apart(text: str, offences: int) -> None:
    assert len(_offences(text)) == offences


@pytest.mark.parametrize("lang", LANGUAGES)
def test_no_catalogue_message_has_guillemets_or_old_tone_marks(lang: str) -> None:
    bad = {key: _offences(value) for key, value in catalogue(lang).items() if _offences(value)}
    assert bad == {}


@pytest.mark.parametrize("path", _files(), ids=lambda p: p.name)
def test_no_template_or_skeleton_file_has_guillemets_or_old_tone_marks(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    bad = [(n, _offences(line)) for n, line in enumerate(text.splitlines(), 1) if _offences(line)]
    assert bad == []
