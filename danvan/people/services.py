"""Writes of the household registry: households, residents, citizen verification, the Excel import.

Every write is `<entity>_<verb>(*, actor, …)`, runs in one transaction, checks the actor's permission on
the household's hamlet (`households.manage` for the register, `citizens.verify` for linking accounts) and
writes one audit record with `unit=household.hamlet`. Changes to residents and account links are recorded
on the household, so its trail tells the whole story.

Invariants kept here (and by database constraints): a household belongs to a residential community
(hamlet/quarter/village/residential group) in force when it is created, its `commune` is the hamlet's
commune ancestor (denormalised for statistics), its code is unique in the commune, it has exactly one
representative (relation "Chủ hộ") whose name is copied to `representative_name`, and `search_text` is the
normalised code + representative + address + members' names.

The Excel import (`household_import_start` → task → `household_import_run`) is all-or-nothing: the file
is read and checked first (progress visible through short updates), then everything is written in one
transaction, or nothing at all with a per-row error report.
"""

import datetime as dt
import logging
import secrets
from collections.abc import Callable

from django.core.files import File
from django.db import IntegrityError, connection, transaction
from django.utils import timezone
from django.utils.crypto import constant_time_compare, salted_hmac

from danvan.access.policy import has_unit_perm
from danvan.audit.services import audit_record, diff, snapshot
from danvan.core.errors import DomainError
from danvan.core.files import validate_upload
from danvan.core.formatting import local_today
from danvan.core.tasks import enqueue_on_commit
from danvan.core.text import nfc, normalize
from danvan.units.models import COMMUNE_KINDS, Unit

from . import importing
from .models import Household, HouseholdImport, Resident, User, VerificationCode
from .phones import normalize_phone

logger = logging.getLogger("danvan.people")

REPRESENTATIVE_RELATION = "Chủ hộ"
DEFAULT_FORMER_RELATION = "Thành viên"
MIN_BIRTH_YEAR = 1900
SEARCH_TEXT_MAX = 512

CODE_TTL = dt.timedelta(minutes=10)
CODE_MAX_ATTEMPTS = 5
CODE_RESEND_AFTER = dt.timedelta(seconds=60)
CODE_DAILY_LIMIT = 5  # codes per account per 24 hours: caps guessing (5 × 5 tries) and SMS to a household


# ---------------------------------------------------------------- helpers


def commune_of(unit: Unit) -> Unit | None:
    """The commune-level unit (xã, phường, thị trấn, đặc khu) that is `unit` or its nearest ancestor."""
    if unit is None:
        return None
    if unit.is_commune:
        return unit
    return (
        Unit.objects.filter(path__in=unit.ancestor_paths()[:-1], kind__in=list(COMMUNE_KINDS))
        .order_by("-depth")
        .first()
    )


def communes_of(units) -> dict[int, Unit]:
    """`commune_of` for many units with one query: {unit id: commune}."""
    units = list(units)
    paths = {p for u in units for p in u.ancestor_paths()}
    communes = {c.path: c for c in Unit.objects.filter(path__in=paths, kind__in=list(COMMUNE_KINDS))}
    result = {}
    for u in units:
        for p in reversed(u.ancestor_paths()):
            if p in communes:
                result[u.pk] = communes[p]
                break
    return result


def is_representative_relation(relation: str) -> bool:
    return normalize(relation) == "chu ho"


def build_search_text(code: str, representative_name: str, address: str, member_names=()) -> str:
    parts = [code, representative_name, address, *member_names]
    return normalize(" ".join(p for p in parts if p))[:SEARCH_TEXT_MAX].strip()


def _refresh(household: Household) -> None:
    """Re-derive representative_name and search_text from the members in the database."""
    members = list(
        household.members.order_by("-is_representative", "birth_year", "pk").values_list(
            "full_name", "is_representative"
        )
    )
    rep = next((name for name, is_rep in members if is_rep), household.representative_name)
    household.representative_name = rep
    others = [name for name, is_rep in members if not is_rep]
    household.search_text = build_search_text(household.code, rep, household.address, others)
    Household.objects.filter(pk=household.pk).update(
        representative_name=household.representative_name,
        search_text=household.search_text,
        updated_at=timezone.now(),
    )


