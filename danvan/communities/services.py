"""Writes of the communities module: groups, their rosters, boards, meetings and assessments; projects; the
contribution ledger.

Every service checks all its rules first (one `DomainErrors` with every refusal, in Vietnamese, naming the
field), then writes inside one transaction with its audit record — nothing is stored half-done. A posted
contribution is never edited: `contribution_reverse` writes the reversing entry.
"""

import datetime as dt
from decimal import Decimal, InvalidOperation
from functools import partial

from django.db import transaction

from danvan.audit.services import audit_record
from danvan.core import pagecache
from danvan.core.errors import DomainError, ErrorCollector
from danvan.core.formatting import format_date, format_vnd, local_today
from danvan.core.text import clean_text
from danvan.units.models import ADMIN_LEVEL, COMMUNE_KINDS, COMMUNITY_KINDS, Level, Unit

from .models import (
    SOURCE_OF_CONTRIBUTOR,
    Assessment,
    BoardMember,
    Contribution,
    ContributionKind,
    ContributorKind,
    Display,
    Group,
    GroupStatus,
    Meeting,
    Member,
    Position,
    Project,
    ProjectKind,
    ProjectStatus,
)

# ---------------------------------------------------------------- helpers

MANAGE = "communities.manage"


def _require(actor, unit: Unit | None, what: str = "ghi thông tin hội quán, tổ tự quản, công trình") -> None:
    """Every write checks the actor's `communities.manage` on the unit it touches — the unit in force that an
    old unit continues as (`selectors.current_unit_of`), as the access gates judge a row. Views and the API
    check it too, through `access_*`; this is the gate a new caller cannot skip."""
    from danvan.access.policy import has_unit_perm

    from .selectors import current_unit_of

    if unit is None:
        return  # the field's own check names what is missing
    if not has_unit_perm(actor, MANAGE, current_unit_of(unit)):
        raise DomainError(f"Bạn không có quyền {what} ở “{unit.name}”.", code="forbidden")


PROVINCE_KINDS = [k for k, lvl in ADMIN_LEVEL.items() if lvl == Level.PROVINCE]


def stamp_of(unit: Unit | None, field: str = "home_unit") -> tuple[Unit, Unit | None]:
    """(commune, province) of a hamlet or a commune, as they are now: the ids every row carries."""
    if unit is None:
        raise DomainError("Chọn địa bàn (ấp hoặc xã).", field=field)
    if unit.kind in COMMUNE_KINDS:
        commune = unit
    elif unit.kind in COMMUNITY_KINDS:
        commune = unit.parent
        while commune is not None and commune.kind not in COMMUNE_KINDS:
            commune = commune.parent
    else:
        commune = None
    if commune is None:
        raise DomainError("Địa bàn phải là một xã, phường hoặc một ấp, khóm, tổ dân phố.", field=field)
    province = (
        Unit.objects.filter(path__in=commune.ancestor_paths()[:-1])
        .filter(kind__in=PROVINCE_KINDS)
        .order_by("depth")
        .first()
    )
    return commune, province


_text = partial(clean_text, lines=True)


def _past_day(value, field: str, label: str, *, required: bool = True) -> dt.date | None:
    if value is None:
        if required:
            raise DomainError(f"Hãy nhập {label}.", field=field)
        return None
    if value > local_today():
        raise DomainError(f"{label.capitalize()} không thể sau hôm nay.", field=field)
    return value


def _money(value, field: str, label: str) -> int:
    try:
        amount = int(value or 0)
    except (TypeError, ValueError):
        raise DomainError(f"{label.capitalize()} phải là một số tiền (đồng).", field=field)
    if amount < 0:
        raise DomainError(f"{label.capitalize()} không được là số âm.", field=field)
    return amount


# ---------------------------------------------------------------- groups

GROUP_FIELDS = (
    "name",
    "kind",
    "home_unit",
    "field",
    "description",
    "founded_on",
    "decision",
    "rules",
    "meeting_every_days",
)


def _clean_group(errors: ErrorCollector, data: dict) -> dict:
    clean = {}
    with errors.step():
        clean["name"] = _text(data.get("name"), "name", "tên mô hình", max_length=200)
    with errors.step():
        if data.get("kind") is None:
            raise DomainError("Chọn loại mô hình.", field="kind")
        clean["kind"] = data["kind"]
    with errors.step():
        clean["commune"], clean["province"] = stamp_of(data.get("home_unit"))
        clean["home_unit"] = data["home_unit"]
    with errors.step():
        clean["founded_on"] = _past_day(data.get("founded_on"), "founded_on", "ngày thành lập")
    clean["field"] = (data.get("field") or "").strip()[:200]
    clean["description"] = (data.get("description") or "").strip()
    clean["decision"] = (data.get("decision") or "").strip()[:255]
    clean["rules"] = (data.get("rules") or "").strip()
    every = data.get("meeting_every_days")
    with errors.step():
        if every is not None and not 1 <= int(every) <= 366:
            raise DomainError("Chu kỳ sinh hoạt phải từ 1 đến 366 ngày.", field="meeting_every_days")
        clean["meeting_every_days"] = every
    return clean


def group_create(*, actor, **data) -> Group:
    _require(actor, data.get("home_unit"))
    errors = ErrorCollector()
    clean = _clean_group(errors, data)
    errors.raise_if_any()
    with transaction.atomic():
        group = Group.objects.create(**clean)
        audit_record(
            actor=actor,
            action="group.create",
            obj=group,
            unit=group.commune,
            changes={
                "name": (None, group.name),
                "kind": (None, group.kind_id),
                "home_unit": (None, group.home_unit_id),
            },
        )
    return group


def group_update(*, actor, group: Group, **data) -> Group:
    _require(actor, group.home_unit)
    _require(actor, data.get("home_unit"))
    merged = {f: getattr(group, f) for f in GROUP_FIELDS}
    merged.update({k: v for k, v in data.items() if k in GROUP_FIELDS})
    errors = ErrorCollector()
    clean = _clean_group(errors, merged)
    errors.raise_if_any()
    changes = {}
    for key, value in clean.items():
        old = getattr(group, key)
        if old != value:
            changes[key] = (getattr(old, "pk", old), getattr(value, "pk", value))
            setattr(group, key, value)
    if changes:
        with transaction.atomic():
            group.save()
            changes.pop("commune", None)
            changes.pop("province", None)
            audit_record(actor=actor, action="group.update", obj=group, unit=group.commune, changes=changes)
    return group


