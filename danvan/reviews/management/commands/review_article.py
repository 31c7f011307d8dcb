"""Print the draft news article of a unit's review conference:

manage.py review_article --unit 871 --period 2020-H1
"""

from django.core.management.base import BaseCommand, CommandError

from danvan.core.errors import DomainError
from danvan.reviews.article import draft_article
from danvan.reviews.models import Conference
from danvan.reviews.selectors import find_report


class Command(BaseCommand):
    help = "In bài viết (bản nháp) về hội nghị sơ kết của một đơn vị."

    def add_arguments(self, parser):
        parser.add_argument(
            "--unit", required=True, help="Mã đơn vị hoặc cơ quan ban hành (vd. 871, 871-BDV)"
        )
        parser.add_argument("--period", required=True, help="Kỳ báo cáo: YYYY-H1, YYYY-H2 hoặc YYYY")

    def handle(self, *args, unit, period, **options):
        try:
            report = find_report(unit, period)
        except DomainError as exc:
            raise CommandError(exc.message)
        conference = Conference.objects.filter(report=report).first()
        if conference is None:
            raise CommandError(f"{report.unit.name} chưa ghi hội nghị sơ kết kỳ này.")
        self.stdout.write(draft_article(conference).text())