def _require(actor, perm: str, unit: Unit, message: str) -> None:
    if not has_unit_perm(actor, perm, unit):
        raise DomainError(message, code="forbidden")


def _text(value, field: str, label: str, max_length: int, required: bool = True) -> str:
    value = nfc(" ".join(str(value or "").split()))
    if required and not value:
        raise DomainError(f"Vui lòng nhập {label}.", field=field)
    if len(value) > max_length:
        raise DomainError(f"{label[:1].upper()}{label[1:]} dài quá {max_length} ký tự.", field=field)
    return value


def _phone(value: str) -> str:
    if not value or not str(value).strip():
        return ""
    phone = normalize_phone(str(value))
    if not phone:
        raise DomainError(
            "Số điện thoại không hợp lệ: cần 10 chữ số, bắt đầu bằng 0 (ví dụ 0912 345 678).", field="phone"
        )
    return phone


def _birth_year(value) -> int:
    this_year = local_today().year
    try:
        year = int(value)
    except (TypeError, ValueError):
        raise DomainError("Năm sinh phải là một số có 4 chữ số, ví dụ 1975.", field="birth_year")
    if not MIN_BIRTH_YEAR <= year <= this_year:
        raise DomainError(f"Năm sinh phải từ {MIN_BIRTH_YEAR} đến {this_year}.", field="birth_year")
    return year


def _gender(value) -> str:
    if value in Resident.Gender.values:
        return value
    raise DomainError("Giới tính phải là Nam, Nữ hoặc Khác.", field="gender")


def _id_number(value, exclude_pk: int | None = None) -> str:
    number = "".join(str(value or "").split())
    if not number:
        return ""
    if not (len(number) == 12 and number.isdigit()):
        raise DomainError("Số CCCD phải có đúng 12 chữ số.", field="id_number")
    clash = (
        Resident.objects.filter(id_number=number).exclude(pk=exclude_pk).select_related("household").first()
    )
    if clash:
        raise DomainError(
            f"Số CCCD {number} đã có trong sổ (nhân khẩu {clash.full_name}, hộ {clash.household.code}).",
            field="id_number",
        )
    return number


def _check_hamlet(actor, hamlet: Unit) -> Unit:
    """The hamlet must be a residential community in force today, managed by the actor; returns its commune."""
    if hamlet is None or not hamlet.is_community:
        raise DomainError("Hộ gia đình phải thuộc một thôn, ấp, khóm hoặc tổ dân phố.", field="hamlet")
    if not hamlet.is_valid_on(local_today()):
        raise DomainError(f"“{hamlet.name}” không còn hiệu lực, không thể thêm hộ vào đây.", field="hamlet")
    _require(actor, "households.manage", hamlet, f"Bạn không có quyền quản lý hộ gia đình ở “{hamlet.name}”.")
    commune = commune_of(hamlet)
    if commune is None:
        raise DomainError(f"“{hamlet.name}” không thuộc xã, phường nào.", field="hamlet")
    return commune


def _check_code_free(code: str, commune: Unit, exclude_pk: int | None = None) -> None:
    if Household.objects.filter(commune=commune, code=code).exclude(pk=exclude_pk).exists():
        raise DomainError(
            f"Mã hộ {code} đã có ở {commune.name}. Mỗi hộ trong một xã cần một mã riêng.", field="code"
        )


# ---------------------------------------------------------------- households


