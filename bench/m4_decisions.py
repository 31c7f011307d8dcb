"""Benchmark of the public community-decision pages (M4) at a province's scale, each page beside the bare view.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/danvan_bench_m4 .venv/bin/python bench/m4_decisions.py --drop
    .venv/bin/python bench/m4_decisions.py --quick --drop   # CI: 20 communes, every roll, 3 requests a page

PostgreSQL only. The database (default `danvan_bench_m4`; its name must start with `danvan_bench`) is created,
migrated and — with `--drop` — dropped at the end. The unit tree is `bench/m2_cases.py`'s (`bench/m0_platform.py`:
1 province, districts of 100 communes, 10 hamlets each; 3,000 communes and 30,000 hamlets at full scale). Every
hamlet (40–300 households) gets `--per-year` decisions a year over `--years` years (3 × 2: 180,000 at full scale),
written by set-based SQL (`INSERT … SELECT`): the latest a draft, announced or in its vote, the others closed —
passed or not passed, with their meeting tallies (two residential clusters added up for hamlets of ≥ 200
households), the required yes votes, the rule key and citation from the rulebook in force on the voting day
(`rule_in_force`; the required count computed in SQL from the rule's fraction and comparator and checked against
`thresholds.threshold` on a sample), minutes sent, recognition for items 3–5. One commune-wide decision
(item 1) per commune, its hamlet parts one of each hamlet's decisions, its result the hamlets passed against
the commune rule. For the first `--roll-communes` communes (all with --quick) the hamlets' households are
written too, and each opened decision's roll (a ballot code per household) and its counted households
(`HouseholdVote`, once per decision, each in its cluster's tally); elsewhere the decisions carry their
totals and tallies only (the public pages read neither rolls nor votes). Then VACUUM ANALYZE.

Every page is requested anonymously through Django's test `Client` (real routing, middleware, templates; DEBUG
off; the page cache off): the public list `/lay-y-kien/` (the first page; the last page by keyset — `?sau=` the
cursor of the row before it — beside the same page by OFFSET, `?trang=` through the bench's own view that pages
the same rows with Django's paginator into the same template, as the list did before keyset pages; the run
checks both show the same decisions), one commune's list (`?xa=`, first and last page) and the commune search
(`?tim-xa=`), a passed decision's result page, a decision in its vote (the result hidden) and a commune-wide
result page. The baseline is `bench/m2_cases.py`'s bare template view, measured before and after
the pages. It prints p50/p95 ms, req/s of the sequential loop, the ratio to the bare view (req/s ÷ the bare
view's), the SQL queries per page, the raw time of the page's slowest SELECT (replayed with a cursor) and the
bytes of the HTML. The SPEC's target p95 < 100 ms is shown, not enforced.

    --communes N  (3,000)   --per-year N (3)   --years N (2)   --roll-communes N (10)
    --requests N  (30; 3 with --quick)   --warmup N   --reuse (measure what is loaded)   --explain
"""

import argparse
import datetime as dt
import os
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
DEFAULT_DB = "danvan_bench_m4"
os.environ.setdefault("DATABASE_URL", f"postgres://postgres@127.0.0.1:5432/{DEFAULT_DB}")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ.setdefault("DANVAN_DEBUG", "0")
os.environ.setdefault("DANVAN_SECRET_KEY", "bench-m4-only-not-a-secret")
os.environ.setdefault("DANVAN_PROTECTED_KEYS", "YmVuY2gtbTQtb25seS1wcm90ZWN0ZWQta2V5LTAwMDE=")
os.environ.setdefault("DANVAN_SSL_REDIRECT", "0")

import warnings  # noqa: E402

import django  # noqa: E402

warnings.filterwarnings("ignore", message="No directory at")
django.setup()

import benchdb  # noqa: E402  (the bench database: settings, create, drop)
import m2_cases  # noqa: E402  (the tree builder, timing and the bare view of the M2 bench)
from django.conf import settings  # noqa: E402
from django.db import connection  # noqa: E402

from danvan.core.formatting import local_today  # noqa: E402
from danvan.units.models import Unit, UnitKind  # noqa: E402

P95_TARGET_MS = 100.0
SPACING_DAYS = 365  # divided by --per-year: the days between a hamlet's decisions