def group_set_status(
    *, actor, group: Group, status: str, on: dt.date, successor: Group | None = None
) -> Group:
    _require(actor, group.home_unit)
    errors = ErrorCollector()
    with errors.step():
        if status not in GroupStatus.values:
            raise DomainError("Chọn tình trạng của mô hình.", field="status")
    with errors.step():
        _past_day(on, "status_on", "ngày đổi tình trạng")
        if on and on < group.founded_on:
            raise DomainError("Ngày đổi tình trạng không thể trước ngày thành lập.", field="status_on")
    with errors.step():
        if status == GroupStatus.COOPERATIVE:
            if successor is None:
                raise DomainError("Chọn hợp tác xã kế tục mô hình này.", field="successor")
            if successor.pk == group.pk or not successor.kind.is_cooperative:
                raise DomainError("Mô hình kế tục phải là một hợp tác xã khác.", field="successor")
        elif successor is not None:
            raise DomainError("Chỉ mô hình chuyển thành hợp tác xã mới có mô hình kế tục.", field="successor")
    errors.raise_if_any()
    changes = {"status": (group.status, status), "status_on": (group.status_on, on)}
    if successor is not None:
        changes["successor"] = (group.successor_id, successor.pk)
    with transaction.atomic():
        group.status, group.status_on, group.successor = status, on, successor
        group.save(update_fields=["status", "status_on", "successor"])
        audit_record(actor=actor, action="group.status", obj=group, unit=group.commune, changes=changes)
    return group


def member_add(
    *, actor, group: Group, full_name: str = "", household=None, role: str = "", joined_on=None
) -> Member:
    _require(actor, group.home_unit)
    errors = ErrorCollector()
    if household is not None and not (full_name or "").strip():
        full_name = household.representative_name
    with errors.step():
        full_name = _text(full_name, "full_name", "họ tên thành viên", max_length=128)
    with errors.step():
        joined_on = _past_day(joined_on, "joined_on", "ngày vào")
        if joined_on < group.founded_on:
            raise DomainError("Ngày vào không thể trước ngày thành lập mô hình.", field="joined_on")
    with errors.step():
        if household is not None and group.members.filter(household=household, left_on__isnull=True).exists():
            raise DomainError("Hộ này đã là thành viên của mô hình.", field="household")
    errors.raise_if_any()
    with transaction.atomic():
        member = Member.objects.create(
            group=group,
            full_name=full_name,
            household=household,
            role=(role or "").strip()[:64] or "Thành viên",
            joined_on=joined_on,
        )
        audit_record(
            actor=actor,
            action="group.member_add",
            obj=group,
            unit=group.commune,
            changes={"member": (None, member.full_name), "joined_on": (None, joined_on)},
        )
    return member


def member_leave(*, actor, member: Member, left_on: dt.date) -> Member:
    _require(actor, member.group.home_unit)
    left_on = _past_day(left_on, "left_on", "ngày ra")
    if left_on < member.joined_on:
        raise DomainError("Ngày ra không thể trước ngày vào.", field="left_on")
    if member.left_on is not None:
        raise DomainError("Thành viên này đã ra khỏi mô hình.", field="left_on")
    with transaction.atomic():
        member.left_on = left_on
        member.save(update_fields=["left_on"])
        member.seats.filter(term_to__isnull=True).update(term_to=left_on)
        audit_record(
            actor=actor,
            action="group.member_leave",
            obj=member.group,
            unit=member.group.commune,
            changes={"member": (None, member.full_name), "left_on": (None, left_on)},
        )
    return member


def _overlaps(qs, start: dt.date, end: dt.date | None):
    from django.db.models import Q

    qs = qs.filter(Q(term_to__isnull=True) | Q(term_to__gte=start))
    if end is not None:
        qs = qs.filter(term_from__lte=end)
    return qs


def board_add(
    *, actor, group: Group, member: Member | None, position: str, term_from, term_to=None
) -> BoardMember:
    _require(actor, group.home_unit)
    errors = ErrorCollector()
    with errors.step():
        if member is None or member.group_id != group.pk:
            raise DomainError("Chọn một thành viên của mô hình.", field="member")
        if member.left_on is not None:
            raise DomainError(f"{member.full_name} đã ra khỏi mô hình.", field="member")
    with errors.step():
        if position not in Position.values:
            raise DomainError("Chọn chức danh trong ban điều hành.", field="position")
    with errors.step():
        if term_from is None:
            raise DomainError("Hãy nhập ngày bắt đầu nhiệm kỳ.", field="term_from")
        if term_to is not None and term_to < term_from:
            raise DomainError("Ngày kết thúc nhiệm kỳ phải sau ngày bắt đầu.", field="term_to")
    errors.raise_if_any()
    with transaction.atomic():
        # the member's row is locked, so two officers adding the same person at once cannot both pass the check
        Member.objects.select_for_update().filter(pk=member.pk).first()
        seat = _overlaps(group.board.filter(member=member), term_from, term_to).first()
        if seat is not None:
            raise DomainError(
                f"{member.full_name} đã có trong ban điều hành ({seat.get_position_display()}, "
                f"nhiệm kỳ từ {format_date(seat.term_from)}). Mỗi người chỉ giữ một chức danh trong một nhiệm kỳ.",
                field="member",
            )
        if (
            position == Position.HEAD
            and _overlaps(group.board.filter(position=Position.HEAD), term_from, term_to).exists()
        ):
            raise DomainError("Mô hình đã có chủ nhiệm trong nhiệm kỳ này.", field="position")
        seat = BoardMember.objects.create(
            group=group, member=member, position=position, term_from=term_from, term_to=term_to
        )
        audit_record(
            actor=actor,
            action="group.board_add",
            obj=group,
            unit=group.commune,
            changes={"member": (None, member.full_name), "position": (None, seat.get_position_display())},
        )
    return seat


def meeting_record(*, actor, group: Group, held_on, topic: str, attendance, outcome: str = "") -> Meeting:
    _require(actor, group.home_unit)
    errors = ErrorCollector()
    with errors.step():
        held_on = _past_day(held_on, "held_on", "ngày sinh hoạt")
        if held_on < group.founded_on:
            raise DomainError("Ngày sinh hoạt không thể trước ngày thành lập mô hình.", field="held_on")
    with errors.step():
        topic = _text(topic, "topic", "chủ đề", max_length=255)
    with errors.step():
        if attendance is None or int(attendance) < 1:
            raise DomainError("Số người tham dự phải từ 1 trở lên.", field="attendance")
    errors.raise_if_any()
    with transaction.atomic():
        meeting = Meeting.objects.create(
            group=group,
            held_on=held_on,
            topic=topic,
            attendance=int(attendance),
            outcome=(outcome or "").strip(),
            recorded_by=actor if getattr(actor, "is_authenticated", False) else None,
        )
        audit_record(
            actor=actor,
            action="group.meeting",
            obj=group,
            unit=group.commune,
            changes={
                "held_on": (None, held_on),
                "topic": (None, topic),
                "attendance": (None, meeting.attendance),
            },
        )
    return meeting


