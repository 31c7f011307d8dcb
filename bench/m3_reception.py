"""Benchmark of the citizen-reception pages (M3) at a province's scale, each page beside the bare view.

    .venv/bin/python bench/m3_reception.py                # SQLite file in a temp dir: 3,000 communes
    .venv/bin/python bench/m3_reception.py --quick        # CI: m0's tiny tree (80 communes), 3 requests a page
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/danvan_bench_m3 .venv/bin/python bench/m3_reception.py

The unit tree is `bench/m0_platform.py`'s (1 province, 30 districts of 100 communes, 10 hamlets each; --quick
8 × 10 × 3). Each commune gets a weekly reception by its chair (every Wednesday of the previous, current and next
month, one cancelled), one held dialogue with three answered agenda items and two commitments (one overdue,
one done) and one planned dialogue this month — written with `bulk_create` once per database (a marker unit
says it is there). With --quick the SQLite file is made afresh.

Every page is requested through Django's test `Client` (real routing, middleware, templates; DEBUG off), as
case officers of one commune, one district and the province, and anonymously for the public page; the
baselines are the bare template view of `danvan/web/bench_views.py` (mounted by `DANVAN_BENCH_VIEWS`, as
`bench/server.py` does), anonymous and signed in, measured in the same run before and after the pages. It
prints p50/p95 in ms, requests/second of the sequential loop, the ratio to the anonymous bare view and the
number of SQL queries per page. The figures are printed, not judged (SPEC's target: p95 < 100 ms).
"""

import argparse
import math
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
QUICK = "--quick" in sys.argv[1:]
if "DATABASE_URL" not in os.environ:
    import tempfile

    db_file = Path(tempfile.gettempdir()) / (
        "danvan-bench-m3-quick.sqlite3" if QUICK else "danvan-bench-m3.sqlite3"
    )
    if QUICK:
        db_file.unlink(missing_ok=True)
    os.environ["DATABASE_URL"] = f"sqlite:///{db_file}"
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ["DANVAN_BENCH_VIEWS"] = "1"  # /bench/bare/ and /bench/bare-user/ (never in production)
os.environ.setdefault("DANVAN_DEBUG", "0")
os.environ.setdefault("DANVAN_SECRET_KEY", "bench-m3-only-not-a-secret")
os.environ.setdefault("DANVAN_PROTECTED_KEYS", "YmVuY2gtbTMtb25seS1wcm90ZWN0ZWQta2V5LTAwMDE=")
os.environ.setdefault("DANVAN_SSL_REDIRECT", "0")

import warnings  # noqa: E402

import django  # noqa: E402

warnings.filterwarnings("ignore", message="No directory at")
django.setup()

import datetime as dt  # noqa: E402

import m0_platform  # noqa: E402  (the unit tree builder, shared with the M0 and M2 benchmarks)
from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client, override_settings  # noqa: E402

from danvan.access.models import RoleAssignment  # noqa: E402
from danvan.core.formatting import local_today  # noqa: E402
from danvan.dialogues.models import (  # noqa: E402
    AgendaItem,
    Commitment,
    CommitmentStatus,
    Dialogue,
    DialogueStatus,
    HostRole,
    ReceptionSession,
    SessionStatus,
)
from danvan.people.models import User  # noqa: E402
from danvan.units.models import Unit, UnitKind  # noqa: E402

MARKER = "BENCH-M3"  # a unit whose presence says the reception data is loaded
BATCH = 5000


# ---------------------------------------------------------------- data


def _wednesdays(start: dt.date, end: dt.date) -> list[dt.date]:
    day = start + dt.timedelta(days=(2 - start.weekday()) % 7)
    out = []
    while day <= end:
        out.append(day)
        day += dt.timedelta(days=7)
    return out


