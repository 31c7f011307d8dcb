"""Writes of the disclosures module and the legal checks they enforce.

Every write is `<entity>_<verb>(*, actor, …)`, runs in one transaction, checks the actor's permission on the
disclosure's unit (`disclosures.edit`, `disclosures.answer` for questions), writes one audit record and
refreshes the search index.

Rules (never literal numbers: the rulebook version in force on the **decision date**):
- `disclosure.posting`: a non-permanent item is posted at least N consecutive days, counted inclusively
  (from 01/03 to 30/03 is 30 days). Permanent items (4 and 13) may leave the end date empty.
- `disclosure.loudspeaker`: items 7–12 go out on the loudspeaker system (a required form) for at least N
  consecutive days.
- `disclosure.publish`: disclosed (posting starts) no later than N working days after the decision; a later
  one is saved but flagged `is_late`, with its due date.
When no version of a rule is in force on the decision date (e.g. before 01/07/2023), that check is skipped
and the detail page says so.

Citizen questions (`question_ask`) are public: one contact (phone or e-mail) is required, a double submit
within a minute returns the first question, and the cache counts questions per IP and per contact.
"""

import datetime as dt
import hashlib
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.html import strip_tags

from danvan.access.policy import has_unit_perm
from danvan.audit.services import audit_record, diff, snapshot
from danvan.core import pagecache, ratelimit
from danvan.core.errors import DomainError
from danvan.core.files import DOCUMENTS, validate_upload
from danvan.core.formatting import format_date, local_today
from danvan.core.richtext import clean_html
from danvan.core.text import clean_text, nfc, normalize
from danvan.people.phones import normalize_phone
from danvan.rulebook.services import compute_deadline, rule_in_force
from danvan.search.registry import search_index

from .models import (
    Disclosure,
    DisclosureCategory,
    DisclosureFile,
    DisclosureQuestion,
    Form,
    QuestionStatus,
    Status,
)

TITLE_MAX = 300
QUESTION_MAX = 2000
ANSWER_MAX = 5000
MAX_LOUDSPEAKER_DAYS = 365  # a sanity bound of the form and the API, not a legal rule
# Rate limits of public questions: (max questions, window in seconds).
QUESTION_LIMIT_PER_IP = (10, 3600)
QUESTION_LIMIT_PER_CONTACT = (3, 3600)
DOUBLE_SUBMIT_WINDOW = dt.timedelta(minutes=1)

EDITABLE_FIELDS = (
    "unit",
    "category",
    "title",
    "body",
    "decision_date",
    "forms",
    "posting_start",
    "posting_end",
    "loudspeaker_days",
)


# ---------------------------------------------------------------- rules


def _rule(key: str, on: dt.date):
    """The rule version in force on `on`, or None when there is none (the check is then skipped)."""
    try:
        return rule_in_force(key, on)
    except DomainError:
        return None


def posting_days(start: dt.date, end: dt.date | None) -> int | None:
    """Consecutive days of posting, counted inclusively."""
    if start is None or end is None:
        return None
    return (end - start).days + 1


@dataclass(frozen=True)
class Check:
    """One legal check of a disclosure, as shown on its detail page."""

    label: str
    ok: bool | None  # None: not applicable / no rule in force, or not posted yet (scheduled)
    text: str
    citation: str = ""
    scheduled: bool = False  # the posting has not started: planned, not yet compliant


def publish_deadline(decision_date: dt.date):
    """The `disclosure.publish` deadline for a decision, or None when no rule applies on that date."""
    if decision_date is None or _rule("disclosure.publish", decision_date) is None:
        return None
    try:
        return compute_deadline("disclosure.publish", decision_date)
    except DomainError:
        return None


