from django.core.management.base import BaseCommand

from danvan.access.demo import DEMO_PASSWORD, logins, two_factor_note


class Command(BaseCommand):
    help = "In danh sách tài khoản mẫu (dùng bởi `make run`)."

    def handle(self, *args, **options):
        self.stdout.write(f"  Tài khoản mẫu (mật khẩu: {DEMO_PASSWORD}):")
        for username, description in logins():
            self.stdout.write(f"    {username:<18} {description}")
        self.stdout.write(f"  {two_factor_note()}")
