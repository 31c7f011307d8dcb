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

Citizens' own accounts: one one-time code mechanism (`_code_issue`/`_code_verify`: keyed hash, 10 minutes,
5 tries, a minute between codes, 5 a day per owner) serves linking to a household by its phone
(`citizen_code_send`/`_confirm`), proving the account's phone (`citizen_phone_code_send`/`_confirm`) and
creating an account by phone (`citizen_signup_code_send`, rate-limited in the shared cache, then
`citizen_signup`). A citizen asks the commune to be linked to their household or to correct the register
(`household_link_request`, `household_correction_request`); the commune's officers answer
(`household_request_approve`, which links like `citizen_verify`, or `household_request_decline`), and each
side is told in the app.
"""

import datetime as dt
import hashlib
import logging
import secrets
from collections.abc import Callable

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.files import File
from django.core.validators import validate_email
from django.db import IntegrityError, connection, transaction
from django.utils import timezone
from django.utils.crypto import constant_time_compare, salted_hmac

from danvan.access.policy import has_unit_perm
from danvan.audit.services import audit_record, diff, snapshot
from danvan.core import ratelimit
from danvan.core.errors import DomainError, ErrorCollector
from danvan.core.files import validate_upload
from danvan.core.formatting import local_today
from danvan.core.tasks import enqueue_on_commit
from danvan.core.text import clean_text, normalize
from danvan.units.models import COMMUNE_KINDS, Unit

from . import importing
from .models import Household, HouseholdImport, HouseholdRequest, Resident, User, VerificationCode
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


_text = clean_text


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


def gateway_sms(phone: str, message: str) -> None:
    """Default delivery: the configured SMS gateway (DANVAN_SMS_BACKEND; the console gateway in development,
    which logs the message with the phone number masked)."""
    from danvan.notifications.services import send_sms

    send_sms(phone=phone, text=message)


SendSms = Callable[[str, str], None]


# ---------------------------------------------------------------- one-time codes
#
# One mechanism for every code sent by SMS (M0): linking an account to a household by the household's phone,
# proving the account's own phone, and creating an account with a phone number. Only a keyed hash is stored;
# a code lives CODE_TTL and allows CODE_MAX_ATTEMPTS wrong tries; a new code of the same owner (an account,
# or a phone number before the account exists) waits CODE_RESEND_AFTER, at most CODE_DAILY_LIMIT a day, and
# makes the older open ones of the same purpose stop working.

Purpose = VerificationCode.Purpose


def _code_hash(scope: str, code: str) -> str:
    return salted_hmac("danvan.people.VerificationCode", f"{scope}:{code}", algorithm="sha256").hexdigest()


def _code_scope(purpose: str, *, user_id=None, household_id=None, phone: str = "") -> str:
    if purpose == Purpose.HOUSEHOLD:
        return f"{user_id}:{household_id}"  # the M0 form, so codes already sent keep working
    if purpose == Purpose.PHONE:
        return f"phone:{user_id}:{phone}"
    return f"signup:{phone}"


def _row_scope(row: VerificationCode) -> str:
    return _code_scope(row.purpose, user_id=row.user_id, household_id=row.household_id, phone=row.phone)


def _codes_of(*, user=None, phone: str = ""):
    """The codes of one owner: an account, or a phone number that has no account yet (sign-up)."""
    if user is not None:
        return VerificationCode.objects.filter(user=user)
    return VerificationCode.objects.filter(user__isnull=True, phone=phone, purpose=Purpose.SIGNUP)


def _code_issue(
    *, purpose: str, phone: str, text: str, user=None, household=None, send: SendSms | None = None
) -> VerificationCode:
    """Store a new code for `phone` and send `text` (with `{code}`) to it after commit."""
    now = timezone.now()
    mine = _codes_of(user=user, phone=phone)
    last = mine.order_by("-created_at").first()
    if last and now - last.created_at < CODE_RESEND_AFTER:
        wait = int((CODE_RESEND_AFTER - (now - last.created_at)).total_seconds()) + 1
        raise DomainError(f"Mã vừa được gửi. Vui lòng chờ {wait} giây rồi gửi lại.", code="throttled")
    if mine.filter(created_at__gte=now - dt.timedelta(days=1)).count() >= CODE_DAILY_LIMIT:
        raise DomainError(
            f"Đã gửi {CODE_DAILY_LIMIT} mã trong 24 giờ qua. Vui lòng thử lại vào ngày mai "
            "hoặc đến UBND xã, phường để được hỗ trợ.",
            code="throttled",
        )
    mine.filter(purpose=purpose, used_at__isnull=True, expires_at__gt=now).update(expires_at=now)
    code = f"{secrets.randbelow(10**6):06d}"
    row = VerificationCode(
        purpose=purpose, user=user, household=household, phone=phone, expires_at=now + CODE_TTL
    )
    row.code_hash = _code_hash(_row_scope(row), code)
    row.save()
    deliver = send if send is not None else gateway_sms
    message = text.format(code=code)
    transaction.on_commit(lambda: deliver(phone, message))
    return row


def _code_verify(codes, typed: str) -> tuple[VerificationCode | None, str | None]:
    """Inside the caller's transaction: the newest open code of `codes`, locked, checked against `typed`.
    Right: (row marked used, None). Wrong: (None, the message), the attempt counted on the row — the caller
    raises after its transaction commits, so a wrong attempt is not rolled back."""
    typed = "".join(str(typed or "").split())
    row = (
        codes.select_for_update(of=("self",))
        .filter(used_at__isnull=True)
        .order_by("-created_at", "-id")
        .first()
    )
    now = timezone.now()
    if row is None:
        return None, "Chưa có mã xác minh nào. Hãy bấm “Gửi mã” để nhận mã mới."
    if row.expires_at <= now:
        return None, "Mã đã hết hạn (sau 10 phút). Hãy gửi mã mới."
    if row.attempts >= CODE_MAX_ATTEMPTS:
        return None, f"Đã nhập sai quá {CODE_MAX_ATTEMPTS} lần. Hãy gửi mã mới."
    if not constant_time_compare(row.code_hash, _code_hash(_row_scope(row), typed)):
        row.attempts += 1
        row.save(update_fields=["attempts"])
        left = CODE_MAX_ATTEMPTS - row.attempts
        if left:
            return None, f"Mã không đúng. Còn {left} lần thử."
        return None, f"Mã không đúng. Đã nhập sai {CODE_MAX_ATTEMPTS} lần, hãy gửi mã mới."
    row.used_at = now
    row.save(update_fields=["used_at"])
    return row, None


def _require_citizen(actor, message: str = "Chỉ tài khoản công dân mới tự xác minh bằng mã một lần.") -> None:
    if (
        not getattr(actor, "is_authenticated", False)
        or actor.kind != User.Kind.CITIZEN
        or not actor.is_active
    ):
        raise DomainError(message, code="forbidden")


# Unaccented on purpose: GSM-7 text fits one SMS segment (160 characters); Unicode would need two.
HOUSEHOLD_CODE_SMS = (
    "Ma xac minh danvan cua ban la {code}, co hieu luc 10 phut. Khong cung cap ma nay cho nguoi khac."
)
PHONE_CODE_SMS = "Ma xac minh so dien thoai danvan: {code}, co hieu luc 10 phut. Khong dua ma nay cho ai."
SIGNUP_CODE_SMS = "Ma tao tai khoan danvan: {code}, co hieu luc 10 phut. Khong dua ma nay cho ai."
SIGNUP_TAKEN_SMS = (
    "So dien thoai nay da co tai khoan danvan. Hay dang nhap bang so nay; neu quen mat khau, "
    "lien he UBND xa, phuong."
)


@transaction.atomic
def citizen_code_send(*, actor, household: Household, send: SendSms | None = None) -> VerificationCode:
    """Send a 6-digit one-time code to the phone number registered for `household`. Whoever reads it back
    (`citizen_code_confirm`) proves they hold the household's phone. Only a keyed hash is stored; the code
    lives 10 minutes, older codes of the account stop working, a new code waits 60 seconds and an account
    gets at most 5 codes a day. `send(phone, message)` delivers it (default: the `danvan.sms` log)."""
    _require_citizen(actor)
    if not household.phone:
        raise DomainError(
            "Hộ này chưa đăng ký số điện thoại nên không gửi được mã. "
            "Vui lòng đến UBND xã, phường để cán bộ xác minh trực tiếp.",
            code="no_phone",
        )
    row = _code_issue(
        purpose=Purpose.HOUSEHOLD,
        phone=household.phone,
        text=HOUSEHOLD_CODE_SMS,
        user=actor,
        household=household,
        send=send,
    )
    audit_record(
        actor=actor,
        action="citizen.code_send",
        obj=household,
        unit=household.hamlet,
        changes={
            "account_id": [None, actor.pk],
            "phone": [None, _mask(household.phone)],
        },
    )
    return row


def _mask(phone: str) -> str:
    return phone[:3] + "****" + phone[-3:] if len(phone) >= 7 else "***"


def citizen_code_confirm(*, actor, code: str) -> User:
    """Check the code the citizen typed. Right: the account is verified and linked to the household.
    Wrong: the attempt is counted (and kept even though an error is raised); after 5 wrong attempts the
    code is dead. Call it outside an outer transaction so a wrong attempt is not rolled back."""
    with transaction.atomic():
        codes = VerificationCode.objects.filter(user=actor, purpose=Purpose.HOUSEHOLD).select_related(
            "household__hamlet"
        )
        row, error = _code_verify(codes, code)
        if row is not None:
            _link_citizen(actor, row.household, actor=actor, verified_by=None, action="citizen.verify_code")
    if error:
        raise DomainError(error, field="code", code="bad_code")
    return actor


# ---------------------------------------------------------------- the citizen's own account


@transaction.atomic
def citizen_phone_code_send(*, actor, send: SendSms | None = None) -> VerificationCode:
    """Send a code to the account's own phone (the profile page); `citizen_phone_code_confirm` proves it."""
    _require_citizen(actor, "Chỉ tài khoản công dân xác minh số điện thoại tại đây.")
    if not actor.phone:
        raise DomainError(
            "Hãy nhập số điện thoại của bạn trước khi xác minh.", field="phone", code="no_phone"
        )
    if actor.phone_verified_at is not None:
        raise DomainError("Số điện thoại này đã được xác minh.", code="already_verified")
    row = _code_issue(purpose=Purpose.PHONE, phone=actor.phone, text=PHONE_CODE_SMS, user=actor, send=send)
    audit_record(
        actor=actor,
        action="citizen.phone_code_send",
        obj=actor,
        changes={"phone": [None, _mask(actor.phone)]},
    )
    return row