def rule_violations(
    *,
    category: DisclosureCategory,
    decision_date: dt.date,
    forms: list[str],
    posting_start: dt.date,
    posting_end: dt.date | None,
    loudspeaker_days: int | None,
) -> list[DomainError]:
    """Every refusal of the posting and loudspeaker rules, each with its field and citation."""
    errors: list[DomainError] = []
    if posting_end is not None and posting_end < posting_start:
        errors.append(
            DomainError("Ngày kết thúc niêm yết không được trước ngày bắt đầu.", field="posting_end")
        )
        return errors
    posting = _rule("disclosure.posting", decision_date)
    if posting is not None and not category.permanent:
        need = posting.whole_value
        if posting_end is None:
            errors.append(
                DomainError(
                    f"Vui lòng nhập ngày kết thúc niêm yết: nội dung này phải niêm yết ít nhất {need} ngày "
                    f"liên tục ({posting.citation}); chỉ nội dung 4 và 13 được niêm yết thường xuyên.",
                    code="posting_end_required",
                    field="posting_end",
                )
            )
        elif posting_days(posting_start, posting_end) < need:
            earliest = posting_start + dt.timedelta(days=need - 1)
            errors.append(
                DomainError(
                    f"Thời gian niêm yết phải ít nhất {need} ngày liên tục ({posting.citation}); "
                    f"từ {format_date(posting_start)} đến {format_date(posting_end)} mới có "
                    f"{posting_days(posting_start, posting_end)} ngày, cần niêm yết đến ít nhất "
                    f"ngày {format_date(earliest)}.",
                    code="posting_too_short",
                    field="posting_end",
                )
            )
    loud = _rule("disclosure.loudspeaker", decision_date)
    if loud is not None and category.loudspeaker_required:
        need = loud.whole_value
        if Form.LOUDSPEAKER not in forms:
            errors.append(
                DomainError(
                    f"Nội dung số {category.number} phải được thông báo trên hệ thống truyền thanh cấp xã ít "
                    f"nhất {need} ngày liên tục ({loud.citation}); hãy chọn hình thức “Hệ thống truyền thanh”.",
                    code="loudspeaker_required",
                    field="forms",
                )
            )
        elif loudspeaker_days is None or loudspeaker_days < need:
            errors.append(
                DomainError(
                    f"Thời gian thông báo trên hệ thống truyền thanh phải ít nhất {need} ngày liên tục "
                    f"({loud.citation}).",
                    code="loudspeaker_too_short",
                    field="loudspeaker_days",
                )
            )
    return errors


def rule_checks(disclosure: Disclosure) -> list[Check]:
    """The rule checks shown on the detail pages: posting duration, loudspeaker, disclosure deadline."""
    checks: list[Check] = []
    category = disclosure.category
    day = disclosure.decision_date
    posting = _rule("disclosure.posting", day)
    if category.permanent:
        checks.append(
            Check(
                "Thời gian niêm yết",
                True,
                "Nội dung niêm yết thường xuyên, cập nhật khi có thay đổi.",
                posting.citation if posting else "",
            )
        )
    elif posting is None:
        checks.append(
            Check(
                "Thời gian niêm yết",
                None,
                f"Không có quy định về thời gian niêm yết vào ngày {format_date(day)}.",
            )
        )
    else:
        days = posting_days(disclosure.posting_start, disclosure.posting_end)
        checks.append(
            Check(
                "Thời gian niêm yết",
                days is not None and days >= posting.whole_value,
                f"Niêm yết {days or 0} ngày liên tục (tối thiểu {posting.whole_value} ngày).",
                posting.citation,
            )
        )
    loud = _rule("disclosure.loudspeaker", day)
    if category.loudspeaker_required and loud is not None:
        n = disclosure.loudspeaker_days or 0
        checks.append(
            Check(
                "Thông báo trên hệ thống truyền thanh",
                Form.LOUDSPEAKER in disclosure.forms and n >= loud.whole_value,
                f"Thông báo {n} ngày (tối thiểu {loud.whole_value} ngày liên tục).",
                loud.citation,
            )
        )
    deadline = publish_deadline(day)
    if deadline is None:
        checks.append(
            Check(
                "Thời hạn công khai",
                None,
                f"Không có quy định về thời hạn công khai vào ngày {format_date(day)}.",
            )
        )
    else:
        when = (
            f"Quyết định ngày {format_date(day)}, hạn công khai {format_date(deadline.due)} "
            f"({deadline.whole_value} {deadline.unit_label}); bắt đầu công khai {format_date(disclosure.posting_start)}"
        )
        late = disclosure.posting_start > deadline.due
        checks.append(
            Check(
                "Thời hạn công khai",
                not late,
                when + (" — công khai muộn." if late else " — đúng hạn."),
                deadline.citation,
            )
        )
    if disclosure.posting_start > local_today():
        # Planned, not done: a posting that has not started is never "Đạt" (what fails already, stays failed)
        note = f" Chưa đến ngày niêm yết (từ {format_date(disclosure.posting_start)})."
        checks = [
            c if c.ok is False else Check(c.label, None, c.text + note, c.citation, scheduled=True)
            for c in checks
        ]
    return checks


