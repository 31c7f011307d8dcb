"""`manage.py search_reindex [app_label.Model …]`: rebuild the search index (all registered models by
default) and drop documents whose object is gone or no longer searchable."""

from django.apps import apps
from django.core.management.base import BaseCommand, CommandError

from danvan.search.registry import reindex_all


class Command(BaseCommand):
    help = "Lập lại chỉ mục tìm kiếm cho mọi loại nội dung đã đăng ký (hoặc các model được nêu)."

    def add_arguments(self, parser):
        parser.add_argument("models", nargs="*", metavar="app_label.Model")

    def handle(self, *args, models, **options):
        if models:
            try:
                chosen = [apps.get_model(label) for label in models]
                counts = reindex_all(chosen)
            except (LookupError, ValueError) as exc:
                raise CommandError(str(exc)) from exc
        else:
            counts = reindex_all()
        for label, count in counts.items():
            self.stdout.write(f"{label}: {count} mục")
        self.stdout.write(self.style.SUCCESS(f"Xong: {sum(counts.values())} mục trong chỉ mục tìm kiếm."))
