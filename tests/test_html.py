"""The briefing's charts and its self-contained web page (issue 9).

Charts are checked by the numbers they draw, not by pixels. The page is opened in headless
Chromium (Debian's, which .ci/run installs) with every network request made to fail, and its
screenshot must show each chart's colours; Chromium's network log must show no request that
left the machine (Chromium's own calls to its update and account services aside: they are the
browser's, whatever the page, and fail too).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest

from conftest import run_cli, write_repo
from dothi.data.repository import load_repository
from dothi.messages import Catalogue
from dothi.render.charts import charts, overdue_age_data, plans_data, rates_data
from dothi.reports.briefing import Briefing, briefing
from test_brief import DATES, brief_files

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.fixture
def root(tmp_path: Path) -> Path:
    return write_repo(tmp_path / "repo", brief_files())


def context_of(root: Path) -> Briefing:
    repo = load_repository(root).repository
    assert repo is not None
    return briefing(repo, date(2025, 9, 1), date(2025, 8, 15), 14)


def test_the_charts_draw_the_briefings_numbers(root: Path) -> None:
    context = context_of(root)
    assert rates_data(context) == [
        ("Văn phòng Chính phủ", 0.0),
        ("Bộ Khoa học và Công nghệ", 0.5),
        ("Bộ Xây dựng", 0.5),
        ("Tỉnh Cao Bằng", 0.5),
        ("Thành phố Hà Nội", 1.0),
    ]
    assert overdue_age_data(context) == [4, 1, 0]  # Văn phòng Chính phủ's item is 31 days overdue
    localities, requirements, grid = plans_data(context)
    assert (localities, requirements) == (
        ["Thành phố Hà Nội", "Tỉnh Cao Bằng"],
        ["can-cu", "muc-tieu", "lo-trinh", "kinh-phi"],
    )
    # Cao Bằng records no plan: its cells are blank (NaN), not missing (SPEC §10)
    assert [[str(value) for value in row] for row in grid] == [["1.0", "0.5", "0.0", "0.0"], ["nan"] * 4]


def test_charts_are_the_same_bytes_for_the_same_data(root: Path) -> None:
    first = charts(context_of(root), Catalogue("vi"))
    again = charts(context_of(root), Catalogue("vi"))
    assert [c.name for c in first] == ["rates", "overdue-age", "plans"]
    assert [c.svg for c in first] == [c.svg for c in again]
    assert all(c.png.startswith(b"\x89PNG") for c in first)
    english = charts(context_of(root), Catalogue("en"))
    assert english[1].title == "Overdue items by days overdue"


def html_of(root: Path, tmp_path: Path, lang: str = "vi") -> Path:
    out = tmp_path / f"hop-{lang}.html"
    result = run_cli("--root", str(root), "--lang", lang, "brief", *DATES, "--to", "html", "--out", str(out))
    assert result.exit_code == 0, result.stderr
    return out


def test_the_page_holds_everything_it_shows(root: Path, tmp_path: Path) -> None:
    page = html_of(root, tmp_path).read_text(encoding="utf-8")
    assert page.startswith('<!-- dothi briefing -->\n<!DOCTYPE html>\n<html lang="vi">')
    assert page.count("<svg") == 3
    assert "@font-face" in page and "data:font/ttf;base64," in page
    assert re.findall(r"""(?:src|href)\s*=\s*["']?(?:https?:)?//""", page) == []
    assert re.findall(r"url\((?!data:|#)", page) == []  # only inline data and the SVGs' own clip paths
    assert "<figcaption>Nhiệm vụ quá hạn theo số ngày quá hạn</figcaption>" in page
    assert "<td>Xây dựng quy chế phối hợp của Tổ công tác</td>" in page


def test_raw_html_in_the_data_stays_text(tmp_path: Path) -> None:
    files = brief_files()
    files["data/tasks/qd-100.yaml"] = files["data/tasks/qd-100.yaml"].replace(
        "title: Tổng hợp đề xuất của các địa phương", 'title: "<script>alert(1)</script> <b>x</b>"'
    )
    page = html_of(write_repo(tmp_path / "repo", files), tmp_path).read_text(encoding="utf-8")
    assert "<script>" not in page and "<b>x</b>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &lt;b&gt;x&lt;/b&gt;" in page


