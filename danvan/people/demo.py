"""Demo data for the household registry: realistic southern Vietnamese households for every hamlet.

`seed(stdout=None)` gives each residential community (ấp, khóm, thôn, tổ dân phố) in force today or in
2020 that has no household yet 8–15 households with their members. The data are derived from the
hamlet's code (random.Random seeded with it), so a re-run makes the same households, and a hamlet that
already has households is skipped. Rows are written with bulk inserts.
"""

import datetime as dt
import random

from django.db import transaction
from django.db.models import Q

from danvan.core.formatting import local_today
from danvan.units.models import Unit

from .models import Household, Resident
from .services import REPRESENTATIVE_RELATION, build_search_text, communes_of

# Surnames weighted roughly as in the Mekong delta (Nguyễn far ahead).
SURNAMES = (
    ["Nguyễn"] * 12
    + ["Trần"] * 5
    + ["Lê"] * 5
    + ["Phạm"] * 3
    + ["Huỳnh"] * 3
    + ["Võ"] * 3
    + ["Đặng", "Bùi", "Phan", "Trương", "Ngô", "Đỗ", "Hồ", "Dương", "Lý", "Đinh", "Lâm", "Châu", "Tô"]
)
MALE_MIDDLE = ["Văn", "Văn", "Văn", "Minh", "Thanh", "Hoàng", "Quốc", "Hữu", "Công", "Tấn", "Ngọc", "Phước"]
FEMALE_MIDDLE = ["Thị", "Thị", "Thị", "Thị", "Ngọc", "Kim", "Thanh", "Mỹ", "Thu", "Bích", "Hồng"]
MALE_GIVEN = [
    "An",
    "Bình",
    "Cường",
    "Dũng",
    "Hải",
    "Hùng",
    "Khang",
    "Lộc",
    "Long",
    "Minh",
    "Nam",
    "Phúc",
    "Phước",
    "Quang",
    "Sang",
    "Tài",
    "Tâm",
    "Thành",
    "Thắng",
    "Toàn",
    "Trí",
    "Trung",
    "Tuấn",
    "Vinh",
    "Hiếu",
    "Hậu",
    "Nhân",
    "Nghĩa",
    "Lợi",
    "Tín",
    "Kiệt",
    "Khoa",
    "Đạt",
    "Hoàng",
    "Thiện",
]
FEMALE_GIVEN = [
    "Anh",
    "Bích",
    "Châu",
    "Diễm",
    "Dung",
    "Giang",
    "Hà",
    "Hạnh",
    "Hằng",
    "Hoa",
    "Hồng",
    "Hương",
    "Lan",
    "Liên",
    "Linh",
    "Loan",
    "Mai",
    "My",
    "Ngân",
    "Nga",
    "Nhung",
    "Oanh",
    "Phượng",
    "Thảo",
    "Thủy",
    "Trang",
    "Tuyết",
    "Vân",
    "Xuân",
    "Yến",
    "Ngọc",
    "Trinh",
    "Thư",
    "Duyên",
]
PHONE_PREFIXES = [
    "090",
    "091",
    "093",
    "094",
    "096",
    "097",
    "098",
    "086",
    "088",
    "032",
    "033",
    "034",
    "035",
    "036",
    "037",
    "038",
    "039",
    "070",
    "076",
    "077",
    "078",
    "079",
    "081",
    "082",
    "083",
    "084",
    "085",
]
PROVINCE_ID_PREFIX = "087"  # Đồng Tháp in the CCCD numbering

MALE, FEMALE = Resident.Gender.MALE, Resident.Gender.FEMALE


def _name(rng: random.Random, gender: str, surname: str | None = None) -> str:
    surname = surname or rng.choice(SURNAMES)
    if gender == MALE:
        return f"{surname} {rng.choice(MALE_MIDDLE)} {rng.choice(MALE_GIVEN)}"
    return f"{surname} {rng.choice(FEMALE_MIDDLE)} {rng.choice(FEMALE_GIVEN)}"


def _members(rng: random.Random, this_year: int) -> list[dict]:
    """One household: representative, maybe a spouse, children, an elderly parent, grandchildren."""
    rep_gender = MALE if rng.random() < 0.68 else FEMALE
    rep_year = rng.randint(1948, 1994)
    surname = rng.choice(SURNAMES)
    rep_name = _name(rng, rep_gender, surname)
    members = [
        {
            "full_name": rep_name,
            "birth_year": rep_year,
            "gender": rep_gender,
            "relation": REPRESENTATIVE_RELATION,
            "is_representative": True,
        }
    ]
    father_surname = surname
    if rng.random() < 0.85:
        spouse_gender = FEMALE if rep_gender == MALE else MALE
        spouse_year = min(
            this_year - 18, max(1940, rep_year + rng.randint(-3, 6) * (1 if rep_gender == MALE else -1))
        )
        spouse_name = _name(rng, spouse_gender)
        if spouse_gender == MALE:
            father_surname = spouse_name.split(" ", 1)[0]
        members.append(
            {
                "full_name": spouse_name,
                "birth_year": spouse_year,
                "gender": spouse_gender,
                "relation": "Vợ" if spouse_gender == FEMALE else "Chồng",
                "is_representative": False,
            }
        )
    for _ in range(rng.choice([0, 1, 1, 2, 2, 2, 3, 3, 4])):
        year = rep_year + rng.randint(20, 36)
        if year > this_year:
            continue
        gender = MALE if rng.random() < 0.51 else FEMALE
        members.append(
            {
                "full_name": _name(rng, gender, father_surname),
                "birth_year": year,
                "gender": gender,
                "relation": "Con",
                "is_representative": False,
            }
        )
    if rep_year >= 1965 and rng.random() < 0.22:
        gender = rng.choice([MALE, FEMALE])
        members.append(
            {
                "full_name": _name(rng, gender, surname if gender == MALE else None),
                "birth_year": max(1925, rep_year - rng.randint(22, 32)),
                "gender": gender,
                "relation": "Cha" if gender == MALE else "Mẹ",
                "is_representative": False,
            }
        )
    if rep_year <= 1965 and rng.random() < 0.35:
        for _ in range(rng.randint(1, 2)):
            year = min(this_year, rep_year + rng.randint(45, 60))
            gender = MALE if rng.random() < 0.51 else FEMALE
            members.append(
                {
                    "full_name": _name(rng, gender),
                    "birth_year": year,
                    "gender": gender,
                    "relation": "Cháu",
                    "is_representative": False,
                }
            )
    return members


