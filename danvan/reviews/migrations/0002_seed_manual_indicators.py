"""The manual indicators a unit enters for work not yet in the platform (reference/legal-and-domain.md §7.1)."""

from django.db import migrations

INDICATORS = [
    # key, label, label_en, measure, aggregation, section, order
    ("manual.study_sessions", "Hội nghị học tập, quán triệt chỉ thị, nghị quyết", "Study sessions held", "count", "sum", "leadership", 10),
    ("manual.study_attendance", "Lượt cán bộ, đảng viên, Nhân dân dự học tập, quán triệt", "Study session attendance", "people", "sum", "leadership", 20),
    ("manual.campaigns", "Cuộc vận động, phong trào thi đua được triển khai", "Campaigns and emulation movements", "count", "sum", "front_and_organisations", 10),
    ("manual.models_registered", "Mô hình “Dân vận khéo” đăng ký trong kỳ", "“Skilful mobilisation” models registered", "count", "sum", "models", 10),
    ("manual.models_recognised", "Mô hình “Dân vận khéo” được công nhận (luỹ kế)", "“Skilful mobilisation” models recognised (to date)", "count", "latest", "models", 20),
    ("manual.supervisions", "Cuộc giám sát của Mặt trận và các đoàn thể", "Supervisions held", "count", "sum", "supervision", 10),
    ("manual.supervision_recommendations", "Kiến nghị sau giám sát", "Recommendations after supervision", "count", "sum", "supervision", 20),
]


def seed(apps, schema_editor):
    ManualIndicator = apps.get_model("reviews", "ManualIndicator")
    for key, label, label_en, measure, aggregation, section, order in INDICATORS:
        ManualIndicator.objects.update_or_create(
            key=key,
            defaults={
                "label": label,
                "label_en": label_en,
                "measure": measure,
                "aggregation": aggregation,
                "section": section,
                "order": order,
            },
        )


def unseed(apps, schema_editor):
    apps.get_model("reviews", "ManualIndicator").objects.filter(key__in=[i[0] for i in INDICATORS]).delete()


class Migration(migrations.Migration):
    dependencies = [("reviews", "0001_reviews_initial")]
    operations = [migrations.RunPython(seed, unseed)]
