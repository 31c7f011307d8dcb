"""Demo of the review: Tam Nông district's first half of 2020 (the old units, dissolved on 1 July 2025).

Each old commune's report is created, given its manual figures, submitted in the first days of July 2020 and
approved by the district; the district's report (issued by its Ban Dân vận, 871-BDV, "Số 45-BC/BDVHU")
consolidates them, and the conference of 10 July 2020 is recorded with its guest. Every date is fixed (2020),
so the demo reads the same whatever day it is loaded (faketime included). The district's report carries the
directions of the second half of 2020 (structured tasks, frozen with it).

The first half of 2026, after the 2025 reform: the six new communes and the new province (82, issued by its
Ban Tuyên giáo và Dân vận, 82-BTGDV) each have their report; five communes have submitted theirs and the
province approved them, Xã Tràm Chim's is still a draft, as is the province's — each shows the same half of
2020 for its predecessor units (the old communes, Tam Nông district's approved 2020 reports;
`history.predecessor_figures`). Tràm Chim's and the province's drafts carry directions for the second half of
2026. Idempotent.
"""

import datetime as dt
import random

from danvan.units.models import Unit

from . import directions, services
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


REFORM = D(2025, 7, 1)
NEW_COMMUNES = ("30001", "30010", "30019", "30025", "30028", "30034")  # danvan/units/demo.py


def _direct(report, items) -> None:
    """Directions of `report`: (what, [unit codes], due, note); a code is looked up under the report's unit."""
    if report.directions.exists():
        return
    for title, codes, due, note in items:
        units = [
            u
            for u in Unit.objects.subtree(report.unit).filter(code__in=codes)
            if u.is_valid_on(report.period.end + dt.timedelta(days=1))
        ]
        directions.direction_add(actor=None, report=report, title=title, units=units, due=due, note=note)


def _new_reports() -> int:
    """The first half of 2026 for the new communes (Tràm Chim's a draft, the others submitted and approved by
    the province) and the new province (a draft)."""
    province = Unit.objects.filter(code="82", valid_from=REFORM).first()
    if province is None:
        return 0
    period = services.period_ensure(text="2026-H1")
    made = 0
    rng = random.Random(2026)
    for n, code in enumerate(NEW_COMMUNES):
        commune = Unit.objects.filter(code=code, valid_from=REFORM).first()
        if commune is None or UnitReport.objects.filter(period=period, unit=commune).exists():
            continue
        report = services.report_create(actor=None, period=period, unit=commune)
        services.manual_values_set(
            actor=None,
            report=report,
            values={
                "manual.study_sessions": str(rng.randint(2, 5)),
                "manual.supervisions": str(rng.randint(1, 4)),
                "manual.models_recognised": str(rng.randint(2, 6)),
            },
        )
        made += 1
        if code == "30001":
            _direct(
                report,
                [
                    (
                        "Tổ chức đối thoại trực tiếp với Nhân dân về chỉnh trang khu dân cư sau sáp nhập",
                        [code],
                        D(2026, 9, 30),
                        "Mời đại diện các khóm, ấp của thị trấn Tràm Chim và xã Tân Công Sính cũ",
                    ),
                    (
                        "Đăng ký ít nhất 2 mô hình “Dân vận khéo” mới",
                        [f"{code}-DU", f"{code}-MTTQ"],
                        D(2026, 11, 30),
                        "",
                    ),
                ],
            )
            continue
        services.report_update(actor=None, report=report, sections={}, number=20 + n, issued_on=D(2026, 7, 2))
        report = services.report_submit(actor=None, report=report, today=D(2026, 7, 2))
        services.report_approve(actor=None, report=report, today=D(2026, 7, 6))
    report = UnitReport.objects.filter(period=period, unit=province).first()
    if report is None:
        issuer = Unit.objects.filter(code="82-BTGDV", valid_from=REFORM).first()
        report = services.report_create(actor=None, period=period, unit=province, issuer=issuer)
        services.report_consolidate(actor=None, report=report)
        made += 1
    _direct(
        report,
        [
            (
                "Hướng dẫn các xã mới sau sắp xếp kiện toàn tổ dân vận và hội quán ở khóm, ấp",
                list(NEW_COMMUNES),
                D(2026, 10, 31),
                "Báo cáo kết quả về Ban Tuyên giáo và Dân vận Tỉnh uỷ",
            ),
            (
                "Sơ kết mô hình “Dân vận khéo” trên địa bàn tỉnh",
                ["82-BTGDV", "82-MTTQ"],
                D(2026, 12, 15),
                "",
            ),
        ],
    )
    return made


TAM_NONG_2020_DIRECTIONS = [
    (
        "Tiếp tục triển khai Quy chế dân chủ ở cơ sở gắn với xây dựng nông thôn mới",
        [
            "30001",
            "30004",
            "30007",
            "30010",
            "30013",
            "30016",
            "30019",
            "30022",
            "30025",
            "30028",
            "30031",
            "30034",
        ],
        D(2020, 12, 15),
        "Các xã, thị trấn báo cáo kết quả trong báo cáo năm 2020",
    ),
    (
        "Tổ chức đối thoại trực tiếp giữa người đứng đầu cấp uỷ, chính quyền với Nhân dân",
        ["871-UBND"],
        D(2020, 10, 31),
        "",
    ),
    (
        "Phát động phong trào thi đua “Dân vận khéo” năm 2020, chọn điển hình để biểu dương",
        ["871-BDV", "871-MTTQ"],
        D(2020, 11, 30),
        "",
    ),
]


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
        _direct(report, TAM_NONG_2020_DIRECTIONS)
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
    made += _new_reports()
    if stdout is not None:
        stdout.write(
            f"  Sơ kết: {made} báo cáo (6 tháng đầu năm 2020 của huyện Tam Nông, 6 tháng đầu năm 2026 của"
            " các xã mới và tỉnh)."
        )
    return made