def _id_number(rng: random.Random, birth_year: int, gender: str) -> str:
    century = 0 if birth_year < 2000 else 2
    digit = century + (0 if gender == MALE else 1)
    return f"{PROVINCE_ID_PREFIX}{digit}{birth_year % 100:02d}{rng.randint(0, 999_999):06d}"


def _hamlets():
    today = local_today()
    in_force_today = (Q(valid_from__isnull=True) | Q(valid_from__lte=today)) & (
        Q(valid_to__isnull=True) | Q(valid_to__gte=today)
    )
    in_2020 = (Q(valid_from__isnull=True) | Q(valid_from__lte=dt.date(2020, 12, 31))) & (
        Q(valid_to__isnull=True) | Q(valid_to__gte=dt.date(2020, 1, 1))
    )
    return (
        Unit.objects.communities()
        .filter(in_force_today | in_2020)
        .exclude(pk__in=Household.objects.values("hamlet_id"))
        .natural()
    )


@transaction.atomic
def seed(*, stdout=None) -> dict:
    """Create demo households and residents; returns the counts written."""
    this_year = local_today().year
    hamlets = list(_hamlets())
    communes = communes_of(hamlets)
    taken_codes = set(
        Household.objects.filter(commune__in={c.pk for c in communes.values()}).values_list(
            "commune_id", "code"
        )
    )
    drafts: list[tuple[Household, list[dict]]] = []
    for hamlet in hamlets:
        commune = communes.get(hamlet.pk)
        if commune is None:
            continue
        rng = random.Random(f"danvan-demo:{hamlet.code}:{hamlet.valid_from}")
        road = rng.randint(1, 9)
        for i in range(1, rng.randint(8, 15) + 1):
            code = f"{hamlet.code}-{i:03d}"
            if (commune.pk, code) in taken_codes:
                continue
            taken_codes.add((commune.pk, code))
            members = _members(rng, this_year)
            for m in members:
                m["id_number"] = (
                    _id_number(rng, m["birth_year"], m["gender"])
                    if this_year - m["birth_year"] >= 14 and rng.random() < 0.9
                    else ""
                )
            address = f"Số {rng.randint(1, 250)}, tổ {road + i // 5}, {hamlet.name}"
            phone = (
                (rng.choice(PHONE_PREFIXES) + f"{rng.randint(0, 9_999_999):07d}")
                if rng.random() < 0.7
                else ""
            )
            rep = members[0]["full_name"]
            household = Household(
                code=code,
                hamlet=hamlet,
                commune=commune,
                address=address,
                representative_name=rep,
                phone=phone,
                search_text=build_search_text(code, rep, address, [m["full_name"] for m in members[1:]]),
            )
            drafts.append((household, members))
    _dedupe_id_numbers(drafts)
    households = [h for h, _ in drafts]
    Household.objects.bulk_create(households, batch_size=1000)
    residents = [Resident(household=h, **m) for h, members in drafts for m in members]
    Resident.objects.bulk_create(residents, batch_size=2000)
    counts = {
        "hamlets": len({h.hamlet_id for h in households}),
        "households": len(households),
        "residents": len(residents),
    }
    if stdout is not None:
        stdout.write(
            f"Hộ gia đình: {counts['households']} hộ, {counts['residents']} nhân khẩu "
            f"ở {counts['hamlets']} thôn, ấp, khóm.\n"
        )
    return counts


def _dedupe_id_numbers(drafts) -> None:
    """Blank any generated CCCD that repeats within the batch or is already registered."""
    numbers = [m["id_number"] for _, members in drafts for m in members if m["id_number"]]
    taken = set()
    for start in range(0, len(numbers), 900):
        taken.update(
            Resident.objects.filter(id_number__in=numbers[start : start + 900]).values_list(
                "id_number", flat=True
            )
        )
    seen = set()
    for _, members in drafts:
        for m in members:
            number = m["id_number"]
            if number and (number in taken or number in seen):
                m["id_number"] = ""
            elif number:
                seen.add(number)