def load(today: dt.date) -> None:
    if Unit.objects.filter(code=MARKER).exists():
        print("reusing the reception data", flush=True)
        return
    print("writing the reception data (once)…", flush=True)
    first = (today.replace(day=1) - dt.timedelta(days=1)).replace(day=1)
    last = (today.replace(day=28) + dt.timedelta(days=40)).replace(day=1) - dt.timedelta(days=1)
    days = _wednesdays(first, last)
    communes = list(Unit.objects.filter(kind=UnitKind.COMMUNE).order_by("path").values_list("pk", "name"))
    sessions, dialogues = [], []
    for n, (pk, name) in enumerate(communes):
        for i, day in enumerate(days):
            cancelled = i == 2
            sessions.append(
                ReceptionSession(
                    unit_id=pk,
                    day=day,
                    host_role=HostRole.COMMUNE_CHAIR,
                    host_name=f"Chủ tịch {name}",
                    place=f"Trụ sở UBND {name}",
                    posted_on=day - dt.timedelta(days=14),
                    status=SessionStatus.CANCELLED if cancelled else SessionStatus.PLANNED,
                    cancel_reason="Chủ tịch họp đột xuất tại tỉnh" if cancelled else "",
                )
            )
        held_day = today - dt.timedelta(days=5 + n % 20)
        dialogues.append(
            Dialogue(
                unit_id=pk,
                topic=f"Đối thoại với Nhân dân về giao thông nông thôn {name}",
                host_name=f"Chủ tịch {name}",
                host_role="Chủ tịch UBND xã",
                co_organisers="Ủy ban MTTQ Việt Nam xã; Hội Nông dân xã",
                day=held_day,
                place=f"Hội trường {name}",
                status=DialogueStatus.HELD,
                held_on=held_day,
                summary="Thống nhất nâng nền đường liên ấp và nạo vét kênh nội đồng trước mùa lũ.",
                attendance="60 hộ dân; đại diện Mặt trận và các đoàn thể",
            )
        )
        dialogues.append(
            Dialogue(
                unit_id=pk,
                topic=f"Đối thoại về chính sách hỗ trợ hộ nghèo {name}",
                host_name=f"Chủ tịch {name}",
                host_role="Chủ tịch UBND xã",
                day=today + dt.timedelta(days=3 + n % 20),
                place=f"Hội trường {name}",
            )
        )
    ReceptionSession.objects.bulk_create(sessions, batch_size=BATCH)
    Dialogue.objects.bulk_create(dialogues, batch_size=BATCH)
    held = list(Dialogue.objects.filter(status=DialogueStatus.HELD).values_list("pk", "unit_id", "day"))
    items, commitments = [], []
    for pk, unit_id, day in held:
        for order, topic in enumerate(("Đường liên ấp ngập", "Bồi thường thu hồi đất", "Nạo vét kênh"), 1):
            items.append(
                AgendaItem(
                    dialogue_id=pk,
                    order=order,
                    topic=topic,
                    citizens_said="Bà con phản ánh đường ngập sâu mỗi khi mưa.",
                    answer="Xã sẽ nâng nền đoạn đường trong quý tới.",
                )
            )
        commitments.append(
            Commitment(
                unit_id=unit_id,
                dialogue_id=pk,
                content="Khảo sát, lập phương án làm cống thoát nước",
                owner_unit="Phòng Kinh tế xã",
                due=day + dt.timedelta(days=2),
            )
        )
        commitments.append(
            Commitment(
                unit_id=unit_id,
                dialogue_id=pk,
                content="Chi trả tiền bồi thường còn lại",
                owner_unit="Ban quản lý dự án xã",
                due=day + dt.timedelta(days=30),
                status=CommitmentStatus.DONE,
                evidence="Đã chi trả đủ, có danh sách ký nhận.",
                closed_on=day + dt.timedelta(days=3),
            )
        )
    AgendaItem.objects.bulk_create(items, batch_size=BATCH)
    Commitment.objects.bulk_create(commitments, batch_size=BATCH)
    root = Unit.objects.get(code="BENCH")
    Unit.objects.create(
        code=MARKER,
        name="Đánh dấu dữ liệu tiếp công dân",
        kind=UnitKind.AGENCY,
        parent=root,
        path=f"{root.path}.9999999",
        depth=1,
    )
    if connection.vendor == "postgresql":
        with connection.cursor() as cur:
            cur.execute("ANALYZE")


def officer(username: str, unit: Unit) -> User:
    user, _ = User.objects.get_or_create(
        username=username, defaults={"full_name": f"Cán bộ {unit.name}", "kind": User.Kind.OFFICER}
    )
    RoleAssignment.objects.get_or_create(
        user=user, role="case_officer", unit=unit, valid_from=dt.date(2020, 1, 1)
    )
    return user


# ---------------------------------------------------------------- measuring


