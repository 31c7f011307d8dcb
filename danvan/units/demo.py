"""Demo units: Đồng Tháp as of 2020 with Tam Nông district, and the picture after 1 July 2025.

Names and codes of the communes and the 2025 arrangement follow shared/reference/legal-and-domain.md §8.1
(NSO conversion table, Resolution 1663/NQ-UBTVQH15). Hamlet names, household and voter counts are
illustrative. Idempotent: a unit is looked up by (code, valid_from) before it is created.
"""

import datetime as dt
import random

from danvan.core.text import normalize
from danvan.units.models import CommunityCount, Succession, Unit, UnitKind
from danvan.units.services import community_count_set, succession_create, unit_create

REFORM = dt.date(2025, 7, 1)
OLD_END = dt.date(2025, 6, 30)
RES_1663 = "Nghị quyết 1663/NQ-UBTVQH15 ngày 16/06/2025"
RES_202 = "Nghị quyết 202/2025/QH15"

# old commune: (code, name, kind, number of hamlets)
TAM_NONG_2020 = [
    ("30001", "Thị trấn Tràm Chim", UnitKind.TOWNSHIP, 6),
    ("30004", "Xã Hòa Bình", UnitKind.COMMUNE, 4),
    ("30007", "Xã Tân Công Sính", UnitKind.COMMUNE, 5),
    ("30010", "Xã Phú Hiệp", UnitKind.COMMUNE, 5),
    ("30013", "Xã Phú Đức", UnitKind.COMMUNE, 4),
    ("30016", "Xã Phú Thành B", UnitKind.COMMUNE, 4),
    ("30019", "Xã An Hòa", UnitKind.COMMUNE, 4),
    ("30022", "Xã An Long", UnitKind.COMMUNE, 5),
    ("30025", "Xã Phú Cường", UnitKind.COMMUNE, 4),
    ("30028", "Xã Phú Ninh", UnitKind.COMMUNE, 4),
    ("30031", "Xã Phú Thọ", UnitKind.COMMUNE, 4),
    ("30034", "Xã Phú Thành A", UnitKind.COMMUNE, 4),
]
# new commune: (code, name, [(old code, share)])
NEW_COMMUNES = [
    ("30001", "Xã Tràm Chim", [("30001", 1), ("30007", 1)]),
    ("30010", "Xã Tam Nông", [("30010", 1), ("30013", 1)]),
    ("30019", "Xã An Hòa", [("30016", 1), ("30019", 1)]),
    ("30025", "Xã Phú Cường", [("30004", 1), ("30025", 1), ("30079", "0.35")]),
    ("30028", "Xã An Long", [("30022", 1), ("30028", 1), ("30139", 1)]),
    ("30034", "Xã Phú Thọ", [("30031", 1), ("30034", 1)]),
]

DISTRICT_ORGS = [
    ("HU", "Huyện uỷ Tam Nông", UnitKind.PARTY_COMMITTEE),
    ("BDV", "Ban Dân vận Huyện uỷ Tam Nông", UnitKind.MOBILISATION_COMMISSION),
    ("HDND", "Hội đồng nhân dân huyện Tam Nông", UnitKind.PEOPLES_COUNCIL),
    ("UBND", "Uỷ ban nhân dân huyện Tam Nông", UnitKind.PEOPLES_COMMITTEE),
    ("MTTQ", "Uỷ ban Mặt trận Tổ quốc Việt Nam huyện Tam Nông", UnitKind.FATHERLAND_FRONT),
    ("PN", "Hội Liên hiệp Phụ nữ huyện Tam Nông", UnitKind.WOMENS_UNION),
    ("ND", "Hội Nông dân huyện Tam Nông", UnitKind.FARMERS_UNION),
    ("CCB", "Hội Cựu chiến binh huyện Tam Nông", UnitKind.VETERANS_ASSOCIATION),
    ("DTN", "Huyện đoàn Tam Nông", UnitKind.YOUTH_UNION),
    ("LDLD", "Liên đoàn Lao động huyện Tam Nông", UnitKind.TRADE_UNION),
]


def _get_or_create(code, name, kind, parent=None, valid_from=None, valid_to=None, **extra):
    unit = Unit.objects.filter(code=code, valid_from=valid_from).first()
    if unit is None:
        unit = unit_create(
            actor=None,
            code=code,
            name=name,
            kind=kind,
            parent=parent,
            valid_from=valid_from,
            valid_to=valid_to,
            **extra,
        )
    return unit


