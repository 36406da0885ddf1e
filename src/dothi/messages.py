"""The one message catalogue: every user-facing sentence and label, in Vietnamese and English.

Renderers ask for text by key; no other module holds a user-facing string. A key missing from a
language falls back to English and then to the key itself, so a forgotten translation shows up
in review instead of crashing a meeting's briefing.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from string import Formatter

from dothi.calendar.dates import format_day_first
from dothi.problem import Text

LANGUAGES = ("vi", "en")
ENGLISH_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
DEFAULT_LANGUAGE = "vi"

# key: (Vietnamese, English)
CATALOGUE: dict[str, tuple[str, str]] = {
    # --- dates and deadlines -------------------------------------------------------------
    "date.bad_month": (
        "«{written}»: không có tháng {month}",
        "«{written}»: there is no month {month}",
    ),
    "date.bad_year": (
        "«{written}»: năm {year} nằm ngoài khoảng 1900–2200",
        "«{written}»: the year {year} is outside 1900–2200",
    ),
    "date.bad_day": (
        "«{written}» không phải là ngày có thật: tháng {month}/{year} chỉ có {last} ngày",
        "«{written}» is not a real date: month {month}/{year} has {last} days",
    ),
    "date.no_year": (
        "«{written}» thiếu năm; viết đủ ngày/tháng/năm, ví dụ {day}/{month}/2025",
        "«{written}» has no year; write day/month/year, e.g. {day}/{month}/2025",
    ),
    "date.unknown": (
        "«{written}» không phải là ngày; viết 15/8/2025 (ngày trước) hoặc 2025-08-15",
        "«{written}» is not a date; write 15/8/2025 (day first) or 2025-08-15",
    ),
    "deadline.unknown": (
        "không hiểu thời hạn «{written}»; các dạng được chấp nhận: «trước ngày 15/8/2025», "
        "«trong tháng 8/2025», «quý III/2025», «6 tháng đầu năm 2025», «năm 2025», "
        "«trong vòng 5 ngày kể từ ngày ký», «trong 10 ngày làm việc», «thường xuyên»",
        "cannot read the deadline «{written}»; accepted forms: «trước ngày 15/8/2025», "
        "«trong tháng 8/2025», «quý III/2025», «6 tháng đầu năm 2025», «năm 2025», "
        "«trong vòng 5 ngày kể từ ngày ký», «trong 10 ngày làm việc», «thường xuyên»",
    ),
    "deadline.zero": (
        "«{written}»: thời hạn 0 ngày không có nghĩa; viết số ngày, ví dụ «trong vòng 5 ngày»",
        "«{written}»: a deadline of 0 days means nothing; write the number of days, e.g. «trong vòng 5 ngày»",
    ),
    "recurrence.bad_due": (
        "không hiểu hạn định kỳ «{written}»; viết «ngày 15 tháng cuối quý», «ngày 25 hằng tháng» "
        "hoặc {{day: 15, month_of_period: last}}",
        "cannot read the recurring due day «{written}»; write «ngày 15 tháng cuối quý», «ngày 25 hằng tháng» "
        "or {{day: 15, month_of_period: last}}",
    ),
    "deadline.bad_form": (
        "thời hạn dạng bảng chỉ có «within» (bắt buộc) và «from»; thừa hoặc thiếu: {keys}",
        "a deadline written as a mapping has «within» (required) and «from» only; wrong or missing: {keys}",
    ),
    "deadline.bad_from": (
        "«from: {start}»: viết «directive» (tính từ ngày văn bản) hoặc mã một nhiệm vụ",
        "«from: {start}»: write «directive» (counted from the directive's date) or a task id",
    ),
    "deadline.bad_within": (
        "«within: {written}» không đọc được; viết «5 ngày», «10 ngày làm việc», «2 tuần» hoặc «2 tháng»",
        "cannot read «within: {written}»; write «5 ngày», «10 ngày làm việc», «2 tuần» or «2 tháng»",
    ),
    # --- loader ----------------------------------------------------------------------------
    "problem.encoding": (
        "tệp không phải UTF-8 (byte {byte})",
        "the file is not UTF-8 (byte {byte})",
    ),
    "hint.encoding": (
        "lưu lại tệp với bảng mã UTF-8 (trong trình soạn thảo: Save with Encoding → UTF-8)",
        "save the file as UTF-8 (in the editor: Save with Encoding → UTF-8)",
    ),
    "problem.empty-file": ("tệp rỗng", "the file is empty"),
    "hint.empty-file": (
        "điền nội dung cho tệp hoặc xoá tệp nếu không dùng",
        "fill the file in, or delete it if it is not used",
    ),
    "problem.conflict-marker": (
        "còn dấu xung đột git «{marker}» chưa được giải quyết",
        "unresolved git merge-conflict marker «{marker}»",
    ),
    "hint.conflict-marker": (
        "giữ lại phiên bản đúng và xoá các dòng <<<<<<<, ======= và >>>>>>>",
        "keep the right version and delete the <<<<<<<, ======= and >>>>>>> lines",
    ),
    "problem.tab-indent": (
        "thụt lề bằng ký tự tab; YAML chỉ cho phép dấu cách",
        "indentation with a tab; YAML allows only spaces",
    ),
    "hint.tab-indent": (
        "thay tab bằng dấu cách (thường là 2 dấu cách mỗi cấp)",
        "replace the tab with spaces (usually 2 per level)",
    ),
    "problem.yaml-syntax": ("lỗi cú pháp YAML: {detail}", "YAML syntax error: {detail}"),
    "hint.yaml-syntax": (
        "kiểm tra thụt lề và dấu ngoặc kép ở dòng này hoặc dòng ngay trước",
        "check the indentation and quotes on this line or the one before",
    ),
    "hint.yaml-syntax.colon": (
        'giá trị có dấu «: » phải đặt trong ngoặc kép, ví dụ title: "Kết luận: ..."',
        'a value containing «: » must be quoted, e.g. title: "Conclusion: ..."',
    ),
    "hint.yaml-syntax.indent": (
        "các khoá cùng cấp phải thụt lề bằng nhau; kiểm tra dòng này và dòng ngay trước",
        "keys at the same level must be indented alike; check this line and the one before",
    ),
    "hint.yaml-syntax.alias": (
        "định nghĩa &tên trước khi dùng *tên",
        "define &name before using *name",
    ),
    "hint.yaml-syntax.documents": (
        "mỗi tệp chỉ chứa một tài liệu YAML; xoá dòng «---» thừa",
        "a file holds one YAML document; delete the extra «---» line",
    ),
    "problem.too-deep": (
        "dữ liệu lồng nhau quá {limit} cấp",
        "the data is nested more than {limit} levels deep",
    ),
    "hint.too-deep": (
        "viết dữ liệu phẳng hơn: một tệp dữ liệu chỉ cần vài cấp lồng nhau",
        "write the data flatter: a data file needs only a few levels of nesting",
    ),
    "problem.unsafe-tag": (
        "thẻ YAML «{tag}» bị từ chối (dothi không bao giờ tạo đối tượng từ thẻ)",
        "YAML tag «{tag}» refused (dothi never constructs objects from tags)",
    ),
    "hint.unsafe-tag": (
        "xoá thẻ bắt đầu bằng «!» và ghi giá trị dạng văn bản",
        "remove the tag starting with «!» and write the value as text",
    ),
    "problem.alias-bomb": (
        "các bí danh (*alias) nở ra quá {limit} giá trị",
        "aliases (*alias) expand to more than {limit} values",
    ),
    "problem.alias-recursive": (
        "bí danh (*alias) tự tham chiếu chính nó",
        "an alias (*alias) refers to itself",
    ),
    "hint.alias-bomb": (
        "viết trực tiếp các giá trị thay vì lồng bí danh",
        "write the values out instead of nesting aliases",
    ),
    "problem.complex-key": (
        "khoá phải là văn bản, không phải danh sách hay bảng",
        "a key must be text, not a list or a mapping",
    ),
    "hint.complex-key": ("viết khoá dạng «tên: giá trị»", "write the key as «name: value»"),
    "problem.bad-merge": (
        "«<<» chỉ gộp được một bảng (mapping)",
        "«<<» can only merge a mapping",
    ),
    "hint.bad-merge": ("dùng «<<: *tên» với &tên là một bảng", "use «<<: *name» where &name is a mapping"),
    "problem.duplicate-key": (
        "khoá «{key}» lặp lại (đã có ở dòng {first_line})",
        "duplicate key «{key}» (first at line {first_line})",
    ),
    "hint.duplicate-key": (
        "giữ một khoá «{key}» và xoá khoá còn lại",
        "keep one «{key}» and delete the other",
    ),
    "problem.not-nfc": (
        "{count} giá trị không ở dạng Unicode NFC (dấu tiếng Việt tách rời); dothi đã chuẩn hoá",
        "{count} values are not in Unicode NFC form (decomposed Vietnamese marks); dothi normalised them",
    ),
    "problem.not-nfc.one": (
        "{count} giá trị không ở dạng Unicode NFC (dấu tiếng Việt tách rời); dothi đã chuẩn hoá",
        "{count} value is not in Unicode NFC form (decomposed Vietnamese marks); dothi normalised it",
    ),
    "hint.not-nfc": (
        "lưu tệp ở dạng Unicode dựng sẵn (NFC), ví dụ bằng Unikey: «Unicode dựng sẵn»",
        "save the file in precomposed Unicode (NFC)",
    ),
    "problem.unreadable": ("không đọc được tệp: {reason}", "cannot read the file: {reason}"),
    # --- model -----------------------------------------------------------------------------
    "problem.unknown-key": ("{entity}khoá «{key}» không hợp lệ", "{entity}unknown key «{key}»"),
    "hint.unknown-key.suggest": ("có phải ý bạn là «{suggestion}»?", "did you mean «{suggestion}»?"),
    "hint.unknown-key": ("các khoá hợp lệ: {allowed}", "allowed keys: {allowed}"),
    "problem.missing-key": ("{entity}thiếu «{key}»", "{entity}«{key}» is missing"),
    "hint.missing-key": ("thêm dòng «{key}: ...»", "add a line «{key}: ...»"),
    "problem.wrong-type": ("{entity}«{key}» phải là {expected}", "{entity}«{key}» must be {expected}"),
    "expected.text": ("văn bản", "text"),
    "expected.list": ("một danh sách (các dòng bắt đầu bằng «- »)", "a list (lines starting with «- »)"),
    "expected.mapping": ("một bảng «khoá: giá trị»", "a mapping of «key: value»"),
    "expected.number": ("một số", "a number"),
    "expected.boolean": ("true hoặc false", "true or false"),
    "problem.invalid-choice": (
        "{entity}«{key}» không nhận giá trị «{value}»",
        "{entity}«{key}» cannot be «{value}»",
    ),
    "hint.invalid-choice": ("chọn một trong: {allowed}", "choose one of: {allowed}"),
    "problem.invalid-number": (
        "{entity}«{key}»: «{value}» không phải là số",
        "{entity}«{key}»: «{value}» is not a number",
    ),
    "problem.invalid-date": ("{entity}«{key}»: {detail}", "{entity}«{key}»: {detail}"),
    "hint.invalid-date": (
        "viết ngày trước: 15/8/2025, hoặc 2025-08-15",
        "write the day first: 15/8/2025, or 2025-08-15",
    ),
    "problem.invalid-deadline": ("{entity}«{key}»: {detail}", "{entity}«{key}»: {detail}"),
    "hint.invalid-deadline": (
        "viết thời hạn như văn bản giao việc, ví dụ «trước ngày 15/8/2025» hoặc «quý III/2025»",
        "write the deadline as the directive does, e.g. «trước ngày 15/8/2025» or «quý III/2025»",
    ),
    "problem.invalid-id": (
        "{entity}mã «{value}» không hợp lệ",
        "{entity}«{value}» is not a valid id",
    ),
    "hint.invalid-id": (
        "mã chỉ gồm chữ thường không dấu, số, «-», «_», «.», ví dụ «{suggestion}»",
        "an id has lower-case ASCII letters, digits, «-», «_», «.», e.g. «{suggestion}»",
    ),
    "problem.invalid-value": ("{entity}«{key}»: {detail}", "{entity}«{key}»: {detail}"),
    "value.at_least": ("phải từ {bound} trở lên", "must be {bound} or more"),
    "value.at_most": ("không được lớn hơn {bound}", "must be at most {bound}"),
    "value.pattern": ("không đúng dạng (ví dụ: 2026-2030)", "is not in the expected form (e.g. 2026-2030)"),
    "value.period_reversed": (
        "có năm đầu sau năm cuối (viết năm đầu trước, ví dụ: {bound})",
        "has the first year after the last (write the first year first, e.g. {bound})",
    ),
    "entity.task": ("nhiệm vụ {id}: ", "task {id}: "),
    "entity.organization": ("tổ chức {id}: ", "organization {id}: "),
    "entity.member": ("thành viên {id}: ", "member {id}: "),
    "entity.milestone": ("mốc lộ trình {id}: ", "milestone {id}: "),
    "entity.requirement": ("yêu cầu {id}: ", "requirement {id}: "),
    "entity.section": ("mục «{id}» của kế hoạch: ", "plan section «{id}»: "),
    "entity.item": ("mục {id}: ", "item {id}: "),
    # --- repository ------------------------------------------------------------------------
    "problem.missing-members": (
        "thiếu tệp data/members.yaml (bắt buộc)",
        "data/members.yaml is missing (it is required)",
    ),
    "problem.duplicate-id": (
        "mã «{id}» đã được dùng ở {other}",
        "id «{id}» is already defined at {other}",
    ),
    "hint.duplicate-id": ("đổi một trong hai mã cho khác nhau", "give one of the two a different id"),
    "problem.duplicate-code": (
        "mã hành chính «{code}» trùng với {other}",
        "administrative code «{code}» is also used by {other}",
    ),
    "problem.unknown-reference": (
        "{entity}«{key}» nhắc đến «{id}» nhưng không có {kind} nào mang mã này",
        "{entity}«{key}» names «{id}», but no {kind} has that id",
    ),
    "hint.unknown-reference.suggest": ("có phải ý bạn là «{suggestion}»?", "did you mean «{suggestion}»?"),
    "hint.unknown-reference": (
        "thêm «{id}» vào {where} hoặc sửa lại mã",
        "define «{id}» in {where} or correct the id",
    ),
    "hint.unknown-selector": ("dùng một trong các nhóm: {allowed}", "use one of: {allowed}"),
    "problem.wrong-type.file": (
        "tệp phải là một bảng «khoá: giá trị», không phải danh sách hay một giá trị đơn",
        "the file must be a mapping of «key: value», not a list or a single value",
    ),
    "hint.wrong-type": (
        "xem mẫu trong README hoặc chạy «dothi schema» để biết dạng đúng",
        "see the example in the README, or run «dothi schema» for the expected form",
    ),
    "hint.invalid-number": (
        "viết số bằng chữ số, phần thập phân dùng dấu chấm: 12.5",
        "write the number in digits, with a dot for decimals: 12.5",
    ),
    "kind.organization": ("tổ chức hay địa phương", "organization or locality"),
    "kind.member": ("thành viên hay tổ chức", "member or organization"),
    "kind.locality": ("địa phương", "locality"),
    "kind.directive": ("văn bản", "directive"),
    "kind.anything": (
        "nhiệm vụ, văn bản, thành viên, tổ chức hay địa phương",
        "task, directive, member, organization or locality",
    ),
    "kind.selector": ("nhóm", "selector"),
    "where.task": ("một tệp data/tasks/*.yaml", "a data/tasks/*.yaml file"),
    "where.organization": (
        "data/members.yaml (organizations) hoặc data/localities/",
        "data/members.yaml (organizations) or data/localities/",
    ),
    "where.member": ("data/members.yaml", "data/members.yaml"),
    "where.selector": (
        "(các nhóm hợp lệ: @localities, @cities, @provinces, @ministries, @members)",
        "(valid selectors: @localities, @cities, @provinces, @ministries, @members)",
    ),
    "problem.recurrence.deadline": (
        "{entity}«deadline» không dùng cho nhiệm vụ định kỳ («every»)",
        "{entity}«deadline» does not go with a recurring duty («every»)",
    ),
    "hint.recurrence.deadline": (
        "ghi hạn của từng kỳ bằng «due», ví dụ «due: ngày 15 tháng cuối quý», rồi xoá «deadline»",
        "give each period's due day with «due», e.g. «due: ngày 15 tháng cuối quý», and remove «deadline»",
    ),
    "problem.recurrence.every": (
        "{entity}«{key}» chỉ dùng cho nhiệm vụ định kỳ, nhưng thiếu «every»",
        "{entity}«{key}» belongs to a recurring duty, but «every» is missing",
    ),
    "hint.recurrence.every": (
        "thêm «every: month», «quarter», «half-year» hoặc «year»; với hạn một lần, dùng «deadline»",
        "add «every: month», «quarter», «half-year» or «year»; for a one-off deadline use «deadline»",
    ),
    "problem.assignee-form": (
        "{entity}cần đúng một trong hai: «lead» (đơn vị chủ trì) hoặc «each» (từng đơn vị thực hiện)",
        "{entity}needs exactly one of «lead» (the lead agency) or «each» (every assignee on its own)",
    ),
    "hint.assignee-form": (
        'viết «lead: bxd» cho một đơn vị chủ trì, hoặc «each: ["@localities"]»',
        'write «lead: bxd» for one lead, or «each: ["@localities"]»',
    ),
    "problem.support-with-each": (
        "{entity}«support» không dùng cùng «each»",
        "{entity}«support» does not go with «each»",
    ),
    "hint.support-with-each": (
        "xoá «support», hoặc thay «each» bằng «lead»",
        "delete «support», or use «lead» instead of «each»",
    ),
    "problem.responses-without-each": (
        "{entity}«responses» chỉ dùng cho nhiệm vụ giao cho từng đơn vị («each»)",
        "{entity}«responses» only goes with an «each» task",
    ),
    "hint.responses-without-each": (
        "ghi kết quả vào «status», «done_on» và «result» của nhiệm vụ",
        "record the outcome in the task's «status», «done_on» and «result»",
    ),
    "problem.response-not-assignee": (
        "{entity}«{id}» có phản hồi nhưng không thuộc danh sách «each»",
        "{entity}«{id}» has a response but is not among the «each» assignees",
    ),
    "hint.response-not-assignee": (
        "thêm «{id}» vào «each» hoặc xoá phản hồi này",
        "add «{id}» to «each» or delete this response",
    ),
    "problem.done-without-date": (
        "{entity}đã hoàn thành («done») nhưng thiếu «done_on»",
        "{entity}is «done» but has no «done_on»",
    ),
    "hint.done-without-date": (
        "thêm «done_on: 15/8/2025» (ngày hoàn thành)",
        "add «done_on: 15/8/2025» (the day it was done)",
    ),
    "problem.cancel-without-reason": (
        "{entity}dừng thực hiện («cancelled») nhưng thiếu «cancel_reason»",
        "{entity}is «cancelled» but has no «cancel_reason»",
    ),
    "hint.cancel-without-reason": (
        "thêm «cancel_reason: ...» nêu văn bản hoặc lý do dừng thực hiện",
        "add «cancel_reason: ...» naming the document or reason",
    ),
    "problem.leader-count": (
        "ngày {day}: Tổ công tác có {count} Tổ trưởng (phải có đúng một)",
        "on {day} the group has {count} leaders (it must have exactly one)",
    ),
    "hint.leader-count": (
        "ghi «until» cho Tổ trưởng cũ và «since» cho người kế nhiệm",
        "give the outgoing leader «until» and the successor «since»",
    ),
    "problem.date-order": (
        "{entity}«{key}» ({day}) sớm hơn ngày giao nhiệm vụ ({directive_day})",
        "{entity}«{key}» ({day}) is before the tasks were assigned ({directive_day})",
    ),
    "hint.date-order": (
        "kiểm tra lại ngày; nếu đúng là như vậy, thêm «waive: [date-order]» vào nhiệm vụ",
        "check the date; if it is right, add «waive: [date-order]» to the task",
    ),
    "problem.document-number": (
        "số ký hiệu «{number}» không theo mẫu của Nghị định 30/2020/NĐ-CP",
        "document number «{number}» does not follow Decree 30/2020/NĐ-CP",
    ),
    "hint.document-number": (
        "ví dụ: 1413/QĐ-TTg, 5802/VPCP-CN, 269/2025/NĐ-CP, 57-NQ/TW",
        "for example: 1413/QĐ-TTg, 5802/VPCP-CN, 269/2025/NĐ-CP, 57-NQ/TW",
    ),
    "problem.unknown-code": (
        "{entity}«waive» nêu mã «{value}», mã này không bỏ qua được",
        "{entity}«waive» names «{value}», which cannot be waived",
    ),
    "hint.unknown-code": ("các mã có thể bỏ qua: {allowed}", "codes that can be waived: {allowed}"),
    "problem.bad-file-name": (
        "tên tệp «{name}» không dùng được làm mã",
        "the file name «{name}» cannot be used as an id",
    ),
    # --- validate output -------------------------------------------------------------------
    "validate.summary": (
        "{files} tệp, {errors} lỗi, {warnings} cảnh báo",
        "files: {files}, errors: {errors}, warnings: {warnings}",
    ),
    "validate.ok": ("Dữ liệu hợp lệ.", "The data is valid."),
    "validate.failed": (
        "Dữ liệu có lỗi; sửa các lỗi trên rồi chạy lại «dothi validate».",
        "The data has errors; fix them and run «dothi validate» again.",
    ),
    "validate.strict_failed": (
        "Có cảnh báo và đang dùng --strict.",
        "There are warnings and --strict is on.",
    ),
    "hint.label": ("gợi ý: ", "hint: "),
    "severity.error": ("lỗi", "error"),
    "severity.warning": ("cảnh báo", "warning"),
    # --- usage errors ----------------------------------------------------------------------
    "usage.no_root": (
        "Không tìm thấy kho dữ liệu dothi (thư mục chứa data/members.yaml) từ {cwd} trở lên.\n"
        "Chạy lệnh trong kho dữ liệu, hoặc chỉ rõ bằng --root THƯ_MỤC hay biến DOTHI_ROOT.",
        "No dothi data repository (a folder holding data/members.yaml) in {cwd} or above.\n"
        "Run the command inside one, or point at it with --root DIR or DOTHI_ROOT.",
    ),
    "usage.root_not_repo": (
        "«{root}» không phải kho dữ liệu dothi: không có {root}/data/members.yaml.",
        "«{root}» is not a dothi data repository: there is no {root}/data/members.yaml.",
    ),
    "usage.bad_lang": (
        "Ngôn ngữ «{lang}» không được hỗ trợ; dùng vi hoặc en.",
        "Language «{lang}» is not supported; use vi or en.",
    ),
    "usage.bad_date": ("Tuỳ chọn {option}: {detail}", "Option {option}: {detail}"),
    "usage.unknown_id": (
        "Không có {kind} nào mang mã «{id}».{suggestion}",
        "There is no {kind} with id «{id}».{suggestion}",
    ),
    "usage.did_you_mean": (" Có phải ý bạn là «{suggestion}»?", " Did you mean «{suggestion}»?"),
    "usage.error": ("Lỗi: ", "Error: "),
    "usage.bad_choice": (
        "Tuỳ chọn {option}: «{value}» không hợp lệ; chọn một trong: {allowed}",
        "Option {option}: «{value}» is not valid; choose one of: {allowed}",
    ),
    "usage.bad_number": (
        "Tuỳ chọn {option}: «{value}» phải là số nguyên không âm",
        "Option {option}: «{value}» must be a whole number, 0 or more",
    ),
    "usage.data_errors": (
        "Dữ liệu có lỗi nên không lập báo cáo; sửa các lỗi trên trước.",
        "The data has errors, so no report was made; fix them first.",
    ),
    # --- states (SPEC §4; the Government's task-tracking labels) ----------------------------
    "state.done_on_time": ("Đã hoàn thành đúng hạn", "Done on time"),
    "state.done_late": ("Hoàn thành quá hạn", "Done late"),
    "state.in_progress": ("Đang thực hiện trong hạn", "In progress, within the deadline"),
    "state.overdue": ("Quá hạn", "Overdue"),
    "state.ongoing": ("Thường xuyên", "Ongoing"),
    "state.cancelled": ("Dừng thực hiện", "Cancelled"),
    "kind.task": ("nhiệm vụ", "task"),
    "kind.assignment": ("nhiệm vụ giao từng đơn vị", "assignment"),
    "kind.milestone": ("mốc lộ trình", "milestone"),
    # --- status ----------------------------------------------------------------------------
    "status.title": ("Tình hình thực hiện nhiệm vụ tính đến ngày {day}", "Tasks as of {day}"),
    "status.counts": ("Số lượng theo trạng thái", "Items by state"),
    "status.total": ("Tổng số", "Total"),
    "status.col.state": ("Trạng thái", "State"),
    "status.col.count": ("Số lượng", "Count"),
    "status.col.share": ("Tỷ lệ", "Share"),
    "status.rates": (
        "Tỷ lệ hoàn thành: {due} số nhiệm vụ đã đến hạn; {all} tổng số nhiệm vụ",
        "Completion: {due} of the items already due; {all} of all items",
    ),
    "status.by_lead": ("Theo đơn vị chủ trì", "By lead agency"),
    "status.col.lead": ("Đơn vị", "Lead"),
    "status.col.total": ("Tổng", "Total"),
    "status.col.on_time": ("Đúng hạn", "On time"),
    "status.col.late": ("Trễ hạn", "Late"),
    "status.col.in_progress": ("Trong hạn", "In progress"),
    "status.col.overdue": ("Quá hạn", "Overdue"),
    "status.col.rate_due": ("Tỷ lệ đến hạn", "Rate (due)"),
    "status.col.rate_all": ("Tỷ lệ chung", "Rate (all)"),
    "status.overdue": ("Nhiệm vụ quá hạn ({count})", "Overdue items ({count})"),
    "status.due_soon": (
        "Sắp đến hạn trong {soon} ngày ({count})",
        "Due within {soon} days ({count})",
    ),
    "status.listing": ("Danh sách ({count})", "Items ({count})"),
    "status.col.task": ("Nhiệm vụ", "Item"),
    "status.col.directive": ("Văn bản", "Directive"),
    "status.col.deadline": ("Thời hạn", "Deadline"),
    "status.col.days_overdue": ("Quá hạn (ngày)", "Days overdue"),
    "status.col.days_left": ("Còn (ngày)", "Days left"),
    "status.col.update": ("Cập nhật", "Last update"),
    "status.col.state_short": ("Trạng thái", "State"),
    "status.col.due": ("Hạn", "Due"),
    "status.waiting": (
        "{deadline}, tính từ khi {task} hoàn thành (chưa hoàn thành)",
        "{deadline}, counted from when {task} is done (not done yet)",
    ),
    "status.days": ("{days} ngày", "{days} days"),
    "status.days.one": ("{days} ngày", "{days} day"),
    "status.stale": ("chưa cập nhật", "not updated"),
    "status.none": ("Không có.", "None."),
    "status.no_deadline": ("—", "—"),
    "status.roadmap": ("lộ trình {year}", "roadmap {year}"),
    "status.filtered": (
        "Danh sách đã lọc; số liệu tổng hợp tính trên toàn bộ nhiệm vụ.",
        "The listing is filtered; counts and rates cover every item.",
    ),
    "value.none": ("—", "—"),
    # --- show and members -------------------------------------------------------------------
    "field.kind": ("Loại", "Kind"),
    "field.directive": ("Văn bản giao", "Directive"),
    "field.each": ("Giao từng đơn vị", "Each assignee"),
    "field.detail": ("Nội dung", "Detail"),
    "field.progress": ("Tiến độ (%)", "Progress (%)"),
    "field.cancel_reason": ("Lý do dừng thực hiện", "Why it was cancelled"),
    "field.cancelled_on": ("Ngày dừng thực hiện", "Cancelled on"),
    "show.not_yet": ("Chưa được giao (văn bản giao ngày {day})", "Not assigned yet (assigned on {day})"),
    "field.lead": ("Đơn vị chủ trì", "Lead"),
    "field.support": ("Đơn vị phối hợp", "Support"),
    "field.deadline": ("Thời hạn", "Deadline"),
    "field.due": ("Hạn (ngày)", "Due"),
    "field.state": ("Trạng thái", "State"),
    "field.done_on": ("Ngày hoàn thành", "Done on"),
    "field.days_overdue": ("Số ngày quá hạn", "Days overdue"),
    "field.result": ("Kết quả", "Result"),
    "field.number": ("Số ký hiệu", "Number"),
    "field.date": ("Ngày ban hành", "Date"),
    "field.assigned_on": ("Ngày giao", "Assigned on"),
    "field.issuer": ("Cơ quan ban hành", "Issuer"),
    "field.signer": ("Người ký", "Signer"),
    "field.url": ("Nguồn", "Source"),
    "field.code": ("Mã hành chính", "Code"),
    "field.plan": ("Kế hoạch", "Plan"),
    "field.plan_status": ("Tình trạng kế hoạch", "Plan status"),
    "field.focal_point": ("Đầu mối", "Focal point"),
    "field.funding": ("Tổng kinh phí (tỷ đồng)", "Total funding (billion VND)"),
    "field.short": ("Tên viết tắt", "Short name"),
    "field.title": ("Chức vụ", "Title"),
    "field.role": ("Vai trò", "Role"),
    "field.org": ("Cơ quan", "Organization"),
    "field.since": ("Từ ngày", "Since"),
    "field.until": ("Đến ngày", "Until"),
    "field.email": ("Thư điện tử", "E-mail"),
    "field.phone": ("Điện thoại", "Phone"),
    "show.items": ("Nhiệm vụ ({count})", "Items ({count})"),
    "show.updates": ("Cập nhật tiến độ", "Updates"),
    "show.obstacles": ("Khó khăn, vướng mắc", "Obstacles"),
    "show.needs.pm": ("cần Thủ tướng xem xét", "needs the Prime Minister"),
    "show.needs.group": ("cần Tổ công tác xử lý", "needs the group"),
    "show.as_of": ("Tính đến ngày {day}", "As of {day}"),
    "entity.kind.task": ("Nhiệm vụ", "Task"),
    "entity.kind.assignment": ("Nhiệm vụ giao từng đơn vị", "Assignment"),
    "entity.kind.milestone": ("Mốc lộ trình", "Milestone"),
    "entity.kind.directive": ("Văn bản", "Directive"),
    "entity.kind.locality": ("Địa phương", "Locality"),
    "entity.kind.organization": ("Cơ quan, tổ chức", "Organization"),
    "entity.kind.member": ("Thành viên", "Member"),
    "directive.quyet-dinh": ("Quyết định", "Decision"),
    "directive.nghi-quyet": ("Nghị quyết", "Resolution"),
    "directive.chi-thi": ("Chỉ thị", "Directive"),
    "directive.cong-van": ("Công văn", "Official letter"),
    "directive.thong-bao": ("Thông báo", "Notice"),
    "directive.ket-luan": ("Kết luận", "Conclusion"),
    "directive.ke-hoach": ("Kế hoạch", "Plan"),
    "directive.bao-cao": ("Báo cáo", "Report"),
    "directive.other": ("Văn bản khác", "Other document"),
    "locality.city": ("Thành phố trực thuộc Trung ương", "Centrally-run city"),
    "locality.province": ("Tỉnh", "Province"),
    "plan.none": ("Chưa có kế hoạch", "No plan"),
    "plan.short.none": ("Chưa có", "None"),
    "plan.short.draft": ("Dự thảo", "Draft"),
    "plan.short.submitted": ("Đã trình", "Submitted"),
    "plan.short.approved": ("Đã duyệt", "Approved"),
    "plan.draft": ("Dự thảo", "Draft"),
    "plan.submitted": ("Đã trình", "Submitted"),
    "plan.approved": ("Đã phê duyệt", "Approved"),
    "org.government": ("Chính phủ", "Government"),
    "org.ministry": ("Bộ", "Ministry"),
    "org.agency": ("Cơ quan", "Agency"),
    "org.enterprise": ("Doanh nghiệp", "Enterprise"),
    "org.other": ("Khác", "Other"),
    "role.leader": ("Tổ trưởng", "Leader"),
    "role.deputy": ("Tổ phó", "Deputy leader"),
    "role.member": ("Thành viên", "Member"),
    "role.invited": ("Mời tham gia", "Invited"),
    "members.title": ("Thành viên {group} tính đến ngày {day}", "Members of the {group} as of {day}"),
    "members.col.name": ("Họ và tên", "Name"),
    "members.col.title": ("Chức vụ", "Title"),
    "members.col.org": ("Cơ quan", "Organization"),
    "members.count": ("{count} người", "{count} people"),
    "members.count.one": ("{count} người", "{count} person"),
    # --- check -----------------------------------------------------------------------------
    "check.title": (
        "Kế hoạch phát triển đô thị thông minh của các địa phương so với yêu cầu",
        "Localities' smart-city plans against the requirements",
    ),
    "check.col.locality": ("Địa phương", "Locality"),
    "check.col.plan": ("Kế hoạch", "Plan"),
    "check.col.score": ("Điểm", "Score"),
    "check.legend": (
        "✓ đạt · ~ sơ sài (ít hơn số từ tối thiểu) · ✗ thiếu",
        "✓ present · ~ thin (fewer words than required) · ✗ missing",
    ),
    "check.requirements": ("Các mục yêu cầu", "Requirements"),
    "check.optional": ("không bắt buộc", "optional"),
    "check.detail.title": ("Kế hoạch của {name}: {score} điểm", "Plan of {name}: score {score}"),
    "check.col.requirement": ("Mục yêu cầu", "Requirement"),
    "check.col.section": ("Mục trong kế hoạch", "Section in the plan"),
    "check.col.words": ("Số từ", "Words"),
    "check.col.state": ("Đánh giá", "Result"),
    "check.state.ok": ("Đạt", "Present"),
    "check.state.thin": ("Sơ sài", "Thin"),
    "check.state.missing": ("Thiếu", "Missing"),
    "check.extras": ("Mục không khớp yêu cầu nào", "Sections that meet no requirement"),
    "check.suggest": ("gần giống «{title}» ({id})", "close to «{title}» ({id})"),
    "check.duplicate": ("trùng với mục đã khớp «{title}» ({id})", "repeats «{title}» ({id}), already met"),
    "check.rules": ("Quy tắc", "Rules"),
    "check.rule.roadmap_years": (
        "Mỗi năm của kỳ kế hoạch có ít nhất một mốc lộ trình",
        "Every year of the plan period has a roadmap milestone",
    ),
    "check.rule.funding": ("Có nguồn kinh phí với số tiền cụ thể", "Funding entries with amounts"),
    "check.rule.submit_by": ("Đã trình kế hoạch đúng hạn ({day})", "Plan submitted by {day}"),
    "check.rule.passed": ("đạt", "passed"),
    "check.rule.failed": ("chưa đạt", "failed"),
    "check.rule.lacking": ("thiếu năm: {years}", "years lacking: {years}"),
    "check.no_requirements": (
        "Chưa có data/requirements.yaml: không có mục nào để đối chiếu.",
        "There is no data/requirements.yaml: nothing to check against.",
    ),
    "item.plan_submission": (
        "Trình kế hoạch phát triển đô thị thông minh giai đoạn {period}",
        "Submit the smart-city plan for {period}",
    ),
    # --- briefing --------------------------------------------------------------------------
    "brief.motto.country": ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "SOCIALIST REPUBLIC OF VIET NAM"),
    "brief.motto.words": ("Độc lập - Tự do - Hạnh phúc", "Independence - Freedom - Happiness"),
    "brief.place": ("Hà Nội", "Hanoi"),
    "brief.kind": ("BÁO CÁO", "REPORT"),
    "brief.title": (
        "Tình hình thực hiện nhiệm vụ về phát triển đô thị thông minh tính đến ngày {day}",
        "Progress of the smart-city tasks as of {day}",
    ),
    "brief.purpose": (
        "Phục vụ phiên họp của Tổ công tác liên ngành điều phối xây dựng, triển khai đồng bộ "
        "đô thị thông minh.",
        "For the meeting of the Interagency Working Group on smart cities.",
    ),
    "brief.overview": ("I. TỔNG QUAN", "I. OVERVIEW"),
    "brief.overview.total": (
        "Tổng số {total} nhiệm vụ đang được theo dõi, trong đó {done} đã hoàn thành "
        "({on_time} đúng hạn, {late} quá hạn), {in_progress} đang thực hiện trong hạn, {overdue} quá hạn, "
        "{ongoing} thường xuyên và {cancelled} dừng thực hiện.",
        "{total} items are tracked: {done} done ({on_time} on time, {late} late), {in_progress} in "
        "progress within the deadline, {overdue} overdue, {ongoing} ongoing and {cancelled} cancelled.",
    ),
    "brief.overview.rates": (
        "Tỷ lệ hoàn thành trên số nhiệm vụ đã đến hạn: {due}; trên tổng số nhiệm vụ: {all}.",
        "Completion rate of the items already due: {due}; of all items: {all}.",
    ),
    "brief.overview.by_lead": ("Theo đơn vị chủ trì", "By lead agency"),
    "brief.overdue": ("II. NHIỆM VỤ QUÁ HẠN", "II. OVERDUE ITEMS"),
    "brief.overdue.none": ("Không có nhiệm vụ quá hạn.", "No item is overdue."),
    "brief.col.no": ("STT", "No."),
    "brief.col.task": ("Nhiệm vụ", "Item"),
    "brief.col.directive": ("Văn bản giao", "Directive"),
    "brief.col.deadline": ("Thời hạn", "Deadline"),
    "brief.col.days_overdue": ("Số ngày quá hạn", "Days overdue"),
    "brief.col.lead": ("Đơn vị chủ trì", "Lead"),
    "brief.col.due": ("Hạn", "Due"),
    "brief.col.days_left": ("Còn (ngày)", "Days left"),
    "brief.col.locality": ("Địa phương", "Locality"),
    "brief.col.plan": ("Kế hoạch", "Plan"),
    "brief.col.score": ("Điểm", "Score"),
    "brief.col.missing": ("Số mục còn thiếu", "Sections missing"),
    "brief.col.state": ("Trạng thái", "State"),
    "brief.col.name": ("Họ và tên", "Name"),
    "brief.col.title": ("Chức vụ", "Title"),
    "brief.col.org": ("Cơ quan", "Organization"),
    "brief.col.done_on": ("Ngày hoàn thành", "Done on"),
    "brief.col.result": ("Kết quả", "Result"),
    "brief.soon": ("III. NHIỆM VỤ SẮP ĐẾN HẠN (TRONG {soon} NGÀY)", "III. ITEMS DUE WITHIN {soon} DAYS"),
    "brief.soon.none": ("Không có nhiệm vụ sắp đến hạn.", "No item falls due in that time."),
    "brief.localities": ("IV. CÁC ĐỊA PHƯƠNG", "IV. LOCALITIES"),
    "brief.localities.plans": (
        "Kế hoạch phát triển đô thị thông minh giai đoạn 2026–2030",
        "Smart-city plans for 2026–2030",
    ),
    "brief.localities.unanswered": (
        "Đơn vị chưa thực hiện các nhiệm vụ giao từng đơn vị",
        "Assignees that have not answered",
    ),
    "brief.localities.unanswered.line": (
        "{title} ({number}, thời hạn: {deadline}) — {count}/{total} đơn vị chưa thực hiện: {names}.",
        "{title} ({number}, deadline: {deadline}) — {count} of {total} have not answered: {names}.",
    ),
    "brief.localities.all_answered": ("Mọi đơn vị đã thực hiện.", "Every assignee has answered."),
    "brief.obstacles": ("V. KHÓ KHĂN, VƯỚNG MẮC VÀ KIẾN NGHỊ", "V. OBSTACLES AND PROPOSALS"),
    "brief.obstacles.pm": (
        "Đề nghị Thủ tướng Chính phủ xem xét, quyết định",
        "For the Prime Minister's decision",
    ),
    "brief.obstacles.group": ("Đề nghị Tổ công tác xử lý", "For the group to resolve"),
    "brief.obstacles.other": ("Các khó khăn, vướng mắc khác", "Other obstacles"),
    "brief.obstacles.none": (
        "Không có khó khăn, vướng mắc nào được ghi nhận.",
        "No obstacle has been recorded.",
    ),
    "brief.obstacles.line": ("{day} — {about}: {text}", "{day} — {about}: {text}"),
    "brief.since": ("VI. KẾT QUẢ TỪ NGÀY {day}", "VI. RESULTS SINCE {day}"),
    "brief.since.none_given": (
        "VI. KẾT QUẢ TỪ PHIÊN HỌP TRƯỚC",
        "VI. RESULTS SINCE THE LAST MEETING",
    ),
    "brief.since.ask": (
        "Chưa chỉ định ngày phiên họp trước (dùng --since NGÀY).",
        "No date of the last meeting was given (use --since DATE).",
    ),
    "brief.since.done": ("Nhiệm vụ đã hoàn thành", "Items done"),
    "brief.since.updates": ("Cập nhật tiến độ", "Progress updates"),
    "brief.since.nothing": ("Không có.", "None."),
    "brief.appendix": ("PHỤ LỤC: DANH SÁCH THÀNH VIÊN TỔ CÔNG TÁC", "APPENDIX: MEMBERS OF THE GROUP"),
    "brief.appendix.as_of": ("Tính đến ngày {day}.", "As of {day}."),
    "brief.pages": ("Trang chi tiết", "Detail pages"),
    "brief.locality.title": ("{name}: tình hình thực hiện nhiệm vụ", "{name}: progress"),
    "brief.agency.title": ("{name}: tình hình thực hiện nhiệm vụ", "{name}: progress"),
    "brief.back": ("Quay lại báo cáo chung", "Back to the briefing"),
    "brief.items": ("Nhiệm vụ", "Items"),
    "brief.plan": ("Kế hoạch phát triển đô thị thông minh", "Smart-city plan"),
    "brief.plan.score": ("Điểm: {score}/100. Tình trạng: {status}.", "Score: {score}/100. Status: {status}."),
    "brief.plan.none": (
        "Chưa có kế hoạch: mọi mục yêu cầu đều còn thiếu.",
        "No plan yet: every required section is missing.",
    ),
    "brief.plan.missing": ("Các mục còn thiếu: {sections}.", "Sections missing: {sections}."),
    "brief.none": ("Không có.", "None."),
    "brief.roadmap": ("Lộ trình của địa phương", "Local roadmap"),
    "brief.plan.sections": ("Đối chiếu từng mục", "Section by section"),
    "brief.locality.obstacles": ("Khó khăn, vướng mắc", "Obstacles"),
    "brief.error.template": (
        "Mẫu báo cáo «{name}» lỗi: {detail}",
        "Template «{name}» failed: {detail}",
    ),
    "brief.error.sandbox": (
        "Mẫu báo cáo «{name}» bị chặn vì truy cập ngoài phạm vi cho phép: {detail}",
        "Template «{name}» was stopped for reaching outside its sandbox: {detail}",
    ),
    "brief.error.not_ours": (
        "«{path}» đã tồn tại và không phải báo cáo do dothi tạo; dùng --force để ghi đè.",
        "«{path}» exists and is not a dothi briefing; use --force to overwrite it.",
    ),
    "edit.unreadable": (
        "Không đọc được {path} để sửa: tệp không phải YAML hợp lệ (UTF-8). Hãy chạy «dothi validate».",
        "Cannot read {path} to edit it: it is not valid YAML (UTF-8). Run «dothi validate».",
    ),
    "edit.layout": (
        "Không sửa {path}: ghi lại tệp này sẽ đổi cả những dòng không liên quan (cách thụt lề lạ). "
        "Hãy sửa bằng tay.",
        "Not editing {path}: writing it back would change unrelated lines (an unusual indentation). "
        "Edit it by hand.",
    ),
    "edit.not_found": ("Không thấy «{id}» trong {path}.", "«{id}» is not in {path}."),
    "edit.done_each": (
        "«{id}» giao cho từng đơn vị: ghi kết quả của một đơn vị bằng «dothi done {id}@ĐƠN_VỊ» "
        "hoặc «dothi respond».",
        "«{id}» is given to each assignee: record one assignee with «dothi done {id}@ORG» "
        "or «dothi respond».",
    ),
    "edit.already_done": (
        "«{id}» đã hoàn thành ({day}); dùng «dothi reopen {id}» nếu cần mở lại.",
        "«{id}» is already done ({day}); use «dothi reopen {id}» to open it again.",
    ),
    "edit.already_cancelled": (
        "«{id}» đã dừng thực hiện; dùng «dothi reopen {id}» nếu cần mở lại.",
        "«{id}» is already cancelled; use «dothi reopen {id}» to open it again.",
    ),
    "edit.already_open": (
        "«{id}» đang mở, không có gì để mở lại.",
        "«{id}» is open: there is nothing to reopen.",
    ),
    "edit.exists": ("Đã có «{id}» trong {path}.", "«{id}» is already in {path}."),
    "edit.file_exists": ("{path} đã tồn tại.", "{path} already exists."),
    "edit.busy": (
        "{path} đang được sửa bởi một lệnh dothi khác; hãy chạy lại sau ít phút.",
        "{path} is being edited by another dothi command; run this again in a moment.",
    ),
    "edit.no_lock": ("Không khoá được {path} để sửa: {reason}.", "Cannot lock {path} to edit it: {reason}."),
    "edit.conflict": (
        "{path} còn dấu xung đột của git (<<<<<<<); hãy giải quyết xung đột trước.",
        "{path} still has git conflict markers (<<<<<<<); resolve the conflict first.",
    ),
    "edit.changed": (
        "{path} vừa bị thay đổi trên đĩa trong lúc sửa; không ghi gì. Hãy chạy lại lệnh.",
        "{path} changed on disk while it was being edited; nothing was written. Run the command again.",
    ),
    "edit.wrong_kind": (
        "Lệnh «{command}» không dùng được cho «{id}».",
        "«{command}» does not apply to «{id}».",
    ),
    "edit.refused": (
        "Không ghi {path}: thay đổi này làm dữ liệu có lỗi (xem trên). Tệp giữ nguyên.",
        "{path} was not written: the change would make the data invalid (see above). The file is unchanged.",
    ),
    "edit.fix_first": (
        "Có tệp không đọc được (xem trên): hãy sửa trước, rồi chạy lại lệnh.",
        "Some files cannot be read (see above): fix them first, then run the command again.",
    ),
    "edit.written": ("Đã ghi {path}", "Wrote {path}"),
    "edit.lead_or_each": (
        "Cần đúng một trong hai: --lead ĐƠN_VỊ (có thể kèm --support) hoặc --each ĐƠN_VỊ…",
        "Give exactly one of --lead ORG (with --support if any) or --each ORG…",
    ),
    "edit.bad_file_id": (
        "«{id}» không dùng được làm tên tệp: chỉ chữ thường không dấu, số, «-», «.» và «_».",
        "«{id}» cannot be a file id: use lower-case ASCII letters, digits, «-», «.» and «_».",
    ),
    "init.exists": (
        "{path} đã tồn tại: dothi init chỉ tạo kho dữ liệu mới, không ghi đè.",
        "{path} already exists: dothi init makes a new data repository and overwrites nothing.",
    ),
    "init.done": (
        "Đã tạo kho dữ liệu {path} ({count} tệp). Tiếp theo: cd {path} && git init && dothi validate",
        "Made the data repository {path} ({count} files). Next: cd {path} && git init && dothi validate",
    ),
    "chart.rates": (
        "Tỷ lệ hoàn thành nhiệm vụ đã đến hạn, theo đơn vị chủ trì",
        "Completion rate of the items already due, by lead agency",
    ),
    "chart.rates.lowest": (" ({count} đơn vị thấp nhất trong {total})", " (the lowest {count} of {total})"),
    "chart.rates.axis": ("Tỷ lệ hoàn thành (%)", "Completion rate (%)"),
    "chart.age": ("Nhiệm vụ quá hạn theo số ngày quá hạn", "Overdue items by days overdue"),
    "chart.age.30": ("≤ 30 ngày", "≤ 30 days"),
    "chart.age.90": ("31–90 ngày", "31–90 days"),
    "chart.age.more": ("> 90 ngày", "> 90 days"),
    "chart.age.axis": ("Số nhiệm vụ", "Items"),
    "chart.plans": (
        "Mức đầy đủ của kế hoạch từng địa phương so với các mục yêu cầu",
        "Completeness of each locality's plan against the required sections",
    ),
    "chart.plans.axis": (
        "Mục yêu cầu (số thứ tự như trong «dothi check»)",
        "Required section (numbered as in «dothi check»)",
    ),
    "progress.loading": ("Đang đọc dữ liệu", "Reading the data"),
    "brief.error.docx_needs_out": (
        "một tài liệu Word cần --out TỆP.docx hoặc --pack THƯ_MỤC",
        "a Word document needs --out FILE.docx or --pack DIR",
    ),
    "brief.written": ("Đã ghi {path}", "Wrote {path}"),
    "brief.written_pack": ("Đã ghi {count} tệp vào {dir}", "Wrote {count} files into {dir}"),
    "brief.unknown_template": (
        "Không có mẫu báo cáo «{name}»; các mẫu có sẵn: {known}",
        "There is no template «{name}»; available: {known}",
    ),
    "schema.written": ("Đã ghi {count} lược đồ vào {dir}", "Wrote {count} schemas to {dir}"),
    # --- h4: show TASK@ORG / TASK#PERIOD that the task does not have; init into a file
    "show.unknown_assignee": (
        "Nhiệm vụ “{task}” không giao cho “{assignee}”. Các đơn vị được giao: {known}.",
        "Task “{task}” is not assigned to “{assignee}”. It is assigned to: {known}.",
    ),
    "show.not_each": (
        "Không có “{id}”: nhiệm vụ “{task}” do một đơn vị chủ trì, không giao cho từng đơn vị.",
        "There is no “{id}”: task “{task}” has one lead and is not assigned unit by unit.",
    ),
    "show.unknown_period": (
        "Nhiệm vụ “{task}” không có kỳ “{period}” tính đến ngày {day}. Các kỳ: {known}.",
        "Task “{task}” has no period “{period}” as of {day}. Its periods: {known}.",
    ),
    "show.no_period_yet": (
        "Nhiệm vụ “{task}” chưa có kỳ nào tính đến ngày {day}, nên không có kỳ “{period}”.",
        "Task “{task}” has no period yet as of {day}, so no period “{period}”.",
    ),
    "show.not_recurring": (
        "Nhiệm vụ “{task}” không phải nhiệm vụ định kỳ nên không có kỳ “{period}”.",
        "Task “{task}” is not recurring: it has no period “{period}”.",
    ),
    "init.not_folder": (
        "“{path}” đã có và không phải là thư mục: dothi init chỉ tạo kho dữ liệu trong một thư mục, "
        "không ghi vào tệp.",
        "“{path}” exists and is not a folder: dothi init makes a data repository in a folder and "
        "writes into no file.",
    ),
    "init.cannot_write": (
        "Không ghi được “{path}”: {reason}. Hãy chọn một thư mục mà bạn có quyền ghi.",
        "Cannot write “{path}”: {reason}. Choose a folder you can write to.",
    ),
    # --- h2: edits that spread, periods of recurring duties, locks, permissions, a full disk -------
    "edit.shared": (
        "Không sửa {path}: phần cần sửa thuộc neo YAML “&{anchor}” của {owner_kind} {owner} (dòng {line}), "
        "mà {user_kind} {user} (dòng {user_line}) dùng chung qua “*{anchor}”; sửa một chỗ sẽ đổi cả chỗ kia. "
        "Hãy viết đầy đủ nội dung cho {user_kind} {user} thay cho “*{anchor}” rồi chạy lại lệnh. "
        "Tệp giữ nguyên.",
        "Not editing {path}: what the change touches belongs to the YAML anchor “&{anchor}” of {owner_kind} "
        "{owner} (line {line}), which {user_kind} {user} (line {user_line}) shares through “*{anchor}”; "
        "changing one would change the other. Write {user_kind} {user} out in full instead of "
        "“*{anchor}” and run the command again. The file is unchanged.",
    ),
    "edit.key": ("mục", "entry"),
    "edit.mixed_line_ends": (
        "Không sửa {path}: tệp lẫn lộn hai kiểu xuống dòng (CRLF của Windows và LF). Hãy đưa về một kiểu "
        "(trình soạn thảo làm được việc này) rồi chạy lại lệnh.",
        "Not editing {path}: it mixes line endings (Windows CRLF and LF). Make them all one kind "
        "(an editor can) and run the command again.",
    ),
    "edit.period_needed": (
        "“{id}” là nhiệm vụ định kỳ: hãy ghi rõ kỳ sau dấu #, ví dụ “{example}”. Các kỳ còn mở: {periods}.",
        "“{id}” is a recurring duty: name the period after a #, e.g. “{example}”. Open periods: {periods}.",
    ),
    "edit.period_needed_reopen": (
        "“{id}” là nhiệm vụ định kỳ: hãy ghi rõ kỳ cần mở lại sau dấu #, ví dụ “{example}”. "
        "Các kỳ đã hoàn thành hoặc dừng thực hiện: {periods}.",
        "“{id}” is a recurring duty: name the period to reopen after a #, e.g. “{example}”. "
        "Periods done or cancelled: {periods}.",
    ),
    "edit.unknown_period": (
        "“{id}” không có kỳ “{period}”. Các kỳ đã bắt đầu: {periods}.",
        "“{id}” has no period “{period}”. Periods begun: {periods}.",
    ),
    "edit.period_not_begun": (
        "Kỳ “{period}” của “{id}” bắt đầu từ ngày {start}, chưa đến.",
        "Period “{period}” of “{id}” begins on {start}: it has not begun.",
    ),
    "edit.not_recurring": (
        "“{id}” không phải nhiệm vụ định kỳ nên không có kỳ “{period}”; hãy dùng “{id}”.",
        "“{id}” is not a recurring duty and has no period “{period}”; use “{id}”.",
    ),
    "edit.period_day": (
        "Ngày {day} không thuộc kỳ “{period}” ({start}–{end}) của “{id}”; "
        "hãy ghi --on là một ngày trong kỳ đó.",
        "{day} is not in period “{period}” ({start}–{end}) of “{id}”; give --on a day in that period.",
    ),
    "edit.each_period": (
        "“{id}” giao cho từng đơn vị: hãy ghi rõ đơn vị, ví dụ “{id}@ĐƠN_VỊ”.",
        "“{id}” is given to each assignee: name one, e.g. “{id}@ORG”.",
    ),
    "edit.bad_recurrence": (
        "Không đọc được lịch của nhiệm vụ định kỳ “{id}” (every, from, until); hãy chạy “dothi validate” "
        "và sửa trước.",
        "The schedule of the recurring duty “{id}” (every, from, until) cannot be read; run "
        "“dothi validate” and fix it first.",
    ),
    "edit.blank": ("{option} không được để trống.", "{option} must not be empty."),
    "edit.busy_repository": (
        "Một lệnh dothi khác đang sửa dữ liệu của kho này; chưa ghi {path}. Hãy chạy lại sau ít phút.",
        "Another dothi command is editing this repository; {path} was not written. "
        "Run this again in a moment.",
    ),
    "edit.lock_permission": (
        "Không sửa được {path}: không có quyền tạo khóa trong {folder}. Hãy xin quyền ghi vào thư mục đó "
        "(hoặc xóa thư mục để dothi tạo lại) rồi chạy lại lệnh.",
        "Cannot edit {path}: no permission to make a lock in {folder}. Get write permission there "
        "(or delete the folder for dothi to make it again) and run the command again.",
    ),
    "edit.lock_outside": (
        "Không sửa: {folder} là liên kết (symlink) tới nơi khác, dothi không tạo khóa ngoài kho dữ liệu. "
        "Hãy xóa liên kết đó rồi chạy lại lệnh.",
        "Not editing: {folder} is a symlink to somewhere else, and dothi makes no lock outside the "
        "data repository. Delete the symlink and run the command again.",
    ),
    "edit.cannot_read": (
        "Không đọc được {path}: không có quyền đọc tệp này.",
        "Cannot read {path}: no permission to read it.",
    ),
    "edit.cannot_write": (
        "Không ghi được {path}: không có quyền ghi vào {place}. Tệp giữ nguyên; hãy xin quyền ghi "
        "rồi chạy lại lệnh.",
        "Cannot write {path}: no permission to write to {place}. The file is unchanged; get write "
        "permission and run the command again.",
    ),
    "edit.disk_full": (
        "Không ghi được {path}: ổ đĩa đã đầy. Tệp giữ nguyên; hãy giải phóng dung lượng rồi chạy lại lệnh.",
        "Cannot write {path}: the disk is full. The file is unchanged; free some space and run "
        "the command again.",
    ),
    "edit.not_written": (
        "Không ghi được {path}: {reason}. Tệp giữ nguyên.",
        "Cannot write {path}: {reason}. The file is unchanged.",
    ),
    # --- h1: files not read, control characters, assignees, early recurrences, bad characters
    "problem.bad-character": (
        "ký tự {code} không được phép trong tệp YAML (ký tự điều khiển hoặc ký tự đặc biệt không in ra được)",
        "the character {code} is not allowed in a YAML file "
        "(a control or special character that cannot be printed)",
    ),
    "hint.bad-character": (
        "xóa ký tự này; nó thường lọt vào khi dán văn bản từ chương trình khác (màn hình dòng lệnh, Word)",
        "delete it: it usually comes in with text pasted from another program (a terminal, Word)",
    ),
    "problem.control-character": (
        "giá trị chứa ký tự điều khiển {code}: "
        "ký tự này không in ra được và có thể làm rối màn hình dòng lệnh",
        "the value holds the control character {code}: it cannot be printed, and it can garble a terminal",
    ),
    "hint.control-character": (
        "xóa chuỗi thoát tạo ra ký tự này (như “\\e”, “\\x1b”, “\\u001b”) khỏi giá trị trong ngoặc kép",
        "delete the escape that makes it (such as “\\e”, “\\x1b”, “\\u001b”) from the double-quoted value",
    ),
    "problem.assignee-form.empty": (
        "{entity}“each” rỗng: nhiệm vụ không giao cho đơn vị nào nên sẽ không có trong báo cáo nào",
        "{entity}“each” is empty: the task is assigned to nobody, so no report would show it",
    ),
    "problem.assignee-form.nobody": (
        "{entity}các nhóm trong “each” không chỉ đơn vị nào: nhiệm vụ sẽ không có trong báo cáo nào",
        "{entity}the selectors in “each” name nobody: no report would show the task",
    ),
    "hint.assignee-form.nobody": (
        "liệt kê các đơn vị thực hiện, ví dụ “each: [bxd, ha-noi]”, hoặc ghi “lead: bxd”",
        "list the assignees, e.g. “each: [bxd, ha-noi]”, or write “lead: bxd”",
    ),
    "problem.empty-selector": (
        "{entity}nhóm “{selector}” không chỉ đơn vị nào trong dữ liệu",
        "{entity}the selector “{selector}” names nobody in the data",
    ),
    "hint.empty-selector": (
        "thêm {where}, hoặc bỏ nhóm này khỏi “each”",
        "add {where}, or remove the selector from “each”",
    ),
    "selects.localities": ("tệp địa phương vào data/localities/", "locality files to data/localities/"),
    "selects.cities": (
        "địa phương có “kind: city” vào data/localities/",
        "localities with “kind: city” to data/localities/",
    ),
    "selects.provinces": (
        "địa phương có “kind: province” vào data/localities/",
        "localities with “kind: province” to data/localities/",
    ),
    "selects.ministries": (
        "tổ chức có “kind: ministry” vào data/members.yaml",
        "organizations with “kind: ministry” to data/members.yaml",
    ),
    "selects.members": ("thành viên vào data/members.yaml", "members to data/members.yaml"),
    "problem.early-start": (
        "{entity}“from” ({day}) sớm hơn kỳ mà nhiệm vụ được giao ({directive_day}): "
        "các kỳ đã kết thúc trước kỳ đó không được theo dõi",
        "{entity}“from” ({day}) is before the period in which the duty was assigned ({directive_day}): "
        "periods that ended earlier are not tracked",
    ),
    "hint.early-start": (
        "kiểm tra lại “from”; muốn theo dõi việc của một kỳ trước đó, thêm một nhiệm vụ riêng có “deadline”",
        "check “from”; to track the work of an earlier period, add a task of its own with a “deadline”",
    ),
    "hint.duplicate-file": (
        "đổi tên một trong hai tệp: tên tệp là mã của văn bản",
        "rename one of the two files: a file's name is the directive's id",
    ),
    "problem.unreadable.broken-link": (
        "không đọc được tệp: đây là liên kết tới “{target}”, nơi không có tệp nào",
        "cannot read the file: it is a link to “{target}”, which does not exist",
    ),
    "hint.unreadable.link": (
        "sửa liên kết cho đúng, hoặc thay nó bằng chính tệp dữ liệu",
        "correct the link, or put the data file itself in its place",
    ),
    "problem.unreadable.folder": ("không đọc được thư mục: {reason}", "cannot read the folder: {reason}"),
    "problem.unread.folder": (
        "không đọc: đây là một thư mục, không phải tệp",
        "not read: this is a folder, not a file",
    ),
    "hint.unread.folder": (
        "dữ liệu phải nằm trong một tệp: đổi tên thư mục này (bỏ đuôi “.yaml”)",
        "data must be in a file: rename this folder (without “.yaml”)",
    ),
    "problem.unread.special": (
        "không đọc: đây không phải tệp thường (mà là ống dẫn, thiết bị hoặc socket)",
        "not read: this is not a regular file (but a pipe, a device or a socket)",
    ),
    "hint.unread.special": ("thay bằng một tệp YAML thường", "replace it with a plain YAML file"),
    "problem.unread.not-folder": (
        "không đọc: đây phải là thư mục chứa các tệp .yaml, nhưng lại là một tệp",
        "not read: this must be a folder of .yaml files, but it is a file",
    ),
    "hint.unread.not-folder": (
        "chuyển tệp này đi nơi khác, tạo thư mục cùng tên và đặt các tệp .yaml vào đó",
        "move this file elsewhere, create a folder of that name and put the .yaml files in it",
    ),
    "problem.unread.suffix": (
        "không đọc: tên tệp dữ liệu phải có đuôi “.yaml” viết thường",
        "not read: a data file's name must end in “.yaml”, in lower case",
    ),
    "hint.unread.rename": ("đổi tên tệp thành “{name}”", "rename it to “{name}”"),
    "problem.unread.nested": (
        "không đọc: dothi chỉ đọc các tệp nằm ngay trong {folder}/, không đọc thư mục con",
        "not read: dothi reads only the files directly in {folder}/, not those in subfolders",
    ),
    "hint.unread.nested": (
        "chuyển tệp lên {folder}/ (tên tệp là mã, nên phải khác tên các tệp đã có ở đó)",
        "move it up into {folder}/ (its name is its id, so it must differ from the names there)",
    ),
    "problem.unread.linked-folder": (
        "không đọc: đây là liên kết tới một thư mục, và dothi không đọc thư mục con",
        "not read: this is a link to a folder, and dothi does not read subfolders",
    ),
    "hint.unread.linked-folder": (
        "chuyển các tệp .yaml trong thư mục đó vào đây, rồi xóa liên kết",
        "move the .yaml files it holds in here, then delete the link",
    ),
    "problem.unread.stray": (
        "không đọc: trong data/, dothi chỉ đọc members.yaml, requirements.yaml, calendar.yaml, "
        "settings.yaml và hai thư mục tasks/, localities/",
        "not read: in data/, dothi reads only members.yaml, requirements.yaml, calendar.yaml, "
        "settings.yaml and the folders tasks/ and localities/",
    ),
    "hint.unread.stray": (
        "đặt văn bản giao nhiệm vụ trong data/tasks/, địa phương trong data/localities/; "
        "tệp khác thì chuyển ra ngoài data/",
        "put a directive in data/tasks/ and a locality in data/localities/; move any other file out of data/",
    ),
    # --- h3: templates fenced in, outputs that refuse and fail cleanly (issue 21) ----------------
    "brief.error.outside": (
        "Mẫu báo cáo “{name}” bị chặn: “{target}” dẫn ra ngoài thư mục templates/ (qua liên kết"
        " tượng trưng); mẫu chỉ được đọc các tệp nằm trong thư mục này.",
        "Template “{name}” was stopped: “{target}” leads outside the templates/ folder (through a"
        " symbolic link); a template may only read files inside that folder.",
    ),
    "brief.error.too_long": (
        "Mẫu báo cáo “{name}” bị dừng vì chạy quá lâu (quá {seconds} giây hoặc {millions} triệu bước"
        " lặp); hãy giảm các vòng lặp lồng nhau trong mẫu.",
        "Template “{name}” was stopped for running too long (over {seconds} seconds or {millions}"
        " million loop steps); reduce the nested loops in the template.",
    ),
    "brief.error.too_big": (
        "Mẫu báo cáo “{name}” bị dừng vì tạo ra quá nhiều nội dung (quá {millions} triệu ký tự); hãy"
        " kiểm tra các vòng lặp và các phép nhân chuỗi trong mẫu.",
        "Template “{name}” was stopped for writing too much (over {millions} million characters);"
        " check the loops and the repeated strings in the template.",
    ),
    "usage.day_out_of_range": (
        "Tùy chọn {option}: ngày “{written}” nằm ngoài khoảng cho phép, từ {first} đến {last}",
        "Option {option}: “{written}” is outside the allowed range, {first} to {last}",
    ),
    "output.error.not_folder": (
        "“{path}” đã có và không phải là thư mục; hãy chọn một thư mục (tệp này được giữ nguyên).",
        "“{path}” exists and is not a folder; choose a folder (that file was left as it was).",
    ),
    "output.error.is_folder": (
        "“{path}” là một thư mục; --out cần tên một tệp.",
        "“{path}” is a folder; --out needs the name of a file.",
    ),
    "output.error.special": (
        "“{path}” không phải là tệp thông thường (thiết bị khối hoặc socket); dothi không ghi vào đó.",
        "“{path}” is not a regular file (a block device or a socket); dothi does not write to it.",
    ),
    "output.error.cannot_write": (
        "Không ghi được “{path}”: {reason}. Không tệp nào bị thay đổi.",
        "Cannot write “{path}”: {reason}. No file was changed.",
    ),
    "output.reason.permission": ("không có quyền ghi vào đó", "no permission to write there"),
    "output.reason.read_only": ("ổ đĩa chỉ cho phép đọc", "the file system is read-only"),
    "output.reason.full": ("ổ đĩa đã đầy", "the disk is full"),
    "output.reason.other": ("{detail}", "{detail}"),
    "schema.error.not_ours": (
        "“{path}” đã có và không phải lược đồ do dothi tạo; dùng --force để ghi đè.",
        "“{path}” exists and is not a schema written by dothi; use --force to overwrite it.",
    ),
}


def data_text(key: str, /, **params: object) -> str:
    """Text that stands in for data (an item's title), so Vietnamese like the data it sits beside."""
    return Catalogue("vi").get(key, **params)


class Catalogue:
    """Looks texts up in one language, and writes numbers and dates as that language does."""

    def __init__(self, lang: str = DEFAULT_LANGUAGE) -> None:
        self.lang = lang if lang in LANGUAGES else DEFAULT_LANGUAGE
        self._index = LANGUAGES.index(self.lang)

    def get(self, key: str, /, **params: object) -> str:
        if self.lang == "en" and any(str(params.get(n)) == "1" for n in ("count", "days")):
            key = key + ".one" if key + ".one" in CATALOGUE else key
        entry = CATALOGUE.get(key)
        template = entry[self._index] if entry else key
        return _format(template, {name: str(value) for name, value in params.items()})

    def number(self, value: int) -> str:
        """21.914 in Vietnamese, 21,914 in English (SPEC §4)."""
        written = f"{value:,}"
        return written.replace(",", ".") if self.lang == "vi" else written

    def decimal(self, value: float) -> str:
        """2,5 in Vietnamese, 2.5 in English; whole numbers without decimals."""
        if float(value).is_integer():
            return self.number(int(value))
        written = f"{value:,.3f}".rstrip("0")
        if self.lang == "vi":
            written = written.replace(",", " ").replace(".", ",").replace(" ", ".")
        return written

    def percent(self, fraction: float | None) -> str:
        """98,62% in Vietnamese, 98.62% in English; a dash when there is nothing to divide."""
        if fraction is None:
            return self.get("value.none")
        written = f"{fraction * 100:,.2f}"
        if self.lang == "vi":
            written = written.replace(",", " ").replace(".", ",").replace(" ", ".")
        return written + "%"

    def score(self, value: int | None) -> str:
        """A plan's score, or a dash when no section is required (nothing to score)."""
        return self.get("value.none") if value is None else str(value)

    def day(self, value: date | None) -> str:
        """Day first, as Vietnamese documents write it (5/6/2025 is 5 June); ISO in English."""
        if value is None:
            return self.get("value.none")
        return format_day_first(value) if self.lang == "vi" else value.isoformat()

    def dateline(self, value: date) -> str:
        """Decree 30's date line: "Hà Nội, ngày 05 tháng 8 năm 2025" (days below 10 and months 1–2 padded)."""
        if self.lang == "vi":
            month = f"{value.month:02d}" if value.month <= 2 else str(value.month)
            return f"{self.get('brief.place')}, ngày {value.day:02d} tháng {month} năm {value.year}"
        return f"{self.get('brief.place')}, {value.day} {ENGLISH_MONTHS[value.month - 1]} {value.year}"

    def text(self, text: Text) -> str:
        """Fill a Text; ``entity`` ("task:t4") and ``*_key`` params are themselves translated."""
        params = dict(text.params)
        for name, value in text.params:
            if name.endswith("_key"):
                params[name.removesuffix("_key")] = self.get(value, **dict(text.params))
        kind, _, ident = params.get("entity", "").partition(":")
        params["entity"] = self.get(f"entity.{kind}", id=ident) if kind else ""
        return self.get(text.key, **params)


class _Lenient(dict[str, str]):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def _format(template: str, params: Mapping[str, str]) -> str:
    """Fill a template; an unknown placeholder stays visible rather than raising."""
    return Formatter().vformat(template, (), _Lenient(params))
