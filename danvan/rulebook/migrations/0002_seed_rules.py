"""Seed the legal rulebook and the official swap days.

Sources: /work/shared/reference/legal-and-domain.md (§1 Law 10/2022/QH15 and Decrees 59/2023, 61/2023;
§2 Laws on Complaints 2011, Denunciations 2018, Citizen Reception 2013, Decree 20/2008; §3 working days;
§6 Resolution 42/NQ-CP). `source_status` copies the reference's marking (VERIFIED / SECONDARY / UNVERIFIED).
The data is frozen here on purpose: later changes are made by a system administrator (admin or services)
and are audited. Re-running is safe: rows are matched by (key, valid_from) and by date.
"""

import datetime as dt
from decimal import Decimal

from django.db import migrations

D = dt.date
V, S, U = "verified", "secondary", "unverified"
CAL, WD, MON, FR, CNT = "calendar_days", "working_days", "months", "fraction", "count"

GRASSROOTS = "Luật Thực hiện dân chủ ở cơ sở số 10/2022/QH15"
DECREE_59 = "Nghị định số 59/2023/NĐ-CP"
DECREE_61 = "Nghị định số 61/2023/NĐ-CP"
COMPLAINTS = "Luật Khiếu nại số 02/2011/QH13"
DENUNCIATIONS = "Luật Tố cáo số 25/2018/QH14"
RECEPTION = "Luật Tiếp công dân số 42/2013/QH13"

LAW_2023 = D(2023, 7, 1)  # Law 10/2022/QH15 in force
DECREE_59_FROM = D(2023, 8, 15)
DECREE_61_FROM = D(2023, 8, 16)
COMPLAINTS_FROM = D(2012, 7, 1)
DENUNCIATIONS_FROM = D(2019, 1, 1)
RECEPTION_FROM = D(2014, 7, 1)
LAW_136_FROM = D(2026, 7, 1)

TWO_THIRDS = Decimal("0.666667")
HALF = Decimal("0.5")

