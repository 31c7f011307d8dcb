"""Reference data: the kinds of self-governing group, the assessment scale, the national criteria of new
rural construction (Quyết định 318/QĐ-TTg ngày 08/03/2022, tiêu chí xã nông thôn mới giai đoạn 2021–2025).

No official assessment scale for Hội quán exists (reference/legal-and-domain.md §5): the four grades below
are the ones provincial reports use; an administrator may change them in the admin."""

import datetime as dt

from django.db import migrations

KINDS = [
    # code, name, English, order, is cooperative, meeting every N days, grace days
    ("hoi-quan", "Hội quán", "Hội quán (community hall group)", 10, False, 30, 15),
    ("hop-tac-xa", "Hợp tác xã", "Cooperative", 20, True, 90, 30),
    ("to-hop-tac", "Tổ hợp tác", "Cooperative group", 30, False, 30, 15),
    ("to-tu-quan", "Tổ tự quản khu dân cư", "Self-managed residents' group", 40, False, 30, 15),
    ("to-an-ninh", "Tổ an ninh trật tự tự quản", "Security and order self-managed team", 50, False, 30, 15),
    ("to-moi-truong", "Tổ tự quản bảo vệ môi trường", "Environment self-managed team", 60, False, 30, 15),
    ("cau-lac-bo", "Câu lạc bộ", "Club", 70, False, 30, 15),
]
LEVELS = [
    ("tot", "Tốt", "Good", 1, False),
    ("kha", "Khá", "Fair", 2, False),
    ("trung-binh", "Trung bình", "Average", 3, False),
    ("yeu", "Yếu", "Weak", 4, True),
]
CITATION = "Quyết định 318/QĐ-TTg ngày 08/03/2022 (Bộ tiêu chí quốc gia về xã nông thôn mới 2021–2025)"
CRITERIA = [
    (1, "Quy hoạch", "Planning"),
    (2, "Giao thông", "Transport"),
    (3, "Thủy lợi và phòng, chống thiên tai", "Irrigation and disaster prevention"),
    (4, "Điện", "Electricity"),
    (5, "Trường học", "Schools"),
    (6, "Cơ sở vật chất văn hóa", "Cultural facilities"),
    (7, "Cơ sở hạ tầng thương mại nông thôn", "Rural commercial infrastructure"),
    (8, "Thông tin và Truyền thông", "Information and communication"),
    (9, "Nhà ở dân cư", "Housing"),
    (10, "Thu nhập", "Income"),
    (11, "Nghèo đa chiều", "Multidimensional poverty"),
    (12, "Lao động", "Labour"),
    (13, "Tổ chức sản xuất và phát triển kinh tế nông thôn", "Production and rural economy"),
    (14, "Giáo dục và Đào tạo", "Education and training"),
    (15, "Y tế", "Health"),
    (16, "Văn hóa", "Culture"),
    (17, "Môi trường và an toàn thực phẩm", "Environment and food safety"),
    (18, "Hệ thống chính trị và tiếp cận pháp luật", "Political system and access to law"),
    (19, "Quốc phòng và An ninh", "Defence and security"),
]


def load(apps, schema_editor):
    GroupKind = apps.get_model("communities", "GroupKind")
    AssessmentLevel = apps.get_model("communities", "AssessmentLevel")
    Criterion = apps.get_model("communities", "Criterion")
    for code, name, en, order, coop, every, grace in KINDS:
        GroupKind.objects.update_or_create(
            code=code,
            defaults=dict(
                name=name, name_en=en, order=order, is_cooperative=coop, meeting_every_days=every, grace_days=grace
            ),
        )
    for code, name, en, rank, weak in LEVELS:
        AssessmentLevel.objects.update_or_create(
            code=code, defaults=dict(name=name, name_en=en, rank=rank, is_weak=weak)
        )
    for number, name, en in CRITERIA:
        Criterion.objects.update_or_create(
            number=number,
            valid_from=dt.date(2021, 1, 1),
            defaults=dict(name=name, name_en=en, citation=CITATION),
        )


class Migration(migrations.Migration):
    dependencies = [("communities", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
