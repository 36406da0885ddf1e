"""Vietnamese-looking text for the generated data: titles, notes, plan sections.

The words are the vocabulary of real smart-city directives, so that the text has the length, the
diacritics and the punctuation of real data (NFC, commas, quotes, the odd ``: `` or ``#`` that a
YAML writer must quote) without claiming to be real.
"""

from __future__ import annotations

import random
import unicodedata
from collections.abc import Sequence


def _nfc(words: Sequence[str]) -> tuple[str, ...]:
    return tuple(unicodedata.normalize("NFC", word) for word in words)


VERBS = _nfc(
    (
        "xây dựng", "triển khai", "hoàn thiện", "rà soát", "đánh giá", "tổng hợp", "ban hành",
        "nâng cấp", "kết nối", "chia sẻ", "vận hành", "tích hợp", "số hóa", "đề xuất", "hướng dẫn",
        "thí điểm", "đôn đốc", "kiểm tra", "chuẩn hóa", "cập nhật", "phê duyệt", "bố trí kinh phí cho",
    )
)  # fmt: skip
OBJECTS = _nfc(
    (
        "cơ sở dữ liệu đô thị", "nền tảng dùng chung", "hạ tầng số", "hệ thống camera giám sát giao thông",
        "bản đồ số quy hoạch", "kho dữ liệu dùng chung", "dịch vụ công trực tuyến toàn trình",
        "hệ thống chiếu sáng thông minh", "mạng cảm biến quan trắc môi trường", "bộ chỉ số đô thị thông minh",
        "khung kiến trúc chính quyền số", "quy chế khai thác, chia sẻ dữ liệu", "nền tảng định danh điện tử",
        "hệ thống quản lý giao thông thông minh", "mô hình bản sao số đô thị", "trung tâm dữ liệu tỉnh",
        "ứng dụng công dân số", "Trung tâm giám sát, điều hành đô thị thông minh (IOC)",
        "cơ sở dữ liệu nhà ở và thị trường bất động sản", "hệ thống cấp thoát nước thông minh",
        "nền tảng tích hợp, chia sẻ dữ liệu cấp tỉnh (LGSP)", "hồ sơ địa chính số",
        "bộ tiêu chí đô thị thông minh bền vững", "kế hoạch hành động", "báo cáo tổng kết Đề án 950",
        "dự thảo Nghị định về phát triển đô thị thông minh", "hệ thống giám sát an toàn thông tin",
    )
)  # fmt: skip
QUALIFIERS = _nfc(
    (
        "trên địa bàn tỉnh", "theo hướng dẫn của Bộ Xây dựng", "bảo đảm an toàn, an ninh thông tin",
        "đồng bộ với hệ thống của Trung ương", "giai đoạn 2026-2030", "theo Nghị định số 269/2025/NĐ-CP",
        "theo Quyết định số 950/QĐ-TTg", "bảo đảm khả năng kết nối, liên thông",
        "với sự tham gia của doanh nghiệp", "phù hợp với quy hoạch tỉnh", "ưu tiên các đô thị loại I",
        "gắn với chuyển đổi số", "theo cơ chế hợp tác công tư (PPP)", "trong phạm vi dự toán được giao",
        "lấy người dân làm trung tâm", "theo chỉ đạo của Tổ trưởng Tổ công tác",
    )
)  # fmt: skip
SUBJECTS = _nfc(
    (
        "Ủy ban nhân dân tỉnh", "Sở Xây dựng", "Sở Khoa học và Công nghệ", "các sở, ban, ngành",
        "Bộ Xây dựng", "Bộ Khoa học và Công nghệ", "Văn phòng Ủy ban nhân dân", "Trung tâm IOC",
        "các doanh nghiệp viễn thông", "Ủy ban nhân dân các xã, phường", "Sở Tài chính", "Công an tỉnh",
    )
)  # fmt: skip
OPENERS = _nfc(
    (
        "Trên cơ sở kết quả đã đạt được,", "Trong giai đoạn tới,", "Để bảo đảm tiến độ,",
        "Căn cứ chức năng, nhiệm vụ được giao,", "Theo kế hoạch,", "Đến hết năm 2027,",
        "Giai đoạn 2026-2028,", "Đồng thời,", "Bên cạnh đó,", "Ngoài ra,",
    )
)  # fmt: skip
MARKERS = _nfc(
    (
        'Báo cáo kết quả thực hiện "Đề án 950":', "Mục #2 của Kế hoạch:", "[Khẩn]",
        "Nhiệm vụ trọng tâm: ", "50% dịch vụ công trực tuyến:", "Lưu ý: ",
    )
)  # fmt: skip
REASONS = _nfc(
    (
        "Gộp vào nhiệm vụ khác của Tổ công tác", "Không còn phù hợp sau sắp xếp đơn vị hành chính",
        "Đã được giao cho địa phương thực hiện", "Thay thế bằng nhiệm vụ tại thông báo kết luận mới",
        "Theo chỉ đạo của Phó Thủ tướng tại phiên họp",
    )
)  # fmt: skip
OWNERS = _nfc(
    (
        "Sở Xây dựng", "Sở Khoa học và Công nghệ", "Văn phòng Ủy ban nhân dân", "Sở Tài chính",
        "Sở Nông nghiệp và Môi trường", "Trung tâm giám sát, điều hành đô thị thông minh", "Công an tỉnh",
    )
)  # fmt: skip
FUNDING_SOURCES = _nfc(
    (
        "Ngân sách tỉnh", "Ngân sách Trung ương hỗ trợ", "Xã hội hóa", "Vốn ODA",
        "Hợp tác công tư (PPP)", "Ngân sách cấp xã",
    )
)  # fmt: skip
FAMILY = _nfc(("Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô"))
MIDDLE = _nfc(("Văn", "Thị", "Hữu", "Đức", "Minh", "Thanh", "Quốc", "Ngọc", "Hồng", "Xuân"))
GIVEN = _nfc(
    (
        "An", "Bình", "Cường", "Dũng", "Giang", "Hà", "Hải", "Hạnh", "Hùng", "Hương", "Khánh", "Lan",
        "Linh", "Long", "Mai", "Nam", "Phong", "Quang", "Sơn", "Tâm", "Thảo", "Thắng", "Trang", "Tuấn",
    )
)  # fmt: skip


