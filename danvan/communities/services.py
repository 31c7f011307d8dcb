"""Writes of the communities module: groups, their rosters, boards, meetings and assessments; projects; the
contribution ledger.

Every service checks all its rules first (one `DomainErrors` with every refusal, in Vietnamese, naming the
field), then writes inside one transaction with its audit record — nothing is stored half-done. A posted
contribution is never edited: `contribution_reverse` writes the reversing entry.
"""

import datetime as dt
from decimal import Decimal, InvalidOperation

from django.db import transaction

from danvan.audit.services import audit_record
from danvan.core import pagecache
from danvan.core.errors import DomainError, ErrorCollector
from danvan.core.formatting import format_date, local_today
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


def _text(value, field: str, label: str, *, max_length: int, required: bool = True) -> str:
    value = (value or "").strip()
    if required and not value:
        raise DomainError(f"Hãy nhập {label}.", field=field)
    if len(value) > max_length:
        raise DomainError(f"{label.capitalize()} dài quá {max_length} ký tự.", field=field)
    return value


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


def contribution_import_start(*, actor, project: Project, uploaded_file):
    """Check the upload (by content), store it privately and queue the check-and-write task after commit."""
    _require(actor, project.place, "nhập sổ đóng góp")
    from django.core.files import File

    from danvan.core.files import validate_upload
    from danvan.core.tasks import enqueue_on_commit

    from .models import ContributionImport

    if project.is_closed:
        raise DomainError(
            f"Công trình “{project.name}” đã hoàn thành, không nhận thêm đóng góp.", field="file"
        )
    validate_upload(uploaded_file, kinds={"xlsx"})
    name = (getattr(uploaded_file, "name", "") or "dong-gop.xlsx").rsplit("/", 1)[-1][:255]
    with transaction.atomic():
        row = ContributionImport(project=project, actor=actor, original_name=name)
        uploaded_file.seek(0)
        row.file.save(
            name,
            uploaded_file if isinstance(uploaded_file, File) else File(uploaded_file, name=name),
            save=False,
        )
        row.save()
        from .tasks import run_contribution_import

        enqueue_on_commit(run_contribution_import, row.pk)
    return row


def contribution_import_run(import_id: int):
    """Run one import (the task body; only a PENDING import is claimed). Phase 1 reads and checks every row;
    phase 2 writes every row in one transaction with one audit record. Any refusal writes nothing: REJECTED
    with the per-row report."""
    import logging

    from django.utils import timezone

    from danvan.people.models import Household

    from . import importing
    from .models import ContributionImport

    logger = logging.getLogger(__name__)
    Status = ContributionImport.Status
    if not ContributionImport.objects.filter(pk=import_id, status=Status.PENDING).update(
        status=Status.RUNNING
    ):
        return ContributionImport.objects.filter(pk=import_id).first()
    imp = ContributionImport.objects.select_related("project__place", "actor").get(pk=import_id)
    project = imp.project

    def finish(**fields):
        ContributionImport.objects.filter(pk=import_id).update(finished_at=timezone.now(), **fields)
        return ContributionImport.objects.get(pk=import_id)

    def progress(done, total=None):
        fields = {"processed_rows": done}
        if total is not None:
            fields["total_rows"] = total
        ContributionImport.objects.filter(pk=import_id).update(**fields)

    stamp = stamp_of(project.place, "place")
    households = {
        h.code: h
        for h in Household.objects.filter(commune=stamp[0]).only("pk", "code", "representative_name")
    }
    try:
        with imp.file.open("rb") as fh:
            result = importing.check_file(
                fh,
                project=project,
                stamp=stamp,
                households=households,
                clean=clean_contribution,
                progress=progress,
            )
    except Exception:
        logger.exception("contribution import %s: checking failed", import_id)
        return finish(
            status=Status.FAILED, message="Lỗi hệ thống khi đọc tệp. Không có dữ liệu nào được ghi."
        )
    if result.errors:
        return finish(
            status=Status.REJECTED,
            total_rows=result.total_rows,
            processed_rows=result.total_rows,
            error_count=result.error_count,
            errors=result.errors[: ContributionImport.MAX_STORED_ERRORS],
            message=f"Tệp có {result.error_count} lỗi nên chưa nhập dòng nào. Hãy sửa các dòng dưới đây rồi tải "
            "tệp lên lại.",
        )
    try:
        with transaction.atomic():
            locked = Project.objects.select_for_update().get(pk=project.pk)
            if locked.is_closed:
                return finish(
                    status=Status.REJECTED,
                    message="Công trình đã hoàn thành trong lúc nhập; không ghi dòng nào.",
                )
            recorder = imp.actor if getattr(imp.actor, "is_authenticated", False) else None
            written = len(result.rows)
            # written batch by batch: the model instances of 100,000 rows never all live at once
            for i in range(0, len(result.rows), IMPORT_BATCH):
                Contribution.objects.bulk_create(
                    [Contribution(**row, recorded_by=recorder) for row in result.rows[i : i + IMPORT_BATCH]]
                )
            result.rows.clear()
            pagecache.changed("communities")
            audit_record(
                actor=imp.actor,
                action="contribution.import",
                obj=project,
                unit=project.commune,
                changes={"file": (None, imp.original_name), "rows": (None, written)},
            )
            return finish(
                status=Status.DONE,
                total_rows=result.total_rows,
                processed_rows=result.total_rows,
                created_rows=written,
                message="",
            )
    except Exception:
        logger.exception("contribution import %s: writing failed", import_id)
        return finish(
            status=Status.FAILED, message="Lỗi hệ thống khi ghi dữ liệu. Không có dữ liệu nào được ghi."
        )


