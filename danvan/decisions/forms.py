import re

from django import forms
from django.utils.translation import gettext_lazy as _

from danvan.core.forms import DateInput
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
    voting_on = forms.DateField(label="Ngày biểu quyết", widget=DateInput())

    def __init__(self, *args, root=None, **kwargs):
        super().__init__(*args, **kwargs)
        if root is not None:
            self.fields["unit"].queryset = Unit.objects.filter(
                parent=root, kind__in=COMMUNITY_KINDS
            ).order_by("path")


class NoticeForm(forms.Form):
    notice_on = forms.DateField(label="Ngày thông báo (Mẫu số 01)", widget=DateInput())


class PollForm(forms.Form):
    yes = forms.IntegerField(label="Số hộ đồng ý biểu quyết trực tuyến", min_value=0)


class CodesField(forms.CharField):
    """Household or ballot codes typed or pasted one after another — separated by commas, semicolons, spaces or
    new lines —, cleaned to a list (the tally and the consents recorded from a meeting)."""

    widget = forms.Textarea(attrs={"rows": 4})

    def clean(self, value):
        text = super().clean(value)
        return [c for c in re.split(r"[\s,;]+", text or "") if c]


class TallyForm(forms.Form):
    channel = forms.ChoiceField(
        label="Hình thức",
        choices=[("meeting", "Họp cộng đồng dân cư"), ("ballot", "Phát phiếu lấy ý kiến hộ gia đình")],
    )
    cluster = forms.CharField(label="Cụm dân cư (nếu họp theo cụm)", required=False, max_length=128)
    households = CodesField(
        label="Mã hộ có mặt (họp) hoặc mã phiếu nộp về (phát phiếu), cách nhau bởi dấu phẩy hoặc xuống dòng"
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
        widget=DateInput(),
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
    households = CodesField(
        label=_("Mã hộ đồng thuận (cách nhau bởi dấu phẩy hoặc xuống dòng)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Nhập mã hộ đồng thuận.")},
    )
    given_on = forms.DateField(
        label=_("Ngày đồng thuận (họp hoặc văn bản)"),
        widget=DateInput(),
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
        widget=DateInput(),
        error_messages={"required": _("Nhập ngày biểu quyết."), "invalid": _("Ngày không hợp lệ.")},
    )


# ------------------------------------------------------------------------------ the steps (steps.py)


def _date(label):
    return forms.DateField(label=label, widget=DateInput())


class NoticeDetailsForm(NoticeForm):
    place = forms.CharField(label=_("Địa điểm họp"), required=False, max_length=255)
    meeting_time = forms.TimeField(
        label=_("Giờ họp"), required=False, widget=forms.TimeInput(attrs={"type": "time"})
    )
    hamlet_head = forms.CharField(
        label=_("Họ tên Trưởng thôn, Tổ trưởng tổ dân phố"), required=False, max_length=128
    )
    front_head = forms.CharField(
        label=_("Họ tên Trưởng ban công tác Mặt trận"), required=False, max_length=128
    )


class DocumentsForm(forms.Form):
    delivered_on = _date(_("Ngày tài liệu đến từng hộ gia đình"))


class MinutesSentForm(forms.Form):
    sent_on = _date(_("Ngày gửi biên bản đến UBND và Ủy ban MTTQ xã"))


class RecognitionForm(forms.Form):
    outcome = forms.ChoiceField(
        label=_("Kết quả"),
        choices=[("recognised", _("Công nhận")), ("refused", _("Từ chối công nhận"))],
        widget=forms.RadioSelect,
    )
    decided_on = _date(_("Ngày ký văn bản"))
    number = forms.CharField(label=_("Số văn bản công nhận hoặc từ chối"), max_length=64)
    reason = forms.CharField(
        label=_("Lý do từ chối (bắt buộc khi từ chối)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class DiscloseForm(forms.Form):
    posting_start = _date(_("Niêm yết từ ngày"))
    forms = forms.MultipleChoiceField(
        label=_("Hình thức công khai"), choices=(), widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, **kwargs):
        from danvan.disclosures.models import Form

        super().__init__(*args, **kwargs)
        self.fields["forms"].choices = Form.choices


class ImplementForm(forms.Form):
    implemented_on = _date(_("Ngày tổ chức thực hiện"))
    note = forms.CharField(label=_("Kết quả tổ chức thực hiện"), widget=forms.Textarea(attrs={"rows": 3}))
    project = forms.ModelChoiceField(
        label=_("Công trình nhận đóng góp (nếu có)"), queryset=None, required=False
    )

    def __init__(self, *args, decision=None, user=None, **kwargs):
        from danvan.access.policy import scope
        from danvan.communities.models import Project

        super().__init__(*args, **kwargs)
        qs = Project.objects.none()
        if decision is not None and user is not None:
            # the commune's projects the officer may read (communities.view), as the projects' pages scope them
            qs = scope(
                Project.objects.filter(commune_id=decision.commune_id),
                user,
                "communities.view",
                unit_field="place",
            ).order_by("name")
        self.fields["project"].queryset = qs


class AmendmentForm(forms.Form):
    title = forms.CharField(label=_("Tiêu đề việc sửa đổi"), max_length=255)
    content = forms.CharField(label=_("Nội dung sửa đổi"), widget=forms.Textarea(attrs={"rows": 4}))
    voting_on = _date(_("Ngày biểu quyết"))
    reason = forms.CharField(label=_("Lý do sửa đổi"), widget=forms.Textarea(attrs={"rows": 3}))


class AnnulForm(forms.Form):
    annulled_on = _date(_("Ngày ký quyết định hủy bỏ"))
    number = forms.CharField(label=_("Số quyết định hủy bỏ của UBND xã"), max_length=64)
    reason = forms.CharField(
        label=_("Lý do hủy bỏ (trái pháp luật, trái đạo đức xã hội, vi phạm trình tự)"),
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    confirm = forms.BooleanField(
        label=_("Tôi xác nhận hủy bỏ quyết định này; việc hủy bỏ không hoàn tác được."),
        error_messages={"required": _("Hãy đánh dấu xác nhận trước khi hủy bỏ.")},
    )


class CountingForm(forms.Form):
    board = forms.CharField(
        label=_("Thành viên Ban kiểm phiếu hoặc Tổ phát phiếu, mỗi người một dòng (người đầu là trưởng ban)"),
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    witnesses = forms.CharField(
        label=_("Đại diện hộ gia đình chứng kiến, mỗi người một dòng"),
        widget=forms.Textarea(attrs={"rows": 2}),
    )