TITLES = {
    "1": "Chủ trương, mức đóng góp làm đường bê tông {h} năm {y}",
    "2": "Thu, chi quỹ khuyến học {h} năm {y}",
    "3": "Sửa đổi quy ước {h} năm {y}",
    "4": "Bầu Trưởng thôn {h} nhiệm kỳ {y}",
    "5": "Bầu thành viên Ban Thanh tra nhân dân {h} năm {y}",
    "6": "Tổ chức vệ sinh kênh mương, đường làng {h} năm {y}",
}
CONTENT = {
    "1": "Làm mới 1,2 km đường bê tông liên xóm, rộng 3,5 m. Mức đóng góp 500.000 đ mỗi hộ, hộ nghèo được miễn; "
    "Nhà nước hỗ trợ xi măng, Nhân dân góp tiền, ngày công và hiến đất mở rộng mặt đường.",
    "2": "Báo cáo thu, chi quỹ khuyến học năm trước; mức vận động năm nay 100.000 đ mỗi hộ; khen thưởng học sinh "
    "giỏi và hỗ trợ học sinh khó khăn.",
    "3": "Bổ sung quy định về giữ gìn vệ sinh môi trường, không thả rông gia súc, tổ chức việc cưới, việc tang "
    "văn minh, tiết kiệm.",
    "4": "Bầu Trưởng thôn theo danh sách do Ban công tác Mặt trận giới thiệu; mỗi hộ một đại diện biểu quyết.",
    "5": "Bầu 5 thành viên Ban Thanh tra nhân dân nhiệm kỳ mới theo danh sách giới thiệu của Ban công tác Mặt trận.",
    "6": "Mỗi hộ góp hai ngày công nạo vét kênh mương, phát quang đường làng trước mùa mưa; thời gian do thôn "
    "thông báo.",
}
COMMUNE_TITLE = "Chủ trương, mức đóng góp nâng cấp đường trục xã {c} năm {y}"


# ---------------------------------------------------------------- data


def rule_rows(first: dt.date, last: dt.date) -> list[tuple]:
    """(key, day, p, q, comparator, citation) of every threshold rule the decisions cite, on every day."""
    from danvan.decisions.matters import DECIDED
    from danvan.rulebook.services import rule_in_force

    keys = sorted(
        {m.hamlet_rule for m in DECIDED.values()} | {m.commune_rule for m in DECIDED.values()} - {None}
    )
    rows, day = [], first
    while day <= last:
        for key in keys:
            rule = rule_in_force(key, day)
            f = rule.fraction
            rows.append((key, day, f.numerator, f.denominator, rule.comparator, rule.citation))
        day += dt.timedelta(days=1)
    return rows


