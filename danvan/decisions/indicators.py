"""Indicators of community decisions for the six-month review (M9): matters decided and passed, turnout
(households counted over all households of the rolls) and the channels used, over a unit's subtree, for the
decisions whose voting day falls in the range and whose vote is closed (a commune-wide decision through its
hamlet parts; its own result in `decisions.commune_wide*`); citizens' initiatives proposed and put to the
community. Rows are found by the unit's path
(the units a 2025 merge replaced are not followed yet)."""

import datetime as dt

from django.db.models import Count, Exists, OuterRef, Q, Sum

from danvan.core import indicators as ind

from .models import Channel, Decision, HouseholdVote, Initiative, Scope, Status

S = ind.SECTION_DELIBERATION
CHANNELS = [
    (Channel.MEETING, "Việc quyết định qua họp cộng đồng dân cư", "Decided in a community meeting"),
    (Channel.BALLOT, "Việc quyết định qua phát phiếu hộ gia đình", "Decided by household ballots"),
    (Channel.ONLINE, "Việc quyết định qua biểu quyết trực tuyến", "Decided by online vote"),
]


def decision_figures(unit, start: dt.date, end: dt.date) -> dict:
    # a commune-wide decision is counted once through its hamlet parts here, and as such below
    rows = Decision.objects.filter(
        status__in=[Status.PASSED, Status.NOT_PASSED], voting_on__gte=start, voting_on__lte=end
    ).exclude(scope=Scope.COMMUNE)
    if unit is not None:
        rows = rows.filter(unit__path__startswith=unit.path)
    for channel, _vi, _en in CHANNELS:
        rows = rows.annotate(
            **{
                f"uses_{channel}": Exists(
                    HouseholdVote.objects.filter(decision=OuterRef("pk"), channel=channel)
                )
            }
        )
    totals = rows.aggregate(
        decided=Count("pk"),
        passed=Count("pk", filter=Q(status=Status.PASSED)),
        households=Sum("households_total"),
        counted=Sum("counted_count"),
        **{f"ch_{c}": Count("pk", filter=Q(**{f"uses_{c}": True})) for c, _vi, _en in CHANNELS},
    )
    figures = {
        "decisions.decided": totals["decided"],
        "decisions.passed": totals["passed"],
        "decisions.households": totals["households"] or 0,
        "decisions.households_counted": totals["counted"] or 0,
    }
    for c, _vi, _en in CHANNELS:
        figures[f"decisions.channel.{c}"] = totals[f"ch_{c}"]
    return figures


def commune_wide_figures(unit, start: dt.date, end: dt.date) -> dict:
    """Commune-wide decisions whose result was fixed (voting day in the range) and those that passed."""
    rows = Decision.objects.filter(
        scope=Scope.COMMUNE,
        status__in=[Status.PASSED, Status.NOT_PASSED, Status.TALLIED],
        voting_on__gte=start,
        voting_on__lte=end,
    )
    if unit is not None:
        rows = rows.filter(unit__path__startswith=unit.path)
    totals = rows.aggregate(decided=Count("pk"), passed=Count("pk", filter=Q(status=Status.PASSED)))
    return {"decisions.commune_wide": totals["decided"], "decisions.commune_wide_passed": totals["passed"]}


def initiative_figures(unit, start: dt.date, end: dt.date) -> dict:
    """Citizens' initiatives proposed in the range, and those that reached the community in it (by the
    households' consents, or with the Front work committee's approval below the threshold)."""
    rows = Initiative.objects.all()
    if unit is not None:
        rows = rows.filter(hamlet__path__startswith=unit.path)
    reached = Q(reached_on__gte=start, reached_on__lte=end)
    totals = rows.aggregate(
        proposed=Count("pk", filter=Q(proposed_on__gte=start, proposed_on__lte=end)),
        reached=Count("pk", filter=reached),
        approved=Count("pk", filter=reached & ~Q(approved_reason="")),
    )
    return {
        "decisions.initiatives_proposed": totals["proposed"],
        "decisions.initiatives_reached": totals["reached"],
        "decisions.initiatives_approved": totals["approved"],
    }


def _declare() -> None:
    items = [
        ind.Indicator(
            "decisions.decided",
            "Việc cộng đồng dân cư đã biểu quyết",
            "Matters decided",
            section=S,
            public=True,
            order=1,
        ),
        ind.Indicator(
            "decisions.passed", "Việc được thông qua", "Matters passed", section=S, public=True, order=2
        ),
        ind.Indicator(
            "decisions.pass_rate",
            "Tỉ lệ việc được thông qua",
            "Share of matters passed",
            measure=ind.PERCENT,
            aggregation=ind.RATE,
            numerator="decisions.passed",
            denominator="decisions.decided",
            section=S,
            better=ind.NEUTRAL,  # the households decide: passing more matters is no merit of a unit
            order=3,
        ),
        ind.Indicator(
            "decisions.households",
            "Tổng số hộ trong danh sách biểu quyết",
            "Households on the rolls",
            section=S,
            order=4,
        ),
        ind.Indicator(
            "decisions.households_counted",
            "Số hộ tham gia biểu quyết",
            "Households that voted",
            section=S,
            order=5,
        ),
        ind.Indicator(
            "decisions.turnout",
            "Tỉ lệ hộ tham gia biểu quyết",
            "Turnout of households",
            measure=ind.PERCENT,
            aggregation=ind.RATE,
            numerator="decisions.households_counted",
            denominator="decisions.households",
            section=S,
            public=True,
            order=6,
            help="Số hộ được tính phiếu trên tổng số hộ của thôn vào ngày biểu quyết.",
        ),
        *[
            ind.Indicator(f"decisions.channel.{c}", vi, en, section=S, order=10 + n)
            for n, (c, vi, en) in enumerate(CHANNELS)
        ],
    ]
    ind.register_source("decisions", compute=decision_figures, indicators=items)
    ind.register_source(
        "decisions_commune_wide",
        compute=commune_wide_figures,
        indicators=[
            ind.Indicator(
                "decisions.commune_wide",
                "Việc bàn và quyết định trong phạm vi toàn xã đã có kết quả",
                "Commune-wide matters decided",
                section=S,
                order=20,
                help="Mỗi việc toàn xã tính một lần; các phần của từng thôn được tính trong số việc đã biểu quyết.",
            ),
            ind.Indicator(
                "decisions.commune_wide_passed",
                "Việc toàn xã được thông qua (từ 2/3 số thôn, tổ dân phố)",
                "Commune-wide matters passed",
                section=S,
                order=21,
            ),
        ],
    )
    ind.register_source(
        "decisions_initiatives",
        compute=initiative_figures,
        indicators=[
            ind.Indicator(
                "decisions.initiatives_proposed",
                "Sáng kiến của công dân được đề xuất",
                "Citizens' initiatives proposed",
                section=S,
                public=True,
                order=30,
            ),
            ind.Indicator(
                "decisions.initiatives_reached",
                "Sáng kiến được đưa ra cộng đồng dân cư bàn và quyết định",
                "Initiatives put to the community",
                section=S,
                public=True,
                order=31,
                help="Đủ số hộ đồng thuận theo quy định, hoặc được Ban công tác Mặt trận đồng ý khi chưa đủ.",
            ),
            ind.Indicator(
                "decisions.initiatives_approved",
                "Sáng kiến chưa đủ số hộ đồng thuận, được Ban công tác Mặt trận đồng ý",
                "Initiatives approved by the Front work committee below the threshold",
                section=S,
                order=32,
            ),
        ],
    )


_declare()