@transaction.atomic
def household_create(
    *,
    actor,
    hamlet: Unit,
    code: str,
    address: str,
    representative_name: str,
    birth_year: int,
    gender: str,
    id_number: str = "",
    phone: str = "",
) -> Household:
    """Register a household with its representative (chủ hộ) as the first member."""
    commune = _check_hamlet(actor, hamlet)
    code = _text(code, "code", "mã hộ", 32)
    address = _text(address, "address", "địa chỉ", 255)
    name = _text(representative_name, "representative_name", "họ và tên chủ hộ", 128)
    year = _birth_year(birth_year)
    gender = _gender(gender)
    number = _id_number(id_number)
    phone = _phone(phone)
    _check_code_free(code, commune)
    household = Household.objects.create(
        code=code,
        hamlet=hamlet,
        commune=commune,
        address=address,
        representative_name=name,
        phone=phone,
        search_text=build_search_text(code, name, address),
    )
    Resident.objects.create(
        household=household,
        full_name=name,
        birth_year=year,
        gender=gender,
        id_number=number,
        relation=REPRESENTATIVE_RELATION,
        is_representative=True,
    )
    audit_record(
        actor=actor,
        action="household.create",
        obj=household,
        unit=hamlet,
        changes={
            "code": [None, code],
            "hamlet_id": [None, hamlet.pk],
            "address": [None, address],
            "representative_name": [None, name],
            "phone": [None, phone],
        },
    )
    return household


HOUSEHOLD_EDITABLE = {"code", "address", "phone", "hamlet"}


@transaction.atomic
def household_update(*, actor, household: Household, **fields) -> Household:
    """Change the code, address, phone or hamlet (moving to another hamlet needs rights on both)."""
    unknown = set(fields) - HOUSEHOLD_EDITABLE
    if unknown:
        raise DomainError(f"Không sửa được trường: {', '.join(sorted(unknown))}.")
    _require(
        actor,
        "households.manage",
        household.hamlet,
        f"Bạn không có quyền quản lý hộ gia đình ở “{household.hamlet.name}”.",
    )
    before = snapshot(household, exclude=("search_text",))
    if "hamlet" in fields and fields["hamlet"] is not None and fields["hamlet"].pk != household.hamlet_id:
        household.commune = _check_hamlet(actor, fields["hamlet"])
        household.hamlet = fields["hamlet"]
    if "code" in fields:
        household.code = _text(fields["code"], "code", "mã hộ", 32)
    if "address" in fields:
        household.address = _text(fields["address"], "address", "địa chỉ", 255)
    if "phone" in fields:
        household.phone = _phone(fields["phone"])
    _check_code_free(household.code, household.commune, exclude_pk=household.pk)
    household.save()
    _refresh(household)
    changes = diff(before, household, exclude=("search_text",))
    if changes:
        audit_record(
            actor=actor, action="household.update", obj=household, unit=household.hamlet, changes=changes
        )
    return household


@transaction.atomic
def household_delete(*, actor, household: Household) -> None:
    """Delete a household and its residents; refused while citizen accounts are linked to it."""
    _require(
        actor,
        "households.manage",
        household.hamlet,
        f"Bạn không có quyền quản lý hộ gia đình ở “{household.hamlet.name}”.",
    )
    accounts = list(household.accounts.all()[:5])
    if accounts:
        names = ", ".join(str(a) for a in accounts)
        raise DomainError(
            f"Không xoá được hộ {household.code}: hộ đang gắn với tài khoản công dân ({names}). "
            "Hãy gỡ liên kết các tài khoản này trước khi xoá hộ.",
            code="accounts_linked",
        )
    audit_record(
        actor=actor,
        action="household.delete",
        obj=household,
        unit=household.hamlet,
        changes={
            "code": [household.code, None],
            "representative_name": [household.representative_name, None],
            "members": [household.members.count(), None],
        },
    )
    household.delete()


# ---------------------------------------------------------------- residents


def _demote_representative(household: Household, former_relation: str) -> None:
    household.members.filter(is_representative=True).update(
        is_representative=False,
        relation=_text(former_relation, "former_relation", "quan hệ của chủ hộ cũ", 32),
    )