def test_a_pack_of_pages_links_page_to_page(root: Path, tmp_path: Path) -> None:
    pack = tmp_path / "pack"
    result = run_cli("--root", str(root), "brief", *DATES, "--to", "html", "--pack", str(pack))
    assert result.exit_code == 0, result.stderr
    names = sorted(p.relative_to(pack).as_posix() for p in pack.rglob("*") if p.is_file())
    assert names == [
        "agencies/bkhcn.html",
        "agencies/bxd.html",
        "agencies/vpcp.html",
        "fonts/DejaVuSerif.ttf",  # one copy for the pack, not one inside every page
        "index.html",
        "localities/cao-bang.html",
        "localities/ha-noi.html",
    ]
    index = (pack / "index.html").read_text(encoding="utf-8")
    assert 'href="localities/ha-noi.html"' in index
    page = (pack / "localities" / "ha-noi.html").read_text(encoding="utf-8")
    assert 'href="../index.html"' in page
    assert "url(../fonts/DejaVuSerif.ttf)" in page and "url(fonts/DejaVuSerif.ttf)" in index
    assert "base64" not in page


@pytest.mark.skipif(CHROMIUM is None and os.environ.get("CI") != "true", reason="chromium is not installed")
def test_chromium_shows_every_chart_and_requests_nothing_outside(root: Path, tmp_path: Path) -> None:
    assert CHROMIUM is not None, ".ci/run installs Debian's chromium"
    page = html_of(root, tmp_path)
    shot, netlog = tmp_path / "shot.png", tmp_path / "net.json"
    command = [
        CHROMIUM,
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        f"--user-data-dir={tmp_path / 'profile'}",
        "--host-resolver-rules=MAP * ~NOTFOUND",  # every name fails to resolve: nothing can leave
        "--proxy-server=http://127.0.0.1:9",
        f"--log-net-log={netlog}",
        "--window-size=1000,5200",
        f"--screenshot={shot}",
        page.as_uri(),
    ]
    subprocess.run(command, check=True, capture_output=True, timeout=120)
    log = netlog.read_text(encoding="utf-8", errors="replace")
    requested = {url for url in re.findall(r'"url":"([^"]+)"', log) if not url.startswith(("file:", "data:"))}
    # Chromium asks its own update and account services whatever the page: those are not the page's
    own = re.compile(r"^https?://[^/]*(?:google\.com|googleapis\.com|gvt1\.com)(?::\d+)?/")
    assert {url for url in requested if not own.match(url)} == set()
    assert page.as_uri() in log
    colours = _colours(shot)
    assert colours["yellow"] > 500  # the overdue-age bars (#f1c40f)
    assert colours["green"] > 500  # Hà Nội's 100% bar (#27ae60)
    assert colours["heat"] > 500  # the heat map's missing sections (RdYlGn at 0)


def _colours(png: Path) -> dict[str, int]:
    from matplotlib import image

    pixels = image.imread(str(png))[:, :, :3]
    red, green, blue = pixels[:, :, 0], pixels[:, :, 1], pixels[:, :, 2]

    def near(r: float, g: float, b: float) -> int:
        return int(((abs(red - r) < 0.06) & (abs(green - g) < 0.06) & (abs(blue - b) < 0.06)).sum())

    return {
        "yellow": near(0xF1 / 255, 0xC4 / 255, 0x0F / 255),
        "green": near(0x27 / 255, 0xAE / 255, 0x60 / 255),
        "heat": near(0.647, 0.0, 0.149),
    }


MANY_LEADS = """\
directive:
  number: 1/QĐ-TTg
  kind: quyet-dinh
  date: 2025-07-01
  issuer: vpcp
  subject: Một nhiệm vụ cho mọi địa phương
tasks:
  - id: moi-dia-phuong
    title: Báo cáo
    each: ["@localities"]
    deadline: 31/7/2025
"""


def test_the_rates_chart_shows_the_leads_most_behind_when_there_are_many(tmp_path: Path) -> None:
    """The project's data, and a task overdue for each of its 34 localities: more leads than bars.

    (The project's data alone no longer has 25 leads with items due: what is not known is not due.)
    """
    shutil.copytree(Path(__file__).resolve().parent.parent / "data", tmp_path / "data")
    (tmp_path / "data" / "tasks" / "moi-dia-phuong.yaml").write_text(MANY_LEADS, encoding="utf-8")
    repo = load_repository(tmp_path).repository
    assert repo is not None
    context = briefing(repo, date(2026, 11, 30))
    [rates, *_] = charts(context, Catalogue("vi"))
    assert len(rates_data(context)) > 25
    assert rates.data == rates_data(context)[:25]
    assert rates.title.endswith(
        f"(25 cơ quan chủ trì có tỷ lệ thấp nhất trong số {len(rates_data(context))})"
    )
