"""Render a unit's review report as a DOCX without the UI:

    manage.py review_docx --unit 871 --period 2020-H1 [--on 2020-07-10] -o out.docx
    manage.py review_docx --unit 871 --period 2020-H1 --pdf -o out.pdf      (the same document as a PDF)

`--unit` is the code of the administrative unit or of its issuing body (871-BDV gives the report of 871).
"""

import datetime as dt

from django.core.management.base import BaseCommand, CommandError

from danvan.core.errors import DomainError
from danvan.reviews.documents import report_docx, report_pdf
from danvan.reviews.selectors import find_report


def _day(text):
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise CommandError(f"Ngày “{text}” không hợp lệ (định dạng YYYY-MM-DD).")


class Command(BaseCommand):
    help = (
        "Xuất báo cáo sơ kết của một đơn vị ra tệp DOCX hoặc PDF (thể thức văn bản của Đảng hoặc Nhà nước)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--unit", required=True, help="Mã đơn vị hoặc cơ quan ban hành (vd. 871, 871-BDV)"
        )
        parser.add_argument("--period", required=True, help="Kỳ báo cáo: YYYY-H1, YYYY-H2 hoặc YYYY")
        parser.add_argument("--on", type=_day, help="Ngày ghi trên văn bản (mặc định: ngày ban hành)")
        parser.add_argument("-o", "--output", required=True, help="Tệp ghi ra (DOCX, hoặc PDF với --pdf)")
        parser.add_argument("--pdf", action="store_true", help="Ghi tệp PDF thay cho DOCX")

    def handle(self, *args, unit, period, on=None, output, pdf=False, **options):
        try:
            report = find_report(unit, period, on)
        except DomainError as exc:
            raise CommandError(exc.message)
        data = (report_pdf if pdf else report_docx)(report, on)
        with open(output, "wb") as fh:
            fh.write(data)
        self.stdout.write(f"Đã ghi {output}: {report} ({len(data)} byte).")
