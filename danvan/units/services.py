"""Writes to the unit tree: create, update, move, successions, community counts.

Every function takes the acting user, runs in a transaction and writes the audit trail.
`map_unit` (read-only) maps a unit of one date onto the units in force on another date.
"""

import datetime as dt
import uuid
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction

from danvan.audit.services import audit_record, diff, snapshot
from danvan.core import pagecache
from danvan.core.errors import DomainError
from danvan.core.text import nfc, normalize
from danvan.search.registry import search_index

from .models import (
    ADMIN_LEVEL,
    PATH_SEGMENT_WIDTH,
    SORT_SEPARATOR,
    CommunityCount,
    Succession,
    SuccessionKind,
    Unit,
    sort_segment,
)


def _segment(pk: int) -> str:
    return str(pk).zfill(PATH_SEGMENT_WIDTH)


def _sort_path(unit: Unit, parent: Unit | None) -> str:
    own = sort_segment(unit)
    return f"{parent.sort_path}{SORT_SEPARATOR}{own}" if parent else own


def _resort_subtree(unit: Unit, old_sort_path: str) -> None:
    """After a rename or a move, every descendant's sort path starts with the unit's new one."""
    for node in Unit.objects.subtree(unit).exclude(pk=unit.pk).only("pk", "sort_path"):
        if node.sort_path.startswith(old_sort_path):
            Unit.objects.filter(pk=node.pk).update(
                sort_path=unit.sort_path + node.sort_path[len(old_sort_path) :]
            )


def _check_parent(kind: str, parent: Unit | None) -> None:
    level = ADMIN_LEVEL.get(kind)
    if parent is None:
        if level not in (1, None):
            raise DomainError("Đơn vị cấp dưới tỉnh phải có đơn vị trực thuộc.", field="parent")
        return
    allowed_parent_levels = {2: {1}, 3: {1, 2}, 4: {3}}.get(level)
    if level is not None and (level == 1 or parent.level not in allowed_parent_levels):
        raise DomainError(
            f"“{parent.name}” không thể là cấp trên của một {dict(Unit._meta.get_field('kind').choices)[kind].lower()}.",
            field="parent",
        )


@transaction.atomic
def unit_create(
    *,
    actor,
    code: str,
    name: str,
    kind: str,
    parent: Unit | None = None,
    valid_from: dt.date | None = None,
    valid_to: dt.date | None = None,
    **extra,
) -> Unit:
    _check_parent(kind, parent)
    if valid_from and valid_to and valid_to < valid_from:
        raise DomainError("Ngày hết hiệu lực phải sau ngày bắt đầu hiệu lực.", field="valid_to")
    if Unit.objects.filter(code=code, valid_from=valid_from).exists():
        raise DomainError(f"Đã có đơn vị mã {code} hiệu lực từ cùng ngày.", field="code")
    name = nfc(name.strip())
    unit = Unit.objects.create(
        code=code.strip(),
        name=name,
        kind=kind,
        parent=parent,
        valid_from=valid_from,
        valid_to=valid_to,
        path=f"tmp-{uuid.uuid4().hex}",
        depth=(parent.depth + 1) if parent else 0,
        search_name=normalize(name),
        **extra,
    )
    unit.path = f"{parent.path}.{_segment(unit.pk)}" if parent else _segment(unit.pk)
    unit.sort_path = _sort_path(unit, parent)
    unit.save(update_fields=["path", "sort_path"])
    pagecache.changed("units")  # names, tree and counts the portal shows
    audit_record(
        actor=actor,
        action="unit.create",
        obj=unit,
        unit=unit,
        changes={"code": [None, unit.code], "name": [None, unit.name], "kind": [None, kind]},
    )
    search_index(unit)
    return unit


EDITABLE_FIELDS = {
    "name",
    "short_name",
    "valid_from",
    "valid_to",
    "is_remote",
    "address",
    "phone",
    "email",
    "note",
}


@transaction.atomic
def unit_update(*, actor, unit: Unit, **fields) -> Unit:
    unknown = set(fields) - EDITABLE_FIELDS
    if unknown:
        raise DomainError(f"Không sửa được trường: {', '.join(sorted(unknown))}.")
    before = snapshot(unit)
    for key, value in fields.items():
        setattr(unit, key, nfc(value.strip()) if isinstance(value, str) else value)
    if unit.valid_from and unit.valid_to and unit.valid_to < unit.valid_from:
        raise DomainError("Ngày hết hiệu lực phải sau ngày bắt đầu hiệu lực.", field="valid_to")
    unit.search_name = normalize(unit.name)
    old_sort_path = unit.sort_path
    unit.sort_path = _sort_path(unit, unit.parent)
    unit.save()
    if unit.sort_path != old_sort_path:
        _resort_subtree(unit, old_sort_path)
    changes = diff(before, unit, exclude=("search_name", "sort_path"))
    if changes:
        pagecache.changed("units")  # names, tree and counts the portal shows
        audit_record(actor=actor, action="unit.update", obj=unit, unit=unit, changes=changes)
    search_index(unit)
    return unit