# The decisions of every hamlet: k = 0 the latest (draft, announced or voting), the others closed. The decision
# of index `part_k` is the hamlet's part of its commune's commune-wide decision (item 1, the commune's day).
DECISIONS_SQL = """
INSERT INTO decisions_decision (
  created_at, updated_at, matter, scope, unit_id, commune_id, title, content, proposer, voting_on, notice_on,
  status, households_total, online_poll_yes, online_accepted, opened_at, closed_at, yes_count, no_count,
  other_count, counted_count, required, rule_key, rule_citation, created_by_id, part_of_id, hamlets_total,
  hamlets_passed, meeting_place, meeting_time, hamlet_head_name, front_head_name, documents_delivered_on,
  minutes_sent_on, step_warned_on, recognition, recognition_on, recognition_number, recognition_reason,
  disclosure_id, disclosed_on, implemented_on, implementation_note, project_id, amends_id, amendment_reason,
  annulled_on, annulment_number, annulment_reason)
SELECT
  (x.notice_on + time '08:00') AT TIME ZONE 'Asia/Ho_Chi_Minh',
  (GREATEST(x.notice_on, LEAST(x.voting_on + 2, %(today)s::date)) + time '16:00') AT TIME ZONE 'Asia/Ho_Chi_Minh',
  x.matter, 'hamlet', h.id, h.commune_id,
  replace(replace(m.title, '{h}', h.name), '{y}', extract(year FROM x.voting_on)::int::text),
  m.content, 'hamlet_head', x.voting_on,
  CASE WHEN x.status = 'draft' THEN NULL ELSE x.notice_on END,
  x.status,
  CASE WHEN x.status IN ('draft', 'notice') THEN NULL ELSE h.n END,
  NULL, false,
  CASE WHEN x.status IN ('draft', 'notice') THEN NULL
       ELSE (x.voting_on + time '07:30') AT TIME ZONE 'Asia/Ho_Chi_Minh' END,
  CASE WHEN t.closed THEN (x.voting_on + time '11:00') AT TIME ZONE 'Asia/Ho_Chi_Minh' END,
  CASE WHEN t.closed THEN t.yes END, CASE WHEN t.closed THEN t.no END,
  CASE WHEN t.closed THEN t.counted - t.yes - t.no END, CASE WHEN t.closed THEN t.counted END,
  CASE WHEN t.closed THEN t.required END,
  CASE WHEN t.closed THEN m.rule_key ELSE '' END, CASE WHEN t.closed THEN rl.citation ELSE '' END,
  %(actor)s, CASE WHEN x.k = %(part_k)s THEN cw.id END, NULL, NULL,
  'Nhà văn hóa ' || h.name, time '19:30', 'Nguyễn Văn Tâm', 'Trần Thị Hoa',
  CASE WHEN m.documents_before AND x.status <> 'draft' THEN x.notice_on END,
  CASE WHEN t.closed THEN LEAST(x.voting_on + 2, %(today)s::date) END,
  NULL,
  CASE WHEN t.closed AND t.passed AND m.recognised THEN 'recognised' ELSE '' END,
  CASE WHEN t.closed AND t.passed AND m.recognised THEN LEAST(x.voting_on + 10, %(today)s::date) END,
  CASE WHEN t.closed AND t.passed AND m.recognised THEN (100 + x.k) || '/QĐ-UBND' ELSE '' END,
  '', NULL, NULL, NULL, '', NULL, NULL, '', NULL, '', ''
FROM bench_hamlet h
CROSS JOIN generate_series(0, %(per_hamlet)s - 1) AS g(k)
JOIN bench_commune_wide cw ON cw.commune_id = h.commune_id
CROSS JOIN LATERAL (
  SELECT g.k,
    CASE WHEN g.k = %(part_k)s THEN cw.voting_on
         ELSE %(today)s::date + 20 - g.k * %(spacing)s - (h.commune_id %% 60)::int END AS voting_on,
    CASE WHEN g.k = %(part_k)s THEN '1' ELSE (1 + (h.id + g.k) %% 6)::text END AS matter,
    random() AS rs, random() AS rc, random() AS ry, random() AS rn
  OFFSET 0
) x0
CROSS JOIN LATERAL (
  SELECT x0.k, x0.voting_on, x0.matter, x0.voting_on - 10 AS notice_on,
    CASE WHEN x0.k > 0 OR x0.voting_on < %(today)s::date THEN
           CASE WHEN x0.k = 0 THEN 'voting' WHEN x0.rs < 0.82 THEN 'passed' ELSE 'not_passed' END
         WHEN x0.rs < 0.3 THEN 'draft' ELSE 'notice' END AS status,
    x0.rc, x0.ry, x0.rn
) x
JOIN bench_matter m ON m.matter = x.matter
JOIN bench_rule rl ON rl.key = m.rule_key AND rl.day = x.voting_on
CROSS JOIN LATERAL (
  SELECT CASE rl.cmp WHEN '>=' THEN (h.n * rl.p + rl.q - 1) / rl.q ELSE (h.n * rl.p) / rl.q + 1 END AS required,
         floor(h.n * (0.72 + 0.25 * x.rc))::int AS counted
) q
CROSS JOIN LATERAL (
  SELECT x.status IN ('passed', 'not_passed') AS closed, x.status = 'passed' AS passed, q.required, q.counted,
    CASE WHEN x.status = 'passed' THEN q.required + floor((q.counted - q.required) * x.ry)::int
         ELSE floor((q.required - 1) * (0.5 + 0.5 * x.ry))::int END AS yes
) t0
CROSS JOIN LATERAL (
  SELECT t0.*, floor((t0.counted - t0.yes) * (0.6 + 0.4 * x.rn))::int AS no
) t
"""

