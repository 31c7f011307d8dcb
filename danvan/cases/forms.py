"""Forms of the cases screens (parsing and the per-kind required fields; the legal rules live in services)."""

import uuid

from django import forms
from django.utils.translation import gettext_lazy as _

from danvan.core.forms import DateInput
from danvan.core.widgets import fast_selects
from danvan.people.forms import UnitChoiceField
from danvan.units.picker import place_fields

from .models import Channel, Complexity, Kind, Outcome, Status

DATE = DateInput()

KIND_CHOICES = Kind.choices
KIND_HELP = {
    Kind.FEEDBACK.value: _(
        "Báo cho chính quyền biết một sự việc, vấn đề ở địa phương (đường hư, ngập nước, ô nhiễm, tiếng ồn…). "
        "Có thể gửi nặc danh."
    ),
    Kind.PETITION.value: _(
        "Đề xuất, góp ý để chính quyền sửa đổi, cải thiện chính sách, thủ tục, công trình. Có thể gửi nặc danh."
    ),
    Kind.COMPLAINT.value: _(
        "Đề nghị xem xét lại một quyết định hành chính hoặc hành vi của cán bộ, cơ quan nhà nước làm ảnh hưởng "
        "đến quyền lợi của chính bạn. Phải ghi họ tên, địa chỉ và gửi trong 90 ngày kể từ khi biết quyết định, "
        "hành vi đó."
    ),
    Kind.DENUNCIATION.value: _(
        "Báo cho cơ quan có thẩm quyền biết hành vi vi phạm pháp luật của cán bộ, cơ quan, tổ chức, cá nhân. "
        "Phải ghi họ tên, địa chỉ và cách liên hệ; danh tính của bạn được giữ bí mật."
    ),
}
STATUS_CHOICES = [("", _("Tất cả")), ("open", _("Đang mở")), *Status.choices]
OUTCOME_CHOICES = [("", _("— Chọn —")), *Outcome.choices]


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        if isinstance(data, list | tuple):
            return [super(MultipleFileField, self).clean(d, initial) for d in data if d]
        return [super().clean(data, initial)] if data else []


class HeldFilesField(MultipleFileField):
    """The public form's file input: its files are checked and held by `services.attachments_hold`, which
    says which ones were refused, kept or must be chosen again; the field itself refuses nothing."""

    def clean(self, data, initial=None):
        return []