def percentile(samples: list[float], q: float) -> float:
    ordered = sorted(samples)
    return ordered[max(0, math.ceil(q * len(ordered)) - 1)]


def measure(client, url: str, requests: int, warmup: int) -> dict:
    for _ in range(max(1, warmup)):
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
    counted = []

    def count(execute, sql, params, many, context):
        counted.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(
        count
    ):  # request_started resets the debug log CaptureQueriesContext reads
        client.get(url)
    samples = []
    loop = time.perf_counter()
    for _ in range(requests):
        start = time.perf_counter()
        client.get(url)
        samples.append((time.perf_counter() - start) * 1000)
    rps = requests / (time.perf_counter() - loop)
    return {
        "p50": statistics.median(samples),
        "p95": percentile(samples, 0.95),
        "rps": rps,
        "queries": len(counted),
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="m0's tiny tree, 3 requests a page (CI)")
    parser.add_argument("--requests", type=int, default=30, help="timed requests per page")
    parser.add_argument("--warmup", type=int, default=3)
    args = parser.parse_args()
    if args.quick:
        args.requests, args.warmup = 3, 1
    override_settings(
        STORAGES={
            **settings.STORAGES,
            "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
        }
    ).enable()
    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    m0_platform.build()
    today = local_today()
    load(today)
    root = Unit.objects.get(code="BENCH")
    district = Unit.objects.filter(parent=root, kind=UnitKind.DISTRICT).order_by("path").first()
    commune = Unit.objects.filter(parent=district, kind=UnitKind.COMMUNE).order_by("path").first()
    clients = {"anonymous": Client()}
    for key, unit in (("commune", commune), ("district", district), ("province", root)):
        clients[key] = Client()
        clients[key].force_login(officer(f"bench-m3-{key}", unit))
    print(
        f"database: {connection.vendor}; units: {Unit.objects.count():,}; reception days: "
        f"{ReceptionSession.objects.count():,}; dialogues: {Dialogue.objects.count():,}; commitments: "
        f"{Commitment.objects.count():,}; prepared in {time.perf_counter() - started:.1f} s".replace(
            ",", "."
        ),
        flush=True,
    )
    month = today.strftime("%Y-%m")
    baselines = [
        ("baseline: bare view, anonymous", "anonymous", "/bench/bare/"),
        ("baseline: bare view, signed in", "commune", "/bench/bare-user/"),
    ]
    pages = []
    for who in ("commune", "district", "province"):
        pages += [
            (f"schedule page ({who})", who, "/can-bo/tiep-cong-dan/"),
            (f"dialogue list ({who})", who, "/can-bo/tiep-cong-dan/doi-thoai/"),
            (f"commitments board ({who})", who, "/can-bo/tiep-cong-dan/cam-ket/"),
        ]
    pages += [
        ("public /doi-thoai/ (all units)", "anonymous", f"/doi-thoai/?thang={month}"),
        ("public /doi-thoai/ page 3", "anonymous", f"/doi-thoai/?thang={month}&trang=3"),
        ("public /doi-thoai/ one commune", "anonymous", f"/doi-thoai/?thang={month}&don-vi={commune.code}"),
        ("public /doi-thoai/ search a unit", "anonymous", f"/doi-thoai/?thang={month}&tim=xa+1"),
    ]
    rows = []
    for label, who, url in baselines + pages + [(f"{b[0]} (again)", b[1], b[2]) for b in baselines]:
        rows.append((label, measure(clients[who], url, args.requests, args.warmup)))
        print(".", end="", flush=True)
    print()
    bare = statistics.mean(
        [r["rps"] for label, r in rows if label.startswith("baseline: bare view, anonymous")]
    )
    width = max(len(label) for label, _ in rows)
    print(f"{'page':<{width}}  {'p50 ms':>8}  {'p95 ms':>8}  {'req/s':>8}  {'÷ bare':>6}  {'queries':>7}")
    for label, r in rows:
        print(
            f"{label:<{width}}  {r['p50']:8.1f}  {r['p95']:8.1f}  {r['rps']:8.1f}  {r['rps'] / bare:6.2f}  "
            f"{r['queries']:7d}"
        )
    print(
        f"({args.requests} timed requests a page after {args.warmup} warm-up; ÷ bare = req/s ÷ the anonymous bare view's)"
    )


if __name__ == "__main__":
    main()