COMMUNE_WIDE_SQL = """
INSERT INTO decisions_decision (
  created_at, updated_at, matter, scope, unit_id, commune_id, title, content, proposer, voting_on, notice_on,
  status, online_accepted, rule_key, rule_citation, created_by_id, meeting_place, hamlet_head_name,
  front_head_name, documents_delivered_on, recognition, recognition_number, recognition_reason,
  implementation_note, amendment_reason, annulment_number, annulment_reason)
SELECT (d.voting_on - 10 + time '08:00') AT TIME ZONE 'Asia/Ho_Chi_Minh',
       (d.voting_on + 2 + time '16:00') AT TIME ZONE 'Asia/Ho_Chi_Minh',
       '1', 'commune', c.id, c.id,
       replace(replace(%(title)s, '{c}', c.name), '{y}', extract(year FROM d.voting_on)::int::text),
       %(content)s, 'commune_chair', d.voting_on, d.voting_on - 10, 'passed', false, '', '', %(actor)s,
       '', '', '', d.voting_on - 10, '', '', '', '', '', '', ''
FROM units_unit c
CROSS JOIN LATERAL (SELECT %(today)s::date + 20 - %(part_k)s * %(spacing)s - (c.id %% 60)::int AS voting_on) d
WHERE c.kind = 'commune' AND c.path LIKE %(under)s
"""

# The commune-wide result: the hamlets passed against the commune rule on its day (as commune.commune_close).
COMMUNE_CLOSE_SQL = """
UPDATE decisions_decision w SET
  hamlets_total = s.total, hamlets_passed = s.passed, required = r.required, rule_key = m.commune_rule,
  rule_citation = rl.citation, closed_at = (w.voting_on + time '11:00') AT TIME ZONE 'Asia/Ho_Chi_Minh',
  minutes_sent_on = w.voting_on + 2,
  status = CASE WHEN s.passed >= r.required THEN 'passed' ELSE 'not_passed' END
FROM (SELECT part_of_id, count(*)::int AS total, (count(*) FILTER (WHERE status = 'passed'))::int AS passed
      FROM decisions_decision WHERE part_of_id IS NOT NULL GROUP BY part_of_id) s,
  bench_matter m, bench_rule rl,
  LATERAL (SELECT CASE rl.cmp WHEN '>=' THEN (s.total * rl.p + rl.q - 1) / rl.q
                  ELSE (s.total * rl.p) / rl.q + 1 END AS required) r
WHERE w.id = s.part_of_id AND m.matter = w.matter AND rl.key = m.commune_rule AND rl.day = w.voting_on
"""

# Meeting tallies of the closed hamlet decisions: one, or two residential clusters (≥ 200 households) whose
# counts add up to the decision's (the first cluster takes the floor of each half).
TALLIES_SQL = """
INSERT INTO decisions_tally (decision_id, channel, cluster, yes, no, other, note, counting_board, witnesses,
                             entered_by_id, created_at)
SELECT d.id, 'meeting', CASE WHEN d.households_total >= %(clusters_from)s THEN 'Cụm dân cư ' || c.n ELSE '' END,
  CASE WHEN d.households_total < %(clusters_from)s THEN d.yes_count
       WHEN c.n = 1 THEN d.yes_count / 2 ELSE d.yes_count - d.yes_count / 2 END,
  CASE WHEN d.households_total < %(clusters_from)s THEN d.no_count
       WHEN c.n = 1 THEN d.no_count / 2 ELSE d.no_count - d.no_count / 2 END,
  CASE WHEN d.households_total < %(clusters_from)s THEN d.other_count
       WHEN c.n = 1 THEN d.other_count / 2 ELSE d.other_count - d.other_count / 2 END,
  '', E'Nguyễn Văn Bình\\nLê Thị Mai\\nPhạm Văn Sơn', E'Huỳnh Văn Tư\\nĐặng Thị Lan', %(actor)s, d.closed_at
FROM decisions_decision d
CROSS JOIN generate_series(1, 2) AS c(n)
WHERE d.scope = 'hamlet' AND d.status IN ('passed', 'not_passed')
  AND (c.n = 1 OR d.households_total >= %(clusters_from)s)
ORDER BY d.id, c.n
"""

HOUSEHOLDS_SQL = """
INSERT INTO people_household (code, hamlet_id, commune_id, address, representative_name, phone, search_text,
                              created_at, updated_at)
SELECT 'H' || h.id || '-' || lpad(i::text, 3, '0'), h.id, h.commune_id, 'Số ' || i || ', ' || h.name,
  (ARRAY['Nguyễn Văn', 'Trần Thị', 'Lê Văn', 'Phạm Thị', 'Huỳnh Văn'])[1 + i %% 5] || ' '
    || (ARRAY['An', 'Bình', 'Cường', 'Dũng', 'Hoa', 'Lan', 'Minh', 'Tư'])[1 + i %% 8],
  '', '', now(), now()
FROM bench_hamlet h CROSS JOIN generate_series(1, h.n) AS i
WHERE h.commune_id = ANY(%(communes)s)
"""