def assessment_record(
    *, actor, group: Group, level, assessed_on, assessor: Unit, notes: str = ""
) -> Assessment:
    _require(actor, group.home_unit)
    errors = ErrorCollector()
    with errors.step():
        if level is None:
            raise DomainError("Chọn mức xếp loại.", field="level")
    with errors.step():
        _past_day(assessed_on, "assessed_on", "ngày đánh giá")
    errors.raise_if_any()
    with transaction.atomic():
        assessment = Assessment.objects.create(
            group=group, level=level, assessed_on=assessed_on, assessor=assessor, notes=(notes or "").strip()
        )
        audit_record(
            actor=actor,
            action="group.assess",
            obj=group,
            unit=group.commune,
            changes={"level": (None, level.name), "assessed_on": (None, assessed_on)},
        )
    return assessment


# ---------------------------------------------------------------- projects

PROJECT_FIELDS = (
    "name",
    "kind",
    "criterion",
    "place",
    "group",
    "description",
    "decision",
    "budget_state",
    "budget_people",
    "budget_sponsors",
    "budget_groups",
    "started_on",
    "progress",
    "status",
    "completed_on",
    "handed_over_on",
    "handed_over_to",
)
BUDGET_LABELS = {
    "budget_state": "ngân sách nhà nước",
    "budget_people": "phần nhân dân đóng góp",
    "budget_sponsors": "phần mạnh thường quân",
    "budget_groups": "phần hội quán, tổ tự quản",
}


def _clean_project(errors: ErrorCollector, data: dict) -> dict:
    clean = {}
    with errors.step():
        clean["name"] = _text(data.get("name"), "name", "tên công trình", max_length=255)
    with errors.step():
        if data.get("kind") not in ProjectKind.values:
            raise DomainError("Chọn loại công trình.", field="kind")
        clean["kind"] = data["kind"]
    with errors.step():
        clean["commune"], clean["province"] = stamp_of(data.get("place"), "place")
        clean["place"] = data["place"]
    for key, label in BUDGET_LABELS.items():
        with errors.step():
            clean[key] = _money(data.get(key), key, label)
    with errors.step():
        clean["started_on"] = _past_day(data.get("started_on"), "started_on", "ngày khởi công")
    progress = data.get("progress") or 0
    with errors.step():
        if not 0 <= int(progress) <= 100:
            raise DomainError("Tiến độ phải từ 0 đến 100%.", field="progress")
    clean["progress"] = int(progress)
    status = data.get("status") or ProjectStatus.OPEN
    clean["status"] = status
    clean["completed_on"] = data.get("completed_on")
    clean["handed_over_on"] = data.get("handed_over_on")
    with errors.step():
        if status not in ProjectStatus.values:
            raise DomainError("Chọn tình trạng công trình.", field="status")
        if status in (ProjectStatus.COMPLETED, ProjectStatus.HANDED_OVER):
            if clean["completed_on"] is None:
                raise DomainError("Hãy nhập ngày hoàn thành.", field="completed_on")
            _past_day(clean["completed_on"], "completed_on", "ngày hoàn thành")
            clean["progress"] = 100
        else:
            clean["completed_on"] = None
    with errors.step():
        if status == ProjectStatus.HANDED_OVER:
            if clean["handed_over_on"] is None:
                raise DomainError("Hãy nhập ngày bàn giao.", field="handed_over_on")
            if clean["completed_on"] and clean["handed_over_on"] < clean["completed_on"]:
                raise DomainError("Ngày bàn giao không thể trước ngày hoàn thành.", field="handed_over_on")
        else:
            clean["handed_over_on"] = None
    clean["handed_over_to"] = (
        (data.get("handed_over_to") or "").strip()[:255] if status == ProjectStatus.HANDED_OVER else ""
    )
    clean["criterion"] = data.get("criterion")
    clean["group"] = data.get("group")
    clean["description"] = (data.get("description") or "").strip()
    clean["decision"] = (data.get("decision") or "").strip()[:255]
    return clean


def project_create(*, actor, **data) -> Project:
    _require(actor, data.get("place"))
    errors = ErrorCollector()
    clean = _clean_project(errors, data)
    errors.raise_if_any()
    with transaction.atomic():
        project = Project.objects.create(**clean)
        audit_record(
            actor=actor,
            action="project.create",
            obj=project,
            unit=project.commune,
            changes={
                "name": (None, project.name),
                "kind": (None, project.kind),
                "place": (None, project.place_id),
            },
        )
    return project


def project_update(*, actor, project: Project, **data) -> Project:
    _require(actor, project.place)
    _require(actor, data.get("place"))
    merged = {f: getattr(project, f) for f in PROJECT_FIELDS}
    merged.update({k: v for k, v in data.items() if k in PROJECT_FIELDS})
    errors = ErrorCollector()
    clean = _clean_project(errors, merged)
    errors.raise_if_any()
    changes = {}
    for key, value in clean.items():
        old = getattr(project, key)
        if old != value:
            if key not in ("commune", "province"):
                changes[key] = (getattr(old, "pk", old), getattr(value, "pk", value))
            setattr(project, key, value)
    if changes:
        with transaction.atomic():
            project.save()
            audit_record(
                actor=actor, action="project.update", obj=project, unit=project.commune, changes=changes
            )
    return project


# ---------------------------------------------------------------- contributions


def _quantity(value, field: str) -> Decimal | None:
    if value in (None, ""):
        return None
    try:
        return Decimal(str(value))
    except InvalidOperation:
        raise DomainError("Số lượng phải là một số.", field=field)