def capital(text: str) -> str:
    return text[:1].upper() + text[1:]


class Prose:
    """Random text from one ``random.Random``, so the same seed writes the same words."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng

    def title(self) -> str:
        """A task title; one in fifty starts with a marker that a YAML writer must quote."""
        rng = self.rng
        text = f"{capital(rng.choice(VERBS))} {rng.choice(OBJECTS)} {rng.choice(QUALIFIERS)}"
        if rng.random() < 0.02:
            text = f"{rng.choice(MARKERS)} {text}"
        return " ".join(text.split())

    def sentence(self) -> str:
        rng = self.rng
        opener = rng.choice(OPENERS) + " " if rng.random() < 0.4 else ""
        body = f"{rng.choice(SUBJECTS)} {rng.choice(VERBS)} {rng.choice(OBJECTS)}, {rng.choice(QUALIFIERS)}"
        return capital(opener + body) + "."

    def paragraph(self, low: int, high: int) -> str:
        """Whole sentences, ``low`` to ``high`` words (a sentence has fewer than ``high - low``)."""
        target = self.rng.randint(low, high)
        sentences: list[str] = []
        words = 0
        while words < target:
            sentence = self.sentence()
            size = len(sentence.split())
            if words >= low and words + size > high:
                break
            sentences.append(sentence)
            words += size
        return " ".join(sentences)

    def name(self) -> str:
        rng = self.rng
        return f"{rng.choice(FAMILY)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}"
