"""The one tree of administrative units and the organisations attached to them.

The tree is a materialised path: each unit's `path` is its ancestors' zero-padded ids joined by dots
(`0000001.0000007.0000042`). Segments have a fixed width, so "the subtree of U" is exactly
`path__startswith=U.path` — an indexed prefix query on SQLite and PostgreSQL (varchar_pattern_ops).
Units are dated (`valid_from`/`valid_to`); merges and splits are `Succession` rows.
"""

import datetime as dt

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from danvan.core.text import natural_key

PATH_SEGMENT_WIDTH = 7


class UnitKind(models.TextChoices):
    PROVINCE = "province", _("Tỉnh")
    CITY = "city", _("Thành phố trực thuộc trung ương")
    DISTRICT = "district", _("Huyện")
    TOWN = "town", _("Thị xã")
    DISTRICT_CITY = "district_city", _("Thành phố thuộc tỉnh")
    COMMUNE = "commune", _("Xã")
    WARD = "ward", _("Phường")
    TOWNSHIP = "township", _("Thị trấn")
    SPECIAL_ZONE = "special_zone", _("Đặc khu")
    HAMLET = "hamlet", _("Ấp")
    VILLAGE = "village", _("Thôn")
    RESIDENTIAL_GROUP = "residential_group", _("Tổ dân phố")
    QUARTER = "quarter", _("Khóm")
    PARTY_COMMITTEE = "party_committee", _("Cấp uỷ Đảng")
    MOBILISATION_COMMISSION = "mobilisation_commission", _("Ban Dân vận")
    PEOPLES_COMMITTEE = "peoples_committee", _("Uỷ ban nhân dân")
    PEOPLES_COUNCIL = "peoples_council", _("Hội đồng nhân dân")
    FATHERLAND_FRONT = "fatherland_front", _("Uỷ ban Mặt trận Tổ quốc")
    WOMENS_UNION = "womens_union", _("Hội Liên hiệp Phụ nữ")
    FARMERS_UNION = "farmers_union", _("Hội Nông dân")
    VETERANS_ASSOCIATION = "veterans_association", _("Hội Cựu chiến binh")
    YOUTH_UNION = "youth_union", _("Đoàn Thanh niên Cộng sản Hồ Chí Minh")
    TRADE_UNION = "trade_union", _("Công đoàn")
    AGENCY = "agency", _("Cơ quan, đơn vị")
    ENTERPRISE = "enterprise", _("Doanh nghiệp")


class Level(models.IntegerChoices):
    PROVINCE = 1, "Cấp tỉnh"
    DISTRICT = 2, "Cấp huyện"
    COMMUNE = 3, "Cấp xã"
    HAMLET = 4, "Thôn, ấp, tổ dân phố"


ADMIN_LEVEL = {
    UnitKind.PROVINCE: Level.PROVINCE,
    UnitKind.CITY: Level.PROVINCE,
    UnitKind.DISTRICT: Level.DISTRICT,
    UnitKind.TOWN: Level.DISTRICT,
    UnitKind.DISTRICT_CITY: Level.DISTRICT,
    UnitKind.COMMUNE: Level.COMMUNE,
    UnitKind.WARD: Level.COMMUNE,
    UnitKind.TOWNSHIP: Level.COMMUNE,
    UnitKind.SPECIAL_ZONE: Level.COMMUNE,
    UnitKind.HAMLET: Level.HAMLET,
    UnitKind.VILLAGE: Level.HAMLET,
    UnitKind.RESIDENTIAL_GROUP: Level.HAMLET,
    UnitKind.QUARTER: Level.HAMLET,
}
ORGANISATION_KINDS = frozenset(k for k in UnitKind if k not in ADMIN_LEVEL)
COMMUNITY_KINDS = frozenset(k for k, lvl in ADMIN_LEVEL.items() if lvl == Level.HAMLET)
COMMUNE_KINDS = frozenset(k for k, lvl in ADMIN_LEVEL.items() if lvl == Level.COMMUNE)