# (key, title, value, unit, comparator, valid_from, valid_to, citation, source_status, note)
RULES = [
    # --- Công khai (dân biết) ---
    ("disclosure.publish", "Thời hạn công khai thông tin khi pháp luật chuyên ngành không quy định", 5, WD, "",
     LAW_2023, None, f"{GRASSROOTS}, Điều 12, khoản 3", V,
     "Chậm nhất 05 ngày làm việc kể từ ngày có quyết định hoặc văn bản cần công khai, trừ khi luật chuyên ngành "
     "quy định khác."),
    ("disclosure.posting", "Thời gian niêm yết tối thiểu (nội dung 1–3, 5–12 Điều 11)", 30, CAL, "",
     LAW_2023, None, f"{GRASSROOTS}, Điều 13", V,
     "Niêm yết liên tục ít nhất 30 ngày, trừ khi luật có quy định khác. Nội dung 4 (quy chế dân chủ, nhiệm vụ "
     "cán bộ, quy tắc ứng xử) và 13 (thủ tục hành chính) được niêm yết thường xuyên, cập nhật khi thay đổi."),
    ("disclosure.loudspeaker", "Thời gian thông báo trên hệ thống truyền thanh (nội dung 7–12 Điều 11)", 3, CAL, "",
     LAW_2023, None, f"{GRASSROOTS}, Điều 13", V, "Ít nhất 03 ngày liên tục."),
    ("disclosure.register_update", "Chu kỳ cập nhật danh mục thông tin đã công khai", 3, MON, "",
     LAW_2023, None, f"{GRASSROOTS}, Điều 13", V,
     "Danh mục thông tin đã công khai (hình thức, thời điểm) được lập và cập nhật hằng quý, niêm yết tại trụ sở "
     "và các điểm sinh hoạt cộng đồng."),
    # --- Bàn và quyết định (dân bàn, dân quyết) ---
    ("decision.contribution_hamlet_approval",
     "Tỷ lệ thông qua việc đóng góp, quỹ (nội dung 1–2 Điều 15) trong phạm vi thôn, tổ dân phố", TWO_THIRDS, FR,
     ">=", LAW_2023, None, f"{GRASSROOTS}, Điều 21, khoản 1", V,
     "Từ 2/3 tổng số đại diện hộ gia đình của thôn, tổ dân phố tán thành (mẫu số là tổng số hộ, không phải số hộ "
     "có mặt)."),
    ("decision.contribution_commune_approval",
     "Tỷ lệ thôn, tổ dân phố tán thành việc đóng góp, quỹ (nội dung 1–2 Điều 15) trong phạm vi toàn xã",
     TWO_THIRDS, FR, ">=", LAW_2023, None, f"{GRASSROOTS}, Điều 21, khoản 1", V,
     "Từ 2/3 tổng số thôn, tổ dân phố của xã tán thành; mỗi thôn quyết định theo tỷ lệ của thôn."),
    ("decision.community_approval",
     "Tỷ lệ thông qua hương ước, bầu trưởng thôn, thành viên các ban và việc khác (nội dung 3–6 Điều 15)", HALF,
     FR, ">", LAW_2023, None, f"{GRASSROOTS}, Điều 21, khoản 1", V,
     "Trên 50% tổng số đại diện hộ gia đình của thôn, tổ dân phố tán thành."),
    ("decision.procedural_vote", "Tỷ lệ biểu quyết các vấn đề thủ tục trong cuộc họp cộng đồng dân cư", HALF, FR,
     ">", DECREE_59_FROM, None, f"{DECREE_59}, Điều 3, khoản 5", V,
     "Trên 50% đại diện hộ gia đình có mặt (chọn thư ký, Ban kiểm phiếu, phương án biểu quyết)."),
    ("decision.online_poll_approval", "Tỷ lệ hộ đồng ý áp dụng hình thức biểu quyết trực tuyến", HALF, FR, ">",
     DECREE_59_FROM, None, f"{DECREE_59}, Điều 5", V,
     "Chỉ áp dụng cho nội dung 6 Điều 15 của Luật; trên 50% tổng số hộ gia đình đồng ý."),
    ("decision.online_approval", "Tỷ lệ thông qua khi biểu quyết trực tuyến", HALF, FR, ">",
     DECREE_59_FROM, None, f"{DECREE_59}, Điều 5", V, "Trên 50% tổng số hộ gia đình tán thành."),
    ("decision.initiative_consent", "Tỷ lệ hộ đồng thuận để sáng kiến của công dân được đưa ra cộng đồng bàn",
     Decimal("0.1"), FR, ">=", LAW_2023, None, f"{GRASSROOTS}, Điều 16", V,
     "Từ 10% số hộ gia đình trong thôn, tổ dân phố; dưới 10% vẫn có thể đưa ra nếu Ban công tác Mặt trận đồng ý."),
    ("decision.initiative_consent_validity", "Thời hạn giá trị của ý kiến đồng thuận sáng kiến", 3, MON, "",
     LAW_2023, None, f"{GRASSROOTS}, Điều 16", V, "Ý kiến đồng thuận có giá trị trong 03 tháng."),
    ("decision.minutes_submit", "Thời hạn gửi biên bản, kết quả bàn và quyết định đến UBND và MTTQ cấp xã", 5, WD,
     "", LAW_2023, None, f"{GRASSROOTS}, Điều 20", V,
     "Trong 05 ngày làm việc kể từ khi kết thúc cuộc họp, phát phiếu hoặc biểu quyết trực tuyến."),
    ("decision.recognition",
     "Thời hạn UBND (hoặc Ủy ban MTTQ) cấp xã công nhận quyết định của cộng đồng dân cư", 5, WD, "",
     LAW_2023, None, f"{GRASSROOTS}, Điều 21, khoản 2", V,
     "Hương ước, quy ước (nội dung 3) và trưởng thôn (nội dung 4) có hiệu lực khi UBND cấp xã công nhận; thành "
     "viên Ban TTND, Ban GSĐTCĐ (nội dung 5) khi Ủy ban MTTQ cấp xã công nhận. Công nhận trong 05 ngày làm việc "
     "kể từ ngày nhận, hoặc từ chối bằng văn bản nêu rõ lý do."),
    ("decision.cluster_meeting_households", "Số hộ của thôn, tổ dân phố được họp theo cụm dân cư", 200, CNT, ">=",
     DECREE_59_FROM, None, f"{GRASSROOTS}, Điều 18; {DECREE_59}, Điều 3", V,
     "Thôn có từ 200 hộ trở lên hoặc địa bàn phân tán được họp theo cụm; UBND xã duyệt phương án, kết quả các cụm "
     "được cộng lại."),
    # --- Lấy ý kiến ---
    ("consultation.period", "Thời gian lấy ý kiến Nhân dân tối thiểu", 20, CAL, "", LAW_2023, None,
     f"{GRASSROOTS}, Điều 27–28", V, "Ít nhất 20 ngày kể từ ngày công bố, trừ khi luật có quy định khác."),
    # --- Hương ước, quy ước ---
    ("convention.comment_period", "Thời gian niêm yết dự thảo hương ước, quy ước để lấy ý kiến", 30, CAL, "",
     DECREE_61_FROM, None, f"{DECREE_61}, Điều 7–14", V,
     "Dự thảo được niêm yết tại nhà văn hóa hoặc bảng tin ít nhất 30 ngày."),
    ("convention.adoption", "Tỷ lệ thông qua hương ước, quy ước", HALF, FR, ">", DECREE_61_FROM, None,
     f"{DECREE_61}, Điều 7–14", V, "Trên 50% tổng số đại diện hộ gia đình tán thành."),
    ("convention.adoption_quorum", "Tỷ lệ hộ có mặt để cuộc họp thông qua hương ước, quy ước hợp lệ", HALF, FR,
     ">", DECREE_61_FROM, None, f"{DECREE_61}, Điều 7–14", V,
     "Trên 50% số hộ phải có mặt; nếu không đủ thì phát phiếu lấy ý kiến hộ gia đình."),
    # --- Khiếu nại ---
    ("complaint.filing_limit", "Thời hiệu khiếu nại", 90, CAL, "", COMPLAINTS_FROM, None,
     f"{COMPLAINTS}, Điều 9", V,
     "90 ngày kể từ ngày nhận được hoặc biết được quyết định, hành vi hành chính; thời gian trở ngại khách quan "
     "(ốm đau, thiên tai, địch họa, đi công tác, học tập ở nơi xa…) không tính vào thời hiệu."),
    ("complaint.accept", "Thời hạn thụ lý giải quyết khiếu nại", 10, WD, "", COMPLAINTS_FROM, D(2026, 6, 30),
     f"{COMPLAINTS}, Điều 27, Điều 36; Thông tư 07/2013/TT-TTCP, Điều 5 (sửa đổi bởi Thông tư 02/2016/TT-TTCP)", V,
     "Luật quy định 10 ngày; văn bản hướng dẫn tính là 10 ngày làm việc kể từ ngày nhận đơn."),
    ("complaint.accept", "Thời hạn thụ lý giải quyết khiếu nại", 7, WD, "", LAW_136_FROM, None,
     "Luật số 136/2025/QH15; Nghị định 155/2026/NĐ-CP, Điều 10 (sửa đổi khoản 1 Điều 16 Nghị định 124/2020/NĐ-CP)",
     U, "Áp dụng từ 01/07/2026. Giá trị lấy từ bản sao nghị định chưa đối chiếu với văn bản gốc; cần kiểm tra lại."),
    ("complaint.resolve_first", "Thời hạn giải quyết khiếu nại lần đầu", 30, CAL, "", COMPLAINTS_FROM, None,
     f"{COMPLAINTS}, Điều 28", V, "Không quá 30 ngày kể từ ngày thụ lý."),
    ("complaint.resolve_first_complex", "Thời hạn giải quyết khiếu nại lần đầu (vụ việc phức tạp)", 45, CAL, "",
     COMPLAINTS_FROM, None, f"{COMPLAINTS}, Điều 28", V, "Không quá 45 ngày kể từ ngày thụ lý."),
    ("complaint.resolve_first_remote", "Thời hạn giải quyết khiếu nại lần đầu ở vùng sâu, vùng xa", 45, CAL, "",
     COMPLAINTS_FROM, None, f"{COMPLAINTS}, Điều 28", V, "Không quá 45 ngày kể từ ngày thụ lý."),
    ("complaint.resolve_first_remote_complex",
     "Thời hạn giải quyết khiếu nại lần đầu ở vùng sâu, vùng xa (vụ việc phức tạp)", 60, CAL, "", COMPLAINTS_FROM,
     None, f"{COMPLAINTS}, Điều 28", V, "Không quá 60 ngày kể từ ngày thụ lý."),
    ("complaint.decision_send", "Thời hạn gửi quyết định giải quyết khiếu nại lần đầu", 3, WD, "", COMPLAINTS_FROM,
     None, f"{COMPLAINTS}, Điều 32", V, "Trong 03 ngày làm việc kể từ ngày ban hành quyết định."),
    ("complaint.appeal_window", "Thời hạn khiếu nại lần hai", 30, CAL, "", COMPLAINTS_FROM, None,
     f"{COMPLAINTS}, Điều 33", V,
     "30 ngày kể từ ngày hết thời hạn giải quyết lần đầu mà không được giải quyết, hoặc kể từ ngày nhận quyết "
     "định giải quyết lần đầu; người khiếu nại cũng có thể khởi kiện vụ án hành chính."),
    ("complaint.appeal_window_remote", "Thời hạn khiếu nại lần hai ở vùng sâu, vùng xa", 45, CAL, "",
     COMPLAINTS_FROM, None, f"{COMPLAINTS}, Điều 33", V, "Có thể kéo dài đến 45 ngày."),
    ("complaint.resolve_second", "Thời hạn giải quyết khiếu nại lần hai", 45, CAL, "", COMPLAINTS_FROM, None,
     f"{COMPLAINTS}, Điều 37", V, "Không quá 45 ngày kể từ ngày thụ lý; bắt buộc tổ chức đối thoại (Điều 39)."),
    ("complaint.resolve_second_complex", "Thời hạn giải quyết khiếu nại lần hai (vụ việc phức tạp)", 60, CAL, "",
     COMPLAINTS_FROM, None, f"{COMPLAINTS}, Điều 37", V, "Không quá 60 ngày kể từ ngày thụ lý."),
    ("complaint.resolve_second_remote", "Thời hạn giải quyết khiếu nại lần hai ở vùng sâu, vùng xa", 60, CAL, "",
     COMPLAINTS_FROM, None, f"{COMPLAINTS}, Điều 37", V, "Không quá 60 ngày kể từ ngày thụ lý."),
    ("complaint.resolve_second_remote_complex",
     "Thời hạn giải quyết khiếu nại lần hai ở vùng sâu, vùng xa (vụ việc phức tạp)", 70, CAL, "", COMPLAINTS_FROM,
     None, f"{COMPLAINTS}, Điều 37", V, "Không quá 70 ngày kể từ ngày thụ lý."),
    # --- Tố cáo ---
    ("denunciation.process", "Thời hạn xử lý ban đầu thông tin tố cáo", 7, WD, "", DENUNCIATIONS_FROM, None,
     f"{DENUNCIATIONS}, Điều 24", V,
     "Trong 07 ngày làm việc kể từ ngày nhận: vào sổ, phân loại, kiểm tra danh tính người tố cáo và điều kiện thụ lý."),
    ("denunciation.process_multi_site", "Thời hạn xử lý ban đầu tố cáo cần xác minh ở nhiều địa điểm", 10, WD, "",
     DENUNCIATIONS_FROM, None, f"{DENUNCIATIONS}, Điều 24", V,
     "Không quá 10 ngày làm việc khi phải kiểm tra, xác minh ở nhiều địa điểm hoặc phải ủy quyền."),
    ("denunciation.forward", "Thời hạn chuyển tố cáo không thuộc thẩm quyền", 5, WD, "", DENUNCIATIONS_FROM, None,
     f"{DENUNCIATIONS}, Điều 24", V, "Chuyển trong 05 ngày làm việc và thông báo cho người tố cáo."),
    ("denunciation.notify_acceptance", "Thời hạn thông báo thụ lý tố cáo", 5, WD, "", DENUNCIATIONS_FROM, None,
     f"{DENUNCIATIONS}, Điều 29", V,
     "Thông báo cho người tố cáo và người bị tố cáo trong 05 ngày làm việc kể từ ngày ra quyết định thụ lý."),
    ("denunciation.resolve", "Thời hạn giải quyết tố cáo", 30, CAL, "", DENUNCIATIONS_FROM, None,
     f"{DENUNCIATIONS}, Điều 30", V, "Không quá 30 ngày kể từ ngày thụ lý."),
    ("denunciation.extension", "Thời gian mỗi lần gia hạn giải quyết tố cáo", 30, CAL, "", DENUNCIATIONS_FROM, None,
     f"{DENUNCIATIONS}, Điều 30; Nghị định 31/2019/NĐ-CP, Điều 3", V,
     "Mỗi lần gia hạn không quá 30 ngày, quyết định bằng văn bản và thông báo cho người tố cáo, người bị tố cáo."),
    ("denunciation.extensions_complex", "Số lần gia hạn tối đa (vụ việc phức tạp)", 1, CNT, "<=",
     DENUNCIATIONS_FROM, None, f"{DENUNCIATIONS}, Điều 30; Nghị định 31/2019/NĐ-CP, Điều 3", V,
     "Vụ việc phức tạp (có ít nhất 1 tiêu chí) được gia hạn một lần."),
    ("denunciation.extensions_especially_complex", "Số lần gia hạn tối đa (vụ việc đặc biệt phức tạp)", 2, CNT,
     "<=", DENUNCIATIONS_FROM, None, f"{DENUNCIATIONS}, Điều 30; Nghị định 31/2019/NĐ-CP, Điều 3", V,
     "Vụ việc đặc biệt phức tạp (có từ 2 tiêu chí trở lên) được gia hạn hai lần."),
    ("denunciation.conclusion_send", "Thời hạn gửi kết luận nội dung tố cáo", 5, WD, "", DENUNCIATIONS_FROM, None,
     f"{DENUNCIATIONS}, Điều 35", V, "Gửi người tố cáo và người bị tố cáo trong 05 ngày làm việc."),
    # --- Tiếp công dân ---
    ("reception.answer", "Thời hạn trả lời sau khi tiếp công dân", 10, WD, "", RECEPTION_FROM, None,
     f"{RECEPTION}, Điều 28", V,
     "Trong 10 ngày làm việc, người tiếp công dân thông báo việc thụ lý, cần thêm thời gian xác minh, từ chối hoặc "
     "chuyển đến cơ quan có thẩm quyền."),
    ("reception.commune_chair_days_per_week", "Số ngày tiếp công dân định kỳ của Chủ tịch UBND cấp xã mỗi tuần", 1,
     CNT, ">=", RECEPTION_FROM, None, f"{RECEPTION}, Điều 15", V,
     "Ít nhất 01 ngày trong tuần tại trụ sở UBND xã. Quy định sau ngày 01/07/2026 (Luật số 136/2025/QH15) chưa "
     "được kiểm chứng."),
    # --- Phản ánh, kiến nghị ---
    ("feedback.forward", "Thời hạn chuyển phản ánh, kiến nghị không thuộc thẩm quyền", 5, WD, "", LAW_2023, None,
     "Nghị định số 20/2008/NĐ-CP (sửa đổi bởi Nghị định 48/2013/NĐ-CP và 92/2017/NĐ-CP), Điều 9", V,
     "Ghi nhận trong bộ quy định từ mốc 01/07/2023 của nền tảng; nghị định có hiệu lực từ năm 2008."),
    # --- Giám sát ---
    ("supervision.answer",
     "Thời hạn UBND xã trả lời kiến nghị của Ban Thanh tra nhân dân, Ban Giám sát đầu tư của cộng đồng", 15, CAL, "",
     LAW_2023, None, f"{GRASSROOTS}, Điều 40, Điều 45", V, "Trong 15 ngày kể từ ngày nhận kiến nghị."),
    # --- Hỗ trợ (Nghị quyết 42) ---
    ("support_list.posting", "Thời gian niêm yết công khai danh sách đề nghị hỗ trợ tại xã", 2, WD, "",
     D(2020, 4, 9), None, "Nghị quyết 42/NQ-CP ngày 09/04/2020; Quyết định 15/2020/QĐ-TTg", S,
     "Niêm yết 02 ngày làm việc, dưới sự giám sát của đại diện Ủy ban MTTQ và các tổ chức chính trị – xã hội, "
     "trước khi gửi cấp trên."),
]

