"""Indicators of consultations for the six-month review (M9): consultations held (opened, their first day
in the range), opinions received in the range (in all and by channel), and of those the opinions accepted
(tiếp thu) and explained (giải trình) — over a unit's subtree, by the consulted unit's path (the units a 2025
merge replaced are not followed yet)."""

import datetime as dt

from django.db.models import Count, Q

from danvan.core import indicators as ind

from .models import Channel, Consultation, Opinion, Response, Status

S = ind.SECTION_DELIBERATION
CHANNELS = [
    (Channel.WEB, "Ý kiến nhận trên cổng thông tin điện tử", "Opinions received on the web"),
    (Channel.MEETING, "Ý kiến nhận tại cuộc họp, hội nghị", "Opinions received at meetings"),
    (
        Channel.BOX,
        "Ý kiến nhận qua hòm thư góp ý, phiếu lấy ý kiến",
        "Opinions received by the box or ballots",
    ),
    (Channel.HOTLINE, "Ý kiến nhận qua đường dây nóng", "Opinions received on the hotline"),
    (
        Channel.ORGANISATION,
        "Ý kiến nhận qua Mặt trận, tổ chức chính trị – xã hội",
        "Opinions received through the Front and mass organisations",
    ),
]


def consultation_figures(unit, start: dt.date, end: dt.date) -> dict:
    held = Consultation.objects.exclude(status=Status.DRAFT).filter(opens_on__gte=start, opens_on__lte=end)
    opinions = Opinion.objects.filter(received_on__gte=start, received_on__lte=end)
    if unit is not None:
        held = held.filter(unit__path__startswith=unit.path)
        opinions = opinions.filter(consultation__unit__path__startswith=unit.path)
    totals = opinions.aggregate(
        received=Count("pk"),
        accepted=Count("pk", filter=Q(response=Response.ACCEPTED)),
        explained=Count("pk", filter=Q(response=Response.EXPLAINED)),
        **{f"ch_{c}": Count("pk", filter=Q(channel=c)) for c, _vi, _en in CHANNELS},
    )
    figures = {
        "consultations.held": held.count(),
        "consultations.opinions": totals["received"],
        "consultations.accepted": totals["accepted"],
        "consultations.explained": totals["explained"],
    }
    for c, _vi, _en in CHANNELS:
        figures[f"consultations.channel.{c}"] = totals[f"ch_{c}"]
    return figures


def _declare() -> None:
    items = [
        ind.Indicator(
            "consultations.held",
            "Cuộc lấy ý kiến Nhân dân đã tổ chức",
            "Consultations of the people held",
            section=S,
            public=True,
            order=40,
            help="Các cuộc lấy ý kiến đã bắt đầu, có ngày bắt đầu trong kỳ.",
        ),
        ind.Indicator(
            "consultations.opinions",
            "Ý kiến Nhân dân đã nhận",
            "Opinions received",
            section=S,
            public=True,
            order=41,
        ),
        ind.Indicator(
            "consultations.accepted",
            "Ý kiến được tiếp thu",
            "Opinions accepted",
            section=S,
            public=True,
            order=42,
        ),
        ind.Indicator(
            "consultations.explained",
            "Ý kiến được giải trình",
            "Opinions explained",
            section=S,
            public=True,
            order=43,
        ),
        ind.Indicator(
            "consultations.accept_rate",
            "Tỉ lệ ý kiến được tiếp thu",
            "Share of opinions accepted",
            measure=ind.PERCENT,
            aggregation=ind.RATE,
            numerator="consultations.accepted",
            denominator="consultations.opinions",
            section=S,
            better=ind.NEUTRAL,  # an opinion explained is answered as well as one accepted
            order=44,
        ),
        *[
            ind.Indicator(f"consultations.channel.{c}", vi, en, section=S, order=45 + n)
            for n, (c, vi, en) in enumerate(CHANNELS)
        ],
    ]
    ind.register_source("consultations", compute=consultation_figures, indicators=items)


_declare()
