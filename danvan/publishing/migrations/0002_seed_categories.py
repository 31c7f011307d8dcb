from django.db import migrations

CATEGORIES = [
    ("Công tác dân vận", "cong-tac-dan-van"),
    ("Dân chủ ở cơ sở", "dan-chu-o-co-so"),
    ("Mặt trận và đoàn thể", "mat-tran-va-doan-the"),
    ("Mô hình, điển hình", "mo-hinh-dien-hinh"),
    ("Hội quán", "hoi-quan"),
    ("Thông báo", "thong-bao"),
]


def seed(apps, schema_editor):
    Category = apps.get_model("publishing", "Category")
    for position, (name, slug) in enumerate(CATEGORIES, start=1):
        Category.objects.update_or_create(slug=slug, defaults={"name": name, "position": position})


def unseed(apps, schema_editor):
    apps.get_model("publishing", "Category").objects.filter(slug__in=[s for _, s in CATEGORIES]).delete()


class Migration(migrations.Migration):
    dependencies = [("publishing", "0001_initial")]
    operations = [migrations.RunPython(seed, unseed)]