@transaction.atomic
def resident_add(
    *,
    actor,
    household: Household,
    full_name: str,
    birth_year: int,
    gender: str,
    id_number: str = "",
    relation: str = "",
    is_representative: bool = False,
    former_relation: str = DEFAULT_FORMER_RELATION,
) -> Resident:
    """Add a member. Relation "Chủ hộ" (or is_representative) makes them the representative instead of the
    current one, whose relation becomes `former_relation`."""
    _require(
        actor,
        "households.manage",
        household.hamlet,
        f"Bạn không có quyền quản lý hộ gia đình ở “{household.hamlet.name}”.",
    )
    name = _text(full_name, "full_name", "họ và tên", 128)
    year = _birth_year(birth_year)
    gender = _gender(gender)
    number = _id_number(id_number)
    is_representative = is_representative or is_representative_relation(relation)
    if is_representative:
        relation = REPRESENTATIVE_RELATION
        _demote_representative(household, former_relation)
    else:
        relation = _text(relation, "relation", "quan hệ với chủ hộ", 32)
    resident = Resident.objects.create(
        household=household,
        full_name=name,
        birth_year=year,
        gender=gender,
        id_number=number,
        relation=relation,
        is_representative=is_representative,
    )
    _refresh(household)
    audit_record(
        actor=actor,
        action="household.resident_add",
        obj=household,
        unit=household.hamlet,
        changes={
            "resident": [None, f"{name} ({relation}, {year})"],
            "resident_id": [None, resident.pk],
        },
    )
    return resident


RESIDENT_EDITABLE = {"full_name", "birth_year", "gender", "id_number", "relation", "is_representative"}


@transaction.atomic
def resident_update(
    *, actor, resident: Resident, former_relation: str = DEFAULT_FORMER_RELATION, **fields
) -> Resident:
    """Edit a member. Making a member the representative demotes the current one; the representative
    cannot simply be un-marked (the household must keep exactly one)."""
    unknown = set(fields) - RESIDENT_EDITABLE
    if unknown:
        raise DomainError(f"Không sửa được trường: {', '.join(sorted(unknown))}.")
    household = resident.household
    _require(
        actor,
        "households.manage",
        household.hamlet,
        f"Bạn không có quyền quản lý hộ gia đình ở “{household.hamlet.name}”.",
    )
    before = snapshot(resident)
    if "full_name" in fields:
        resident.full_name = _text(fields["full_name"], "full_name", "họ và tên", 128)
    if "birth_year" in fields:
        resident.birth_year = _birth_year(fields["birth_year"])
    if "gender" in fields:
        resident.gender = _gender(fields["gender"])
    if "id_number" in fields:
        resident.id_number = _id_number(fields["id_number"], exclude_pk=resident.pk)
    wants_rep = fields.get("is_representative")
    relation = fields.get("relation")
    if relation is not None and is_representative_relation(relation):
        wants_rep = True
    if resident.is_representative:
        if wants_rep is False or (
            relation is not None and not is_representative_relation(relation) and wants_rep is not True
        ):
            raise DomainError(
                f"{resident.full_name} đang là chủ hộ. Mỗi hộ phải có đúng một chủ hộ: "
                "hãy chọn người khác làm chủ hộ (người này sẽ tự thôi là chủ hộ).",
                field="is_representative",
            )
    elif wants_rep:
        _demote_representative(household, former_relation)
        resident.is_representative = True
        resident.relation = REPRESENTATIVE_RELATION
    elif relation is not None:
        resident.relation = _text(relation, "relation", "quan hệ với chủ hộ", 32)
    resident.save()
    _refresh(household)
    changes = diff(before, resident)
    if changes:
        changes = {f"resident.{k}": v for k, v in changes.items()}
        changes["resident_id"] = [resident.pk, resident.pk]
        audit_record(
            actor=actor,
            action="household.resident_update",
            obj=household,
            unit=household.hamlet,
            changes=changes,
        )
    return resident