def citizen_phone_code_confirm(*, actor, code: str) -> User:
    """The code sent to the account's phone: right, the phone is verified (only if it is still the
    account's phone); wrong, the attempt is counted. Call it outside an outer transaction."""
    _require_citizen(actor, "Chỉ tài khoản công dân xác minh số điện thoại tại đây.")
    with transaction.atomic():
        row, error = _code_verify(VerificationCode.objects.filter(user=actor, purpose=Purpose.PHONE), code)
        if row is not None:
            user = User.objects.select_for_update().get(pk=actor.pk)
            if user.phone != row.phone:
                error = "Số điện thoại của tài khoản đã thay đổi sau khi gửi mã. Hãy gửi mã mới."
            else:
                user.phone_verified_at = timezone.now()
                user.save(update_fields=["phone_verified_at"])
                actor.phone_verified_at = user.phone_verified_at
                audit_record(
                    actor=actor,
                    action="citizen.phone_verify",
                    obj=actor,
                    changes={"phone_verified_at": [None, user.phone_verified_at]},
                )
    if error:
        raise DomainError(error, field="code", code="bad_code")
    return actor


def _email(value: str) -> str:
    email = (value or "").strip().lower()
    if not email:
        return ""
    try:
        validate_email(email)
    except ValidationError:
        raise DomainError("Địa chỉ thư điện tử không hợp lệ (ví dụ ten@example.vn).", field="email")
    return email


