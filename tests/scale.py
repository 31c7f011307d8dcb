"""A province at the SPEC's scale built straight into the test database (bulk inserts, ~1 s): one province
in force with `communes` communes right under it — the shape after the 2025 reform, where a province page
has thousands of children — each with `hamlets` hamlets. Names are Vietnamese and repeat their syllables, so
a search by name matches many communes, as it would in a real province."""

from danvan.core.text import normalize
from danvan.units.models import PATH_SEGMENT_WIDTH, Unit, UnitKind

SYLLABLES = [
    "An", "Bình", "Phú", "Tân", "Long", "Hòa", "Thạnh", "Mỹ", "Hưng", "Phước", "Lợi", "Đông", "Tây",
    "Thuận", "Hiệp", "Trung", "Nhơn", "Khánh", "Vĩnh", "Tràm",
]  # fmt: skip


def build_province(*, communes: int = 3000, hamlets: int = 3, code: str = "99") -> Unit:
    seg = lambda pk: str(pk).zfill(PATH_SEGMENT_WIDTH)  # noqa: E731
    next_id = (Unit.objects.order_by("-pk").values_list("pk", flat=True).first() or 0) + 1
    rows = []

    def add(code, name, kind, parent):
        nonlocal next_id
        pk, next_id = next_id, next_id + 1
        unit = Unit(
            pk=pk,
            code=code,
            name=name,
            kind=kind,
            parent_id=parent.pk if parent else None,
            path=f"{parent.path}.{seg(pk)}" if parent else seg(pk),
            depth=parent.depth + 1 if parent else 0,
            search_name=normalize(name),
            address="Số 1 đường Trung tâm" if parent is None else "",
        )
        rows.append(unit)
        return unit

    province = add(code, "Tỉnh Thử Nghiệm Quy Mô", UnitKind.PROVINCE, None)
    n = len(SYLLABLES)
    for i in range(communes):
        name = f"Xã {SYLLABLES[i % n]} {SYLLABLES[(i // n) % n]} {i // (n * n) + 1}"
        commune = add(f"{code}{i:05d}", name, UnitKind.COMMUNE, province)
        for h in range(hamlets):
            add(f"{code}{i:05d}-{h + 1:02d}", f"Ấp {h + 1}", UnitKind.HAMLET, commune)
    Unit.objects.bulk_create(rows, batch_size=2000)
    return province
