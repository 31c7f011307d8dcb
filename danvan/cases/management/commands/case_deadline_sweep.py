from django.core.management.base import BaseCommand

from danvan.cases.services import deadline_sweep


class Command(BaseCommand):
    help = "Cảnh báo hồ sơ sắp đến hạn hoặc quá hạn cho người xử lý và lãnh đạo đơn vị (chạy hằng ngày)."

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=None, help="Số ngày trước hạn để cảnh báo.")

    def handle(self, *args, days=None, **options):
        n = deadline_sweep(days=days)
        self.stdout.write(f"Đã cảnh báo {n} hồ sơ.")