def _phone_free(phone: str, *, exclude_pk=None) -> None:
    if phone and User.objects.filter(phone=phone).exclude(pk=exclude_pk).exists():
        raise DomainError(
            "Số điện thoại này đã được dùng cho một tài khoản khác. Nếu đó là tài khoản của bạn, hãy đăng "
            "nhập bằng số này.",
            field="phone",
            code="phone_taken",
        )


@transaction.atomic
def citizen_profile_update(*, actor, full_name: str, phone: str = "", email: str = "") -> User:
    """The citizen edits their own name, phone and e-mail. A new phone is no longer verified (send a code
    again); every field is checked in one round."""
    _require_citizen(actor, "Chỉ tài khoản công dân sửa thông tin tại đây.")
    errors = ErrorCollector()
    with errors.step():
        full_name = _text(full_name, "full_name", "họ và tên", 128)
    with errors.step():
        phone = _phone(phone)
        _phone_free(phone, exclude_pk=actor.pk)
    with errors.step():
        email = _email(email)
    errors.raise_if_any()
    user = User.objects.select_for_update().get(pk=actor.pk)
    before = snapshot(user, exclude=("password", "last_login"))
    user.full_name, user.email = full_name, email
    if phone != user.phone:
        user.phone = phone
        user.phone_verified_at = None
    user.save(update_fields=["full_name", "email", "phone", "phone_verified_at"])
    changes = diff(before, user, exclude=("password", "last_login"))
    if "phone" in changes:
        changes["phone"] = [_mask(changes["phone"][0] or ""), _mask(changes["phone"][1] or "")]
    if changes:
        audit_record(actor=actor, action="citizen.profile_update", obj=user, changes=changes)
    for field in ("full_name", "email", "phone", "phone_verified_at"):
        setattr(actor, field, getattr(user, field))
    return actor