def clean_contribution(data: dict, stamp: tuple | None = None) -> dict:
    """The checked fields of a new entry, or DomainErrors with every refusal (also used row by row by the
    spreadsheet import, which stores nothing unless every row passes)."""
    errors = ErrorCollector()
    project = data.get("project")
    clean = {"project": project, "purpose": (data.get("purpose") or "").strip()[:255]}
    with errors.step():
        if project is None and not clean["purpose"]:
            raise DomainError("Chọn công trình hoặc ghi mục đích đóng góp.", field="project")
        if project is not None and project.is_closed:
            raise DomainError(
                f"Công trình “{project.name}” đã {project.get_status_display().lower()}, không nhận thêm đóng góp.",
                field="project",
            )
    place = project.place if project is not None else data.get("place")
    with errors.step():
        clean["commune"], clean["province"] = stamp or stamp_of(place, "place")
        clean["place"] = place
    who = data.get("contributor_kind")
    clean["contributor_kind"] = who
    clean["household"] = clean["contributor_group"] = None
    name = (data.get("contributor_name") or "").strip()
    with errors.step():
        if who not in ContributorKind.values:
            raise DomainError(
                "Chọn người đóng góp là hộ, cá nhân, doanh nghiệp, mô hình hay nhà hảo tâm giấu tên.",
                field="contributor_kind",
            )
        if who == ContributorKind.HOUSEHOLD:
            if data.get("household") is None:
                raise DomainError("Chọn hộ gia đình đóng góp.", field="household")
            clean["household"] = data["household"]
            name = name or data["household"].representative_name
        elif who == ContributorKind.GROUP:
            if data.get("contributor_group") is None:
                raise DomainError("Chọn mô hình đóng góp.", field="contributor_group")
            clean["contributor_group"] = data["contributor_group"]
            name = data["contributor_group"].name
        elif who == ContributorKind.ANONYMOUS:
            name = ""
        elif not name:
            raise DomainError("Hãy nhập tên người hoặc doanh nghiệp đóng góp.", field="contributor_name")
        if len(name) > 200:
            raise DomainError("Tên người đóng góp dài quá 200 ký tự.", field="contributor_name")
    clean["contributor_name"] = name
    clean["source"] = SOURCE_OF_CONTRIBUTOR.get(who, "")
    kind = data.get("kind")
    clean["kind"] = kind
    quantity = None
    with errors.step():
        quantity = _quantity(data.get("quantity"), "quantity")
    clean["quantity"] = quantity
    clean["quantity_unit"] = (data.get("quantity_unit") or "").strip()[:32]
    with errors.step():
        if kind not in ContributionKind.values:
            raise DomainError("Chọn hình thức đóng góp.", field="kind")
        if quantity is not None and quantity < 0:
            raise DomainError("Số lượng không được là số âm.", field="quantity")
        if kind == ContributionKind.LAND:
            if not quantity:
                raise DomainError("Hiến đất phải ghi diện tích (m²) lớn hơn 0.", field="quantity")
            clean["quantity_unit"] = "m²"
        elif kind == ContributionKind.LABOUR:
            if not quantity:
                raise DomainError("Đóng góp ngày công phải ghi số ngày công.", field="quantity")
            clean["quantity_unit"] = "ngày công"
        elif kind == ContributionKind.MATERIALS:
            if not quantity or not clean["quantity_unit"]:
                raise DomainError("Đóng góp vật tư phải ghi số lượng và đơn vị tính.", field="quantity")
        elif kind == ContributionKind.CASH:
            clean["quantity"], clean["quantity_unit"] = None, ""
    value = data.get("value_vnd")
    with errors.step():
        try:
            value = int(value if value not in (None, "") else 0)
        except (TypeError, ValueError):
            raise DomainError("Giá trị phải là một số tiền (đồng).", field="value_vnd")
        if value < 0:
            raise DomainError("Giá trị đóng góp không được là số âm.", field="value_vnd")
        if kind == ContributionKind.CASH and value == 0:
            raise DomainError("Số tiền đóng góp phải lớn hơn 0.", field="value_vnd")
    clean["value_vnd"] = value
    clean["value_basis"] = (data.get("value_basis") or "").strip()[:255]
    with errors.step():
        if (
            kind != ContributionKind.CASH
            and isinstance(value, int)
            and value > 0
            and not clean["value_basis"]
        ):
            raise DomainError("Ghi căn cứ quy đổi ra tiền (đơn giá, biên bản định giá).", field="value_basis")
    with errors.step():
        clean["on"] = _past_day(data.get("on"), "on", "ngày đóng góp")
    clean["receipt_no"] = (data.get("receipt_no") or "").strip()[:64]
    clean["consent_named"] = bool(data.get("consent_named")) and who != ContributorKind.ANONYMOUS
    display = data.get("display") or Display.EXACT
    clean["display"] = display if display in Display.values else Display.EXACT
    errors.raise_if_any()
    return clean


def contribution_post(*, actor, **data) -> Contribution:
    project = data.get("project")
    _require(actor, project.place if project is not None else data.get("place"), "ghi sổ đóng góp")
    clean = clean_contribution(data)
    with transaction.atomic():
        if clean["project"] is not None:
            # the project is locked and read again: a contribution never lands on a project closed meanwhile
            project = Project.objects.select_for_update().get(pk=clean["project"].pk)
            if project.is_closed:
                raise DomainError(
                    f"Công trình “{project.name}” đã hoàn thành, không nhận thêm đóng góp.", field="project"
                )
        entry = Contribution.objects.create(
            **clean, recorded_by=actor if getattr(actor, "is_authenticated", False) else None
        )
        audit_record(
            actor=actor,
            action="contribution.post",
            obj=entry,
            unit=entry.commune,
            changes={
                "kind": (None, entry.kind),
                "value_vnd": (None, entry.value_vnd),
                "project": (None, entry.project_id),
            },
        )
    return entry


def contribution_reverse(*, actor, entry: Contribution, reason: str) -> Contribution:
    """Write the entry that cancels `entry` (negated value and quantity, same project, place and stamped
    commune and province, dated today); `entry` itself is never changed. An entry is reversed at most once,
    and a reversing entry is never reversed (post a new entry instead)."""
    _require(actor, entry.place, "điều chỉnh sổ đóng góp")
    reason = _text(reason, "reason", "lý do điều chỉnh", max_length=255)
    with transaction.atomic():
        entry = Contribution.objects.select_for_update().get(pk=entry.pk)
        if entry.reverses_id is not None:
            raise DomainError(
                "Đây là bút toán điều chỉnh, không điều chỉnh lại được. Hãy ghi một khoản mới.",
                field="reason",
            )
        if Contribution.objects.filter(reverses=entry).exists():
            raise DomainError("Khoản đóng góp này đã được điều chỉnh.", field="reason")
        mirror = Contribution.objects.create(
            project=entry.project,
            purpose=entry.purpose,
            contributor_kind=entry.contributor_kind,
            contributor_name=entry.contributor_name,
            household=entry.household,
            contributor_group=entry.contributor_group,
            source=entry.source,
            kind=entry.kind,
            quantity=-entry.quantity if entry.quantity is not None else None,
            quantity_unit=entry.quantity_unit,
            value_vnd=-entry.value_vnd,
            value_basis=entry.value_basis,
            on=local_today(),
            receipt_no=entry.receipt_no,
            consent_named=False,
            display=entry.display,
            place=entry.place,
            commune=entry.commune,
            province=entry.province,
            reverses=entry,
            reason=reason,
            recorded_by=actor if getattr(actor, "is_authenticated", False) else None,
        )
        audit_record(
            actor=actor,
            action="contribution.reverse",
            obj=entry,
            unit=entry.commune,
            changes={"reason": (None, reason), "value_vnd": (entry.value_vnd, 0)},
        )
    return mirror


def ledger_export(*, actor, unit, entries, totals, filters: str = "") -> bytes:
    """The ledger (XLSX) of `entries` — already scoped to `actor` — with its totals; refused above
    `exports.MAX_ROWS`; every export (names of contributors) is audited."""
    from . import exports

    count = entries.count()
    if count > exports.MAX_ROWS:
        raise DomainError(
            f"Sổ có {count:,} khoản, vượt quá {exports.MAX_ROWS:,} dòng một lần xuất. Vui lòng lọc theo thời gian "
            "hoặc hình thức.".replace(",", "."),
            code="too_many",
        )
    title = f"Sổ đóng góp — {unit.name if unit is not None else 'tất cả đơn vị'} — xuất ngày {format_date(local_today())}"
    data = exports.ledger_xlsx(entries.iterator(chunk_size=2000), totals, title)
    audit_record(
        actor=actor,
        action="contribution.export",
        obj=unit if unit is not None else actor,
        unit=unit,
        changes={"rows": (None, count), "filters": (None, filters)},
    )
    return data