# The roll of every opened decision of those hamlets (all its households), and the households counted: the
# first `counted_count` by code, each in the tally of its cluster (the first cluster's households first).
ROLL_SQL = """
INSERT INTO decisions_rollentry (decision_id, household_id, ballot_code)
SELECT d.id, hh.id, 'P' || lpad(hh.pos::text, 4, '0')
FROM decisions_decision d
JOIN LATERAL (SELECT id, row_number() OVER (ORDER BY code) AS pos FROM people_household
              WHERE hamlet_id = d.unit_id) hh ON true
WHERE d.scope = 'hamlet' AND d.households_total IS NOT NULL AND d.commune_id = ANY(%(communes)s)
"""

VOTES_SQL = """
INSERT INTO decisions_householdvote (decision_id, household_id, channel, tally_id, choice, citizen_id, created_at)
SELECT d.id, hh.id, 'meeting', CASE WHEN hh.pos <= t1.yes + t1.no + t1.other OR t2.id IS NULL THEN t1.id
                                    ELSE t2.id END, '', NULL, d.closed_at
FROM decisions_decision d
JOIN LATERAL (SELECT id, pk_order AS pos FROM (
  SELECT id, row_number() OVER (ORDER BY code) AS pk_order FROM people_household WHERE hamlet_id = d.unit_id) s
  WHERE pk_order <= d.counted_count) hh ON true
JOIN LATERAL (SELECT * FROM decisions_tally WHERE decision_id = d.id ORDER BY id LIMIT 1) t1 ON true
LEFT JOIN LATERAL (SELECT * FROM decisions_tally WHERE decision_id = d.id ORDER BY id OFFSET 1 LIMIT 1) t2
  ON true
WHERE d.scope = 'hamlet' AND d.status IN ('passed', 'not_passed') AND d.commune_id = ANY(%(communes)s)
"""


def load(root: Unit, args) -> None:
    from danvan.decisions.matters import DECIDED
    from danvan.people.models import User

    today = local_today()
    started = time.perf_counter()
    per_hamlet = args.per_year * args.years
    spacing = SPACING_DAYS // args.per_year
    part_k = min(2, per_hamlet - 1)
    actor, _ = User.objects.get_or_create(
        username="bench-m4-officer", defaults={"full_name": "Cán bộ dân vận", "kind": User.Kind.OFFICER}
    )
    first = today + dt.timedelta(days=20 - (per_hamlet - 1) * spacing - 60)
    rules = rule_rows(first, today + dt.timedelta(days=20))
    matters = [
        (
            m.key,
            m.hamlet_rule,
            m.commune_rule,
            TITLES[m.key],
            CONTENT[m.key],
            m.documents_before,
            bool(m.recognised_by),
        )
        for m in DECIDED.values()
    ]
    params = {
        "today": today,
        "under": root.path + ".%",
        "actor": actor.pk,
        "per_hamlet": per_hamlet,
        "spacing": spacing,
        "part_k": part_k,
        "clusters_from": 200,
        "title": COMMUNE_TITLE,
        "content": CONTENT["1"],
    }
    with connection.cursor() as cur:
        cur.execute("DROP TABLE IF EXISTS bench_rule, bench_matter, bench_hamlet, bench_commune_wide")
        cur.execute(
            "CREATE UNLOGGED TABLE bench_rule (key text, day date, p int, q int, cmp text, citation text, "
            "PRIMARY KEY (key, day))"
        )
        cur.executemany("INSERT INTO bench_rule VALUES (%s, %s, %s, %s, %s, %s)", rules)
        cur.execute(
            "CREATE UNLOGGED TABLE bench_matter (matter text PRIMARY KEY, rule_key text, commune_rule text, "
            "title text, content text, documents_before bool, recognised bool)"
        )
        cur.executemany("INSERT INTO bench_matter VALUES (%s, %s, %s, %s, %s, %s, %s)", matters)
        cur.execute(
            """CREATE UNLOGGED TABLE bench_hamlet AS
               SELECT h.id, h.parent_id AS commune_id, h.name, (40 + (h.id * 37) %% 261)::int AS n
               FROM units_unit h WHERE h.kind = 'hamlet' AND h.path LIKE %(under)s""",
            params,
        )
        cur.execute("SELECT setseed(0.4)")
        cur.execute(COMMUNE_WIDE_SQL, params)
        cur.execute(
            "CREATE UNLOGGED TABLE bench_commune_wide AS SELECT id, commune_id, voting_on FROM decisions_decision "
            "WHERE scope = 'commune'"
        )
        cur.execute(DECISIONS_SQL, params)
        print(f"  decisions {cur.rowcount:,} ({time.perf_counter() - started:.0f} s)", flush=True)
        cur.execute(COMMUNE_CLOSE_SQL)
        cur.execute(TALLIES_SQL, params)
        print(f"  tallies {cur.rowcount:,} ({time.perf_counter() - started:.0f} s)", flush=True)
        communes = list(
            Unit.objects.filter(kind=UnitKind.COMMUNE, path__startswith=root.path + ".")
            .order_by("path")
            .values_list("pk", flat=True)[: args.roll_communes]
        )
        cur.execute(HOUSEHOLDS_SQL, {"communes": communes})
        households = cur.rowcount
        cur.execute(ROLL_SQL, {"communes": communes})
        roll = cur.rowcount
        cur.execute(VOTES_SQL, {"communes": communes})
        print(
            f"  {len(communes):,} communes with rolls: households {households:,}, roll entries {roll:,}, "
            f"households counted {cur.rowcount:,} ({time.perf_counter() - started:.0f} s)",
            flush=True,
        )
        cur.execute("DROP TABLE bench_rule, bench_matter, bench_hamlet, bench_commune_wide")
        cur.execute("VACUUM ANALYZE")
    print(f"loaded in {time.perf_counter() - started:.0f} s", flush=True)


