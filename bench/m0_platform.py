"""Benchmark of the M0 mechanisms on a province-sized unit tree, each figure beside its baseline.

    .venv/bin/python bench/m0_platform.py                 # SQLite file in a temp dir
    .venv/bin/python bench/m0_platform.py --quick         # a tiny tree in a fresh SQLite file, 5 runs (CI)
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/danvan_bench .venv/bin/python bench/m0_platform.py

It builds (once per database) 1 province, 30 districts, 3,000 communes and 30,000 hamlets, then measures:
- the officer's scoped unit list of a district subtree (`scope()` + keyset-free first page) vs the raw SQL
  prefix query that returns the same rows;
- `has_unit_perm` for one object vs a bare attribute comparison loop (the cost of the policy itself);
- `compute_deadline` (rule lookup + working-day calendar) vs `date + timedelta`.
Figures are medians and p95 over repeated runs, in milliseconds.
"""

import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
QUICK = "--quick" in sys.argv[1:]  # a tiny tree (8 districts of 10 communes of 3 hamlets), 5 runs a figure
if "DATABASE_URL" not in os.environ:
    import tempfile

    db_file = Path(tempfile.gettempdir()) / (
        "danvan-bench-quick.sqlite3" if QUICK else "danvan-bench.sqlite3"
    )
    if QUICK:
        db_file.unlink(missing_ok=True)
    os.environ["DATABASE_URL"] = f"sqlite:///{db_file}"

import django  # noqa: E402

django.setup()

import datetime as dt  # noqa: E402

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402

from danvan.access.models import RoleAssignment  # noqa: E402
from danvan.access.policy import forget_grants, has_unit_perm, scope  # noqa: E402
from danvan.people.models import User  # noqa: E402
from danvan.rulebook.services import compute_deadline  # noqa: E402
from danvan.units.models import PATH_SEGMENT_WIDTH, Unit, UnitKind  # noqa: E402

DISTRICTS, COMMUNES_PER_DISTRICT, HAMLETS_PER_COMMUNE = (8, 10, 3) if QUICK else (30, 100, 10)


def timed(fn, repeat=5 if QUICK else 50):
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - start) * 1000)
    samples.sort()
    return statistics.median(samples), samples[int(len(samples) * 0.95) - 1]


def build():
    if Unit.objects.filter(code="BENCH").exists():
        return
    print("building the tree (once)…", flush=True)
    seg = lambda pk: str(pk).zfill(PATH_SEGMENT_WIDTH)  # noqa: E731
    next_id = (Unit.objects.order_by("-pk").values_list("pk", flat=True).first() or 0) + 1
    rows = []

    def add(code, name, kind, parent):
        nonlocal next_id
        pk = next_id
        next_id += 1
        path = f"{parent.path}.{seg(pk)}" if parent else seg(pk)
        unit = Unit(
            pk=pk,
            code=code,
            name=name,
            kind=kind,
            parent_id=parent.pk if parent else None,
            path=path,
            depth=(parent.depth + 1) if parent else 0,
            search_name=name.lower(),
        )
        rows.append(unit)
        return unit

    province = add("BENCH", "Tỉnh Thử Nghiệm", UnitKind.PROVINCE, None)
    for d in range(DISTRICTS):
        district = add(f"B{d}", f"Huyện {d}", UnitKind.DISTRICT, province)
        for c in range(COMMUNES_PER_DISTRICT):
            commune = add(f"B{d}-{c}", f"Xã {d}-{c}", UnitKind.COMMUNE, district)
            for h in range(HAMLETS_PER_COMMUNE):
                add(f"B{d}-{c}-{h}", f"Ấp {h}", UnitKind.HAMLET, commune)
    Unit.objects.bulk_create(rows, batch_size=5000)
    if connection.vendor == "postgresql":
        with connection.cursor() as cur:
            cur.execute(
                "SELECT setval(pg_get_serial_sequence('units_unit','id'), (SELECT max(id) FROM units_unit))"
            )
            cur.execute("ANALYZE units_unit")


def main():
    call_command("migrate", verbosity=0)
    build()
    district = Unit.objects.get(code="B7")
    user, _ = User.objects.get_or_create(username="bench-officer")
    RoleAssignment.objects.get_or_create(
        user=user, role="case_officer", unit=district, valid_from=dt.date(2020, 1, 1)
    )
    forget_grants(user)
    total = Unit.objects.count()
    print(f"database: {connection.vendor}; units: {total:,}".replace(",", "."))

    def scoped_page():
        forget_grants(user)
        return list(scope(Unit.objects.all(), user, "units.view", unit_field="").order_by("path")[:30])

    def raw_page():
        with connection.cursor() as cur:
            cur.execute(
                "SELECT * FROM units_unit WHERE path LIKE %s ORDER BY path LIMIT 30", [district.path + "%"]
            )
            return cur.fetchall()

    def scoped_count():
        forget_grants(user)
        return scope(Unit.objects.all(), user, "units.view", unit_field="").count()

    def raw_count():
        with connection.cursor() as cur:
            cur.execute("SELECT count(*) FROM units_unit WHERE path LIKE %s", [district.path + "%"])
            return cur.fetchone()

    assert len(scoped_page()) == len(raw_page()) == 30
    assert scoped_count() == raw_count()[0] == 1 + COMMUNES_PER_DISTRICT * (1 + HAMLETS_PER_COMMUNE)
    hamlet = Unit.objects.filter(path__startswith=district.path, kind=UnitKind.HAMLET).first()

    def perm_check():
        forget_grants(user)
        return has_unit_perm(user, "units.view", hamlet)

    paths = [district.path]

    def bare_check():
        return any(hamlet.path.startswith(p) for p in paths)

    start = dt.date(2026, 2, 12)
    compute_deadline("complaint.accept", start)  # warm the rule and calendar caches

    rows = [
        ("scoped unit list, first page (30 of a district subtree)", timed(scoped_page), timed(raw_page)),
        ("scoped count of a district subtree", timed(scoped_count), timed(raw_count)),
        ("has_unit_perm on one hamlet (assignments re-read)", timed(perm_check), timed(bare_check)),
        (
            "compute_deadline complaint.accept (10 working days)",
            timed(lambda: compute_deadline("complaint.accept", start)),
            timed(lambda: start + dt.timedelta(days=10)),
        ),
    ]
    print(f"{'measure':58} {'median ms':>10} {'p95 ms':>8} | {'baseline median':>15} {'p95':>8}  ratio")
    for name, (med, p95), (bmed, bp95) in rows:
        ratio = med / bmed if bmed else float("inf")
        print(f"{name:58} {med:10.3f} {p95:8.3f} | {bmed:15.3f} {bp95:8.3f}  {ratio:5.1f}×")
    print("baselines: raw SQL with the same prefix filter; a bare startswith loop; date + timedelta.")
    print(
        "scoped figures include reading the officer's role assignments: per request on the user, shared between requests through the cache (policy.SHARED_SECONDS)."
    )
    if connection.vendor == "postgresql":
        with connection.cursor() as cur:
            cur.execute("EXPLAIN SELECT count(*) FROM units_unit WHERE path LIKE %s", [district.path + "%"])
            plan = " / ".join(r[0].strip() for r in cur.fetchall())
        print(f"plan of the prefix query: {plan}")


if __name__ == "__main__":
    main()