class CaseForm(forms.Form):
    """The fields of a case that the public form and an officer's entry share (the place is chosen
    differently: `SubmitForm`, `OfficerEntryForm`)."""

    kind = forms.ChoiceField(label=_("Loại đơn"), choices=KIND_CHOICES, widget=forms.RadioSelect)
    title = forms.CharField(label=_("Tiêu đề ngắn gọn"), max_length=300)
    content = forms.CharField(
        label=_("Nội dung"),
        max_length=20_000,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("Sự việc gì, xảy ra khi nào, ở đâu, ai liên quan, bạn đề nghị điều gì."),
    )
    place_address = forms.CharField(
        label=_("Địa điểm cụ thể (số nhà, tuyến đường, cánh đồng…)"), required=False, max_length=255
    )
    name = forms.CharField(label=_("Họ và tên"), required=False, max_length=128)
    address = forms.CharField(label=_("Địa chỉ của bạn"), required=False, max_length=255)
    phone = forms.CharField(
        label=_("Số điện thoại"),
        required=False,
        max_length=20,
        widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "tel"}),
        help_text=_("Dùng để tra cứu hồ sơ và nhận thông báo kết quả."),
    )
    email = forms.CharField(
        label=_("Thư điện tử"),
        required=False,
        max_length=254,
        widget=forms.TextInput(attrs={"inputmode": "email", "autocomplete": "email"}),
    )
    decision_ref = forms.CharField(
        label=_("Quyết định hoặc hành vi bị khiếu nại"),
        required=False,
        max_length=255,
        help_text=_("Ví dụ: Quyết định số 125/QĐ-UBND ngày 02/03/2026 về thu hồi đất."),
    )
    act_known_on = forms.DateField(
        label=_("Ngày bạn nhận được hoặc biết được quyết định, hành vi đó"), required=False, widget=DATE
    )
    attachments = MultipleFileField(
        label=_("Tệp đính kèm (tối đa 3 tệp PDF, DOCX, XLSX hoặc ảnh)"), required=False
    )
    consent_publish = forms.BooleanField(
        label=_(
            "Tôi đồng ý để câu trả lời được đăng công khai trên cổng thông tin (không kèm thông tin cá nhân)."
        ),
        required=False,
    )
    token = forms.CharField(widget=forms.HiddenInput, required=False, max_length=64)

    ORDER = [
        "kind",
        "title",
        "content",
        "field",
        "commune",
        "hamlet",
        "place_address",
        "name",
        "address",
        "phone",
        "email",
        "decision_ref",
        "act_known_on",
        "attachments",
        "consent_publish",
        "token",
    ]

    def __init__(self, *args, fields=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.case_fields = {str(f.pk): f for f in fields}
        self.fields["field"] = forms.ChoiceField(
            label=_("Lĩnh vực"),
            required=False,
            choices=[("", _("— Chọn —")), *((str(f.pk), f.name) for f in fields)],
        )
        if not self.is_bound:
            self.initial.setdefault("token", uuid.uuid4().hex)

    def clean_field(self):
        return self.case_fields.get(self.cleaned_data.get("field") or "")

    def clean_attachments(self):
        files = self.cleaned_data.get("attachments") or []
        if len(files) > 3:
            raise forms.ValidationError(_("Chỉ được đính kèm tối đa 3 tệp."))
        return files

    def clean(self):
        data = super().clean()
        kind = data.get("kind")
        need = []
        if kind == Kind.COMPLAINT:
            need = [
                ("name", _("Đơn khiếu nại phải ghi rõ họ tên.")),
                ("address", _("Đơn khiếu nại phải ghi rõ địa chỉ.")),
                ("decision_ref", _("Vui lòng ghi rõ quyết định hoặc hành vi bị khiếu nại.")),
                (
                    "act_known_on",
                    _("Vui lòng nhập ngày bạn biết được quyết định, hành vi (để tính thời hiệu 90 ngày)."),
                ),
            ]
        elif kind == Kind.DENUNCIATION and any(data.get(k) for k in ("name", "address", "phone", "email")):
            need = [
                ("name", _("Đơn tố cáo phải ghi rõ họ tên người tố cáo.")),
                ("address", _("Đơn tố cáo phải ghi rõ địa chỉ người tố cáo.")),
            ]
            if not (data.get("phone") or data.get("email")) and not (
                "phone" in self.errors or "email" in self.errors
            ):
                self.add_error("phone", _("Đơn tố cáo phải có số điện thoại hoặc thư điện tử để liên hệ."))
        for name, message in need:
            if not data.get(name) and name not in self.errors:
                self.add_error(name, message)
        return data


class SubmitForm(CaseForm):
    """The public form: the commune is found by name and its hamlets follow (`danvan.units.picker`), and the
    files are held across rounds (`HeldFilesField`)."""

    attachments = HeldFilesField(
        label=_("Chọn tệp đính kèm (tối đa 3 tệp PDF, DOCX, XLSX hoặc ảnh)"), required=False
    )

    def __init__(self, *args, picker, **kwargs):
        super().__init__(*args, **kwargs)
        place_fields(self, picker, hamlet_label=_("Ấp, khu phố (không bắt buộc)"))
        self.fields["commune"].label = _("Xã, phường nơi xảy ra sự việc")
        self.order_fields(self.ORDER)


class UnitSelectsMixin:
    """The place as two selects over units already loaded (an officer's own units and their hamlets)."""

    def _unit_selects(self, communes, hamlets):
        self.communes = {str(u.pk): u for u in communes}
        self.hamlets = {str(u.pk): u for u in hamlets}
        self.fields["commune"] = forms.ChoiceField(
            label=_("Xã, phường nơi xảy ra sự việc"),
            choices=[("", _("— Chọn —")), *((str(u.pk), u.name) for u in communes)],
        )
        groups: dict[str, list] = {}
        names = {str(u.pk): u.name for u in communes}
        for h in hamlets:
            groups.setdefault(names.get(str(h.parent_id), ""), []).append((str(h.pk), h.name))
        self.fields["hamlet"] = forms.ChoiceField(
            label=_("Ấp, khu phố (không bắt buộc)"),
            required=False,
            choices=[("", _("— Không chọn —")), *groups.items()],
        )

    def clean_commune(self):
        return self.communes.get(self.cleaned_data["commune"])

    def clean_hamlet(self):
        return self.hamlets.get(self.cleaned_data.get("hamlet") or "")


class TrackForm(forms.Form):
    code = forms.CharField(
        label=_("Mã hồ sơ"), max_length=16, widget=forms.TextInput(attrs={"autocomplete": "off"})
    )
    contact = forms.CharField(
        label=_("Số điện thoại hoặc thư điện tử đã dùng khi gửi đơn"),
        required=False,
        max_length=254,
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
        help_text=_(
            "Nhập số điện thoại; nếu khi gửi đơn bạn chỉ ghi thư điện tử thì nhập thư điện tử. "
            "Không cần nhập nếu bạn đã gửi phản ánh nặc danh."
        ),
    )


class RateForm(forms.Form):
    rating = forms.TypedChoiceField(
        label=_("Mức hài lòng"),
        coerce=int,
        choices=[
            (5, _("5 – Rất hài lòng")),
            (4, _("4 – Hài lòng")),
            (3, _("3 – Bình thường")),
            (2, _("2 – Chưa hài lòng")),
            (1, _("1 – Không hài lòng")),
        ],
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(
        label=_("Nhận xét"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )


class InboxFilterForm(forms.Form):
    q = forms.CharField(
        label=_("Tìm kiếm"),
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={"type": "search", "placeholder": _("Mã, từ khoá, không cần dấu…")}),
    )
    kind = forms.ChoiceField(label=_("Loại đơn"), required=False, choices=[("", _("Tất cả")), *KIND_CHOICES])
    status = forms.ChoiceField(label=_("Trạng thái"), required=False, choices=STATUS_CHOICES)
    han = forms.ChoiceField(
        label=_("Thời hạn"),
        required=False,
        choices=[
            ("", _("Tất cả")),
            ("qua-han", _("Quá hạn")),
            ("3", _("Đến hạn trong 3 ngày")),
            ("7", _("Đến hạn trong 7 ngày")),
        ],
    )

    mine = forms.BooleanField(label=_("Chỉ hồ sơ giao cho tôi"), required=False)

    def __init__(self, *args, fields=(), units=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.case_fields = {str(f.pk): f for f in fields}
        self.fields["field"] = forms.ChoiceField(
            label=_("Lĩnh vực"),
            required=False,
            choices=[("", _("Tất cả")), *((str(f.pk), f.name) for f in fields)],
        )
        self.fields["unit"] = UnitChoiceField(
            list(units), label=_("Đơn vị"), required=False, empty_label=_("Tất cả")
        )
        fast_selects(self)

    def values(self) -> dict:
        data = self.cleaned_data if self.is_valid() else {}
        han = data.get("han") or ""
        return {
            "q": data.get("q", ""),
            "kind": data.get("kind", ""),
            "status": data.get("status", ""),
            "field": self.case_fields.get(data.get("field") or ""),
            "unit": data.get("unit"),
            "overdue": han == "qua-han",
            "due_within": int(han) if han.isdigit() else None,
            "mine": bool(data.get("mine")),
        }


class NoteForm(forms.Form):
    note = forms.CharField(
        label=_("Ghi chú"), required=False, max_length=5000, widget=forms.Textarea(attrs={"rows": 3})
    )


class RequiredNoteForm(forms.Form):
    note = forms.CharField(label=_("Nội dung"), max_length=5000, widget=forms.Textarea(attrs={"rows": 3}))


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("Lý do, căn cứ pháp lý"), max_length=5000, widget=forms.Textarea(attrs={"rows": 3})
    )
    confirm = forms.BooleanField(label=_("Tôi xác nhận thao tác này."), required=False)


class AcceptForm(forms.Form):
    is_complex = forms.BooleanField(label=_("Vụ việc phức tạp"), required=False)
    note = forms.CharField(
        label=_("Ghi chú"), required=False, max_length=5000, widget=forms.Textarea(attrs={"rows": 2})
    )


class ExtendForm(forms.Form):
    complexity = forms.ChoiceField(label=_("Mức độ"), choices=Complexity.choices)
    reason = forms.CharField(
        label=_("Lý do gia hạn"), max_length=5000, widget=forms.Textarea(attrs={"rows": 2})
    )


class ResolveForm(forms.Form):
    answer = forms.CharField(
        label=_("Nội dung trả lời, quyết định giải quyết (được gửi cho người dân)"),
        max_length=20_000,
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    outcome = forms.ChoiceField(
        label=_("Kết luận (khiếu nại, tố cáo)"), required=False, choices=OUTCOME_CHOICES
    )
    publish = forms.BooleanField(
        label=_("Đăng công khai câu trả lời (chỉ khi người dân đồng ý)"), required=False
    )


class ResolutionDocumentForm(ResolveForm):
    """The answer and the document that carries it (number, date, signer, file), the fields the law's forms
    ask for; the file is checked by content in the service."""

    document_number = forms.CharField(
        label=_("Số văn bản"),
        required=False,
        max_length=64,
        widget=forms.TextInput(attrs={"placeholder": _("Ví dụ: 125/QĐ-UBND")}),
    )
    document_date = forms.DateField(label=_("Ngày ký"), required=False, widget=DATE)
    document_signer = forms.CharField(
        label=_("Người ký (họ tên, chức vụ)"),
        required=False,
        max_length=160,
        widget=forms.TextInput(attrs={"placeholder": _("Ví dụ: Lê Thị Mỹ Hạnh, Chủ tịch UBND xã")}),
    )
    document_file = forms.FileField(
        label=_("Tệp văn bản (PDF, DOCX hoặc ảnh)"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.docx,.xlsx,image/jpeg,image/png,image/webp"}),
    )


class DialogueForm(forms.Form):
    held_on = forms.DateField(label=_("Ngày đối thoại"), widget=DATE)
    place = forms.CharField(label=_("Địa điểm"), required=False, max_length=255)
    participants = forms.CharField(
        label=_("Thành phần tham dự"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Người chủ trì, người khiếu nại, người bị khiếu nại, cơ quan, tổ chức có liên quan."),
    )
    note = forms.CharField(
        label=_("Nội dung, kết quả đối thoại"), max_length=5000, widget=forms.Textarea(attrs={"rows": 3})
    )
    minutes = forms.FileField(
        label=_("Biên bản đối thoại (PDF, DOCX hoặc ảnh)"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.docx,image/jpeg,image/png,image/webp"}),
    )


class MergeForm(forms.Form):
    primary = forms.CharField(label=_("Mã hồ sơ chính"), max_length=16)
    confirm = forms.BooleanField(label=_("Tôi xác nhận gộp hồ sơ này vào hồ sơ chính."), required=False)


class TransferForm(forms.Form):
    to_unit = forms.CharField(label=_("Mã đơn vị nhận"), max_length=32)
    reason = forms.CharField(
        label=_("Lý do chuyển"), required=False, max_length=5000, widget=forms.Textarea(attrs={"rows": 2})
    )


class AssignForm(forms.Form):
    def __init__(self, *args, officers=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.officers = {str(u.pk): u for u in officers}
        self.fields["handler"] = forms.ChoiceField(
            label=_("Cán bộ xử lý"),
            choices=[("", _("— Chọn —")), *((str(u.pk), u.display_name) for u in officers)],
        )

    def clean_handler(self):
        return self.officers.get(self.cleaned_data["handler"])


OFFICER_CHANNELS = [
    (Channel.RECEPTION.value, _("Tiếp công dân")),
    (Channel.LETTER.value, _("Thư, đơn")),
    (Channel.PHONE.value, _("Điện thoại")),
    (Channel.TRANSFERRED.value, _("Cơ quan khác chuyển đến")),
    (Channel.WEB.value, _("Cổng thông tin")),
]


class OfficerEntryForm(UnitSelectsMixin, CaseForm):
    """A case an officer enters from a reception session, a letter, a phone call or a transfer: the same
    fields as the public form plus the channel, the day received and the officer's own judgements."""

    channel = forms.ChoiceField(label=_("Kênh tiếp nhận"), choices=OFFICER_CHANNELS)
    received_on = forms.DateField(label=_("Ngày tiếp nhận"), widget=DATE)
    multi_site = forms.BooleanField(
        label=_("Tố cáo cần xác minh ở nhiều địa điểm"),
        required=False,
    )
    public_interest = forms.BooleanField(
        label=_("Vấn đề chung của cộng đồng (có thể công khai câu trả lời nếu người gửi đồng ý)"),
        required=False,
    )

    def __init__(self, *args, communes=(), hamlets=(), **kwargs):
        super().__init__(*args, **kwargs)
        self._unit_selects(communes, hamlets)
        self.order_fields(self.ORDER)
        self.fields["commune"].label = _("Đơn vị giải quyết (xã, phường hoặc cấp huyện)")
        self.fields["name"].label = _("Họ và tên người gửi")
        self.fields["address"].label = _("Địa chỉ người gửi")
        self.fields["phone"].help_text = _(
            "Người gửi dùng số này cùng mã hồ sơ để tra cứu và nhận thông báo."
        )
        self.fields["consent_publish"].label = _(
            "Người gửi đồng ý công khai câu trả lời (không kèm thông tin cá nhân)."
        )
        self.fields["attachments"].label = _(
            "Bản chụp đơn, tài liệu kèm theo (tối đa 3 tệp PDF, DOCX, XLSX hoặc ảnh)"
        )
        self.order_fields(
            [
                "kind",
                "channel",
                "received_on",
                *[f for f in self.fields if f not in ("kind", "channel", "received_on")],
            ]
        )


class AppealForm(forms.Form):
    content = forms.CharField(
        label=_("Nội dung khiếu nại lần hai"),
        max_length=20_000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Vì sao bạn chưa đồng ý với quyết định giải quyết lần đầu, bạn đề nghị điều gì."),
    )
    token = forms.CharField(widget=forms.HiddenInput, required=False, max_length=64)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial.setdefault("token", uuid.uuid4().hex)
