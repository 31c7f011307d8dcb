"""Benchmark of the six-month review (M9) at a province's scale: the registry's consolidated figures beside raw
SQL of the same aggregates, and the full DOCX.

    .venv/bin/python bench/m9_review.py --drop          # 3,000 communes, 1,000,000 cases, 5,000,000 contributions
    .venv/bin/python bench/m9_review.py --quick --drop  # CI: 20 communes, 2,000 cases, 20,000 contributions
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/danvan_bench_m9 .venv/bin/python bench/m9_review.py

PostgreSQL only. The database (default `danvan_bench_m9`; its name must start with `danvan_bench`) is created and
migrated, and — with `--drop` — dropped at the end (`--reuse` measures what is loaded). The data are the other
benches' generators: `bench/m0_platform.py`'s province (via `m2_cases.build_tree`), `m2_cases.load_cases` (the
cases, received over the last two years) and then `m5_contributions.load` (the 2025 reform on top — 30 % of the
communes merged by threes, a tenth of the triples' third commune split 0.6/0.4 —, groups, members, meetings,
projects and the contribution ledger).

It prints, for the last completed half-year:
(a) the province's consolidated indicators as the review computes them — `reviews.figures.computed(province,
    start, end)`, every source of the registry — beside raw SQL of the same aggregates written here by hand
    (cases: two grouped statements on the case table joined to the unit tree; communities: the stamped
    `province_id` columns of groups, projects and the ledger), medians of interleaved runs, the ratio (target
    ≤ 1.5 ×), and each figure of both. Every key the raw SQL computes must equal the registry's (exit 1 if
    not); the registry's other keys (sources with no data in the bench) must be empty, except the reception days
    the rules require;
(b) the time to render the province's full report as a DOCX (`reviews.documents.report_docx`, a draft: its
    figures computed live, the annex of every indicator), the median of up to three runs, target < 10 s.
"""

import argparse
import datetime as dt
import os
import sys
import time
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
DEFAULT_DB = "danvan_bench_m9"
os.environ.setdefault("DATABASE_URL", f"postgres://postgres@127.0.0.1:5432/{DEFAULT_DB}")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ.setdefault("DANVAN_DEBUG", "0")
os.environ.setdefault("DANVAN_SECRET_KEY", "bench-m9-only-not-a-secret")
os.environ.setdefault("DANVAN_PROTECTED_KEYS", "YmVuY2gtbTktb25seS1wcm90ZWN0ZWQta2V5LTAwMDE=")
os.environ.setdefault("DANVAN_SSL_REDIRECT", "0")

import warnings  # noqa: E402

import django  # noqa: E402

warnings.filterwarnings("ignore", message="No directory at")
django.setup()

import benchdb  # noqa: E402  (the bench database: settings, create, drop)
import m2_cases  # noqa: E402  (the tree builder and the cases generator)
import m5_contributions as m5  # noqa: E402  (the reform, groups, projects and the ledger; timing helpers)

from danvan.core import indicators as ind  # noqa: E402
from danvan.core.formatting import local_today  # noqa: E402
from danvan.units.models import Succession, Unit  # noqa: E402

RATIO_TARGET, DOCX_SECONDS = 1.5, 10.0
# the registry's keys that are not work done: a requirement from the rules, present with no data at all
REQUIREMENTS = {"reception.days_required"}