# ---------------------------------------------------------------- spreadsheet import


IMPORT_BATCH = 2000


def _store_import(row, uploaded_file, default_name: str, task):
    """Check the upload by content (xlsx), store it privately on the new import `row` and queue `task` for it
    after commit: the start every spreadsheet import shares."""
    from django.core.files import File

    from danvan.core.files import validate_upload
    from danvan.core.tasks import enqueue_on_commit

    validate_upload(uploaded_file, kinds={"xlsx"})
    name = (getattr(uploaded_file, "name", "") or default_name).rsplit("/", 1)[-1][:255]
    row.original_name = name
    with transaction.atomic():
        uploaded_file.seek(0)
        row.file.save(
            name,
            uploaded_file if isinstance(uploaded_file, File) else File(uploaded_file, name=name),
            save=False,
        )
        row.save()
        enqueue_on_commit(task, row.pk)
    return row


def contribution_import_start(*, actor, project: Project, uploaded_file):
    """Check the upload (by content), store it privately and queue the check-and-write task after commit."""
    _require(actor, project.place, "nhập sổ đóng góp")
    from .models import ContributionImport

    if project.is_closed:
        raise DomainError(
            f"Công trình “{project.name}” đã hoàn thành, không nhận thêm đóng góp.", field="file"
        )
    from .tasks import run_contribution_import

    return _store_import(
        ContributionImport(project=project, actor=actor),
        uploaded_file,
        "dong-gop.xlsx",
        run_contribution_import,
    )


def _run_import(model, import_id: int, *, related: tuple, check, write, what: str):
    """The body every spreadsheet import task shares (only a PENDING import is claimed): phase 1,
    `check(imp, progress)` reads and checks every row and gives the `CheckResult`; any error → REJECTED with the
    per-row report, nothing written. Phase 2, `write(imp, result)` writes every row in one transaction with one
    audit record and gives how many it wrote — or a sentence why it wrote none (REJECTED). A failure in either
    phase writes nothing (FAILED)."""
    import logging

    from django.utils import timezone

    logger = logging.getLogger(__name__)
    Status = model.Status
    if not model.objects.filter(pk=import_id, status=Status.PENDING).update(status=Status.RUNNING):
        return model.objects.filter(pk=import_id).first()
    imp = model.objects.select_related(*related).get(pk=import_id)

    def finish(**fields):
        model.objects.filter(pk=import_id).update(finished_at=timezone.now(), **fields)
        return model.objects.get(pk=import_id)

    def progress(done, total=None):
        fields = {"processed_rows": done}
        if total is not None:
            fields["total_rows"] = total
        model.objects.filter(pk=import_id).update(**fields)

    try:
        result = check(imp, progress)
    except Exception:
        logger.exception("%s %s: checking failed", what, import_id)
        return finish(
            status=Status.FAILED, message="Lỗi hệ thống khi đọc tệp. Không có dữ liệu nào được ghi."
        )
    if result.errors:
        return finish(
            status=Status.REJECTED,
            total_rows=result.total_rows,
            processed_rows=result.total_rows,
            error_count=result.error_count,
            errors=result.errors[: model.MAX_STORED_ERRORS],
            message=f"Tệp có {result.error_count} lỗi nên chưa nhập dòng nào. Hãy sửa các dòng dưới đây rồi tải "
            "tệp lên lại.",
        )
    try:
        with transaction.atomic():
            written = write(imp, result)
            if isinstance(written, str):
                return finish(status=Status.REJECTED, message=written)
            pagecache.changed("communities")
            return finish(
                status=Status.DONE,
                total_rows=result.total_rows,
                processed_rows=result.total_rows,
                created_rows=written,
                message="",
            )
    except Exception:
        logger.exception("%s %s: writing failed", what, import_id)
        return finish(
            status=Status.FAILED, message="Lỗi hệ thống khi ghi dữ liệu. Không có dữ liệu nào được ghi."
        )


def contribution_import_run(import_id: int):
    """Run one contributions import (the task body): every row is read and checked (households of the
    project's commune), then all are written in one transaction with one audit record — or none."""
    from danvan.people.models import Household

    from . import importing
    from .models import ContributionImport

    def check(imp, progress):
        stamp = stamp_of(imp.project.place, "place")
        households = {
            h.code: h
            for h in Household.objects.filter(commune=stamp[0]).only("pk", "code", "representative_name")
        }
        with imp.file.open("rb") as fh:
            return importing.check_file(
                fh,
                project=imp.project,
                stamp=stamp,
                households=households,
                clean=clean_contribution,
                progress=progress,
            )

    def write(imp, result):
        project = imp.project
        locked = Project.objects.select_for_update().get(pk=project.pk)
        if locked.is_closed:
            return "Công trình đã hoàn thành trong lúc nhập; không ghi dòng nào."
        recorder = imp.actor if getattr(imp.actor, "is_authenticated", False) else None
        written = len(result.rows)
        # written batch by batch: the model instances of 100,000 rows never all live at once
        for i in range(0, len(result.rows), IMPORT_BATCH):
            Contribution.objects.bulk_create(
                [Contribution(**row, recorded_by=recorder) for row in result.rows[i : i + IMPORT_BATCH]]
            )
        result.rows.clear()
        audit_record(
            actor=imp.actor,
            action="contribution.import",
            obj=project,
            unit=project.commune,
            changes={"file": (None, imp.original_name), "rows": (None, written)},
        )
        return written

    return _run_import(
        ContributionImport,
        import_id,
        related=("project__place", "actor"),
        check=check,
        write=write,
        what="contribution import",
    )


def member_import_start(*, actor, group: Group, uploaded_file):
    """Check the upload (by content), store it privately and queue the check-and-write task after commit."""
    _require(actor, group.home_unit, "nhập thành viên")
    from .models import MemberImport
    from .tasks import run_member_import

    return _store_import(
        MemberImport(group=group, actor=actor), uploaded_file, "thanh-vien.xlsx", run_member_import
    )


