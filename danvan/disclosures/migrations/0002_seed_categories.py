"""Seed the 14 items a commune must disclose (Luật Thực hiện dân chủ ở cơ sở số 10/2022/QH15, Điều 11).

Posting rules from Điều 13: items 4 and 13 are posted permanently (updated on change), items 7–12 also go out
on the loudspeaker system. Item 14 ("other items") is not a fixed obligation, so it is not mandatory in the
register. Re-running is safe: rows are matched by number.
"""

from django.db import migrations

LAW = "Luật Thực hiện dân chủ ở cơ sở số 10/2022/QH15"

# (number, name, clause of Điều 11, permanent, loudspeaker, mandatory)
CATEGORIES = [
    (1, "Kế hoạch phát triển kinh tế - xã hội, phương án chuyển dịch cơ cấu kinh tế hằng năm của cấp xã và kết quả thực hiện", 1, False, False, True),
    (2, "Dự toán, quyết toán ngân sách cấp xã; tình hình thực hiện ngân sách hằng quý, 6 tháng, năm; kiến nghị của Kiểm toán nhà nước", 2, False, False, True),
    (3, "Dự án, công trình đầu tư trên địa bàn và tiến độ thực hiện; phương án thu hồi đất, bồi thường, hỗ trợ, tái định cư; quỹ đất công ích 5%; quy hoạch xây dựng, quy hoạch nông thôn", 3, False, False, True),
    (4, "Quy chế thực hiện dân chủ ở cơ sở; nhiệm vụ, quyền hạn của cán bộ, công chức cấp xã và người hoạt động ở thôn, tổ dân phố; quy tắc ứng xử", 4, True, False, True),
    (5, "Các quỹ, chương trình đầu tư, tài trợ; các khoản huy động Nhân dân đóng góp", 5, False, False, True),
    (6, "Quản lý, sử dụng tài sản công do cấp xã quản lý (mua sắm, sử dụng, thanh lý…)", 6, False, False, True),
    (7, "Chính sách hỗ trợ, trợ cấp, tín dụng, an sinh xã hội: tiêu chuẩn, đối tượng, quy trình bình xét và kết quả", 7, False, True, True),
    (8, "Hỗ trợ từ ngân sách khi thiên tai, dịch bệnh, thảm họa; việc sử dụng các khoản quyên góp, ủng hộ", 8, False, True, True),
    (9, "Thực hiện nghĩa vụ quân sự, nghĩa vụ công an: chỉ tiêu, danh sách đủ điều kiện, gọi nhập ngũ, tạm hoãn, miễn", 9, False, True, True),
    (10, "Kết quả thanh tra, kiểm tra, giải quyết vụ việc tham nhũng liên quan đến cán bộ cấp xã, thôn, tổ dân phố; kết quả lấy phiếu tín nhiệm", 10, False, True, True),
    (11, "Kế hoạch lấy ý kiến Nhân dân, nội dung lấy ý kiến, kết quả tổng hợp và giải trình, tiếp thu", 11, False, True, True),
    (12, "Các khoản phí, lệ phí và nghĩa vụ tài chính khác do cấp xã trực tiếp thu", 12, False, True, True),
    (13, "Thủ tục hành chính do cấp xã trực tiếp giải quyết", 13, True, False, True),
    (14, "Nội dung khác theo quy định của pháp luật, theo yêu cầu của cơ quan có thẩm quyền hoặc quy chế thực hiện dân chủ", 14, False, False, False),
]


def seed(apps, schema_editor):
    Category = apps.get_model("disclosures", "DisclosureCategory")
    for number, name, clause, permanent, loudspeaker, mandatory in CATEGORIES:
        Category.objects.update_or_create(
            number=number,
            defaults={
                "name": name,
                "citation": f"{LAW}, Điều 11, khoản {clause}",
                "permanent": permanent,
                "loudspeaker_required": loudspeaker,
                "mandatory": mandatory,
            },
        )


class Migration(migrations.Migration):
    dependencies = [("disclosures", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
