from django.core.management.base import BaseCommand

from danvan.publishing.services import publish_due_articles


class Command(BaseCommand):
    help = "Đăng các bài viết hẹn giờ đã đến thời điểm đăng (chạy định kỳ, ví dụ mỗi 5 phút)."

    def handle(self, *args, **options):
        count = publish_due_articles()
        self.stdout.write(f"Đã đăng {count} bài viết hẹn giờ.")