def member_import_run(import_id: int):
    """Run one members import (the task body): every row is read and checked against the registry of the
    group's commune, then all are written in one transaction with one audit record — or none."""
    from danvan.people.models import Household, Resident

    from . import member_import
    from .models import MemberImport
    from .selectors import current_unit_of

    def active_households(group):
        return set(
            group.members.filter(left_on__isnull=True, household__isnull=False).values_list(
                "household_id", flat=True
            )
        )

    def check(imp, progress):
        group = imp.group
        # the registry of the commune the group's place is in today (an old hamlet's households moved with it)
        commune = stamp_of(current_unit_of(group.home_unit), "home_unit")[0]
        households = {
            h.code: h
            for h in Household.objects.filter(commune=commune).only("pk", "code", "representative_name")
        }
        residents = {
            r.id_number: r
            for r in Resident.objects.filter(household__commune=commune)
            .exclude(id_number="")
            .select_related("household")
        }
        with imp.file.open("rb") as fh:
            return member_import.check_file(
                fh,
                group=group,
                households=households,
                residents=residents,
                members=active_households(group),
                progress=progress,
            )

    def write(imp, result):
        group = imp.group
        # the group is locked and its active households read again: nobody added meanwhile is doubled
        Group.objects.select_for_update().filter(pk=group.pk).first()
        taken = active_households(group)
        if any(r["household"] is not None and r["household"].pk in taken for r in result.rows):
            return "Có hộ vừa được thêm vào mô hình trong lúc nhập; không ghi dòng nào. Hãy tải tệp lên lại."
        Member.objects.bulk_create(
            [Member(group=group, **row) for row in result.rows], batch_size=IMPORT_BATCH
        )
        audit_record(
            actor=imp.actor,
            action="group.member_import",
            obj=group,
            unit=group.commune,
            changes={"file": (None, imp.original_name), "rows": (None, len(result.rows))},
        )
        return len(result.rows)

    return _run_import(
        MemberImport,
        import_id,
        related=("group__home_unit", "actor"),
        check=check,
        write=write,
        what="member import",
    )


# ---------------------------------------------------------------- group funds (quỹ)
#
# A group's fund is cash in its treasurer's hands: spending beyond the balance (on the day it is posted) is
# refused — the fund cannot lend itself money. A correction is the reversing entry (once, never of a
# reversal); a reversal is never refused for the balance, since it undoes a wrong line, and the book then
# shows the (possibly negative) balance that the treasurer must explain.

RECEIPT_FILE_KINDS = {"pdf", "jpeg", "png", "webp"}


def _receipt_file(uploaded):
    if not uploaded:
        return None
    from django.core.exceptions import ValidationError

    from danvan.core.files import validate_upload

    try:
        validate_upload(uploaded, RECEIPT_FILE_KINDS)
    except ValidationError as exc:
        raise DomainError(" ".join(exc.messages), field="receipt_file")
    return uploaded


def fund_post(
    *,
    actor,
    group: Group,
    direction: str,
    category: str = "",
    amount_vnd=None,
    description: str = "",
    party_name: str = "",
    household=None,
    receipt_no: str = "",
    receipt_on=None,
    receipt_file=None,
):
    """Post one line of the group's fund book (thu or chi) with its receipt. Returns the FundEntry."""
    from .models import INCOME_CATEGORIES, FundCategory, FundDirection, FundEntry
    from .selectors import fund_balance

    _require(actor, group.home_unit, "ghi sổ quỹ")
    errors = ErrorCollector()
    with errors.step():
        if direction not in FundDirection.values:
            raise DomainError("Chọn khoản thu hay khoản chi.", field="direction")
    with errors.step():
        if direction == FundDirection.SPENDING:
            category = FundCategory.SPENDING
        elif category not in INCOME_CATEGORIES:
            raise DomainError("Chọn loại khoản thu (hội phí, đóng góp, tài trợ).", field="category")
    with errors.step():
        try:
            amount = int(amount_vnd)
        except (TypeError, ValueError):
            raise DomainError("Số tiền phải là một số (đồng).", field="amount_vnd")
        if amount < 0:
            raise DomainError(
                "Số tiền không được là số âm. Muốn sửa một khoản đã ghi, hãy điều chỉnh khoản đó.",
                field="amount_vnd",
            )
        if amount == 0:
            raise DomainError("Số tiền phải lớn hơn 0.", field="amount_vnd")
    with errors.step():
        description = _text(description, "description", "nội dung thu chi", max_length=255)
    with errors.step():
        receipt_no = _text(receipt_no, "receipt_no", "số phiếu thu, phiếu chi", max_length=64)
    with errors.step():
        receipt_on = _past_day(receipt_on, "receipt_on", "ngày chứng từ")
        if receipt_on < group.founded_on:
            raise DomainError("Ngày chứng từ không thể trước ngày thành lập mô hình.", field="receipt_on")
    with errors.step():
        if household is not None and direction != FundDirection.INCOME:
            raise DomainError("Chỉ khoản thu mới ghi hộ nộp.", field="household")
    with errors.step():
        receipt_file = _receipt_file(receipt_file)
    errors.raise_if_any()
    party_name = (party_name or (household.representative_name if household is not None else "")).strip()[
        :200
    ]
    with transaction.atomic():
        # the group's row is locked: two spendings at once cannot both pass the balance check
        Group.objects.select_for_update().filter(pk=group.pk).first()
        if direction == FundDirection.SPENDING:
            balance = fund_balance(group)["balance"]
            if amount > balance:
                raise DomainError(
                    f"Quỹ chỉ còn {format_vnd(balance)}, không chi được {format_vnd(amount)}.",
                    field="amount_vnd",
                )
        entry = FundEntry(
            group=group,
            direction=direction,
            category=category,
            amount_vnd=amount,
            description=description,
            party_name=party_name,
            household=household,
            receipt_no=receipt_no,
            receipt_on=receipt_on,
            recorded_by=actor if getattr(actor, "is_authenticated", False) else None,
        )
        if receipt_file is not None:
            receipt_file.seek(0)
            entry.receipt_file.save(receipt_file.name.rsplit("/", 1)[-1][:100], receipt_file, save=False)
        entry.save()
        audit_record(
            actor=actor,
            action="fund.post",
            obj=group,
            unit=group.commune,
            changes={
                "direction": (None, entry.get_direction_display()),
                "amount_vnd": (None, amount),
                "receipt_no": (None, receipt_no),
            },
        )
    return entry


def fund_reverse(*, actor, entry, reason: str):
    """Write the entry that cancels `entry` (same direction, negated amount, dated today); `entry` itself is
    never changed. An entry is reversed at most once; a reversing entry is never reversed."""
    from .models import FundEntry

    group = entry.group
    _require(actor, group.home_unit, "điều chỉnh sổ quỹ")
    reason = _text(reason, "reason", "lý do điều chỉnh", max_length=255)
    with transaction.atomic():
        entry = FundEntry.objects.select_for_update().get(pk=entry.pk)
        if entry.reverses_id is not None:
            raise DomainError(
                "Đây là khoản điều chỉnh, không điều chỉnh lại được. Hãy ghi một khoản mới.", field="reason"
            )
        if FundEntry.objects.filter(reverses=entry).exists():
            raise DomainError("Khoản này đã được điều chỉnh.", field="reason")
        mirror = FundEntry.objects.create(
            group=group,
            direction=entry.direction,
            category=entry.category,
            amount_vnd=-entry.amount_vnd,
            description=entry.description,
            party_name=entry.party_name,
            household=entry.household,
            receipt_no=entry.receipt_no,
            receipt_on=local_today(),
            reverses=entry,
            reason=reason,
            recorded_by=actor if getattr(actor, "is_authenticated", False) else None,
        )
        audit_record(
            actor=actor,
            action="fund.reverse",
            obj=group,
            unit=group.commune,
            changes={
                "receipt_no": (None, entry.receipt_no),
                "amount_vnd": (entry.amount_vnd, 0),
                "reason": (None, reason),
            },
        )
    return mirror


