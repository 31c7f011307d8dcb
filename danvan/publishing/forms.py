"""Forms of the news screens (parsing only; rules live in services)."""

from django import forms
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _

from danvan.core.widgets import RichTextarea

from .models import ArticleStatus

STATUS_CHOICES = [
    (ArticleStatus.DRAFT.value, _("Bản nháp")),
    (ArticleStatus.IN_REVIEW.value, _("Chờ duyệt")),
    (ArticleStatus.SCHEDULED.value, _("Hẹn giờ đăng")),
    (ArticleStatus.PUBLISHED.value, _("Đã đăng")),
    (ArticleStatus.ARCHIVED.value, _("Lưu trữ")),
]


class ObjectChoiceField(forms.ChoiceField):
    """A choice among objects already loaded (no second query); cleans to the object or None."""

    def __init__(self, objects=(), label_of=str, empty_label=None, **kwargs):
        self.objects = {str(o.pk): o for o in objects}
        choices = [(str(o.pk), label_of(o)) for o in objects]
        if empty_label is not None:
            choices = [("", empty_label), *choices]
        super().__init__(choices=choices, **kwargs)

    def clean(self, value):
        value = super().clean(value)
        return self.objects.get(str(value)) if value else None


class ArticleFilterForm(forms.Form):
    q = forms.CharField(
        label=_("Tìm kiếm"),
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={"type": "search", "placeholder": _("Tiêu đề, tóm tắt, từ khoá…")}),
    )
    status = forms.ChoiceField(
        label=_("Trạng thái"), required=False, choices=[("", _("Tất cả")), *STATUS_CHOICES]
    )

    def __init__(self, *args, units=(), categories=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"] = ObjectChoiceField(
            categories, label=_("Chuyên mục"), required=False, empty_label=_("Tất cả")
        )
        self.fields["unit"] = ObjectChoiceField(
            units, label=_("Đơn vị"), required=False, empty_label=_("Tất cả")
        )


class ArticleForm(forms.Form):
    title = forms.CharField(label=_("Tiêu đề"), max_length=255)
    summary = forms.CharField(
        label=_("Tóm tắt"),
        required=False,
        max_length=600,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Một, hai câu nêu ý chính; hiện ở danh sách tin và khi chia sẻ."),
    )
    body = forms.CharField(
        label=_("Nội dung"),
        required=False,
        widget=RichTextarea(upload_url=reverse_lazy("publishing:ws_body_image")),
        help_text=_(
            "Dùng thanh công cụ để đặt tiêu đề, danh sách, liên kết, bảng và chèn ảnh; dán từ Word được làm "
            "sạch định dạng. Nếu trình duyệt tắt JavaScript: gõ văn bản thường, các đoạn cách nhau một dòng trống."
        ),
    )
    tags = forms.CharField(
        label=_("Từ khoá"), required=False, max_length=255, help_text=_("Cách nhau bằng dấu phẩy.")
    )
    byline = forms.CharField(
        label=_("Tác giả"),
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs={"placeholder": _("Ví dụ: Minh Tâm – Ban Dân vận Huyện uỷ")}),
    )
    cover = forms.FileField(
        label=_("Ảnh đại diện"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}),
        help_text=_("Ảnh JPG, PNG hoặc WEBP; hệ thống tự tạo bản nhỏ cho điện thoại."),
    )
    cover_alt = forms.CharField(label=_("Mô tả ảnh (cho người khiếm thị)"), required=False, max_length=255)
    version = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, units=(), categories=(), **kwargs):
        super().__init__(*args, **kwargs)
        units = list(units)
        self.fields["unit"] = ObjectChoiceField(
            units,
            label=_("Đơn vị đăng tin"),
            empty_label=None if len(units) == 1 else _("— Chọn —"),
        )
        self.fields["category"] = ObjectChoiceField(
            categories, label=_("Chuyên mục"), required=False, empty_label=_("— Chưa chọn —")
        )
        self.order_fields(
            ["unit", "category", "title", "summary", "body", "tags", "byline", "cover", "cover_alt"]
        )


class ApproveForm(forms.Form):
    publish_at = forms.DateTimeField(
        label=_("Hẹn giờ đăng"),
        required=False,
        input_formats=["%Y-%m-%dT%H:%M", "%d/%m/%Y %H:%M"],
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        help_text=_("Để trống để đăng ngay."),
    )
    note = forms.CharField(label=_("Ý kiến duyệt"), required=False, max_length=2000)


class ReturnForm(forms.Form):
    reason = forms.CharField(
        label=_("Lý do trả lại"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Vui lòng ghi lý do trả lại để người viết biết cần sửa gì.")},
    )