# Sign-up by phone: per address and per number, in the shared cache (danvan.core.ratelimit), on top of the
# per-number resend delay and daily cap of the code mechanism.
SIGNUP_CODES_PER_IP = (10, 3600)
SIGNUP_CODES_PER_PHONE = (3, 3600)


def _signup_keys(phone: str, ip: str) -> list[tuple[str, tuple[int, int]]]:
    digest = lambda v: hashlib.sha256(v.encode()).hexdigest()[:32]  # noqa: E731
    keys = [(f"signup:phone:{digest(phone)}", SIGNUP_CODES_PER_PHONE)]
    if ip:
        keys.append((f"signup:ip:{digest(ip)}", SIGNUP_CODES_PER_IP))
    return keys


def signup_phone(value: str) -> str:
    """The canonical Vietnamese number typed at sign-up, or a DomainError on the `phone` field."""
    phone = _phone(value)
    if not phone:
        raise DomainError("Vui lòng nhập số điện thoại di động của bạn.", field="phone", code="required")
    return phone


@transaction.atomic
def citizen_signup_code_send(*, phone: str, ip: str = "", send: SendSms | None = None) -> str:
    """First step of creating an account: send a code to `phone`; returns the canonical number.

    The answer is the same whether or not the number already has an account (no one learns which numbers
    are registered from this page); such a number receives a message saying so instead of a code."""
    phone = signup_phone(phone)
    for key, (maximum, window) in _signup_keys(phone, ip):
        if ratelimit.exceeded(key, maximum):
            raise DomainError(
                "Đã gửi nhiều mã trong thời gian ngắn. Vui lòng thử lại sau "
                f"{ratelimit.retry_after_minutes(key, window)} phút.",
                code="rate_limited",
            )
    if User.objects.filter(phone=phone).exists():
        _code_issue(purpose=Purpose.SIGNUP, phone=phone, text=SIGNUP_TAKEN_SMS, send=send)
        # the stored row carries no usable code: the hash of a code nobody was sent
    else:
        _code_issue(purpose=Purpose.SIGNUP, phone=phone, text=SIGNUP_CODE_SMS, send=send)
    for key, (_maximum, window) in _signup_keys(phone, ip):
        ratelimit.hit(key, window)
    return phone


