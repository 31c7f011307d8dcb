"""Indicators of conventions (hương ước, quy ước; Decree 61/2023 Art. 16 asks the commune for the number
recognised or refused, amended, suspended, annulled) for the review (M9), over a unit's subtree and a date
range: conventions whose drafting began, versions adopted by the households (voting day in the range),
recognised and refused (the People's Committee's decision in the range), conventions in force at the end of
the range, suspensions and annulments decided in it, and annual reviews held in it."""

import datetime as dt

from django.db.models import Exists, OuterRef, Q

from danvan.core import indicators as ind

from .models import AnnualReview, Convention, ConventionVersion, Measure, MeasureKind, VersionStatus

S = ind.SECTION_DELIBERATION
ADOPTED = (VersionStatus.ADOPTED, VersionStatus.RECOGNISED, VersionStatus.REFUSED, VersionStatus.SUPERSEDED)


def convention_figures(unit, start: dt.date, end: dt.date) -> dict:
    conventions = Convention.objects.all()
    versions = ConventionVersion.objects.all()
    measures = Measure.objects.filter(decided_on__gte=start, decided_on__lte=end)
    reviews = AnnualReview.objects.filter(held_on__gte=start, held_on__lte=end)
    if unit is not None:
        conventions = conventions.filter(hamlet__path__startswith=unit.path)
        versions = versions.filter(convention__hamlet__path__startswith=unit.path)
        measures = measures.filter(convention__hamlet__path__startswith=unit.path)
        reviews = reviews.filter(convention__hamlet__path__startswith=unit.path)
    # a draft's first version is made with the convention; an amendment is a later version
    drafted = versions.filter(created_at__date__gte=start, created_at__date__lte=end)
    in_force = conventions.filter(
        Exists(
            ConventionVersion.objects.filter(convention=OuterRef("pk"), recognised_on__lte=end).filter(
                status__in=(VersionStatus.RECOGNISED, VersionStatus.SUPERSEDED)
            )
        )
    ).exclude(
        Exists(
            Measure.objects.filter(convention=OuterRef("pk"), kind=MeasureKind.ANNULMENT, decided_on__lte=end)
        )
    )
    return {
        "conventions.drafted": drafted.filter(number=1).count(),
        "conventions.amendments": drafted.filter(number__gt=1).count(),
        "conventions.adopted": versions.filter(
            status__in=ADOPTED, decision__voting_on__gte=start, decision__voting_on__lte=end
        ).count(),
        "conventions.recognised": versions.filter(
            Q(recognised_on__gte=start, recognised_on__lte=end)
        ).count(),
        "conventions.refused": versions.filter(refused_on__gte=start, refused_on__lte=end).count(),
        "conventions.in_force": in_force.count(),
        "conventions.suspended": measures.filter(kind=MeasureKind.SUSPENSION).count(),
        "conventions.annulled": measures.filter(kind=MeasureKind.ANNULMENT).count(),
        "conventions.reviews": reviews.count(),
    }


def _declare() -> None:
    rows = [
        ("conventions.drafted", "Hương ước, quy ước được soạn thảo mới", "Conventions drafted", True, ""),
        (
            "conventions.amendments",
            "Bản sửa đổi, bổ sung hương ước, quy ước được soạn",
            "Amendments drafted",
            False,
            "",
        ),
        (
            "conventions.adopted",
            "Hương ước, quy ước được cộng đồng dân cư thông qua",
            "Conventions adopted by the households",
            True,
            "Trên 50% tổng số hộ tán thành, tại cuộc họp có trên 50% số hộ có mặt (hoặc phát phiếu).",
        ),
        (
            "conventions.recognised",
            "Hương ước, quy ước được UBND xã công nhận",
            "Conventions recognised",
            True,
            "",
        ),
        ("conventions.refused", "Hương ước, quy ước bị từ chối công nhận", "Recognition refused", False, ""),
        (
            "conventions.in_force",
            "Hương ước, quy ước có hiệu lực (cuối kỳ)",
            "Conventions in force at the end of the period",
            True,
            "Đã được công nhận và chưa bị bãi bỏ vào ngày cuối kỳ; gồm cả hương ước đang bị tạm ngưng một phần.",
        ),
        (
            "conventions.suspended",
            "Quyết định tạm ngưng thi hành hương ước, quy ước",
            "Suspensions",
            False,
            "",
        ),
        ("conventions.annulled", "Quyết định bãi bỏ hương ước, quy ước", "Annulments", False, ""),
        (
            "conventions.reviews",
            "Cuộc tổng kết thực hiện hương ước, quy ước",
            "Annual reviews held",
            True,
            "",
        ),
    ]
    ind.register_source(
        "conventions",
        compute=convention_figures,
        indicators=[
            ind.Indicator(key, vi, en, section=S, public=public, order=40 + n, help=help_text)
            for n, (key, vi, en, public, help_text) in enumerate(rows)
        ],
    )


_declare()
