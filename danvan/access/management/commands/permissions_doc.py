from django.core.management.base import BaseCommand

from danvan.access.docs import render


class Command(BaseCommand):
    help = "In bảng phân quyền (docs/permissions.md) từ danvan/access/roles.py."

    def handle(self, *args, **options):
        self.stdout.write(render(), ending="")