@transaction.atomic
def resident_remove(*, actor, resident: Resident) -> None:
    """Remove a member; the representative cannot be removed (choose another one first, or delete the
    household)."""
    household = resident.household
    _require(
        actor,
        "households.manage",
        household.hamlet,
        f"Bạn không có quyền quản lý hộ gia đình ở “{household.hamlet.name}”.",
    )
    if resident.is_representative:
        raise DomainError(
            f"{resident.full_name} là chủ hộ nên không xoá được. Hãy chọn người khác làm chủ hộ trước, "
            "hoặc xoá cả hộ nếu hộ không còn.",
            code="representative",
        )
    audit_record(
        actor=actor,
        action="household.resident_remove",
        obj=household,
        unit=household.hamlet,
        changes={
            "resident": [f"{resident.full_name} ({resident.relation}, {resident.birth_year})", None],
            "resident_id": [resident.pk, None],
        },
    )
    resident.delete()
    _refresh(household)


# ---------------------------------------------------------------- citizen accounts


@transaction.atomic
def citizen_verify(*, actor, citizen: User, household: Household) -> User:
    """An officer with `citizens.verify` on the household's hamlet confirms a citizen's identity in person
    and links the account to the household (the account then votes for that household)."""
    _require(
        actor,
        "citizens.verify",
        household.hamlet,
        f"Bạn không có quyền xác minh tài khoản công dân ở “{household.hamlet.name}”.",
    )
    if citizen.kind != User.Kind.CITIZEN or not citizen.is_active:
        raise DomainError("Chỉ xác minh được tài khoản công dân đang hoạt động.", field="citizen")
    return _link_citizen(citizen, household, actor=actor, verified_by=actor, action="citizen.verify")


def _link_citizen(citizen: User, household: Household, *, actor, verified_by, action: str) -> User:
    """Mark `citizen` verified and linked to `household`; the trail is kept on the household."""
    old = citizen.household_id
    citizen.household = household
    citizen.verified_at = timezone.now()
    citizen.verified_by = verified_by
    citizen.save(update_fields=["household", "verified_at", "verified_by"])
    audit_record(
        actor=actor,
        action=action,
        obj=household,
        unit=household.hamlet,
        changes={
            "account": [None, citizen.display_name],
            "account_id": [None, citizen.pk],
            "household_id": [old, household.pk],
        },
    )
    return citizen


@transaction.atomic
def citizen_unlink(*, actor, citizen: User) -> User:
    """Remove a citizen account's link to its household; the account is no longer verified."""
    household = citizen.household
    if household is None:
        raise DomainError("Tài khoản này chưa gắn với hộ gia đình nào.")
    _require(
        actor,
        "citizens.verify",
        household.hamlet,
        f"Bạn không có quyền xác minh tài khoản công dân ở “{household.hamlet.name}”.",
    )
    citizen.household = None
    citizen.verified_at = None
    citizen.verified_by = None
    citizen.save(update_fields=["household", "verified_at", "verified_by"])
    audit_record(
        actor=actor,
        action="citizen.unlink",
        obj=household,
        unit=household.hamlet,
        changes={
            "account": [citizen.display_name, None],
            "account_id": [citizen.pk, None],
        },
    )
    return citizen


def _code_hash(user_id: int, household_id: int, code: str) -> str:
    return salted_hmac(
        "danvan.people.VerificationCode", f"{user_id}:{household_id}:{code}", algorithm="sha256"
    ).hexdigest()


def gateway_sms(phone: str, message: str) -> None:
    """Default delivery: the configured SMS gateway (DANVAN_SMS_BACKEND; the console gateway in development,
    which logs the message with the phone number masked)."""
    from danvan.notifications.services import send_sms

    send_sms(phone=phone, text=message)


SendSms = Callable[[str, str], None]