def _new_username() -> str:
    while True:
        name = f"congdan-{secrets.token_hex(4)}"
        if not User.objects.filter(username=name).exists():
            return name


def citizen_signup(*, phone: str, code: str, full_name: str, password: str) -> User:
    """Second step: the code sent to `phone`, the citizen's name and a password make a citizen account whose
    phone is verified (they sign in with the phone number). Every field is checked before the code is tried,
    so a typing error elsewhere does not spend an attempt; a wrong code counts one. Call it outside an outer
    transaction."""
    phone = signup_phone(phone)
    errors = ErrorCollector()
    with errors.step():
        full_name = _text(full_name, "full_name", "họ và tên", 128)
    with errors.step():
        try:
            validate_password(password, User(username=phone, full_name=full_name, phone=phone))
        except ValidationError as exc:
            raise DomainError(" ".join(exc.messages), field="password", code="weak_password")
    errors.raise_if_any()
    user = None
    with transaction.atomic():
        row, error = _code_verify(_codes_of(phone=phone), code)
        if row is not None:
            if User.objects.select_for_update().filter(phone=phone).exists():
                error = "Số điện thoại này đã có tài khoản. Hãy đăng nhập bằng số này."
            else:
                user = User.objects.create_user(
                    username=_new_username(),
                    password=password,
                    kind=User.Kind.CITIZEN,
                    full_name=full_name,
                    phone=phone,
                    phone_verified_at=timezone.now(),
                )
                audit_record(
                    actor=user,
                    action="citizen.signup",
                    obj=user,
                    changes={"full_name": [None, full_name], "phone": [None, _mask(phone)]},
                )
    if error:
        raise DomainError(error, field="code", code="bad_code")
    return user


# ---------------------------------------------------------------- the citizen's requests to the commune


def _notify(user, title: str, body: str = "", url: str = "") -> None:
    from danvan.notifications.services import notify

    notify(user=user, title=title, body=body, url=url, channels=("inapp",))


def _officers_with(perm: str, unit: Unit) -> list[User]:
    """Active officers holding, today, a role with `perm` on `unit` or an ancestor (system admins left out:
    they run the platform, the commune answers its citizens)."""
    from danvan.access.models import RoleAssignment
    from danvan.access.roles import Role, roles_with

    today = local_today()
    holders = (
        RoleAssignment.objects.filter(
            role__in=[r for r in roles_with(perm) if r != Role.SYSTEM_ADMIN],
            unit__path__in=unit.ancestor_paths(),
            valid_from__lte=today,
        )
        .exclude(valid_to__lt=today)
        .values("user_id")
    )
    return list(User.objects.filter(pk__in=holders, is_active=True))


REQUEST_PERM = {
    HouseholdRequest.Kind.LINK: "citizens.verify",
    HouseholdRequest.Kind.CORRECTION: "households.manage",
}
REQUEST_TEXT_MAX = 2000


def _check_request_hamlet(hamlet) -> Unit:
    if hamlet is None or not hamlet.is_community or not hamlet.is_valid_on(local_today()):
        raise DomainError("Vui lòng chọn thôn, ấp, khóm, tổ dân phố nơi hộ bạn đăng ký.", field="hamlet")
    commune = commune_of(hamlet)
    if commune is None:
        raise DomainError("Thôn, ấp đã chọn không thuộc xã, phường nào.", field="hamlet")
    return commune