# Community names begin with the word for their kind; a commune numbers its communities in one sequence
# across kinds (Khóm 1–6, Ấp 7–11 in Tràm Chim), so the word is left out of the sort key.
_COMMUNITY_WORDS = ("to dan pho", "khu pho", "khom", "ap", "thon", "ban", "buon", "lang", "xom", "to")
# How unit names begin, unaccented ("Xã Tràm Chim" → "xa"): searches treat "tram chim" as the whole name of a
# commune — the one list for the commune picker (commune-level words) and the portal's search (all of them).
COMMUNE_NAME_WORDS = ("xa", "phuong", "thi tran", "dac khu")
NAME_KIND_WORDS = (*COMMUNE_NAME_WORDS, "tinh", "thanh pho", "huyen", "quan", "thi xa", *_COMMUNITY_WORDS)
SORT_SEPARATOR = "!"  # sorts before every character of a segment (see sort_segment)


def sort_segment(unit: "Unit") -> str:
    """The unit's own part of `sort_path`: its natural key (numbers by value, no tone marks; a community
    without its kind word), spaces as "+", then "#" and its id, so that every character of a segment sorts
    after the separator "!" (a unit's subtree stays together) and namesakes keep one order."""
    key = natural_key(unit.name)
    if unit.kind in COMMUNITY_KINDS:
        for word in _COMMUNITY_WORDS:
            if key.startswith(word + " "):
                key = key[len(word) + 1 :] + " " + word
                break
    return f"{key.replace(' ', '+')[:120]}#{str(unit.pk).zfill(PATH_SEGMENT_WIDTH)}"


def natural_order(queryset, prefix: str = "", *extra, before=()):
    """The one ordering of units for every list and select: the tree in natural order (a parent before its
    children, siblings as `sort_segment` sorts them). `prefix` orders rows by a related unit
    (`natural_order(households, "hamlet__", "code")`), `before` puts other orderings first. Compared byte by byte (collation "C" on PostgreSQL), because
    a language collation would skip the separators."""
    from django.db import connections
    from django.db.models import F
    from django.db.models.functions import Collate

    field = F(f"{prefix}sort_path")
    if connections[queryset.db].vendor == "postgresql":
        field = Collate(field, "C")
    return queryset.order_by(*before, field, *extra)


class UnitQuerySet(models.QuerySet):
    def valid_on(self, day: dt.date):
        return self.filter(Q(valid_from__lte=day) | Q(valid_from__isnull=True)).filter(
            Q(valid_to__gte=day) | Q(valid_to__isnull=True)
        )

    def subtree(self, unit: "Unit"):
        return self.filter(path__startswith=unit.path)

    def natural(self):
        """In natural tree order (see `natural_order`)."""
        return natural_order(self)

    def administrative(self):
        return self.filter(kind__in=list(ADMIN_LEVEL))

    def communities(self):
        return self.filter(kind__in=list(COMMUNITY_KINDS))


class Unit(models.Model):
    code = models.CharField("mã", max_length=32, db_index=True)
    name = models.CharField("tên", max_length=255)
    short_name = models.CharField("tên ngắn", max_length=128, blank=True)
    kind = models.CharField("loại", max_length=32, choices=UnitKind.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name="trực thuộc",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    path = models.CharField("đường dẫn cây", max_length=255, unique=True, editable=False)
    depth = models.PositiveSmallIntegerField(default=0, editable=False)
    valid_from = models.DateField("hiệu lực từ", null=True, blank=True)
    valid_to = models.DateField("hiệu lực đến", null=True, blank=True)
    is_remote = models.BooleanField(
        "vùng đặc biệt khó khăn",
        default=False,
        help_text="Xã vùng sâu, vùng xa, đặc biệt khó khăn: áp dụng thời hạn giải quyết khiếu nại dài hơn.",
    )
    address = models.CharField("địa chỉ trụ sở", max_length=255, blank=True)
    note = models.TextField("ghi chú", blank=True)
    search_name = models.CharField(max_length=255, editable=False, db_index=True, default="")
    # The tree in natural order (`natural_order`): Ấp 1 … Ấp 11, communes by name without tone marks.
    sort_path = models.CharField(max_length=1200, editable=False, default="")
    phone = models.CharField("điện thoại", max_length=32, blank=True)
    email = models.EmailField("thư điện tử", blank=True)

    objects = UnitQuerySet.as_manager()

    class Meta:
        verbose_name = "đơn vị"
        verbose_name_plural = "đơn vị"
        ordering = ["path"]
        constraints = [
            models.UniqueConstraint(
                fields=["code", "valid_from"],
                name="unit_code_valid_from_uniq",
                violation_error_message="Đã có đơn vị cùng mã, hiệu lực từ cùng ngày.",
            ),
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True)
                | Q(valid_from__isnull=True)
                | Q(valid_to__gte=models.F("valid_from")),
                name="unit_validity_order",
                violation_error_message="Ngày hết hiệu lực phải sau ngày bắt đầu hiệu lực.",
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self) -> str:
        """The unit's public section. Codes are reused across reforms, so a unit with an end date is addressed
        as it was on its last day (`?ngay=`); a unit in force is addressed by its code alone."""
        from django.urls import reverse

        url = reverse("web:unit_section", kwargs={"code": self.code})
        return f"{url}?ngay={self.valid_to.isoformat()}" if self.valid_to else url

    @property
    def is_organisation(self) -> bool:
        return self.kind in ORGANISATION_KINDS

    @property
    def name_in_sentence(self) -> str:
        """The name as it reads inside a sentence: "Xã Tràm Chim" → "xã Tràm Chim", "Huyện Tam Nông" → "huyện
        Tam Nông" (the level is a common noun); an organisation's name ("Ban Dân vận Huyện ủy …") is a proper
        name and stays as it is."""
        if self.is_organisation:
            return self.name
        return self.name[:1].lower() + self.name[1:]

    @property
    def level(self) -> int | None:
        return ADMIN_LEVEL.get(self.kind)

    @property
    def is_community(self) -> bool:
        return self.kind in COMMUNITY_KINDS

    @property
    def is_commune(self) -> bool:
        return self.kind in COMMUNE_KINDS

    def is_valid_on(self, day: dt.date) -> bool:
        return (self.valid_from is None or self.valid_from <= day) and (
            self.valid_to is None or day <= self.valid_to
        )

    def contains(self, other: "Unit") -> bool:
        return other.path.startswith(self.path)

    def ancestor_paths(self) -> list[str]:
        parts = self.path.split(".")
        return [".".join(parts[: i + 1]) for i in range(len(parts))]