# ---------------------------------------------------------------- consolidation plans (củng cố)


def plan_open(*, actor, group: Group, assessment, goal: str, opened_on=None):
    """Open the consolidation plan of a group assessed weak (on `assessment`, a weak level of the scale)."""
    from .models import ConsolidationPlan

    _require(actor, group.home_unit, "lập kế hoạch củng cố")
    errors = ErrorCollector()
    with errors.step():
        if assessment is None or assessment.group_id != group.pk:
            raise DomainError("Chọn lần đánh giá của mô hình này.", field="assessment")
        if not assessment.level.is_weak:
            raise DomainError(
                f"Mô hình được xếp loại “{assessment.level.name}”, không thuộc diện cần củng cố.",
                field="assessment",
            )
        if ConsolidationPlan.objects.filter(assessment=assessment).exists():
            raise DomainError("Lần đánh giá này đã có kế hoạch củng cố.", field="assessment")
    with errors.step():
        goal = _text(goal, "goal", "mục tiêu củng cố", max_length=4000)
    with errors.step():
        opened_on = _past_day(opened_on or local_today(), "opened_on", "ngày lập kế hoạch")
        if assessment is not None and opened_on < assessment.assessed_on:
            raise DomainError("Ngày lập kế hoạch không thể trước ngày đánh giá.", field="opened_on")
    errors.raise_if_any()
    with transaction.atomic():
        plan = ConsolidationPlan.objects.create(
            group=group,
            assessment=assessment,
            goal=goal,
            opened_on=opened_on,
            created_by=actor if getattr(actor, "is_authenticated", False) else None,
        )
        audit_record(
            actor=actor,
            action="plan.open",
            obj=group,
            unit=group.commune,
            changes={"goal": (None, goal), "opened_on": (None, opened_on)},
        )
    return plan


def plan_action_add(*, actor, plan, title: str, due_on, owner_unit=None, owner_person: str = ""):
    from .models import ConsolidationAction

    group = plan.group
    _require(actor, group.home_unit, "lập kế hoạch củng cố")
    errors = ErrorCollector()
    with errors.step():
        if plan.completed_on is not None:
            raise DomainError(
                "Kế hoạch đã hoàn thành; hãy lập kế hoạch mới sau lần đánh giá tới.", field="title"
            )
        title = _text(title, "title", "việc cần làm", max_length=255)
    with errors.step():
        if due_on is None:
            raise DomainError("Hãy nhập hạn hoàn thành.", field="due_on")
        if due_on < plan.opened_on:
            raise DomainError("Hạn hoàn thành không thể trước ngày lập kế hoạch.", field="due_on")
    owner_person = (owner_person or "").strip()[:128]
    with errors.step():
        if owner_unit is None and not owner_person:
            raise DomainError("Ghi đơn vị hoặc người phụ trách.", field="owner_person")
    errors.raise_if_any()
    with transaction.atomic():
        action = ConsolidationAction.objects.create(
            plan=plan, title=title, due_on=due_on, owner_unit=owner_unit, owner_person=owner_person
        )
        audit_record(
            actor=actor,
            action="plan.action_add",
            obj=group,
            unit=group.commune,
            changes={"title": (None, title), "due_on": (None, due_on)},
        )
    return action


def plan_action_close(*, actor, action, status: str, note: str = "", closed_on=None):
    """Close an action: done (with what was done) or dropped (with why). The plan is complete when its last
    open action closes and at least one is done."""
    from .models import ActionStatus, ConsolidationAction, ConsolidationPlan

    plan = action.plan
    group = plan.group
    _require(actor, group.home_unit, "theo dõi kế hoạch củng cố")
    errors = ErrorCollector()
    with errors.step():
        if status not in (ActionStatus.DONE, ActionStatus.DROPPED):
            raise DomainError("Chọn đã xong hay không thực hiện.", field="status")
    with errors.step():
        note = (note or "").strip()
        if not note:
            raise DomainError(
                "Ghi kết quả đã làm." if status == ActionStatus.DONE else "Ghi lý do không thực hiện.",
                field="note",
            )
    with errors.step():
        closed_on = _past_day(closed_on or local_today(), "closed_on", "ngày kết thúc")
        if closed_on < plan.opened_on:
            raise DomainError("Ngày kết thúc không thể trước ngày lập kế hoạch.", field="closed_on")
    errors.raise_if_any()
    with transaction.atomic():
        action = ConsolidationAction.objects.select_for_update().get(pk=action.pk)
        if action.status != ActionStatus.OPEN:
            raise DomainError("Việc này đã kết thúc.", field="status")
        action.status, action.note, action.closed_on = status, note, closed_on
        action.save(update_fields=["status", "note", "closed_on"])
        actions = ConsolidationAction.objects.filter(plan=plan)
        if (
            not actions.filter(status=ActionStatus.OPEN).exists()
            and actions.filter(status=ActionStatus.DONE).exists()
        ):
            last = max(a.closed_on for a in actions)
            ConsolidationPlan.objects.filter(pk=plan.pk).update(completed_on=last)
            plan.completed_on = last
        audit_record(
            actor=actor,
            action="plan.action_close",
            obj=group,
            unit=group.commune,
            changes={
                "title": (None, action.title),
                "status": (None, action.get_status_display()),
                "note": (None, note),
            },
        )
    return action


# ---------------------------------------------------------------- project details


def milestone_add(*, actor, project: Project, name: str, planned_on, actual_on=None):
    from .models import Milestone

    _require(actor, project.place)
    errors = ErrorCollector()
    with errors.step():
        name = _text(name, "name", "tên mốc tiến độ", max_length=200)
    with errors.step():
        if planned_on is None:
            raise DomainError("Hãy nhập ngày dự kiến.", field="planned_on")
    with errors.step():
        actual_on = _past_day(actual_on, "actual_on", "ngày thực tế", required=False)
    errors.raise_if_any()
    with transaction.atomic():
        milestone = Milestone.objects.create(
            project=project, name=name, planned_on=planned_on, actual_on=actual_on
        )
        audit_record(
            actor=actor,
            action="project.milestone",
            obj=project,
            unit=project.commune,
            changes={"milestone": (None, name), "planned_on": (None, planned_on)},
        )
    return milestone