@transaction.atomic
def household_link_request(
    *, actor, hamlet: Unit, representative_name: str, address: str, relation: str = "", message: str = ""
) -> HouseholdRequest:
    """A citizen asks the commune to link their account to their household (named by its head and address in
    `hamlet`). The commune's officers who verify citizens find the household and confirm
    (`household_request_approve`), or decline with the reason. One request waits at a time."""
    _require_citizen(actor, "Chỉ tài khoản công dân gửi được yêu cầu này.")
    if actor.household_id:
        raise DomainError("Tài khoản của bạn đã gắn với một hộ gia đình.", code="already_linked")
    errors = ErrorCollector()
    commune = None
    with errors.step():
        commune = _check_request_hamlet(hamlet)
    with errors.step():
        representative_name = _text(representative_name, "representative_name", "họ và tên chủ hộ", 128)
    with errors.step():
        address = _text(address, "address", "địa chỉ của hộ", 255)
    with errors.step():
        relation = _text(relation, "relation", "quan hệ với chủ hộ", 32, required=False)
    with errors.step():
        message = _text(message, "message", "ghi chú", REQUEST_TEXT_MAX, required=False)
    errors.raise_if_any()
    if HouseholdRequest.objects.filter(
        citizen=actor, kind=HouseholdRequest.Kind.LINK, status=HouseholdRequest.Status.PENDING
    ).exists():
        raise DomainError("Bạn đã có một yêu cầu gắn với hộ đang chờ xã xử lý.", code="pending_exists")
    req = HouseholdRequest.objects.create(
        citizen=actor,
        kind=HouseholdRequest.Kind.LINK,
        hamlet=hamlet,
        commune=commune,
        representative_name=representative_name,
        address=address,
        relation=relation,
        message=message,
    )
    audit_record(
        actor=actor,
        action="household_request.create",
        obj=req,
        unit=hamlet,
        changes={"kind": [None, req.kind], "hamlet": [None, hamlet.pk]},
    )
    _notify_officers(req)
    return req


@transaction.atomic
def household_correction_request(*, actor, message: str) -> HouseholdRequest:
    """A citizen linked to a household asks the commune to correct what the registry holds about it."""
    _require_citizen(actor, "Chỉ tài khoản công dân gửi được yêu cầu này.")
    household = (
        Household.objects.select_related("hamlet", "commune").filter(pk=actor.household_id).first()
        if actor.household_id
        else None
    )
    if household is None:
        raise DomainError("Tài khoản của bạn chưa gắn với hộ gia đình nào.", code="not_linked")
    message = _text(message, "message", "nội dung cần điều chỉnh", REQUEST_TEXT_MAX)
    req = HouseholdRequest.objects.create(
        citizen=actor,
        kind=HouseholdRequest.Kind.CORRECTION,
        hamlet=household.hamlet,
        commune=household.commune,
        household=household,
        message=message,
    )
    audit_record(
        actor=actor,
        action="household_request.create",
        obj=req,
        unit=household.hamlet,
        changes={"kind": [None, req.kind], "household": [None, household.pk]},
    )
    _notify_officers(req)
    return req


def _notify_officers(req: HouseholdRequest) -> None:
    from django.urls import reverse

    url = reverse("people:request_detail", kwargs={"pk": req.pk})
    title = f"Yêu cầu mới của người dân: {req.get_kind_display().lower()}"
    body = f"{req.citizen.display_name}, {req.hamlet.name} ({req.commune.name})."
    for officer in _officers_with(REQUEST_PERM[req.kind], req.hamlet):
        _notify(officer, title, body, url)


def _lock_request(req: HouseholdRequest) -> HouseholdRequest:
    return (
        HouseholdRequest.objects.select_for_update(of=("self",))
        .select_related("citizen", "hamlet", "commune", "household")
        .get(pk=req.pk)
    )