# ---------------------------------------------------------------- helpers


def _require(
    actor, perm: str, unit, message: str = "Bạn không có quyền với nội dung công khai của đơn vị này."
) -> None:
    if not has_unit_perm(actor, perm, unit):
        raise DomainError(message, code="forbidden")


_clean_text = clean_text


def _clean_forms(forms) -> list[str]:
    forms = list(dict.fromkeys(forms or []))
    unknown = [f for f in forms if f not in Form.values]
    if unknown:
        raise DomainError(f"Hình thức công khai không hợp lệ: {', '.join(unknown)}.", field="forms")
    if not forms:
        raise DomainError("Vui lòng chọn ít nhất một hình thức công khai.", field="forms")
    return [f for f in Form.values if f in forms]


def _validate(d: Disclosure) -> None:
    """Normalise `d` in place and raise the first rule violation; stores is_late/publish_due."""
    d.title = _clean_text(d.title, field="title", label="tiêu đề", max_length=TITLE_MAX)
    d.body = clean_html(
        _clean_text(d.body, field="body", label="nội dung", max_length=100_000, required=False, lines=True)
    )
    d.forms = _clean_forms(d.forms)
    if d.unit is None:
        raise DomainError("Vui lòng chọn đơn vị.", field="unit")
    if d.category_id is None:
        raise DomainError("Vui lòng chọn nội dung công khai (Điều 11).", field="category")
    if d.decision_date is None:
        raise DomainError("Vui lòng nhập ngày của quyết định, văn bản.", field="decision_date")
    if d.posting_start is None:
        raise DomainError("Vui lòng nhập ngày bắt đầu niêm yết.", field="posting_start")
    if d.posting_start < d.decision_date:
        raise DomainError(
            "Ngày bắt đầu công khai không được trước ngày của quyết định, văn bản.", field="posting_start"
        )
    if Form.LOUDSPEAKER not in d.forms:
        d.loudspeaker_days = None
    if d.loudspeaker_days is not None and d.loudspeaker_days < 0:
        raise DomainError("Số ngày thông báo không được âm.", field="loudspeaker_days")
    if d.loudspeaker_days is not None and d.loudspeaker_days > MAX_LOUDSPEAKER_DAYS:
        # the form's bound, for every caller (the API sent any integer into a small-integer column: a 500)
        raise DomainError(
            f"Số ngày thông báo trên hệ thống truyền thanh tối đa là {MAX_LOUDSPEAKER_DAYS} ngày.",
            field="loudspeaker_days",
        )
    errors = rule_violations(
        category=d.category,
        decision_date=d.decision_date,
        forms=d.forms,
        posting_start=d.posting_start,
        posting_end=d.posting_end,
        loudspeaker_days=d.loudspeaker_days,
    )
    if errors:
        raise errors[0]
    deadline = publish_deadline(d.decision_date)
    d.publish_due = deadline.due if deadline else None
    d.is_late = bool(deadline and d.posting_start > deadline.due)
    d.search_text = normalize(" ".join([d.title, strip_tags(d.body), d.category.name, d.unit.name]))


def _audit_changes(d: Disclosure, before: dict | None) -> dict:
    if before is None:
        return {k: [None, v] for k, v in snapshot(d, exclude=("search_text",)).items() if k != "id"}
    return diff(before, d, exclude=("search_text",))


# ---------------------------------------------------------------- disclosures