@transaction.atomic
def unit_move(*, actor, unit: Unit, new_parent: Unit) -> Unit:
    """Re-attach a unit (and its whole subtree) under another parent."""
    if new_parent.path.startswith(unit.path):
        raise DomainError("Không thể chuyển một đơn vị vào bên trong chính nó.", field="parent")
    _check_parent(unit.kind, new_parent)
    old_path, old_parent = unit.path, unit.parent_id
    new_path = f"{new_parent.path}.{_segment(unit.pk)}"
    depth_delta = new_parent.depth + 1 - unit.depth
    for node in Unit.objects.subtree(unit).only("pk", "path", "depth"):
        node.path = new_path + node.path[len(old_path) :]
        node.depth += depth_delta
        Unit.objects.filter(pk=node.pk).update(path=node.path, depth=node.depth)
    old_sort_path = unit.sort_path
    unit.parent = new_parent
    Unit.objects.filter(pk=unit.pk).update(parent=new_parent, sort_path=_sort_path(unit, new_parent))
    unit.refresh_from_db()
    _resort_subtree(unit, old_sort_path)
    pagecache.changed("units")  # names, tree and counts the portal shows
    audit_record(
        actor=actor,
        action="unit.move",
        obj=unit,
        unit=unit,
        changes={"parent_id": [old_parent, new_parent.pk]},
    )
    return unit


@transaction.atomic
def succession_create(
    *,
    actor,
    predecessor: Unit,
    successor: Unit,
    date: dt.date,
    share: Decimal | float | str = 1,
    kind: str | None = None,
    legal_basis: str = "",
) -> Succession:
    share = Decimal(str(share))
    if not (0 < share <= 1):
        raise DomainError("Tỷ lệ chuyển sang phải lớn hơn 0 và không quá 1.", field="share")
    if predecessor.pk == successor.pk:
        raise DomainError("Đơn vị cũ và đơn vị mới phải khác nhau.")
    if predecessor.valid_to is None or predecessor.valid_to >= date:
        raise DomainError(
            f"“{predecessor.name}” phải hết hiệu lực trước ngày {date:%d/%m/%Y} mới có đơn vị kế thừa.",
            field="predecessor",
        )
    if successor.valid_from is not None and successor.valid_from > date:
        raise DomainError(f"“{successor.name}” chưa có hiệu lực vào ngày {date:%d/%m/%Y}.", field="successor")
    already = sum((s.share for s in predecessor.successions_out.exclude(successor=successor)), Decimal(0))
    if already + share > 1:
        raise DomainError(
            f"Tổng tỷ lệ chuyển từ “{predecessor.name}” vượt quá 100% (đã có {already * 100:.0f}%).",
            field="share",
        )
    kind = kind or (SuccessionKind.MERGE if share == 1 else SuccessionKind.PARTIAL_MERGE)
    succession, _ = Succession.objects.update_or_create(
        predecessor=predecessor,
        successor=successor,
        defaults={"date": date, "share": share, "kind": kind, "legal_basis": legal_basis},
    )
    pagecache.changed("units")  # names, tree and counts the portal shows
    audit_record(
        actor=actor,
        action="unit.succession",
        obj=succession,
        unit=successor,
        changes={
            "predecessor": [None, predecessor.pk],
            "successor": [None, successor.pk],
            "share": [None, str(share)],
        },
    )
    return succession


@transaction.atomic
def community_count_set(
    *, actor, unit: Unit, as_of: dt.date, households: int, voters: int, residents: int | None = None
) -> CommunityCount:
    if not unit.is_community:
        raise DomainError("Chỉ thôn, ấp, khóm, tổ dân phố mới có số hộ và số cử tri.", field="unit")
    if households < 0 or voters < 0:
        raise DomainError("Số hộ và số cử tri không được âm.")
    count, created = CommunityCount.objects.update_or_create(
        unit=unit, as_of=as_of, defaults={"households": households, "voters": voters, "residents": residents}
    )
    pagecache.changed("units")  # names, tree and counts the portal shows
    audit_record(
        actor=actor,
        action="unit.count",
        obj=unit,
        unit=unit,
        changes={
            "as_of": [None, as_of.isoformat()],
            "households": [None, households],
            "voters": [None, voters],
        },
    )
    return count


@dataclass(frozen=True)
class MappedUnit:
    """`unit` in force on the target date; `share` is the part of the source (going forward) or of
    `unit` (going back) that the two have in common. `share < 1` marks a partial merge."""

    unit: Unit
    share: Decimal

    @property
    def partial(self) -> bool:
        return self.share < 1


def map_unit(unit: Unit, day: dt.date) -> list[MappedUnit]:
    """Map `unit` onto the units in force on `day`, following successions forward or back.

    A unit in force on `day` maps to itself. A unit dissolved without successors of its own (a district
    abolished in 2025) maps through its administrative children. Results are ordered by path.
    """
    shares: dict[int, Decimal] = defaultdict(Decimal)
    units: dict[int, Unit] = {}
    _walk(unit, day, Decimal(1), shares, units, frozenset())
    return [
        MappedUnit(units[pk], min(shares[pk], Decimal(1)))
        for pk in sorted(units, key=lambda k: units[k].path)
    ]


def _walk(unit, day, share, shares, units, seen):
    if unit.pk in seen:
        return
    seen = seen | {unit.pk}
    if unit.is_valid_on(day):
        shares[unit.pk] += share
        units[unit.pk] = unit
        return
    forward = unit.valid_to is not None and day > unit.valid_to
    links = (
        unit.successions_out.select_related("successor")
        if forward
        else unit.successions_in.select_related("predecessor")
    )
    links = list(links)
    if links:
        for link in links:
            nxt = link.successor if forward else link.predecessor
            _walk(nxt, day, share * link.share, shares, units, seen)
        return
    children = Unit.objects.filter(parent=unit).administrative()
    for child in children:
        _walk(child, day, share, shares, units, seen)