@transaction.atomic
def citizen_code_send(*, actor, household: Household, send: SendSms | None = None) -> VerificationCode:
    """Send a 6-digit one-time code to the phone number registered for `household`. Whoever reads it back
    (`citizen_code_confirm`) proves they hold the household's phone. Only a keyed hash is stored; the code
    lives 10 minutes, older codes of the account stop working, a new code waits 60 seconds and an account
    gets at most 5 codes a day. `send(phone, message)` delivers it (default: the `danvan.sms` log)."""
    if (
        not getattr(actor, "is_authenticated", False)
        or actor.kind != User.Kind.CITIZEN
        or not actor.is_active
    ):
        raise DomainError("Chỉ tài khoản công dân mới tự xác minh bằng mã một lần.")
    if not household.phone:
        raise DomainError(
            "Hộ này chưa đăng ký số điện thoại nên không gửi được mã. "
            "Vui lòng đến UBND xã, phường để cán bộ xác minh trực tiếp.",
            code="no_phone",
        )
    now = timezone.now()
    last = VerificationCode.objects.filter(user=actor).order_by("-created_at").first()
    if last and now - last.created_at < CODE_RESEND_AFTER:
        wait = int((CODE_RESEND_AFTER - (now - last.created_at)).total_seconds()) + 1
        raise DomainError(f"Mã vừa được gửi. Vui lòng chờ {wait} giây rồi gửi lại.", code="throttled")
    if (
        VerificationCode.objects.filter(user=actor, created_at__gte=now - dt.timedelta(days=1)).count()
        >= CODE_DAILY_LIMIT
    ):
        raise DomainError(
            f"Tài khoản đã nhận {CODE_DAILY_LIMIT} mã trong 24 giờ qua. Vui lòng thử lại vào ngày mai "
            "hoặc đến UBND xã, phường để cán bộ xác minh trực tiếp.",
            code="throttled",
        )
    VerificationCode.objects.filter(user=actor, used_at__isnull=True, expires_at__gt=now).update(
        expires_at=now
    )
    code = f"{secrets.randbelow(10**6):06d}"
    row = VerificationCode.objects.create(
        user=actor,
        household=household,
        phone=household.phone,
        expires_at=now + CODE_TTL,
        code_hash=_code_hash(actor.pk, household.pk, code),
    )
    # Unaccented on purpose: GSM-7 text fits one SMS segment (160 characters); Unicode would need two.
    message = (
        f"Ma xac minh danvan cua ban la {code}, co hieu luc 10 phut. Khong cung cap ma nay cho nguoi khac."
    )
    deliver = send if send is not None else gateway_sms
    phone = household.phone
    transaction.on_commit(lambda: deliver(phone, message))
    audit_record(
        actor=actor,
        action="citizen.code_send",
        obj=household,
        unit=household.hamlet,
        changes={
            "account_id": [None, actor.pk],
            "phone": [None, _mask(phone)],
        },
    )
    return row


def _mask(phone: str) -> str:
    return phone[:3] + "****" + phone[-3:] if len(phone) >= 7 else "***"


def citizen_code_confirm(*, actor, code: str) -> User:
    """Check the code the citizen typed. Right: the account is verified and linked to the household.
    Wrong: the attempt is counted (and kept even though an error is raised); after 5 wrong attempts the
    code is dead. Call it outside an outer transaction so a wrong attempt is not rolled back."""
    typed = "".join(str(code or "").split())
    with transaction.atomic():
        row = (
            VerificationCode.objects.select_for_update()
            .filter(user=actor, used_at__isnull=True)
            .select_related("household__hamlet")
            .order_by("-created_at", "-id")
            .first()
        )
        now = timezone.now()
        if row is None:
            error = "Chưa có mã xác minh nào. Hãy bấm “Gửi mã” để nhận mã mới."
        elif row.expires_at <= now:
            error = "Mã đã hết hạn (sau 10 phút). Hãy gửi mã mới."
        elif row.attempts >= CODE_MAX_ATTEMPTS:
            error = f"Đã nhập sai quá {CODE_MAX_ATTEMPTS} lần. Hãy gửi mã mới."
        elif not constant_time_compare(row.code_hash, _code_hash(actor.pk, row.household_id, typed)):
            row.attempts += 1
            row.save(update_fields=["attempts"])
            left = CODE_MAX_ATTEMPTS - row.attempts
            error = (
                f"Mã không đúng. Còn {left} lần thử."
                if left
                else f"Mã không đúng. Đã nhập sai {CODE_MAX_ATTEMPTS} lần, hãy gửi mã mới."
            )
        else:
            error = None
            row.used_at = now
            row.save(update_fields=["used_at"])
            _link_citizen(actor, row.household, actor=actor, verified_by=None, action="citizen.verify_code")
    if error:
        raise DomainError(error, field="code", code="bad_code")
    return actor