@transaction.atomic
def disclosure_create(
    *,
    actor,
    unit,
    category: DisclosureCategory,
    title: str,
    decision_date: dt.date,
    forms: list[str],
    posting_start: dt.date,
    posting_end: dt.date | None = None,
    loudspeaker_days: int | None = None,
    body: str = "",
) -> Disclosure:
    """A new draft disclosure of `unit`; refused (DomainError with field) when a rule is broken."""
    _require(actor, "disclosures.edit", unit)
    d = Disclosure(
        unit=unit,
        category=category,
        title=title,
        body=body,
        decision_date=decision_date,
        forms=forms,
        posting_start=posting_start,
        posting_end=posting_end,
        loudspeaker_days=loudspeaker_days,
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    _validate(d)
    d.save()
    audit_record(actor=actor, action="disclosure.create", obj=d, unit=unit, changes=_audit_changes(d, None))
    search_index(d)
    return d


@transaction.atomic
def disclosure_update(*, actor, disclosure: Disclosure, **fields) -> Disclosure:
    """Change a disclosure (draft or published); the rules are checked again on the new values."""
    unknown = set(fields) - set(EDITABLE_FIELDS)
    if unknown:
        raise DomainError(f"Không sửa được trường: {', '.join(sorted(unknown))}.")
    _require(actor, "disclosures.edit", disclosure.unit)
    d = Disclosure.objects.select_for_update().select_related("unit", "category").get(pk=disclosure.pk)
    if d.status == Status.WITHDRAWN:
        raise DomainError("Nội dung đã thu hồi, không sửa được.", code="withdrawn")
    if "unit" in fields:
        _require(actor, "disclosures.edit", fields["unit"])
    before = snapshot(d, exclude=("search_text",))
    for name, value in fields.items():
        setattr(d, name, value)
    _validate(d)
    d.save()
    changes = _audit_changes(d, before)
    if changes:
        pagecache.changed("disclosures")  # the portal's pages show it on the next request
        audit_record(actor=actor, action="disclosure.update", obj=d, unit=d.unit, changes=changes)
    search_index(d)
    return d


@transaction.atomic
def disclosure_publish(*, actor, disclosure: Disclosure) -> Disclosure:
    """Publish a draft (or re-publish a withdrawn one) on the portal; late ones are published but flagged."""
    _require(actor, "disclosures.edit", disclosure.unit)
    d = Disclosure.objects.select_for_update().select_related("unit", "category").get(pk=disclosure.pk)
    if d.status == Status.PUBLISHED:
        raise DomainError("Nội dung này đã được công khai.", code="already_published")
    before = snapshot(d, exclude=("search_text",))
    _validate(d)
    d.status = Status.PUBLISHED
    d.published_at = timezone.now()
    d.withdrawn_reason = ""
    d.save()
    pagecache.changed("disclosures")  # the portal's pages show it on the next request
    audit_record(
        actor=actor, action="disclosure.publish", obj=d, unit=d.unit, changes=_audit_changes(d, before)
    )
    search_index(d)
    return d


@transaction.atomic
def disclosure_withdraw(*, actor, disclosure: Disclosure, reason: str) -> Disclosure:
    """Take a published disclosure off the portal, with the reason (kept in the audit trail)."""
    _require(actor, "disclosures.edit", disclosure.unit)
    reason = _clean_text(reason, field="reason", label="lý do thu hồi", max_length=1000, lines=True)
    d = Disclosure.objects.select_for_update().select_related("unit", "category").get(pk=disclosure.pk)
    if d.status != Status.PUBLISHED:
        raise DomainError("Chỉ thu hồi được nội dung đang công khai.", code="not_published")
    d.status = Status.WITHDRAWN
    d.withdrawn_reason = reason
    d.save(update_fields=["status", "withdrawn_reason", "updated_at"])
    pagecache.changed("disclosures")  # the portal's pages show it on the next request
    audit_record(
        actor=actor,
        action="disclosure.withdraw",
        obj=d,
        unit=d.unit,
        changes={"status": [Status.PUBLISHED, Status.WITHDRAWN], "withdrawn_reason": ["", reason]},
    )
    search_index(d)
    return d


@transaction.atomic
def disclosure_file_add(*, actor, disclosure: Disclosure, uploaded) -> DisclosureFile:
    """Attach a document (PDF, DOCX, XLSX, image), validated by its content."""
    _require(actor, "disclosures.edit", disclosure.unit)
    try:
        mime = validate_upload(uploaded, DOCUMENTS)
    except ValidationError as exc:
        raise DomainError(" ".join(exc.messages), code="bad_file", field="file")
    name = nfc((getattr(uploaded, "name", "") or "tep").rsplit("/", 1)[-1])[:255]
    f = DisclosureFile(
        disclosure=disclosure,
        original_name=name,
        size=uploaded.size,
        content_type=mime,
        uploaded_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    f.file.save(name, uploaded, save=False)
    f.save()
    pagecache.changed("disclosures")  # the portal's pages show it on the next request
    audit_record(
        actor=actor,
        action="disclosure.file_add",
        obj=disclosure,
        unit=disclosure.unit,
        changes={"file": [None, name]},
    )
    return f


@transaction.atomic
def disclosure_file_remove(*, actor, file: DisclosureFile) -> None:
    disclosure = file.disclosure
    _require(actor, "disclosures.edit", disclosure.unit)
    name = file.original_name
    stored = file.file
    file.delete()
    transaction.on_commit(lambda: stored.storage.delete(stored.name))
    pagecache.changed("disclosures")  # the portal's pages show it on the next request
    audit_record(
        actor=actor,
        action="disclosure.file_remove",
        obj=disclosure,
        unit=disclosure.unit,
        changes={"file": [name, None]},
    )


# ---------------------------------------------------------------- citizen questions


def _limit_key(kind: str, value: str) -> str:
    return f"disclosure-question:{kind}:{hashlib.sha256(value.encode()).hexdigest()[:32]}"


def _check_limit(key: str, limit: tuple[int, int]) -> None:
    """Refuse when `key` reached its limit in the window (a shared-cache window, `danvan.core.ratelimit`);
    the message says how long to wait."""
    maximum, window = limit
    if ratelimit.exceeded(key, maximum):
        wait = ratelimit.retry_after_minutes(key, window)
        raise DomainError(
            f"Bạn đã gửi quá nhiều câu hỏi trong thời gian ngắn. Vui lòng thử lại sau {wait} phút.",
            code="rate_limited",
        )


def _count(key: str, limit: tuple[int, int]) -> None:
    ratelimit.hit(key, limit[1])


def clean_contact(*, phone: str = "", email: str = "", required: bool = True) -> tuple[str, str]:
    """(phone, email) normalised; one of the two is required (unless not `required`). DomainError with the
    field otherwise."""
    phone_raw = (phone or "").strip()
    email = (email or "").strip().lower()
    phone = normalize_phone(phone_raw) if phone_raw else ""
    if phone_raw and not phone:
        raise DomainError("Số điện thoại không hợp lệ (ví dụ 0912 345 678).", field="phone")
    if email:
        try:
            validate_email(email)
        except ValidationError:
            raise DomainError("Địa chỉ thư điện tử không hợp lệ.", field="email")
    if required and not phone and not email:
        raise DomainError(
            "Vui lòng nhập số điện thoại hoặc thư điện tử để cán bộ gửi câu trả lời cho bạn.", field="phone"
        )
    return phone, email


@transaction.atomic
def question_ask(
    *,
    disclosure: Disclosure,
    question: str,
    name: str = "",
    phone: str = "",
    email: str = "",
    ip: str = "",
    asker=None,
) -> DisclosureQuestion:
    """A citizen's question on a published disclosure (public; no account needed).

    A second submit of the same text from the same contact within a minute returns the first question.
    At most QUESTION_LIMIT_PER_CONTACT questions per contact and QUESTION_LIMIT_PER_IP per address per hour.
    Asked from a citizen's account (`asker`), it shows in their area with its answer, and the answer's
    notice reaches them in the app too — so a phone or an e-mail is then optional.
    """
    asker = asker if getattr(asker, "is_authenticated", False) and asker.kind == "citizen" else None
    if disclosure.status != Status.PUBLISHED:
        raise DomainError("Nội dung này không còn công khai, không gửi được câu hỏi.", code="not_published")
    text = _clean_text(question, field="question", label="câu hỏi", max_length=QUESTION_MAX, lines=True)
    name = _clean_text(name, field="name", label="họ tên", max_length=128, required=False)
    phone, email = clean_contact(phone=phone, email=email, required=asker is None)
    recent = (
        DisclosureQuestion.objects.filter(
            disclosure=disclosure,
            phone=phone,
            email=email,
            question=text,
            created_at__gte=timezone.now() - DOUBLE_SUBMIT_WINDOW,
        )
        .order_by("pk")
        .first()
    )
    if recent is not None:
        return recent
    keys = [(_limit_key("contact", phone or email or f"account:{asker.pk}"), QUESTION_LIMIT_PER_CONTACT)]
    if ip:
        keys.append((_limit_key("ip", ip), QUESTION_LIMIT_PER_IP))
    for key, limit in keys:
        _check_limit(key, limit)
    q = DisclosureQuestion.objects.create(
        disclosure=disclosure, name=name, phone=phone, email=email, question=text, asker=asker
    )
    for key, limit in keys:
        _count(key, limit)
    audit_record(
        actor=None,
        action="disclosure.question_ask",
        obj=disclosure,
        unit=disclosure.unit,
        changes={"question": [None, q.pk]},
    )
    return q


def _notify_asker(q: DisclosureQuestion) -> None:
    url = f"{settings.DANVAN_SITE_URL}{q.disclosure.get_absolute_url()}"
    text = f"Câu hỏi của bạn về “{q.disclosure.title[:80]}” đã được trả lời: {url}"
    if q.asker_id:
        from danvan.notifications.services import notify

        notify(
            user=q.asker,
            title=f"Câu hỏi của bạn về “{q.disclosure.title[:80]}” đã được trả lời",
            body=q.answer[:500],
            url=reverse("disclosures:my_questions"),
            channels=("inapp",),
        )
    if q.phone:
        from danvan.notifications.services import send_sms

        send_sms(phone=q.phone, text=text)  # one segment, without diacritics (the title shortened)
    elif q.email:
        from danvan.notifications.mail import send_email

        send_email(to=q.email, subject="Trả lời câu hỏi về nội dung công khai", body=f"{text}\n\n{q.answer}")


def _lock_question(question: DisclosureQuestion) -> DisclosureQuestion:
    return (
        DisclosureQuestion.objects.select_for_update().select_related("disclosure__unit").get(pk=question.pk)
    )


@transaction.atomic
def question_answer(*, actor, question: DisclosureQuestion, answer: str) -> DisclosureQuestion:
    """Publish the answer under the disclosure and tell the asker (SMS or e-mail) after commit."""
    _require(actor, "disclosures.answer", question.disclosure.unit)
    q = _lock_question(question)
    if q.status != QuestionStatus.PENDING:
        raise DomainError("Câu hỏi này đã được xử lý.", code="not_pending")
    q.answer = _clean_text(
        answer, field="answer", label="nội dung trả lời", max_length=ANSWER_MAX, lines=True
    )
    q.status = QuestionStatus.PUBLISHED
    q.answered_by = actor
    q.answered_at = timezone.now()
    q.save()
    pagecache.changed("disclosures")  # the portal's pages show it on the next request
    audit_record(
        actor=actor,
        action="disclosure.question_answer",
        obj=q.disclosure,
        unit=q.disclosure.unit,
        changes={"question": [q.pk, q.pk], "answer": [None, q.answer]},
    )
    transaction.on_commit(lambda: _notify_asker(q))
    return q


@transaction.atomic
def question_reject(*, actor, question: DisclosureQuestion, reason: str) -> DisclosureQuestion:
    """Do not publish a question (spam, offensive, off-topic), with the reason."""
    _require(actor, "disclosures.answer", question.disclosure.unit)
    q = _lock_question(question)
    if q.status != QuestionStatus.PENDING:
        raise DomainError("Câu hỏi này đã được xử lý.", code="not_pending")
    q.reject_reason = _clean_text(reason, field="reason", label="lý do", max_length=1000, lines=True)
    q.status = QuestionStatus.REJECTED
    q.answered_by = actor
    q.answered_at = timezone.now()
    q.save()
    audit_record(
        actor=actor,
        action="disclosure.question_reject",
        obj=q.disclosure,
        unit=q.disclosure.unit,
        changes={"question": [q.pk, q.pk], "reject_reason": [None, q.reject_reason]},
    )
    return q