def _link(pred, succ, share=1, kind=None):
    if not Succession.objects.filter(predecessor=pred, successor=succ).exists():
        succession_create(
            actor=None,
            predecessor=pred,
            successor=succ,
            date=REFORM,
            share=share,
            kind=kind,
            legal_basis=RES_1663,
        )


def _count(unit, as_of, households, rng):
    if not CommunityCount.objects.filter(unit=unit, as_of=as_of).exists():
        residents = int(households * rng.uniform(3.2, 3.8))
        voters = int(residents * rng.uniform(0.68, 0.74))
        community_count_set(
            actor=None, unit=unit, as_of=as_of, households=households, voters=voters, residents=residents
        )


def _commune_orgs(commune, short, valid_from, valid_to, with_council=False):
    orgs = [
        ("DU", f"Đảng uỷ {short}", UnitKind.PARTY_COMMITTEE),
        ("UBND", f"Uỷ ban nhân dân {short}", UnitKind.PEOPLES_COMMITTEE),
        ("MTTQ", f"Uỷ ban Mặt trận Tổ quốc Việt Nam {short}", UnitKind.FATHERLAND_FRONT),
    ]
    if with_council:
        orgs.append(("HDND", f"Hội đồng nhân dân {short}", UnitKind.PEOPLES_COUNCIL))
    for suffix, name, kind in orgs:
        _get_or_create(f"{commune.code}-{suffix}", name, kind, commune, valid_from, valid_to)