# ---------------------------------------------------------------- Excel import


def household_import_template(commune: Unit | None = None) -> bytes:
    """The .xlsx to fill in: the header row, an example household, an instructions sheet and, when
    `commune` is given, the list of its hamlet codes."""
    hamlets = []
    if commune is not None:
        hamlets = list(
            Unit.objects.communities()
            .subtree(commune)
            .valid_on(local_today())
            .natural()
            .values_list("code", "name")
        )
    return importing.build_template(hamlets)


@transaction.atomic
def household_import_start(*, actor, commune: Unit, uploaded_file) -> HouseholdImport:
    """Check the upload (by content), store it and queue the import task after commit."""
    if commune is None or not commune.is_commune:
        raise DomainError("Hãy chọn xã, phường nhận dữ liệu.", field="commune")
    _require(
        actor, "households.manage", commune, f"Bạn không có quyền nhập sổ hộ gia đình cho “{commune.name}”."
    )
    validate_upload(uploaded_file, kinds={"xlsx"})
    name = (getattr(uploaded_file, "name", "") or "so-ho.xlsx").rsplit("/", 1)[-1][:255]
    row = HouseholdImport(unit=commune, actor=actor, original_name=name)
    uploaded_file.seek(0)
    row.file.save(
        name, uploaded_file if isinstance(uploaded_file, File) else File(uploaded_file, name=name), save=False
    )
    row.save()
    # tasks.py imports this module; the task is looked up here, at call time, to avoid the import cycle.
    from .tasks import run_household_import

    enqueue_on_commit(run_household_import, row.pk)
    return row


IMPORT_BATCH = 2000


def _import_write(result: importing.CheckResult, *, commune: Unit) -> tuple[int, int]:
    """Bulk-insert the checked households and their members (inside the caller's transaction)."""
    drafts = result.households
    households = []
    for d in drafts:
        rep = next(m for m in d.members if m.is_representative)
        others = [m.full_name for m in d.members if not m.is_representative]
        households.append(
            Household(
                code=d.code,
                hamlet_id=d.hamlet_id,
                commune_id=commune.pk,
                address=d.address,
                representative_name=rep.full_name,
                phone=d.phone,
                search_text=build_search_text(d.code, rep.full_name, d.address, others),
            )
        )
    Household.objects.bulk_create(households, batch_size=IMPORT_BATCH)
    if households and households[0].pk is None:  # a database that cannot return ids from a bulk insert
        ids = {}
        codes = [h.code for h in households]
        for start in range(0, len(codes), 900):
            ids.update(
                Household.objects.filter(commune=commune, code__in=codes[start : start + 900]).values_list(
                    "code", "pk"
                )
            )
        for h in households:
            h.pk = ids[h.code]
    # Residents need no ids back, so they go in with one prepared INSERT run over all rows: building
    # 100,000 model instances for bulk_create costs more than the import's whole database time.
    columns = ["household", "full_name", "birth_year", "gender", "id_number", "relation", "is_representative"]
    meta = Resident._meta
    sql = "INSERT INTO {} ({}) VALUES ({})".format(
        connection.ops.quote_name(meta.db_table),
        ", ".join(connection.ops.quote_name(meta.get_field(c).column) for c in columns),
        ", ".join(["%s"] * len(columns)),
    )
    rows = [
        (h.pk, m.full_name, m.birth_year, m.gender, m.id_number, m.relation, m.is_representative)
        for h, d in zip(households, drafts, strict=True)
        for m in d.members
    ]
    with connection.cursor() as cursor:
        for start in range(0, len(rows), IMPORT_BATCH * 5):
            cursor.executemany(sql, rows[start : start + IMPORT_BATCH * 5])
    return len(households), len(rows)


