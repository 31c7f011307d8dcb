from django.db import migrations

FIELDS = [
    ("dat-dai", "Đất đai"),
    ("moi-truong", "Môi trường"),
    ("ha-tang-giao-thong", "Hạ tầng – giao thông"),
    ("chinh-sach-xa-hoi", "Chính sách xã hội"),
    ("thu-tuc-hanh-chinh", "Thủ tục hành chính"),
    ("an-ninh-trat-tu", "An ninh – trật tự"),
    ("khac", "Khác"),
]


def seed(apps, schema_editor):
    Field = apps.get_model("cases", "Field")
    for order, (code, name) in enumerate(FIELDS, start=1):
        Field.objects.update_or_create(code=code, defaults={"name": name, "order": order})


def unseed(apps, schema_editor):
    apps.get_model("cases", "Field").objects.filter(code__in=[c for c, _ in FIELDS]).delete()


class Migration(migrations.Migration):
    dependencies = [("cases", "0001_initial")]
    operations = [migrations.RunPython(seed, unseed)]
