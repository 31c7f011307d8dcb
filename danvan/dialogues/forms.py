"""Forms of citizen reception (they parse; the services decide)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from danvan.cases.models import Kind
from danvan.core.forms import DateInput

from .models import CommitmentStatus, HostRole, RefusalGround, VisitOutcome

DATE = DateInput()
TIME = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
WEEKDAY_CHOICES = [
    (0, _("Thứ Hai")),
    (1, _("Thứ Ba")),
    (2, _("Thứ Tư")),
    (3, _("Thứ Năm")),
    (4, _("Thứ Sáu")),
]


def _month_days(text: str) -> list[int]:
    out = []
    for part in (text or "").replace(";", ",").split(","):
        part = part.strip()
        if part:
            if not part.isdigit():
                raise forms.ValidationError(_("Ghi các ngày trong tháng bằng số, cách nhau bởi dấu phẩy."))
            out.append(int(part))
    return out


class ScheduleForm(forms.Form):
    host_role = forms.ChoiceField(label=_("Chức danh người tiếp"), choices=HostRole.choices)
    host_name = forms.CharField(label=_("Họ tên người tiếp"), max_length=160)
    deputy_name = forms.CharField(label=_("Người tiếp thay khi vắng"), max_length=160, required=False)
    place = forms.CharField(label=_("Địa điểm tiếp"), max_length=255)
    weekdays = forms.TypedMultipleChoiceField(
        label=_("Tiếp vào các thứ trong tuần"),
        choices=WEEKDAY_CHOICES,
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    month_days = forms.CharField(
        label=_("Hoặc vào các ngày trong tháng"),
        required=False,
        max_length=100,
        help_text=_("Ví dụ: 10, 25. Ngày rơi vào ngày nghỉ được dời sang ngày làm việc kế tiếp trong tháng."),
    )
    start_time = forms.TimeField(label=_("Từ giờ"), widget=TIME, initial="07:30")
    end_time = forms.TimeField(label=_("Đến giờ"), widget=TIME, initial="11:30")
    valid_from = forms.DateField(label=_("Áp dụng từ ngày"), widget=DATE)
    valid_to = forms.DateField(label=_("Áp dụng đến ngày"), widget=DATE, required=False)
    publish_until = forms.DateField(
        label=_("Công bố các ngày tiếp đến ngày"),
        widget=DATE,
        required=False,
        help_text=_("Các ngày tiếp từ hôm nay đến ngày này được công bố ngay trên cổng thông tin."),
    )

    def clean_month_days(self):
        return _month_days(self.cleaned_data.get("month_days"))


class SessionForm(forms.Form):
    host_role = forms.ChoiceField(label=_("Chức danh người tiếp"), choices=HostRole.choices)
    host_name = forms.CharField(label=_("Họ tên người tiếp"), max_length=160)
    place = forms.CharField(label=_("Địa điểm tiếp"), max_length=255)
    day = forms.DateField(label=_("Ngày tiếp"), widget=DATE)
    start_time = forms.TimeField(label=_("Từ giờ"), widget=TIME, initial="07:30")
    end_time = forms.TimeField(label=_("Đến giờ"), widget=TIME, initial="11:30")


class CancelForm(forms.Form):
    reason = forms.CharField(label=_("Lý do huỷ"), widget=forms.Textarea(attrs={"rows": 3}), max_length=4000)
    replacement_day = forms.DateField(
        label=_("Ngày tiếp thay thế"),
        widget=DATE,
        required=False,
        help_text=_("Để trống nếu không bố trí ngày khác."),
    )


class VisitForm(forms.Form):
    """The one-screen reception-log entry: who came, what about, and what was done."""

    visited_on = forms.DateField(label=_("Ngày tiếp"), widget=DATE)
    receiver_name = forms.CharField(label=_("Người tiếp"), max_length=160)
    is_group = forms.BooleanField(label=_("Đoàn đông người"), required=False)
    people = forms.IntegerField(label=_("Số người"), min_value=1, max_value=10000, initial=1)
    citizen_name = forms.CharField(label=_("Họ tên công dân"), max_length=128, required=False)
    citizen_address = forms.CharField(label=_("Địa chỉ"), max_length=255, required=False)
    phone = forms.CharField(label=_("Số điện thoại"), max_length=16, required=False)
    representatives = forms.CharField(
        label=_("Người đại diện của đoàn"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    subject = forms.CharField(
        label=_("Nội dung công dân trình bày"), widget=forms.Textarea(attrs={"rows": 4})
    )
    outcome = forms.ChoiceField(
        label=_("Kết quả tiếp"), choices=VisitOutcome.choices, widget=forms.RadioSelect
    )
    case_kind = forms.ChoiceField(
        label=_("Loại đơn (khi mở hồ sơ mới)"), choices=[("", "—"), *Kind.choices], required=False
    )
    case_title = forms.CharField(label=_("Tiêu đề hồ sơ"), max_length=300, required=False)
    decision_ref = forms.CharField(
        label=_("Quyết định, hành vi bị khiếu nại"), max_length=255, required=False
    )
    act_known_on = forms.DateField(label=_("Ngày biết được quyết định, hành vi"), widget=DATE, required=False)
    case_code = forms.CharField(label=_("Mã hồ sơ đã có"), max_length=16, required=False)
    guidance = forms.CharField(
        label=_("Nội dung hướng dẫn, giải thích"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    refusal_ground = forms.ChoiceField(
        label=_("Lý do từ chối"), choices=[("", "—"), *RefusalGround.choices], required=False
    )


# ---------------------------------------------------------------- dialogue conferences and commitments

TEXTAREA = {"rows": 3}


class DialogueForm(forms.Form):
    topic = forms.CharField(label=_("Chủ đề đối thoại"), max_length=255)
    host_name = forms.CharField(label=_("Người chủ trì"), max_length=160)
    host_role = forms.CharField(label=_("Chức vụ người chủ trì"), max_length=160)
    co_organisers = forms.CharField(
        label=_("Đơn vị phối hợp (Mặt trận Tổ quốc, các đoàn thể)"),
        required=False,
        widget=forms.Textarea(attrs=TEXTAREA),
    )
    invitees = forms.CharField(
        label=_("Thành phần mời"), required=False, widget=forms.Textarea(attrs=TEXTAREA)
    )
    day = forms.DateField(label=_("Ngày đối thoại"), widget=DATE)
    start_time = forms.TimeField(label=_("Giờ bắt đầu"), widget=TIME)
    place = forms.CharField(label=_("Địa điểm"), max_length=255)


class AgendaCaseForm(forms.Form):
    case = forms.TypedChoiceField(label=_("Hồ sơ"), coerce=int, choices=())

    def __init__(self, *args, cases=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["case"].choices = [(c.pk, f"{c.code} — {c.title}") for c in cases]


class AgendaTopicForm(forms.Form):
    topic = forms.CharField(label=_("Nội dung khác"), max_length=255)


class AnswerForm(forms.Form):
    citizens_said = forms.CharField(label=_("Ý kiến của công dân"), widget=forms.Textarea(attrs=TEXTAREA))
    answer = forms.CharField(label=_("Nội dung trả lời, giải thích"), widget=forms.Textarea(attrs=TEXTAREA))
    outcome = forms.CharField(label=_("Kết quả"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class HoldForm(forms.Form):
    held_on = forms.DateField(label=_("Ngày tổ chức"), widget=DATE)
    attendance = forms.CharField(
        label=_("Thành phần tham dự"), required=False, widget=forms.Textarea(attrs=TEXTAREA)
    )
    summary = forms.CharField(label=_("Kết quả đối thoại"), widget=forms.Textarea(attrs={"rows": 5}))


class CommitmentForm(forms.Form):
    content = forms.CharField(label=_("Nội dung cam kết"), widget=forms.Textarea(attrs=TEXTAREA))
    owner_unit = forms.CharField(label=_("Đơn vị thực hiện"), max_length=255)
    owner_person = forms.CharField(label=_("Người chịu trách nhiệm"), max_length=160, required=False)
    due = forms.DateField(label=_("Hạn hoàn thành"), widget=DATE)


class CommitmentUpdateForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Trạng thái"),
        choices=[c for c in CommitmentStatus.choices if c[0] != CommitmentStatus.OPEN],
        widget=forms.RadioSelect,
    )
    note = forms.CharField(
        label=_("Tiến độ thực hiện"), required=False, widget=forms.Textarea(attrs=TEXTAREA)
    )
    evidence = forms.CharField(
        label=_("Kết quả, minh chứng (khi hoàn thành)"), required=False, widget=forms.Textarea(attrs=TEXTAREA)
    )
    reason = forms.CharField(
        label=_("Lý do không thực hiện"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class DialogueCancelForm(forms.Form):
    reason = forms.CharField(label=_("Lý do huỷ"), widget=forms.Textarea(attrs={"rows": 3}), max_length=4000)


class DialogueAddForm(DialogueForm):
    """Planning a dialogue; a past day only with `record_held` (writing down one already held)."""

    record_held = forms.BooleanField(
        label=_("Ghi lại hội nghị đã tổ chức (ngày đối thoại đã qua)"),
        required=False,
    )


class VisitCommitmentForm(forms.Form):
    """A commitment made at a reception visit; the service says what is missing (owner, deadline)."""

    content = forms.CharField(
        label=_("Nội dung cam kết"), required=False, widget=forms.Textarea(attrs=TEXTAREA)
    )
    owner_unit = forms.CharField(label=_("Đơn vị thực hiện"), required=False, max_length=255)
    owner_person = forms.CharField(label=_("Người chịu trách nhiệm"), max_length=160, required=False)
    due = forms.DateField(
        label=_("Hạn hoàn thành"),
        widget=DATE,
        required=False,
        error_messages={"invalid": _("Hạn hoàn thành không đúng dạng ngày.")},
    )


class CommitmentProgressForm(CommitmentUpdateForm):
    """The progress update, with an optional evidence file when the commitment is done."""

    evidence_file = forms.FileField(
        label=_("Tệp minh chứng (ảnh, PDF, Word; khi hoàn thành)"),
        required=False,
        help_text=_("Ảnh JPG, PNG, WEBP, tệp PDF hoặc DOCX."),
    )
