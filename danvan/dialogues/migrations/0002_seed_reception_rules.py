"""Seed the reception rules of the rulebook (reference/legal-and-domain.md §2.3).

`reception.commune_chair_days_per_week` and `reception.answer` are seeded by rulebook 0002. Re-running is
safe: rows are matched by (key, valid_from).
"""

import datetime as dt
from decimal import Decimal

from django.db import migrations

D = dt.date
RECEPTION = "Luật Tiếp công dân số 42/2013/QH13"
REG_11 = "Quy định số 11-QĐi/TW ngày 18/02/2019 của Bộ Chính trị"
KL_215 = "Kết luận số 215-KL/TW (11/2025)"
RECEPTION_FROM = D(2014, 7, 1)
REG_11_FROM = D(2019, 2, 18)
KL_215_FROM = D(2025, 11, 28)

RULES = [
    ("reception.provincial_chair_days_per_month",
     "Số ngày tiếp công dân định kỳ của Chủ tịch UBND cấp tỉnh mỗi tháng", 1, "count", ">=",
     RECEPTION_FROM, None, f"{RECEPTION}, Điều 12", "verified", "Ít nhất 01 ngày trong tháng."),
    ("reception.commune_party_secretary_days_per_month",
     "Số ngày tiếp dân định kỳ của Bí thư cấp ủy cấp xã mỗi tháng", 2, "count", ">=",
     REG_11_FROM, D(2025, 11, 27), f"{REG_11}, Điều 4", "secondary", "Ít nhất 02 ngày trong tháng."),
    ("reception.commune_party_secretary_days_per_month",
     "Số ngày tiếp dân định kỳ của Bí thư cấp ủy cấp xã mỗi tháng", 2, "count", ">=",
     KL_215_FROM, None, f"{REG_11}, sửa đổi theo {KL_215}", "secondary",
     "Ít nhất 02 ngày trong tháng. Ngày áp dụng lấy theo ngày đưa tin (nld.com.vn 28/11/2025), cần đối chiếu."),
    ("reception.provincial_party_secretary_days_per_month",
     "Số ngày tiếp dân định kỳ của Bí thư Tỉnh ủy mỗi tháng", 1, "count", ">=",
     REG_11_FROM, None, f"{REG_11}, Điều 4; {KL_215}", "secondary", "Ít nhất 01 ngày trong tháng."),
    ("reception.schedule_notice", "Thời hạn thông báo lịch tiếp công dân trước ngày tiếp", 5, "working_days", "",
     RECEPTION_FROM, None, f"{RECEPTION}, Điều 24", "verified",
     "Lịch tiếp công dân được niêm yết, công bố ít nhất 05 ngày làm việc trước ngày tiếp."),
]


def seed(apps, schema_editor):
    LegalRule = apps.get_model("rulebook", "LegalRule")
    for key, title, value, unit, comparator, valid_from, valid_to, citation, status, note in RULES:
        LegalRule.objects.update_or_create(
            key=key, valid_from=valid_from,
            defaults={
                "title": title, "value": Decimal(value), "unit": unit, "comparator": comparator,
                "valid_to": valid_to, "citation": citation, "source_status": status, "note": note,
            },
        )


class Migration(migrations.Migration):
    dependencies = [("dialogues", "0001_initial"), ("rulebook", "0002_seed_rules")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