def milestone_reach(*, actor, milestone, actual_on):
    project = milestone.project
    _require(actor, project.place)
    actual_on = _past_day(actual_on, "actual_on", "ngày thực tế")
    if milestone.actual_on is not None:
        raise DomainError("Mốc này đã được ghi nhận.", field="actual_on")
    with transaction.atomic():
        milestone.actual_on = actual_on
        milestone.save(update_fields=["actual_on"])
        audit_record(
            actor=actor,
            action="project.milestone_reached",
            obj=project,
            unit=project.commune,
            changes={"milestone": (None, milestone.name), "actual_on": (None, actual_on)},
        )
    return milestone


PHOTO_WIDTH = 1600


def project_photo_add(*, actor, project: Project, uploaded, alt_text: str, taken_on=None):
    """A public photo of a project: checked by content (JPG, PNG, WEBP), re-encoded as JPEG without its
    metadata, at most `PHOTO_WIDTH` px wide; its description (alt text) is required."""
    import io

    from django.core.exceptions import ValidationError
    from django.core.files.base import ContentFile
    from PIL import Image, ImageOps, UnidentifiedImageError

    from danvan.core.files import IMAGES, validate_upload

    from .models import ProjectPhoto

    _require(actor, project.place)
    errors = ErrorCollector()
    with errors.step():
        alt_text = _text(alt_text, "alt_text", "mô tả ảnh (cho người không xem được ảnh)", max_length=255)
    with errors.step():
        taken_on = _past_day(taken_on, "taken_on", "ngày chụp", required=False)
    image = None
    with errors.step():
        if not uploaded:
            raise DomainError("Chọn một ảnh.", field="image")
        try:
            validate_upload(uploaded, IMAGES)
        except ValidationError as exc:
            raise DomainError(" ".join(exc.messages), field="image")
        try:
            uploaded.seek(0)
            image = Image.open(uploaded)
            image.load()
            image = ImageOps.exif_transpose(image).convert("RGB")
        except (UnidentifiedImageError, OSError):
            raise DomainError(
                "Không đọc được ảnh. Vui lòng chọn tệp ảnh JPG, PNG hoặc WEBP khác.", field="image"
            )
    errors.raise_if_any()
    if image.width > PHOTO_WIDTH:
        image = image.resize((PHOTO_WIDTH, round(image.height * PHOTO_WIDTH / image.width)))
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=82, optimize=True)
    with transaction.atomic():
        photo = ProjectPhoto(
            project=project, alt_text=alt_text, taken_on=taken_on, width=image.width, height=image.height
        )
        photo.image.save("anh.jpg", ContentFile(buffer.getvalue()), save=False)
        photo.save()
        audit_record(
            actor=actor,
            action="project.photo",
            obj=project,
            unit=project.commune,
            changes={"alt_text": (None, alt_text)},
        )
    return photo


def project_hand_over(*, actor, project: Project, handed_over_on, handed_over_to: str, completed_on=None):
    """Record the completion (if not yet) and the hand-over: the date and to whom (the commune's People's
    Committee, the hamlet's self-managed team…)."""
    _require(actor, project.place)
    errors = ErrorCollector()
    completed_on = project.completed_on or completed_on
    with errors.step():
        completed_on = _past_day(completed_on, "completed_on", "ngày hoàn thành")
        if completed_on < project.started_on:
            raise DomainError("Ngày hoàn thành không thể trước ngày khởi công.", field="completed_on")
    with errors.step():
        handed_over_on = _past_day(handed_over_on, "handed_over_on", "ngày bàn giao")
        if completed_on and handed_over_on < completed_on:
            raise DomainError("Ngày bàn giao không thể trước ngày hoàn thành.", field="handed_over_on")
    with errors.step():
        handed_over_to = _text(
            handed_over_to, "handed_over_to", "đơn vị, người nhận bàn giao", max_length=255
        )
    with errors.step():
        if project.status == ProjectStatus.HANDED_OVER:
            raise DomainError("Công trình đã được bàn giao.", field="handed_over_on")
    errors.raise_if_any()
    changes = {
        "status": (project.status, ProjectStatus.HANDED_OVER),
        "handed_over_on": (None, handed_over_on),
        "handed_over_to": (None, handed_over_to),
    }
    with transaction.atomic():
        project.status = ProjectStatus.HANDED_OVER
        project.progress = 100
        project.completed_on = completed_on
        project.handed_over_on, project.handed_over_to = handed_over_on, handed_over_to
        project.save(update_fields=["status", "progress", "completed_on", "handed_over_on", "handed_over_to"])
        audit_record(
            actor=actor, action="project.hand_over", obj=project, unit=project.commune, changes=changes
        )
    return project


def supervision_record(
    *, actor, project: Project, checked_on, members: str, findings: str, recommendations: str = ""
):
    """A check by the Community Investment Supervision Board (public: the members' names, nothing else)."""
    from .models import SupervisionCheck

    _require(actor, project.place)
    errors = ErrorCollector()
    with errors.step():
        checked_on = _past_day(checked_on, "checked_on", "ngày giám sát")
        if checked_on < project.started_on:
            raise DomainError("Ngày giám sát không thể trước ngày khởi công.", field="checked_on")
    with errors.step():
        members = _text(members, "members", "tên các thành viên ban giám sát", max_length=500)
    with errors.step():
        findings = _text(findings, "findings", "kết quả giám sát", max_length=8000)
    errors.raise_if_any()
    recommendations = (recommendations or "").strip()
    with transaction.atomic():
        check = SupervisionCheck.objects.create(
            project=project,
            checked_on=checked_on,
            members=members,
            findings=findings,
            recommendations=recommendations,
            resolved=not recommendations,
        )
        audit_record(
            actor=actor,
            action="project.supervision",
            obj=project,
            unit=project.commune,
            changes={"checked_on": (None, checked_on), "findings": (None, findings)},
        )
    return check


def supervision_resolve(*, actor, check, resolved_on, resolution: str):
    project = check.project
    _require(actor, project.place)
    errors = ErrorCollector()
    with errors.step():
        if check.resolved:
            raise DomainError("Kiến nghị của lượt giám sát này đã được giải quyết.", field="resolution")
    with errors.step():
        resolved_on = _past_day(resolved_on, "resolved_on", "ngày giải quyết")
        if resolved_on < check.checked_on:
            raise DomainError("Ngày giải quyết không thể trước ngày giám sát.", field="resolved_on")
    with errors.step():
        resolution = _text(resolution, "resolution", "cách giải quyết kiến nghị", max_length=4000)
    errors.raise_if_any()
    with transaction.atomic():
        check.resolved, check.resolved_on, check.resolution = True, resolved_on, resolution
        check.save(update_fields=["resolved", "resolved_on", "resolution"])
        audit_record(
            actor=actor,
            action="project.supervision_resolve",
            obj=project,
            unit=project.commune,
            changes={"resolved_on": (None, resolved_on), "resolution": (None, resolution)},
        )
    return check