SWAP_NOTE = ("Dữ liệu theo gói holidays 0.109 (ngày hoán đổi của cơ quan hành chính nhà nước); số hiệu văn bản "
             "chưa đối chiếu, quản trị viên cần kiểm tra và bổ sung.")
SWAPS = [
    (D(2025, 4, 26), "worked", D(2025, 5, 2),
     "Thông báo hoán đổi ngày làm việc dịp Ngày Chiến thắng 30/4 và Quốc tế Lao động 1/5 năm 2025"),
    (D(2025, 5, 2), "off", D(2025, 4, 26),
     "Thông báo hoán đổi ngày làm việc dịp Ngày Chiến thắng 30/4 và Quốc tế Lao động 1/5 năm 2025"),
    (D(2026, 8, 22), "worked", D(2026, 8, 31), "Thông báo hoán đổi ngày làm việc dịp Quốc khánh 2/9 năm 2026"),
    (D(2026, 8, 31), "off", D(2026, 8, 22), "Thông báo hoán đổi ngày làm việc dịp Quốc khánh 2/9 năm 2026"),
]


def seed(apps, schema_editor):
    LegalRule = apps.get_model("rulebook", "LegalRule")
    DaySwap = apps.get_model("rulebook", "DaySwap")
    for key, title, value, unit, comparator, valid_from, valid_to, citation, status, note in RULES:
        LegalRule.objects.update_or_create(
            key=key, valid_from=valid_from,
            defaults={
                "title": title, "value": Decimal(value), "unit": unit, "comparator": comparator,
                "valid_to": valid_to, "citation": citation, "source_status": status, "note": note,
            },
        )
    for day, kind, paired, citation in SWAPS:
        DaySwap.objects.update_or_create(
            date=day, defaults={"kind": kind, "paired_date": paired, "citation": citation, "note": SWAP_NOTE}
        )


class Migration(migrations.Migration):
    dependencies = [("rulebook", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
