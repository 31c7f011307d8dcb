"""Forms of the disclosures screens (parsing only; the legal rules live in services)."""

from django import forms
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _

from danvan.core.forms import DateInput
from danvan.core.widgets import RichTextarea
from danvan.people.forms import UnitChoiceField

from .models import Form, Status
from .selectors import CURRENT, EXPIRED, SCHEDULED
from .services import MAX_LOUDSPEAKER_DAYS

DATE = DateInput()

FORM_CHOICES = [
    (Form.POSTING.value, _("Niêm yết tại trụ sở, nhà văn hoá")),
    (Form.WEBSITE.value, _("Cổng/Trang thông tin điện tử")),
    (Form.LOUDSPEAKER.value, _("Hệ thống truyền thanh")),
    (Form.HAMLET_HEAD.value, _("Thông qua trưởng thôn, tổ trưởng tổ dân phố")),
    (Form.LETTER.value, _("Gửi văn bản")),
    (Form.MEETING.value, _("Hội nghị")),
    (Form.RECEPTION.value, _("Tiếp công dân, tiếp xúc cử tri, báo chí")),
    (Form.ORGANISATIONS.value, _("Thông báo cho tổ chức chính trị - xã hội")),
    (Form.SOCIAL.value, _("Mạng xã hội, tin nhắn")),
    (Form.OTHER.value, _("Hình thức khác")),
]
STATE_CHOICES = [
    ("", _("Tất cả")),
    ("con-hieu-luc", _("Còn hiệu lực")),
    ("sap-niem-yet", _("Sắp niêm yết")),
    ("het-han", _("Hết hạn niêm yết")),
]
STATE_VALUES = {"con-hieu-luc": CURRENT, "sap-niem-yet": SCHEDULED, "het-han": EXPIRED}
STATUS_CHOICES = [
    ("", _("Tất cả")),
    (Status.DRAFT.value, _("Bản nháp")),
    (Status.PUBLISHED.value, _("Đã công khai")),
    (Status.WITHDRAWN.value, _("Đã thu hồi")),
]


def category_choices(categories, empty=None):
    choices = [(str(c.number), f"{c.number}. {c.short_name}") for c in categories]
    return [("", empty), *choices] if empty is not None else choices


class FilterForm(forms.Form):
    q = forms.CharField(
        label=_("Tìm kiếm"),
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={"type": "search", "placeholder": _("Từ khoá, không cần dấu…")}),
    )

    def __init__(self, *args, categories=(), officer=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["muc"] = forms.TypedChoiceField(
            label=_("Nội dung"),
            required=False,
            coerce=int,
            empty_value=None,
            choices=category_choices(categories, _("Tất cả")),
        )
        self.fields["tinh-trang"] = forms.ChoiceField(
            label=_("Tình trạng niêm yết"), required=False, choices=STATE_CHOICES
        )
        if officer:
            self.fields["trang-thai"] = forms.ChoiceField(
                label=_("Trạng thái"), required=False, choices=STATUS_CHOICES
            )

    @property
    def state_field(self):
        return self["tinh-trang"]

    @property
    def status_field(self):
        return self["trang-thai"]

    def values(self) -> dict:
        data = self.cleaned_data if self.is_valid() else {}
        return {
            "q": data.get("q", ""),
            "category": data.get("muc"),
            "state": STATE_VALUES.get(data.get("tinh-trang") or "", ""),
            "status": data.get("trang-thai", ""),
        }


class DisclosureForm(forms.Form):
    title = forms.CharField(label=_("Tiêu đề"), max_length=300)
    body = forms.CharField(
        label=_("Nội dung"),
        required=False,
        widget=RichTextarea(attrs={"rows": 10}, upload_url=reverse_lazy("publishing:ws_body_image")),
        max_length=100_000,
        help_text=_(
            "Dùng thanh công cụ để đặt tiêu đề, danh sách, bảng và chèn ảnh; tài liệu gốc đính kèm ở trang nội "
            "dung. Nếu trình duyệt tắt JavaScript: gõ văn bản thường, các đoạn cách nhau một dòng trống."
        ),
    )
    decision_date = forms.DateField(
        label=_("Ngày của quyết định, văn bản"),
        widget=DATE,
        help_text=_("Ngày bắt đầu tính thời hạn công khai."),
    )
    posting_start = forms.DateField(label=_("Niêm yết từ ngày"), widget=DATE)
    posting_end = forms.DateField(
        label=_("Niêm yết đến ngày"),
        widget=DATE,
        required=False,
        help_text=_("Để trống với nội dung niêm yết thường xuyên (nội dung 4 và 13)."),
    )
    loudspeaker_days = forms.IntegerField(
        label=_("Số ngày thông báo trên hệ thống truyền thanh"),
        required=False,
        min_value=0,
        max_value=MAX_LOUDSPEAKER_DAYS,
    )

    forms = forms.MultipleChoiceField(
        label=_("Hình thức công khai"), choices=FORM_CHOICES, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, units=(), categories=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.categories = {str(c.pk): c for c in categories}
        self.fields["unit"] = UnitChoiceField(
            list(units), label=_("Đơn vị công khai"), empty_label=None if len(units) == 1 else _("— Chọn —")
        )
        self.fields["category"] = forms.ChoiceField(
            label=_("Nội dung phải công khai (Điều 11)"),
            choices=[("", _("— Chọn —")), *((str(c.pk), str(c)) for c in categories)],
        )
        self.order_fields(["unit", "category", "title", "body", "decision_date", "forms"])

    def clean_category(self):
        return self.categories.get(self.cleaned_data["category"])


class QuestionForm(forms.Form):
    name = forms.CharField(label=_("Họ và tên (không bắt buộc)"), required=False, max_length=128)
    phone = forms.CharField(
        label=_("Số điện thoại"),
        required=False,
        max_length=20,
        widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "tel"}),
    )
    email = forms.CharField(
        label=_("Hoặc thư điện tử"),
        required=False,
        max_length=254,
        help_text=_(
            "Cần số điện thoại hoặc thư điện tử để nhận câu trả lời; thông tin này không được công khai."
        ),
        widget=forms.TextInput(attrs={"inputmode": "email", "autocomplete": "email"}),
    )
    question = forms.CharField(label=_("Câu hỏi"), max_length=2000, widget=forms.Textarea(attrs={"rows": 4}))


class AnswerForm(forms.Form):
    answer = forms.CharField(label=_("Trả lời"), max_length=5000, widget=forms.Textarea(attrs={"rows": 4}))


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Lý do"), max_length=1000, widget=forms.Textarea(attrs={"rows": 3}))


class FileForm(forms.Form):
    file = forms.FileField(label=_("Tệp đính kèm (PDF, DOCX, XLSX, ảnh)"))