def _finish(import_id: int, **fields) -> None:
    HouseholdImport.objects.filter(pk=import_id).update(finished_at=timezone.now(), **fields)


def household_import_run(import_id: int) -> HouseholdImport | None:
    """Run one import (the task body). Idempotent: only a PENDING import is claimed and run.

    Phase 1 reads and checks every row, publishing `processed_rows` every ~1000 rows with short updates.
    Phase 2 writes everything in one transaction with bulk inserts and one audit record. Any error leaves
    nothing written: REJECTED with the per-row report, or FAILED with a message.
    """
    claimed = HouseholdImport.objects.filter(pk=import_id, status=HouseholdImport.Status.PENDING).update(
        status=HouseholdImport.Status.RUNNING, processed_rows=0, message=""
    )
    if not claimed:
        return HouseholdImport.objects.filter(pk=import_id).first()
    imp = HouseholdImport.objects.select_related("unit", "actor").get(pk=import_id)

    def progress(done: int, total: int | None = None) -> None:
        fields = {"processed_rows": done}
        if total is not None:
            fields["total_rows"] = total
        HouseholdImport.objects.filter(pk=import_id).update(**fields)

    try:
        with imp.file.open("rb") as fh:
            result = importing.check_file(fh, commune=imp.unit, today=local_today(), progress=progress)
    except Exception:
        logger.exception("household import %s: checking failed", import_id)
        _finish(
            import_id,
            status=HouseholdImport.Status.FAILED,
            message="Lỗi hệ thống khi đọc tệp. Không có dữ liệu nào được ghi. "
            "Vui lòng thử lại hoặc báo quản trị hệ thống.",
        )
        return HouseholdImport.objects.get(pk=import_id)

    if result.errors:
        _finish(
            import_id,
            status=HouseholdImport.Status.REJECTED,
            total_rows=result.total_rows,
            processed_rows=result.total_rows,
            error_count=result.error_count,
            errors=result.errors[: HouseholdImport.MAX_STORED_ERRORS],
            message=f"Tệp có {result.error_count} lỗi nên chưa nhập dòng nào. Hãy sửa các dòng dưới đây "
            "rồi tải tệp lên lại.",
        )
        return HouseholdImport.objects.get(pk=import_id)

    HouseholdImport.objects.filter(pk=import_id).update(
        total_rows=result.total_rows, processed_rows=result.total_rows, message="Đang ghi vào sổ hộ gia đình…"
    )
    try:
        with transaction.atomic():
            households, residents = _import_write(result, commune=imp.unit)
            audit_record(
                actor=imp.actor,
                action="household.import",
                obj=imp,
                unit=imp.unit,
                changes={
                    "file": [None, imp.original_name],
                    "households": [None, households],
                    "residents": [None, residents],
                },
            )
            _finish(
                import_id,
                status=HouseholdImport.Status.DONE,
                households_created=households,
                residents_created=residents,
                message="",
            )
    except IntegrityError:
        logger.warning("household import %s: integrity error while writing", import_id, exc_info=True)
        _finish(
            import_id,
            status=HouseholdImport.Status.FAILED,
            message="Trong lúc nhập, sổ hộ vừa có thay đổi khác (trùng mã hộ hoặc số CCCD). "
            "Không có dữ liệu nào được ghi. Hãy tải tệp lên lại.",
        )
    except Exception:
        logger.exception("household import %s: writing failed", import_id)
        _finish(
            import_id,
            status=HouseholdImport.Status.FAILED,
            message="Lỗi hệ thống khi ghi dữ liệu. Không có dữ liệu nào được ghi. "
            "Vui lòng thử lại hoặc báo quản trị hệ thống.",
        )
    return HouseholdImport.objects.get(pk=import_id)