def _answer(
    req: HouseholdRequest, *, actor, status: str, answer: str, action: str, **changes
) -> HouseholdRequest:
    req.status = status
    req.answer = answer
    req.answered_by = actor
    req.answered_at = timezone.now()
    req.save()
    audit_record(
        actor=actor,
        action=action,
        obj=req,
        unit=req.hamlet,
        changes={"status": [HouseholdRequest.Status.PENDING, status], "answer": [None, answer], **changes},
    )
    verdict = "đã được xử lý" if status == HouseholdRequest.Status.DONE else "không được thực hiện"
    _notify(
        req.citizen,
        f"Yêu cầu “{req.get_kind_display().lower()}” của bạn {verdict}",
        answer,
        "/tai-khoan/ho-gia-dinh/",
    )
    return req


def _pending(req: HouseholdRequest) -> None:
    if req.status != HouseholdRequest.Status.PENDING:
        raise DomainError("Yêu cầu này đã được trả lời.", code="not_pending")


@transaction.atomic
def household_request_approve(
    *, actor, request: HouseholdRequest, household: Household | None = None, answer: str = ""
) -> HouseholdRequest:
    """Answer a request as done. A link request names the household the officer found in the register: the
    account is verified and linked to it (`citizens.verify` on its hamlet, as `citizen_verify`). A correction
    is answered once the officer has corrected the register (`households.manage`)."""
    req = _lock_request(request)
    perm = REQUEST_PERM[req.kind]
    _require(
        actor, perm, req.hamlet, f"Bạn không có quyền trả lời yêu cầu của người dân ở “{req.hamlet.name}”."
    )
    _pending(req)
    answer = _text(answer, "answer", "nội dung trả lời", REQUEST_TEXT_MAX, required=False)
    if req.kind == HouseholdRequest.Kind.LINK:
        if household is None:
            raise DomainError("Hãy chọn hộ gia đình trong sổ để gắn tài khoản.", field="household")
        _require(
            actor,
            "citizens.verify",
            household.hamlet,
            f"Bạn không có quyền xác minh tài khoản công dân ở “{household.hamlet.name}”.",
        )
        citizen = User.objects.select_for_update().get(pk=req.citizen_id)
        if citizen.kind != User.Kind.CITIZEN or not citizen.is_active:
            raise DomainError("Tài khoản này không còn hoạt động.", code="inactive")
        _link_citizen(citizen, household, actor=actor, verified_by=actor, action="citizen.verify")
        req.household = household
        answer = (
            answer
            or f"Tài khoản của bạn đã được gắn với hộ {household.representative_name} ({household.code})."
        )
        return _answer(
            req,
            actor=actor,
            status=HouseholdRequest.Status.DONE,
            answer=answer,
            action="household_request.approve",
            household=[None, household.pk],
        )
    if not answer:
        raise DomainError(
            "Hãy ghi nội dung đã điều chỉnh để người dân biết.", field="answer", code="required"
        )
    return _answer(
        req,
        actor=actor,
        status=HouseholdRequest.Status.DONE,
        answer=answer,
        action="household_request.approve",
    )


@transaction.atomic
def household_request_decline(*, actor, request: HouseholdRequest, answer: str) -> HouseholdRequest:
    """Decline a request with the reason the citizen reads (e.g. no such household in the hamlet: come to the
    office with your papers)."""
    req = _lock_request(request)
    _require(
        actor,
        REQUEST_PERM[req.kind],
        req.hamlet,
        f"Bạn không có quyền trả lời yêu cầu của người dân ở “{req.hamlet.name}”.",
    )
    _pending(req)
    answer = _text(answer, "answer", "lý do", REQUEST_TEXT_MAX)
    return _answer(
        req,
        actor=actor,
        status=HouseholdRequest.Status.DECLINED,
        answer=answer,
        action="household_request.decline",
    )


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