def seed(stdout=None) -> dict:
    rng = random.Random(871)
    old_prov = _get_or_create(
        "87",
        "Tỉnh Đồng Tháp",
        UnitKind.PROVINCE,
        valid_to=OLD_END,
        address="Số 12 đường 30/4, Phường 1, thành phố Cao Lãnh",
        phone="0277 3851 234",
        email="vanphong@dongthap.gov.vn",
    )
    _get_or_create("87-TU", "Tỉnh uỷ Đồng Tháp", UnitKind.PARTY_COMMITTEE, old_prov, valid_to=OLD_END)
    _get_or_create(
        "87-BDV",
        "Ban Dân vận Tỉnh uỷ Đồng Tháp",
        UnitKind.MOBILISATION_COMMISSION,
        old_prov,
        valid_to=OLD_END,
    )
    district = _get_or_create(
        "871",
        "Huyện Tam Nông",
        UnitKind.DISTRICT,
        old_prov,
        valid_to=OLD_END,
        address="Khóm 2, thị trấn Tràm Chim, huyện Tam Nông",
        phone="0277 3827 123",
        email="ubnd.tamnong@dongthap.gov.vn",
    )
    for suffix, name, kind in DISTRICT_ORGS:
        _get_or_create(f"871-{suffix}", name, kind, district, valid_to=OLD_END)
    cao_lanh = _get_or_create("874", "Huyện Cao Lãnh", UnitKind.DISTRICT, old_prov, valid_to=OLD_END)
    thanh_binh = _get_or_create("872", "Huyện Thanh Bình", UnitKind.DISTRICT, old_prov, valid_to=OLD_END)

    old_communes: dict[str, Unit] = {}
    old_hamlets: dict[str, list[Unit]] = {}
    for code, name, kind, n_hamlets in TAM_NONG_2020:
        commune = _get_or_create(
            code, name, kind, district, valid_to=OLD_END, is_remote=code in {"30007", "30034"}
        )
        old_communes[code] = commune
        short = name.replace("Thị trấn", "thị trấn").replace("Xã", "xã")
        _commune_orgs(commune, short, None, OLD_END)
        hamlet_kind = UnitKind.QUARTER if kind == UnitKind.TOWNSHIP else UnitKind.HAMLET
        label = "Khóm" if hamlet_kind == UnitKind.QUARTER else "Ấp"
        old_hamlets[code] = []
        for i in range(1, n_hamlets + 1):
            hamlet = _get_or_create(f"{code}-{i:02d}", f"{label} {i}", hamlet_kind, commune, valid_to=OLD_END)
            _count(hamlet, dt.date(2020, 1, 1), rng.randint(280, 620), rng)
            old_hamlets[code].append(hamlet)
    gao_giong = _get_or_create(
        "30079",
        "Xã Gáo Giồng",
        UnitKind.COMMUNE,
        cao_lanh,
        valid_to=OLD_END,
        note="Năm 2025 một phần diện tích và dân số nhập vào xã Phú Cường (tỷ lệ trong dữ liệu mẫu là ước tính); "
        "phần còn lại nhập vào đơn vị khác, ngoài phạm vi dữ liệu mẫu.",
    )
    an_phong = _get_or_create("30139", "Xã An Phong", UnitKind.COMMUNE, thanh_binh, valid_to=OLD_END)
    for extra in (gao_giong, an_phong):
        old_communes[extra.code] = extra
        old_hamlets[extra.code] = []
        for i in range(1, 4):
            hamlet = _get_or_create(
                f"{extra.code}-{i:02d}", f"Ấp {i}", UnitKind.HAMLET, extra, valid_to=OLD_END
            )
            _count(hamlet, dt.date(2020, 1, 1), rng.randint(300, 560), rng)
            old_hamlets[extra.code].append(hamlet)

    new_prov = _get_or_create(
        "82",
        "Tỉnh Đồng Tháp",
        UnitKind.PROVINCE,
        valid_from=REFORM,
        address="Số 23 đường 30/4, Phường Mỹ Tho, tỉnh Đồng Tháp",
        phone="0273 3872 000",
        email="vanphong.ubnd@dongthap.gov.vn",
        note="Hợp nhất tỉnh Tiền Giang và tỉnh Đồng Tháp (cũ) theo " + RES_202 + ".",
    )
    for suffix, name, kind in [
        ("TU", "Tỉnh uỷ Đồng Tháp", UnitKind.PARTY_COMMITTEE),
        ("BTGDV", "Ban Tuyên giáo và Dân vận Tỉnh uỷ Đồng Tháp", UnitKind.MOBILISATION_COMMISSION),
        ("UBND", "Uỷ ban nhân dân tỉnh Đồng Tháp", UnitKind.PEOPLES_COMMITTEE),
        ("MTTQ", "Uỷ ban Mặt trận Tổ quốc Việt Nam tỉnh Đồng Tháp", UnitKind.FATHERLAND_FRONT),
    ]:
        _get_or_create(f"82-{suffix}", name, kind, new_prov, valid_from=REFORM)
    tien_giang = _get_or_create(
        "82",
        "Tỉnh Tiền Giang",
        UnitKind.PROVINCE,
        valid_to=OLD_END,
        note="Đơn vị cấp xã của tỉnh Tiền Giang không có trong dữ liệu mẫu.",
    )
    for old in (old_prov, tien_giang):
        if not Succession.objects.filter(predecessor=old, successor=new_prov).exists():
            succession_create(
                actor=None, predecessor=old, successor=new_prov, date=REFORM, share=1, legal_basis=RES_202
            )

    new_communes = {}
    for i, (code, name, sources) in enumerate(NEW_COMMUNES):
        commune = _get_or_create(
            code,
            name,
            UnitKind.COMMUNE,
            new_prov,
            valid_from=REFORM,
            address=f"Trụ sở Uỷ ban nhân dân {name.replace('Xã', 'xã')}, tỉnh Đồng Tháp",
            phone=f"0277 3827 {310 + 7 * i}",
            email=f"ubnd.{normalize(name).removeprefix('xa ').replace(' ', '')}@dongthap.gov.vn",
        )
        new_communes[code] = commune
        _commune_orgs(commune, name.replace("Xã", "xã"), REFORM, None, with_council=True)
        number = 0
        for old_code, share in sources:
            old = old_communes[old_code]
            _link(old, commune, share)
            # Hamlets keep their people; the merged commune numbers them anew (a whole hamlet → a new hamlet;
            # for a partial merge only some hamlets come over).
            hamlets = old_hamlets[old_code] if str(share) == "1" else old_hamlets[old_code][:1]
            for old_hamlet in hamlets:
                number += 1
                label = "Khóm" if old_hamlet.kind == UnitKind.QUARTER else "Ấp"
                hamlet = _get_or_create(
                    f"{code}-{number:02d}", f"{label} {number}", old_hamlet.kind, commune, valid_from=REFORM
                )
                _link(old_hamlet, hamlet, 1, kind="rename")
                base = old_hamlet.counts.order_by("-as_of").first()
                households = (base.households if base else 400) + rng.randint(5, 40)
                _count(hamlet, REFORM, households, rng)
                _count(hamlet, dt.date(2026, 1, 1), households + rng.randint(2, 15), rng)
    if stdout:
        stdout.write(f"  đơn vị: {Unit.objects.count()} (kế thừa: {Succession.objects.count()})")
    return {
        "district": district,
        "old_province": old_prov,
        "new_province": new_prov,
        "old_communes": old_communes,
        "new_communes": new_communes,
    }