CASES_ARRIVED_SQL = """
SELECT c.kind, c.channel, COUNT(*),
       COUNT(*) FILTER (WHERE c.accepted_on IS NOT NULL),
       COUNT(*) FILTER (WHERE c.accepted_on <= %(as_of)s AND c.resolve_due < %(as_of)s
                          AND (c.resolved_on IS NULL OR c.resolved_on > %(as_of)s)
                          AND (c.closed_on IS NULL OR c.closed_on > %(as_of)s)
                          AND c.status NOT IN ('declined', 'transferred'))
  FROM cases_case c JOIN units_unit u ON u.id = c.unit_id
 WHERE u.path LIKE %(under)s AND c.status <> 'merged'
   AND COALESCE(c.transferred_on, c.received_on) BETWEEN %(start)s AND %(end)s
 GROUP BY c.kind, c.channel
"""
CASES_RESOLVED_SQL = """
SELECT COUNT(*),
       COUNT(*) FILTER (WHERE c.resolve_due IS NULL OR c.resolved_on <= c.resolve_due),
       COUNT(*) FILTER (WHERE EXISTS (SELECT 1 FROM cases_caseevent e WHERE e.case_id = c.id
                                        AND e.action = 'dialogue')),
       AVG(c.rating), COUNT(c.rating), AVG(c.resolved_on - c.received_on)
  FROM cases_case c JOIN units_unit u ON u.id = c.unit_id
 WHERE u.path LIKE %(under)s AND c.status IN ('resolved', 'closed')
   AND c.resolved_on BETWEEN %(start)s AND %(end)s
"""
GROUPS_SQL = """
WITH g AS (SELECT g.*, k.code AS kind_code, k.is_cooperative FROM communities_group g
             JOIN communities_groupkind k ON k.id = g.kind_id WHERE g.province_id = %(province)s),
     active AS (SELECT * FROM g WHERE founded_on <= %(end)s AND (status = 'active' OR status_on > %(end)s))
SELECT (SELECT COUNT(*) FROM active),
       (SELECT COUNT(*) FROM active WHERE kind_code = 'hoi-quan'),
       (SELECT COUNT(*) FROM active WHERE is_cooperative),
       (SELECT COUNT(*) FROM communities_member m JOIN active a ON a.id = m.group_id
         WHERE m.joined_on <= %(end)s AND (m.left_on IS NULL OR m.left_on > %(end)s)),
       (SELECT COUNT(*) FROM g WHERE founded_on BETWEEN %(start)s AND %(end)s),
       (SELECT COUNT(*) FROM g WHERE status = 'cooperative' AND status_on BETWEEN %(start)s AND %(end)s),
       (SELECT COUNT(*) FROM communities_meeting m JOIN g ON g.id = m.group_id
         WHERE m.held_on BETWEEN %(start)s AND %(end)s),
       (SELECT COUNT(DISTINCT a.group_id) FROM communities_assessment a JOIN g ON g.id = a.group_id
          JOIN communities_assessmentlevel l ON l.id = a.level_id
         WHERE a.assessed_on BETWEEN %(start)s AND %(end)s AND l.is_weak),
       (SELECT COUNT(DISTINCT p.group_id) FROM communities_consolidationplan p JOIN g ON g.id = p.group_id
         WHERE p.completed_on BETWEEN %(start)s AND %(end)s),
       (SELECT COUNT(*) FROM communities_project WHERE province_id = %(province)s
           AND started_on BETWEEN %(start)s AND %(end)s),
       (SELECT COUNT(*) FROM communities_project WHERE province_id = %(province)s
           AND completed_on BETWEEN %(start)s AND %(end)s)
"""
LEDGER_SQL = """
SELECT kind, source, SUM(value_vnd), SUM(quantity) FROM communities_contribution
 WHERE province_id = %(province)s AND "on" BETWEEN %(start)s AND %(end)s GROUP BY kind, source
"""


def raw_figures(root: Unit, start: dt.date, end: dt.date) -> dict:
    """The same aggregates as the registry's cases and communities sources, by hand."""
    p = {
        "under": root.path + "%",
        "province": root.pk,
        "start": start,
        "end": end,
        "as_of": min(end, local_today()),
    }
    out = {}
    arrived = m5.raw(CASES_ARRIVED_SQL, p)
    out["cases.received"] = sum(r[2] for r in arrived)
    out["cases.accepted"] = sum(r[3] for r in arrived)
    out["cases.overdue"] = sum(r[4] for r in arrived)
    for kind in ("feedback", "petition", "complaint", "denunciation"):
        out[f"cases.received.{kind}"] = sum(r[2] for r in arrived if r[0] == kind)
    for channel in ("web", "reception", "letter", "phone", "transferred"):
        out[f"cases.channel.{channel}"] = sum(r[2] for r in arrived if r[1] == channel)
    resolved, on_time, dialogue, rating, rated, days = m5.raw(CASES_RESOLVED_SQL, p)[0]
    out["cases.resolved"], out["cases.resolved_on_time"] = resolved, on_time
    out["cases.resolved_through_dialogue"], out["cases.rated"] = dialogue, rated
    out["cases.satisfaction"] = round(float(rating), 2) if rating is not None else None
    out["cases.average_days_to_resolve"] = round(float(days), 1) if days is not None else None
    out["cases.resolved_on_time_rate"] = round(100 * on_time / resolved, 1) if resolved else None
    g = m5.raw(GROUPS_SQL, p)[0]
    names = [
        "groups_active",
        "hoi_quan_active",
        "cooperatives_active",
        "members",
        "groups_founded",
        "groups_became_cooperative",
        "meetings",
        "groups_assessed_weak",
        "groups_consolidated",
        "projects_started",
        "projects_completed",
    ]
    out.update({f"communities.{n}": v for n, v in zip(names, g, strict=True)})
    total, land, labour = 0, Decimal(0), Decimal(0)
    by = {f"communities.contributions_vnd.{k}": 0 for k in ("cash", "materials", "labour", "land")}
    by.update({f"communities.contributions_vnd.{s}": 0 for s in ("people", "sponsors", "groups")})
    for kind, source, value, quantity in m5.raw(LEDGER_SQL, p):
        total += value
        by[f"communities.contributions_vnd.{kind}"] += value
        by[f"communities.contributions_vnd.{source}"] = (
            by.get(f"communities.contributions_vnd.{source}", 0) + value
        )
        if kind == "land":
            land += quantity or 0
        elif kind == "labour":
            labour += quantity or 0
    out["communities.contributions_vnd"] = total
    out.update(by)
    out["communities.land_m2"], out["communities.labour_days"] = float(land), float(labour)
    return out


def compare(app: dict, raw: dict) -> list[str]:
    """The keys whose values differ (the registry's others must be empty)."""
    from danvan.reviews.figures import plain

    wrong = [k for k in raw if plain(app.get(k)) != plain(raw[k])]
    wrong += [k for k, v in app.items() if k not in raw and k not in REQUIREMENTS and v not in (None, 0)]
    return wrong