def check(sample: int = 200) -> int:
    """The generated rows agree with the app: required = thresholds.threshold on the voting day, passed iff
    reached, tallies and counted households add up (the rolled communes). Returns the decisions checked."""
    from django.db.models import Count, Sum

    from danvan.decisions.models import Decision, HouseholdVote, Tally
    from danvan.decisions.thresholds import threshold

    closed = Decision.objects.filter(status__in=["passed", "not_passed"]).order_by("?")[:sample]
    for d in closed:
        t = threshold(
            d.matter, d.scope, d.hamlets_total if d.is_commune_wide else d.households_total, d.voting_on
        )
        got = d.hamlets_passed if d.is_commune_wide else d.yes_count
        assert (d.required, d.rule_key, d.rule_citation) == (t.required, t.rule_key, t.citation), d.pk
        assert (d.status == "passed") == t.passes(got), d.pk
        if not d.is_commune_wide:
            sums = Tally.objects.filter(decision=d).aggregate(y=Sum("yes"), n=Sum("no"), o=Sum("other"))
            assert (sums["y"], sums["n"], sums["o"]) == (d.yes_count, d.no_count, d.other_count), d.pk
            assert d.yes_count + d.no_count + d.other_count == d.counted_count <= d.households_total, d.pk
            votes = HouseholdVote.objects.filter(decision=d).aggregate(n=Count("pk"))["n"]
            assert votes in (0, d.counted_count), d.pk
            if votes:
                for tally in Tally.objects.filter(decision=d):
                    assert tally.votes.count() == tally.households, (d.pk, tally.pk)
        else:
            parts = d.parts.aggregate(n=Count("pk"))["n"]
            assert parts == d.hamlets_total, d.pk
    return len(closed)


# ---------------------------------------------------------------- measuring


def offset_view(request):
    """The public list paged by OFFSET (Django's paginator, ?trang=) — what /lay-y-kien/ did before keyset
    pages — rendering the same template, so the deepest page can be set beside the keyset one."""
    from django.shortcuts import render

    from danvan.core.paging import paginate
    from danvan.decisions.models import Status
    from danvan.decisions.selectors import public_decisions

    page = paginate(request, public_decisions(), per_page=20)
    return render(request, "decisions/public_list.html", {"page": page, "Status": Status})