class SuccessionKind(models.TextChoices):
    MERGE = "merge", _("Sáp nhập")
    PARTIAL_MERGE = "partial_merge", _("Nhập một phần")
    SPLIT = "split", _("Chia tách")
    RENAME = "rename", _("Đổi tên, đổi loại")


class Succession(models.Model):
    """`predecessor` (in force until `date` − 1) continues, wholly or partly, as `successor` from `date`.

    `share` is the fraction of the predecessor's area and population that went to the successor
    (1 for a whole merge; e.g. 0.4 for a partial one) — used to apportion figures across reforms.
    """

    predecessor = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="successions_out", verbose_name="đơn vị cũ"
    )
    successor = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="successions_in", verbose_name="đơn vị mới"
    )
    date = models.DateField("ngày có hiệu lực")
    kind = models.CharField(
        "hình thức", max_length=16, choices=SuccessionKind.choices, default=SuccessionKind.MERGE
    )
    share = models.DecimalField("tỷ lệ chuyển sang", max_digits=5, decimal_places=4, default=1)
    legal_basis = models.CharField("căn cứ pháp lý", max_length=255, blank=True)

    class Meta:
        verbose_name = "kế thừa đơn vị"
        verbose_name_plural = "kế thừa đơn vị (sáp nhập, chia tách)"
        constraints = [
            models.UniqueConstraint(fields=["predecessor", "successor"], name="succession_pair_uniq"),
            models.CheckConstraint(condition=Q(share__gt=0) & Q(share__lte=1), name="succession_share_range"),
        ]

    def __str__(self):
        return f"{self.predecessor} → {self.successor} ({self.date:%d/%m/%Y})"

    @property
    def is_partial(self) -> bool:
        return self.share < 1


class CommunityCount(models.Model):
    """Households and voters of a residential community (hamlet) as of a date."""

    unit = models.ForeignKey(
        Unit, on_delete=models.CASCADE, related_name="counts", verbose_name="cộng đồng dân cư"
    )
    as_of = models.DateField("số liệu tính đến ngày")
    households = models.PositiveIntegerField("số hộ gia đình")
    voters = models.PositiveIntegerField("số cử tri")
    residents = models.PositiveIntegerField("số nhân khẩu", null=True, blank=True)

    class Meta:
        verbose_name = "số hộ, số cử tri"
        verbose_name_plural = "số hộ, số cử tri theo thời điểm"
        ordering = ["unit", "-as_of"]
        constraints = [models.UniqueConstraint(fields=["unit", "as_of"], name="community_count_uniq")]

    def __str__(self):
        return f"{self.unit}: {self.households} hộ, {self.voters} cử tri ({self.as_of:%d/%m/%Y})"
