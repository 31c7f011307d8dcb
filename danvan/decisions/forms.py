from django import forms
from django.utils.translation import gettext_lazy as _

from danvan.units.models import COMMUNITY_KINDS, Unit

from .matters import MATTER_CHOICES
from .models import Choice, Proposer


class DecisionForm(forms.Form):
    unit = forms.ModelChoiceField(label="Thôn, tổ dân phố", queryset=Unit.objects.none())
    matter = forms.ChoiceField(label="Nội dung (Điều 15 Luật 10/2022/QH15)", choices=MATTER_CHOICES)
    title = forms.CharField(label="Tiêu đề", max_length=255)
    content = forms.CharField(label="Nội dung đưa ra bàn", widget=forms.Textarea(attrs={"rows": 4}))
    proposer = forms.ChoiceField(
        label="Người đề xuất (Điều 16)",
        choices=[c for c in Proposer.choices if c[0] != Proposer.COMMUNE_CHAIR],
    )
    voting_on = forms.DateField(label="Ngày biểu quyết", widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args, root=None, **kwargs):
        super().__init__(*args, **kwargs)
        if root is not None:
            self.fields["unit"].queryset = Unit.objects.filter(
                parent=root, kind__in=COMMUNITY_KINDS
            ).order_by("path")


class NoticeForm(forms.Form):
    notice_on = forms.DateField(
        label="Ngày thông báo (Mẫu số 01)", widget=forms.DateInput(attrs={"type": "date"})
    )


class PollForm(forms.Form):
    yes = forms.IntegerField(label="Số hộ đồng ý biểu quyết trực tuyến", min_value=0)


class TallyForm(forms.Form):
    channel = forms.ChoiceField(
        label="Hình thức",
        choices=[("meeting", "Họp cộng đồng dân cư"), ("ballot", "Phát phiếu lấy ý kiến hộ gia đình")],
    )
    cluster = forms.CharField(label="Cụm dân cư (nếu họp theo cụm)", required=False, max_length=128)
    households = forms.CharField(
        label="Mã hộ có mặt (họp) hoặc mã phiếu nộp về (phát phiếu), cách nhau bởi dấu phẩy hoặc xuống dòng",
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    yes = forms.IntegerField(label="Tán thành", min_value=0)
    no = forms.IntegerField(label="Không tán thành", min_value=0)
    other = forms.IntegerField(label="Ý kiến khác, không biểu quyết", min_value=0, initial=0)


class VoteForm(forms.Form):
    choice = forms.ChoiceField(label="Ý kiến của hộ", choices=Choice.choices, widget=forms.RadioSelect)


class CommuneDecisionForm(forms.Form):
    """A commune-wide decision (proposed by the commune chair with the commune Front chair, Art. 16)."""

    matter = forms.ChoiceField(label=_("Nội dung (Điều 15 Luật 10/2022/QH15)"), choices=MATTER_CHOICES)
    title = forms.CharField(label=_("Tiêu đề"), max_length=255)
    content = forms.CharField(label=_("Nội dung đưa ra bàn"), widget=forms.Textarea(attrs={"rows": 4}))
    voting_on = forms.DateField(
        label=_("Ngày biểu quyết"),
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"invalid": _("Nhập ngày theo dạng ngày/tháng/năm.")},
    )


class InitiativeForm(forms.Form):
    matter = forms.ChoiceField(label=_("Nội dung sáng kiến thuộc việc (Điều 15)"), choices=MATTER_CHOICES)
    title = forms.CharField(
        label=_("Tiêu đề"), max_length=255, error_messages={"required": _("Nhập tiêu đề sáng kiến.")}
    )
    content = forms.CharField(
        label=_("Nội dung sáng kiến"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={"required": _("Nhập nội dung sáng kiến.")},
    )


class ConsentsForm(forms.Form):
    households = forms.CharField(
        label=_("Mã hộ đồng thuận (cách nhau bởi dấu phẩy hoặc xuống dòng)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Nhập mã hộ đồng thuận.")},
    )
    given_on = forms.DateField(
        label=_("Ngày đồng thuận (họp hoặc văn bản)"),
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"required": _("Nhập ngày đồng thuận."), "invalid": _("Ngày không hợp lệ.")},
    )


class ApproveForm(forms.Form):
    reason = forms.CharField(
        label=_("Lý do Ban công tác Mặt trận đồng ý đưa ra cộng đồng dân cư"),
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Nhập lý do.")},
    )


class DraftForm(forms.Form):
    voting_on = forms.DateField(
        label=_("Ngày biểu quyết dự kiến"),
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"required": _("Nhập ngày biểu quyết."), "invalid": _("Ngày không hợp lệ.")},
    )