def measure_docx(root: Unit, start: dt.date, runs: int) -> tuple[list[float], int]:
    from danvan.reviews import documents, services

    period = services.period_ensure(text=f"{start.year}-{'H1' if start.month == 1 else 'H2'}")
    from danvan.reviews.models import UnitReport

    # a database kept from an earlier run (--reuse) has the report already: measure it again
    report = UnitReport.objects.filter(period=period, unit=root).first() or services.report_create(
        actor=None, period=period, unit=root
    )
    times = []
    for _ in range(max(1, runs)):
        began = time.perf_counter()
        data = documents.report_docx(report)
        times.append(time.perf_counter() - began)
    return sorted(times), len(data)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--communes", type=int, default=3_000)
    parser.add_argument("--cases", type=int, default=1_000_000)
    parser.add_argument("--contributions", type=int, default=5_000_000)
    parser.add_argument("--runs", type=int, default=7, help="runs of each computation (interleaved)")
    parser.add_argument("--quick", action="store_true", help="20 communes, 2,000 cases, 20,000 contributions")
    parser.add_argument("--drop", action="store_true", help="drop the benchmark database at the end")
    parser.add_argument("--reuse", action="store_true", help="measure the data already loaded (no reload)")
    args = parser.parse_args()
    if args.quick:
        args.communes, args.cases, args.contributions, args.runs = 20, 2_000, 20_000, 3
    with benchdb.bench_database(
        "bench/m9_review.py", "danvan_bench_m9", fresh=not args.reuse, drop=args.drop
    ):
        return run(args)


def run(args) -> int:
    if not args.reuse:
        root = m2_cases.build_tree(args.communes)
        m2_cases.load_cases(root, args.cases)
        m5.load(root, args.contributions)
    else:
        from django.core.management import call_command

        call_command("migrate", verbosity=0)
    root = Unit.objects.get(code="BENCH")
    from danvan.cases.models import Case
    from danvan.communities.models import Contribution
    from danvan.reviews import figures

    print(
        f"PostgreSQL; units: {Unit.objects.count():,}; successions: {Succession.objects.count():,}; cases: "
        f"{Case.objects.count():,}; contributions: {Contribution.objects.count():,}",
        flush=True,
    )
    start, end = m5.half_year(local_today())
    print(f"(a) the province's figures {start:%d/%m/%Y}–{end:%d/%m/%Y}…", flush=True)
    app = figures.computed(root, start, end)
    raw = raw_figures(root, start, end)
    wrong = compare(app, raw)
    times = m5.interleaved(
        [
            ("raw", lambda: raw_figures(root, start, end)),
            ("registry", lambda: figures.computed(root, start, end)),
            ("two sources", lambda: ind.compute(root, start, end, sources_wanted=("cases", "communities"))),
        ],
        args.runs,
    )
    print("(b) the DOCX…", flush=True)
    docx_times, docx_bytes = measure_docx(root, start, min(args.runs, 3))
    docx_s = docx_times[len(docx_times) // 2]  # the median of the runs

    ratio = times["registry"] / times["raw"] if times["raw"] else 0
    ratio_two = times["two sources"] / times["raw"] if times["raw"] else 0
    lines = ["", f"  {'indicator':44} {'registry':>18} {'raw SQL':>18}"]
    for key in sorted(raw):
        mark = "" if key not in wrong else "  DIFFERS"
        lines.append(f"  {key:44} {app.get(key)!s:>18} {raw[key]!s:>18}{mark}")
    for key in sorted(set(app) - set(raw)):
        mark = "  NOT EMPTY" if key in wrong else ""
        lines.append(f"  {key:44} {app.get(key)!s:>18} {'(no data)':>18}{mark}")
    ok_ratio, ok_docx = ratio <= RATIO_TARGET, docx_s < DOCX_SECONDS
    print(
        "\n".join(
            [
                *lines,
                "",
                f"bench/m9_review.py — targets: registry ≤ {RATIO_TARGET} × raw SQL, DOCX < {DOCX_SECONDS:.0f} s",
                f"  registry, every source (figures.computed)   {times['registry']:9.1f} ms  raw SQL "
                f"{times['raw']:8.1f} ms  {ratio:5.2f} ×  {m5.verdict(ok_ratio)}",
                f"  registry, cases and communities only         {times['two sources']:9.1f} ms  raw SQL "
                f"{times['raw']:8.1f} ms  {ratio_two:5.2f} ×",
                f"  full DOCX of the province's report            {docx_s * 1000:9.1f} ms  "
                f"({docx_bytes:,} bytes; median of {len(docx_times)}: "
                f"{', '.join(f'{t:.1f}' for t in docx_times)} s)  {m5.verdict(ok_docx)}",
                f"  figures equal: {'yes' if not wrong else 'NO: ' + ', '.join(wrong)}",
            ]
        ),
        flush=True,
    )
    return 1 if wrong else 0


if __name__ == "__main__":
    sys.exit(main())