def measure_pages(root: Unit, args) -> list[dict]:
    import types

    from django.test import Client, override_settings
    from django.urls import include, path

    from danvan.decisions.models import Decision, HouseholdVote

    rolled = (
        HouseholdVote.objects.filter(decision__status="passed")
        .order_by("decision_id")
        .values_list("decision_id", flat=True)
        .first()
    )
    passed = Decision.objects.get(pk=rolled) if rolled else Decision.objects.filter(status="passed").first()
    voting = Decision.objects.filter(status="voting", commune=passed.commune).order_by("pk").first()
    voting = voting or Decision.objects.filter(status="voting").order_by("pk").first()
    whole = Decision.objects.filter(scope="commune", commune=passed.commune).first()
    from danvan.core.paging import encode_cursor
    from danvan.decisions.selectors import LIST_ORDER, public_decisions

    listed = Decision.objects.exclude(status="draft").count()
    last = max(1, -(-listed // 20))  # the view's 20 a page
    # the deepest page by keyset: after the row that ends the page before the last (the cursor the "Sau" link
    # of that page carries); by OFFSET: the same page through Django's paginator (?trang=), the list's view
    # before keyset pages, kept here as the bench's own view
    before_last = public_decisions().order_by(*LIST_ORDER)[(last - 1) * 20 - 1] if last > 1 else None
    deepest = f"/lay-y-kien/?sau={encode_cursor(before_last, LIST_ORDER)}" if before_last else "/lay-y-kien/"
    code = passed.commune.code
    in_commune = public_decisions(passed.commune).count()
    commune_last = max(1, -(-in_commune // 20))
    row = (
        public_decisions(passed.commune).order_by(*LIST_ORDER)[(commune_last - 1) * 20 - 1]
        if commune_last > 1
        else None
    )
    commune_deepest = f"/lay-y-kien/?xa={code}" + (f"&sau={encode_cursor(row, LIST_ORDER)}" if row else "")
    urls = types.ModuleType("bench_m4_urls")
    urls.urlpatterns = [
        path("bench/bare/", m2_cases.bare_view),
        path("bench/offset/", offset_view),
        path("", include("config.urls")),
    ]
    sys.modules["bench_m4_urls"] = urls
    votes = HouseholdVote.objects.filter(decision=passed).count()
    pages = [
        ("baseline: bare template view", "/bench/bare/"),
        ("/lay-y-kien/ first page", "/lay-y-kien/"),
        (f"/lay-y-kien/ last page ({last:,}) by keyset", deepest),
        (f"/lay-y-kien/ last page ({last:,}) by OFFSET", f"/bench/offset/?trang={last}"),
        ("/lay-y-kien/ page 3 by OFFSET", "/bench/offset/?trang=3"),
        (f"/lay-y-kien/?xa= one commune ({in_commune} decisions)", f"/lay-y-kien/?xa={code}"),
        (f"/lay-y-kien/?xa= its last page ({commune_last}) by keyset", commune_deepest),
        ("/lay-y-kien/?tim-xa= commune search", "/lay-y-kien/?tim-xa=xa+1"),
        (
            f"result page, passed (roll {passed.households_total}, {votes} counted)",
            f"/lay-y-kien/{passed.pk}/",
        ),
        ("decision page, voting (result hidden)", f"/lay-y-kien/{voting.pk}/"),
        (f"commune-wide result ({whole.hamlets_total} hamlets)", f"/lay-y-kien/toan-xa/{whole.pk}/"),
        ("baseline: bare template view (again)", "/bench/bare/"),
    ]
    client = Client()
    static = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}
    results = []
    with override_settings(
        ROOT_URLCONF="bench_m4_urls",
        STORAGES={**settings.STORAGES, "staticfiles": static},
        DANVAN_PAGECACHE=False,
    ):
        shown = [
            re.findall(r'href="/lay-y-kien/(\d+)/"', client.get(u).content.decode())
            for u in (deepest, f"/bench/offset/?trang={last}")
        ]
        assert shown[0] == shown[1] and shown[0], ("the keyset and OFFSET last pages differ", shown)
        for name, url in pages:
            print(f"  measuring {name}…", flush=True)
            size = {}

            def run(url=url, size=size):
                response = client.get(url)
                assert response.status_code == 200, (url, response.status_code)
                size["bytes"] = len(response.content)

            p50, p95, rps, n = m2_cases.timed(run, args.requests, args.warmup)
            sqls = []

            def count(execute, sql, params, many, context, sqls=sqls):
                result = execute(sql, params, many, context)
                sqls.append(connection.ops.last_executed_query(context["cursor"], sql, params))
                return result

            with connection.execute_wrapper(count):
                run()
            selects = [q for q in sqls if q.lstrip().upper().startswith("SELECT")]
            slowest = max(((m2_cases.replay(q), q) for q in selects), default=(0.0, ""))
            results.append(
                {
                    "name": name,
                    "url": url,
                    "p50": p50,
                    "p95": p95,
                    "rps": rps,
                    "n": n,
                    "queries": len(sqls),
                    "slow": slowest,
                    "bytes": size["bytes"],
                }
            )
    return results


def report(results, args) -> None:
    bare = [r for r in results if r["name"].startswith("baseline")]
    bare_rps = sum(r["rps"] for r in bare) / len(bare)
    print()
    print(
        f"{'page':52} {'n':>3} {'SQL#':>4} {'p50 ms':>7} {'p95 ms':>7} {'req/s':>7} {'÷ bare':>6} "
        f"{'slowSQL':>7} {'bytes':>7}  p95<100"
    )
    for r in results:
        baseline = r["name"].startswith("baseline")
        print(
            f"{r['name'][:52]:52} {r['n']:3d} {r['queries']:4d} {r['p50']:7.1f} {r['p95']:7.1f} {r['rps']:7.1f} "
            f"{r['rps'] / bare_rps:6.2f} {r['slow'][0]:7.1f} {r['bytes']:7,}  "
            f"{'—' if baseline else ('yes' if r['p95'] < P95_TARGET_MS else 'no')}"
        )
    print(
        "÷ bare = page req/s ÷ the bare view's (a trivial template through the same Client and middleware, the mean\n"
        "of its runs before and after); slowSQL = median ms of the page's slowest SELECT replayed with a cursor;\n"
        "bytes = the HTML. Sequential requests, one process, anonymous, DEBUG off, page cache off."
    )
    if args.explain:
        for r in results:
            if r["url"].startswith(("/lay-y-kien/", "/bench/offset/")) and r["slow"][1]:
                print(
                    f"\n--- {r['name']}: EXPLAIN (ANALYZE, BUFFERS) of its slowest query ({r['slow'][0]:.1f} ms)"
                )
                print(r["slow"][1])
                with connection.cursor() as cur:
                    cur.execute("EXPLAIN (ANALYZE, BUFFERS) " + r["slow"][1])
                    print("\n".join(row[0] for row in cur.fetchall()))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--communes", type=int, default=3_000)
    parser.add_argument("--per-year", type=int, default=3, help="decisions a year in every hamlet")
    parser.add_argument("--years", type=int, default=2)
    parser.add_argument(
        "--roll-communes", type=int, default=10, help="communes whose households, rolls and votes are written"
    )
    parser.add_argument("--requests", type=int, default=30)
    parser.add_argument("--warmup", type=int, default=3)
    parser.add_argument(
        "--quick", action="store_true", help="20 communes, every roll, 3 requests a page (CI)"
    )
    parser.add_argument("--drop", action="store_true", help="drop the benchmark database at the end")
    parser.add_argument("--reuse", action="store_true", help="measure the data already loaded (no reload)")
    parser.add_argument(
        "--explain", action="store_true", help="EXPLAIN ANALYZE the slowest query of each page"
    )
    args = parser.parse_args()
    if args.quick:
        args.communes, args.roll_communes, args.requests, args.warmup = 20, 20, 3, 1
    if args.per_year < 1 or args.years < 1:
        parser.error("--per-year and --years must be at least 1")
    started = time.perf_counter()
    with benchdb.bench_database("bench/m4_decisions.py", DEFAULT_DB, fresh=not args.reuse, drop=args.drop):
        return run(args, started)


def run(args, started) -> int:
    if not args.reuse:
        root = m2_cases.build_tree(args.communes)
        load(root, args)
    root = Unit.objects.get(code="BENCH")
    checked = check()
    from danvan.decisions.models import Decision, HouseholdVote, RollEntry, Tally

    with connection.cursor() as cur:
        cur.execute("SELECT status, count(*) FROM decisions_decision GROUP BY status ORDER BY status")
        statuses = ", ".join(f"{s} {n:,}" for s, n in cur.fetchall())
        cur.execute("SELECT pg_size_pretty(pg_total_relation_size('decisions_decision'))")
        size = cur.fetchone()[0]
    print(
        f"PostgreSQL; units: {Unit.objects.count():,}; hamlets: {Unit.objects.filter(kind=UnitKind.HAMLET).count():,}; "
        f"decisions: {Decision.objects.count():,} ({size}; {statuses}); tallies: {Tally.objects.count():,}; "
        f"roll entries: {RollEntry.objects.count():,}; households counted: {HouseholdVote.objects.count():,}; "
        f"{checked} closed decisions checked against the rulebook; ready in {time.perf_counter() - started:.0f} s",
        flush=True,
    )
    results = measure_pages(root, args)
    report(results, args)
    return 0


if __name__ == "__main__":
    sys.exit(main())
