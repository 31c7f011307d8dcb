from django import forms
from django.utils.translation import gettext_lazy as _

from danvan.core.forms import DateInput
from danvan.units.models import COMMUNITY_KINDS, Unit

from .models import Article, Kind, Status

DATE = {"invalid": _("Nhập ngày theo dạng ngày/tháng/năm."), "required": _("Vui lòng nhập ngày.")}


def _date(label, required=True):
    return forms.DateField(label=label, required=required, widget=DateInput(), error_messages=DATE)


def _text(label, rows=4, required=True, max_length=None):
    return forms.CharField(
        label=label,
        required=required,
        max_length=max_length,
        widget=forms.Textarea(attrs={"rows": rows}),
        error_messages={"required": _("Vui lòng nhập nội dung này.")},
    )


class ConventionForm(forms.Form):
    hamlet = forms.ModelChoiceField(
        label=_("Thôn, tổ dân phố"),
        queryset=Unit.objects.none(),
        error_messages={"required": _("Chọn thôn, tổ dân phố.")},
    )
    kind = forms.ChoiceField(label=_("Tên gọi do cộng đồng dân cư lựa chọn"), choices=Kind.choices)
    title = forms.CharField(
        label=_("Tên hương ước, quy ước"), max_length=255, error_messages={"required": _("Nhập tên.")}
    )
    preamble = _text(_("Lời nói đầu"), rows=3, required=False)

    def __init__(self, *args, root=None, **kwargs):
        super().__init__(*args, **kwargs)
        if root is not None:
            self.fields["hamlet"].queryset = Unit.objects.filter(
                parent=root, kind__in=COMMUNITY_KINDS
            ).order_by("path")


class ArticleForm(forms.Form):
    heading = forms.CharField(
        label=_("Tên điều"), max_length=255, error_messages={"required": _("Nhập tên điều.")}
    )
    text = _text(_("Nội dung điều"))


class PeriodForm(forms.Form):
    opens_on = _date(_("Ngày bắt đầu niêm yết, lấy ý kiến"))
    closes_on = _date(_("Ngày kết thúc lấy ý kiến"))


class CommentEntryForm(forms.Form):
    """An opinion an officer enters from a meeting, a suggestion box or the copies sent to households."""

    author_name = forms.CharField(
        label=_("Người góp ý"), max_length=128, error_messages={"required": _("Nhập tên người góp ý.")}
    )
    article = forms.ModelChoiceField(
        label=_("Góp ý cho điều"), queryset=Article.objects.none(), required=False, empty_label=_("Toàn văn")
    )
    text = _text(_("Nội dung góp ý"))

    def __init__(self, *args, version=None, **kwargs):
        super().__init__(*args, **kwargs)
        if version is not None:
            self.fields["article"].queryset = version.articles.order_by("number")


class CitizenCommentForm(forms.Form):
    article = forms.ModelChoiceField(
        label=_("Góp ý cho điều"), queryset=Article.objects.none(), required=False, empty_label=_("Toàn văn")
    )
    text = _text(_("Ý kiến của bạn"))

    def __init__(self, *args, version=None, **kwargs):
        super().__init__(*args, **kwargs)
        if version is not None:
            self.fields["article"].queryset = version.articles.order_by("number")


class ResponseForm(forms.Form):
    response = _text(_("Ý kiến trả lời của Tổ soạn thảo (tiếp thu hoặc giải trình)"), rows=2)


class VoteForm(forms.Form):
    voting_on = _date(_("Ngày họp cộng đồng dân cư biểu quyết"))


class ConfirmMixin(forms.Form):
    confirm = forms.BooleanField(
        label=_("Tôi xác nhận đã kiểm tra văn bản của Ủy ban nhân dân xã"),
        error_messages={"required": _("Hãy đánh dấu xác nhận trước khi ghi.")},
    )


class SuspendForm(ConfirmMixin):
    decided_on = _date(_("Ngày quyết định tạm ngưng"))
    number = forms.CharField(label=_("Số quyết định"), max_length=64)
    reason = _text(_("Lý do"), rows=2)
    articles = forms.CharField(
        label=_("Các điều bị tạm ngưng (để trống nếu toàn bộ)"), max_length=255, required=False
    )
    fix_by = _date(_("Thời hạn khắc phục"), required=False)
    field_order = ["decided_on", "number", "reason", "articles", "fix_by", "confirm"]


class AnnulForm(ConfirmMixin):
    decided_on = _date(_("Ngày quyết định bãi bỏ"))
    number = forms.CharField(label=_("Số quyết định"), max_length=64)
    reason = _text(_("Lý do bãi bỏ"), rows=2)
    field_order = ["decided_on", "number", "reason", "confirm"]


class LiftForm(forms.Form):
    lifted_on = _date(_("Ngày hết tạm ngưng"))


class AmendForm(forms.Form):
    reason = _text(_("Lý do sửa đổi, bổ sung"), rows=2)


class ReviewForm(forms.Form):
    year = forms.IntegerField(label=_("Năm tổng kết"), min_value=2000, max_value=2100)
    held_on = _date(_("Ngày tổ chức tổng kết"))
    findings = _text(_("Kết quả thực hiện"))
    proposals = _text(_("Kiến nghị, đề xuất sửa đổi"), rows=2, required=False)


STATUS_CHOICES = Status.choices
