"""Demo of the review: Tam Nông district's first half of 2020 (the old units, dissolved on 1 July 2025).

Each old commune's report is created, given its manual figures, submitted in the first days of July 2020 and
approved by the district; the district's report (issued by its Ban Dân vận, 871-BDV, "Số 45-BC/BDVHU")
consolidates them, and the conference of 10 July 2020 is recorded with its guest. Every date is fixed (2020),
so the demo reads the same whatever day it is loaded (faketime included). Xã Tràm Chim (the new commune)
has its report for the first half of 2026 as a draft. Idempotent.
"""

import datetime as dt
import random

from danvan.units.models import Unit

from . import services
from .models import Conference, DocumentFormat, DocumentIssuer, ReportStatus, UnitReport

D = dt.date
OLD_END = D(2025, 6, 30)


def _unit(code):
    return Unit.objects.filter(code=code, valid_to=OLD_END).first()


def _issuers(district, bdv):
    if not DocumentIssuer.objects.filter(unit=bdv).exists():
        DocumentIssuer.objects.create(
            unit=bdv,
            valid_to=OLD_END,
            format=DocumentFormat.PARTY,
            superior_name="HUYỆN UỶ TAM NÔNG",
            name="BAN DÂN VẬN",
            symbol="BDVHU",
            place="Tam Nông",
            signer_title="K/T TRƯỞNG BAN\nPHÓ TRƯỞNG BAN",
            signer_name="Nguyễn Thị Hạnh",
            recipients="- Ban Dân vận Tỉnh uỷ;\n- Thường trực Huyện uỷ;\n- Các đảng uỷ xã, thị trấn;\n- Lưu.",
        )
    ubnd = _unit("871-UBND")
    if ubnd is not None and not DocumentIssuer.objects.filter(unit=ubnd).exists():
        DocumentIssuer.objects.create(
            unit=ubnd,
            valid_to=OLD_END,
            format=DocumentFormat.STATE,
            name="UỶ BAN NHÂN DÂN\nHUYỆN TAM NÔNG",
            symbol="UBND",
            place="Tam Nông",
            signer_title="TM. UỶ BAN NHÂN DÂN\nCHỦ TỊCH",
        )


def _new_commune_draft() -> int:
    """Xã Tràm Chim (formed 1 July 2025) writing its report for the first half of 2026: a draft."""
    commune = Unit.objects.filter(code="30001", valid_from=dt.date(2025, 7, 1)).first()
    if commune is None:
        return 0
    period = services.period_ensure(text="2026-H1")
    if UnitReport.objects.filter(period=period, unit=commune).exists():
        return 0
    report = services.report_create(actor=None, period=period, unit=commune)
    services.manual_values_set(
        actor=None, report=report, values={"manual.study_sessions": "3", "manual.supervisions": "2"}
    )
    return 1


def seed(stdout=None) -> int:
    district, bdv = _unit("871"), _unit("871-BDV")
    if district is None or bdv is None:
        return 0
    _issuers(district, bdv)
    period = services.period_ensure(text="2020-H1")
    rng = random.Random(2020)
    communes = list(
        Unit.objects.filter(parent=district, kind__in=["commune", "township"], valid_to=OLD_END).natural()
    )
    made = 0
    for n, commune in enumerate(communes):
        report = UnitReport.objects.filter(period=period, unit=commune).first()
        if report is None:
            report = services.report_create(actor=None, period=period, unit=commune)
            services.manual_values_set(
                actor=None,
                report=report,
                values={
                    "manual.study_sessions": str(rng.randint(2, 5)),
                    "manual.study_attendance": str(rng.randint(180, 620)),
                    "manual.campaigns": str(rng.randint(2, 4)),
                    "manual.models_registered": str(rng.randint(1, 3)),
                    "manual.models_recognised": str(rng.randint(2, 6)),
                    "manual.supervisions": str(rng.randint(1, 4)),
                    "manual.supervision_recommendations": str(rng.randint(0, 6)),
                },
            )
            report = services.report_update(
                actor=None, report=report, sections={}, number=n + 10, issued_on=D(2020, 6, 26 + n % 5)
            )
            made += 1
        if report.status == ReportStatus.DRAFT:
            report = services.report_submit(actor=None, report=report, today=D(2020, 6, 26 + n % 5))
        if report.status == ReportStatus.SUBMITTED:
            services.report_approve(actor=None, report=report, today=D(2020, 7, 6))
    report = UnitReport.objects.filter(period=period, unit=district).first()
    if report is None:
        report = services.report_create(actor=None, period=period, unit=district, issuer=bdv)
        services.report_consolidate(actor=None, report=report)
        report = services.report_update(
            actor=None, report=report, sections={}, number=45, issued_on=D(2020, 7, 8)
        )
        report = services.report_submit(actor=None, report=report, today=D(2020, 7, 8))
        services.report_approve(actor=None, report=report, today=D(2020, 7, 9))
        made += 1
    if not Conference.objects.filter(report=report).exists():
        services.conference_record(
            actor=None,
            report=report,
            day=D(2020, 7, 10),
            place="Hội trường Huyện uỷ Tam Nông",
            chair="bà Nguyễn Thị Hạnh, Phó trưởng Ban Dân vận Huyện uỷ",
            guests=[{"name": "Ông Trần Văn Tư", "title": "Phó trưởng Ban Dân vận Tỉnh uỷ"}],
            commendations="Ban Dân vận Đảng uỷ thị trấn Tràm Chim\nMặt trận Tổ quốc xã Phú Cường\nHội quán ấp 1 xã An Long",
        )
    made += _new_commune_draft()
    if stdout is not None:
        stdout.write(f"  Sơ kết: {made} báo cáo 6 tháng đầu năm 2020 của huyện Tam Nông.")
    return made