# ---------------------------------------------------------------- members from a spreadsheet


def member_import_start(*, actor, group: Group, uploaded_file):
    """Check the upload (by content), store it privately and queue the check-and-write task after commit."""
    _require(actor, group.home_unit, "nhập thành viên")
    from django.core.files import File

    from danvan.core.files import validate_upload
    from danvan.core.tasks import enqueue_on_commit

    from .models import MemberImport

    validate_upload(uploaded_file, kinds={"xlsx"})
    name = (getattr(uploaded_file, "name", "") or "thanh-vien.xlsx").rsplit("/", 1)[-1][:255]
    with transaction.atomic():
        row = MemberImport(group=group, actor=actor, original_name=name)
        uploaded_file.seek(0)
        row.file.save(
            name,
            uploaded_file if isinstance(uploaded_file, File) else File(uploaded_file, name=name),
            save=False,
        )
        row.save()
        from .tasks import run_member_import

        enqueue_on_commit(run_member_import, row.pk)
    return row


def member_import_run(import_id: int):
    """Run one members import (the task body; only a PENDING import is claimed): every row is read and checked
    against the registry of the group's commune, then all are written in one transaction with one audit
    record — or none, REJECTED with the per-row report."""
    import logging

    from django.utils import timezone

    from danvan.people.models import Household, Resident

    from . import member_import
    from .models import MemberImport

    logger = logging.getLogger(__name__)
    Status = MemberImport.Status
    if not MemberImport.objects.filter(pk=import_id, status=Status.PENDING).update(status=Status.RUNNING):
        return MemberImport.objects.filter(pk=import_id).first()
    imp = MemberImport.objects.select_related("group__home_unit", "actor").get(pk=import_id)
    group = imp.group

    def finish(**fields):
        MemberImport.objects.filter(pk=import_id).update(finished_at=timezone.now(), **fields)
        return MemberImport.objects.get(pk=import_id)

    def progress(done, total=None):
        fields = {"processed_rows": done}
        if total is not None:
            fields["total_rows"] = total
        MemberImport.objects.filter(pk=import_id).update(**fields)

    # the registry of the commune the group's place is in today (an old hamlet's households moved with it)
    from .selectors import current_unit_of

    commune = stamp_of(current_unit_of(group.home_unit), "home_unit")[0]
    households = {
        h.code: h for h in Household.objects.filter(commune=commune).only("pk", "code", "representative_name")
    }
    residents = {
        r.id_number: r
        for r in Resident.objects.filter(household__commune=commune)
        .exclude(id_number="")
        .select_related("household")
    }
    members = set(
        group.members.filter(left_on__isnull=True, household__isnull=False).values_list(
            "household_id", flat=True
        )
    )
    try:
        with imp.file.open("rb") as fh:
            result = member_import.check_file(
                fh,
                group=group,
                households=households,
                residents=residents,
                members=members,
                progress=progress,
            )
    except Exception:
        logger.exception("member import %s: checking failed", import_id)
        return finish(
            status=Status.FAILED, message="Lỗi hệ thống khi đọc tệp. Không có dữ liệu nào được ghi."
        )
    if result.errors:
        return finish(
            status=Status.REJECTED,
            total_rows=result.total_rows,
            processed_rows=result.total_rows,
            error_count=result.error_count,
            errors=result.errors[: MemberImport.MAX_STORED_ERRORS],
            message=f"Tệp có {result.error_count} lỗi nên chưa nhập dòng nào. Hãy sửa các dòng dưới đây rồi tải "
            "tệp lên lại.",
        )
    try:
        with transaction.atomic():
            # the group is locked and its active households read again: nobody added meanwhile is doubled
            Group.objects.select_for_update().filter(pk=group.pk).first()
            taken = set(
                group.members.filter(left_on__isnull=True, household__isnull=False).values_list(
                    "household_id", flat=True
                )
            )
            if any(r["household"] is not None and r["household"].pk in taken for r in result.rows):
                return finish(
                    status=Status.REJECTED,
                    message="Có hộ vừa được thêm vào mô hình trong lúc nhập; không ghi dòng nào. Hãy tải tệp lên lại.",
                )
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
            pagecache.changed("communities")
            return finish(
                status=Status.DONE,
                total_rows=result.total_rows,
                processed_rows=result.total_rows,
                created_rows=len(result.rows),
                message="",
            )
    except Exception:
        logger.exception("member import %s: writing failed", import_id)
        return finish(
            status=Status.FAILED, message="Lỗi hệ thống khi ghi dữ liệu. Không có dữ liệu nào được ghi."
        )
