"""A small repository for the outreach tests (request, receive, status as a workbook)."""

from __future__ import annotations

from conftest import HA_NOI

AS_OF = "2026-03-10"

DIRECTIVE = """\
directive:
  number: 382/TB-VPCP
  kind: thong-bao
  date: 2025-08-05
  issuer: vpcp
  subject: Kết luận của Phó Thủ tướng tại phiên họp thứ nhất của Tổ công tác
tasks:
  - id: ke-hoach-hanh-dong
    title: Ban hành kế hoạch hành động phát triển đô thị thông minh
    each: [bxd, ha-noi]
    deadline: 15/9/2025
  - id: bao-cao-quy
    title: Báo cáo tình hình thực hiện quý I
    lead: bxd
    deadline: 20/3/2026
  - id: nguy-hiem
    title: '=HYPERLINK("http://example.com","bấm vào") {{ 7*7 }}'
    lead: bxd
    deadline: 1/10/2025
  - id: da-xong
    title: Việc đã xong
    lead: bkhcn
    deadline: 1/10/2025
    status: done
    done_on: 2025-09-20
"""

FILES = {
    "data/tasks/382-tb-vpcp.yaml": DIRECTIVE,
    "data/localities/ha-noi.yaml": HA_NOI,
}
