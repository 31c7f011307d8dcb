"""Forms of the officers' workspace (parse only: every rule is checked by the services)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from danvan.core.formatting import local_today
from danvan.core.forms import DateInput
from danvan.units.models import COMMUNE_KINDS, COMMUNITY_KINDS, Unit

from .models import (
    AssessmentLevel,
    ContributionKind,
    ContributorKind,
    Criterion,
    Display,
    Group,
    GroupKind,
    GroupStatus,
    Position,
    ProjectKind,
    ProjectStatus,
)

DATE = DateInput()
TEXT = forms.Textarea(attrs={"rows": 3})


class UnitChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.name if obj.kind in COMMUNE_KINDS else f"{obj.name} ({obj.parent.name})"


def places_under(root: Unit | None):
    """The communes and hamlets in force under `root`, in tree order (where a group or a project may be)."""
    qs = Unit.objects.valid_on(local_today()).filter(kind__in=[*COMMUNE_KINDS, *COMMUNITY_KINDS])
    if root is not None:
        qs = qs.filter(path__startswith=root.path)
    return qs.select_related("parent").natural()


class GroupForm(forms.Form):
    name = forms.CharField(label=_("Tên mô hình"), max_length=200)
    kind = forms.ModelChoiceField(label=_("Loại mô hình"), queryset=GroupKind.objects.all())
    home_unit = UnitChoice(label=_("Địa bàn (ấp, xã)"), queryset=Unit.objects.none())
    field = forms.CharField(label=_("Ngành nghề, lĩnh vực"), max_length=200, required=False)
    founded_on = forms.DateField(label=_("Ngày thành lập"), widget=DATE)
    decision = forms.CharField(label=_("Quyết định, văn bản ra mắt"), max_length=255, required=False)
    description = forms.CharField(label=_("Hoạt động"), widget=TEXT, required=False)
    rules = forms.CharField(label=_("Quy chế sinh hoạt"), widget=TEXT, required=False)
    meeting_every_days = forms.IntegerField(
        label=_("Chu kỳ sinh hoạt (ngày)"),
        required=False,
        min_value=1,
        max_value=366,
        help_text=_("Để trống: theo loại mô hình."),
    )

    def __init__(self, *args, root=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["home_unit"].queryset = places_under(root)


class StatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Tình trạng"), choices=GroupStatus.choices)
    on = forms.DateField(label=_("Từ ngày"), widget=DATE)
    successor = forms.ModelChoiceField(
        label=_("Hợp tác xã kế tục"), queryset=Group.objects.none(), required=False
    )

    def __init__(self, *args, cooperatives=None, **kwargs):
        super().__init__(*args, **kwargs)
        if cooperatives is not None:
            self.fields["successor"].queryset = cooperatives


class MemberForm(forms.Form):
    full_name = forms.CharField(
        label=_("Họ và tên"),
        max_length=128,
        required=False,
        help_text=_("Để trống khi chọn hộ: lấy tên chủ hộ."),
    )
    household_code = forms.CharField(label=_("Mã hộ trong sổ hộ (nếu có)"), max_length=32, required=False)
    role = forms.CharField(label=_("Vai trò"), max_length=64, required=False, initial="Thành viên")
    joined_on = forms.DateField(label=_("Ngày vào"), widget=DATE)


class BoardForm(forms.Form):
    member = forms.ModelChoiceField(label=_("Thành viên"), queryset=None)
    position = forms.ChoiceField(label=_("Chức danh"), choices=Position.choices)
    term_from = forms.DateField(label=_("Nhiệm kỳ từ"), widget=DATE)
    term_to = forms.DateField(label=_("Nhiệm kỳ đến"), widget=DATE, required=False)

    def __init__(self, *args, group=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["member"].queryset = (
            group.members.filter(left_on__isnull=True) if group else Group.objects.none()
        )


class MeetingForm(forms.Form):
    held_on = forms.DateField(label=_("Ngày sinh hoạt"), widget=DATE)
    topic = forms.CharField(label=_("Chủ đề"), max_length=255)
    attendance = forms.IntegerField(label=_("Số người tham dự"), min_value=0)
    outcome = forms.CharField(label=_("Kết quả"), widget=TEXT, required=False)


class AssessmentForm(forms.Form):
    level = forms.ModelChoiceField(label=_("Xếp loại"), queryset=AssessmentLevel.objects.all())
    assessed_on = forms.DateField(label=_("Ngày đánh giá"), widget=DATE)
    notes = forms.CharField(label=_("Nhận xét theo tiêu chí"), widget=TEXT, required=False)


class CriterionChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.number}. {obj.name}"


class ProjectForm(forms.Form):
    name = forms.CharField(label=_("Tên công trình"), max_length=255)
    kind = forms.ChoiceField(label=_("Loại công trình"), choices=ProjectKind.choices)
    criterion = CriterionChoice(
        label=_("Tiêu chí nông thôn mới"),
        queryset=Criterion.objects.filter(valid_to__isnull=True),
        required=False,
    )
    place = UnitChoice(label=_("Địa bàn"), queryset=Unit.objects.none())
    group = forms.ModelChoiceField(label=_("Mô hình vận động"), queryset=Group.objects.none(), required=False)
    decision = forms.CharField(label=_("Quyết định phê duyệt"), max_length=255, required=False)
    description = forms.CharField(label=_("Mô tả"), widget=TEXT, required=False)
    budget_state = forms.IntegerField(label=_("Ngân sách nhà nước (đồng)"), required=False, initial=0)
    budget_people = forms.IntegerField(label=_("Nhân dân đóng góp (đồng)"), required=False, initial=0)
    budget_sponsors = forms.IntegerField(
        label=_("Mạnh thường quân, doanh nghiệp (đồng)"), required=False, initial=0
    )
    budget_groups = forms.IntegerField(label=_("Hội quán, tổ tự quản (đồng)"), required=False, initial=0)
    started_on = forms.DateField(label=_("Ngày khởi công"), widget=DATE)
    progress = forms.IntegerField(label=_("Tiến độ (%)"), required=False, initial=0)
    status = forms.ChoiceField(label=_("Tình trạng"), choices=ProjectStatus.choices)
    completed_on = forms.DateField(label=_("Ngày hoàn thành"), widget=DATE, required=False)
    handed_over_on = forms.DateField(label=_("Ngày bàn giao"), widget=DATE, required=False)
    handed_over_to = forms.CharField(label=_("Bàn giao cho"), max_length=255, required=False)

    def __init__(self, *args, root=None, groups=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["place"].queryset = places_under(root)
        if groups is not None:
            self.fields["group"].queryset = groups


class ContributionForm(forms.Form):
    contributor_kind = forms.ChoiceField(label=_("Người đóng góp là"), choices=ContributorKind.choices)
    contributor_name = forms.CharField(
        label=_("Tên người, doanh nghiệp đóng góp"),
        max_length=200,
        required=False,
        help_text=_("Để trống khi là hộ trong sổ hộ (lấy tên chủ hộ), mô hình hoặc nhà hảo tâm giấu tên."),
    )
    household_code = forms.CharField(label=_("Mã hộ trong sổ hộ"), max_length=32, required=False)
    contributor_group = forms.ModelChoiceField(
        label=_("Mô hình đóng góp"), queryset=Group.objects.none(), required=False
    )
    kind = forms.ChoiceField(label=_("Hình thức"), choices=ContributionKind.choices)
    quantity = forms.DecimalField(
        label=_("Số lượng (m² đất, số ngày công, số lượng vật tư)"),
        required=False,
        max_digits=14,
        decimal_places=2,
    )
    quantity_unit = forms.CharField(label=_("Đơn vị tính vật tư"), max_length=32, required=False)
    value_vnd = forms.IntegerField(label=_("Giá trị quy ra tiền (đồng)"), required=False)
    value_basis = forms.CharField(label=_("Căn cứ quy đổi"), max_length=255, required=False)
    on = forms.DateField(label=_("Ngày đóng góp"), widget=DATE)
    receipt_no = forms.CharField(label=_("Số biên nhận"), max_length=64, required=False)
    consent_named = forms.BooleanField(label=_("Đồng ý nêu tên trên bảng vinh danh"), required=False)
    display = forms.ChoiceField(label=_("Số tiền hiện trên bảng vinh danh"), choices=Display.choices)

    def __init__(self, *args, groups=None, **kwargs):
        super().__init__(*args, **kwargs)
        if groups is not None:
            self.fields["contributor_group"].queryset = groups


class ReverseForm(forms.Form):
    reason = forms.CharField(label=_("Lý do điều chỉnh"), max_length=255)


# ---------------------------------------------------------------- funds, consolidation, project details


class FundForm(forms.Form):
    direction = forms.ChoiceField(
        label=_("Thu hay chi"), choices=[("income", _("Khoản thu")), ("spending", _("Khoản chi"))]
    )
    category = forms.ChoiceField(
        label=_("Loại khoản thu"),
        required=False,
        choices=[
            ("dues", _("Hội phí, phí sinh hoạt")),
            ("contribution", _("Đóng góp, ủng hộ")),
            ("support", _("Tài trợ, hỗ trợ")),
        ],
        help_text=_("Khoản chi không cần chọn."),
    )
    amount_vnd = forms.IntegerField(label=_("Số tiền (đồng)"))
    description = forms.CharField(label=_("Nội dung"), max_length=255)
    party_name = forms.CharField(label=_("Người nộp, người nhận"), max_length=200, required=False)
    household_code = forms.CharField(label=_("Mã hộ nộp trong sổ hộ (nếu có)"), max_length=32, required=False)
    receipt_no = forms.CharField(label=_("Số phiếu thu, phiếu chi"), max_length=64)
    receipt_on = forms.DateField(label=_("Ngày chứng từ"), widget=DATE)
    receipt_file = forms.FileField(label=_("Tệp chứng từ (PDF hoặc ảnh, không bắt buộc)"), required=False)


class PlanForm(forms.Form):
    goal = forms.CharField(label=_("Mục tiêu củng cố"), widget=TEXT)
    opened_on = forms.DateField(label=_("Ngày lập kế hoạch"), widget=DATE)


class PlanActionForm(forms.Form):
    title = forms.CharField(label=_("Việc cần làm"), max_length=255)
    owner_unit = UnitChoice(label=_("Đơn vị phụ trách"), queryset=Unit.objects.none(), required=False)
    owner_person = forms.CharField(label=_("Người phụ trách"), max_length=128, required=False)
    due_on = forms.DateField(label=_("Hạn hoàn thành"), widget=DATE)

    def __init__(self, *args, root=None, **kwargs):
        super().__init__(*args, **kwargs)
        qs = Unit.objects.valid_on(local_today()).select_related("parent")
        if root is not None:
            qs = qs.filter(path__startswith=root.path).filter(depth__lte=root.depth + 1)
        self.fields["owner_unit"].queryset = qs.natural()


class ActionCloseForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Kết thúc"), choices=[("done", _("Đã xong")), ("dropped", _("Không thực hiện"))]
    )
    note = forms.CharField(label=_("Kết quả đã làm, hoặc lý do không thực hiện"), widget=TEXT)
    closed_on = forms.DateField(label=_("Ngày kết thúc"), widget=DATE)


class MilestoneForm(forms.Form):
    name = forms.CharField(label=_("Mốc tiến độ"), max_length=200)
    planned_on = forms.DateField(label=_("Ngày dự kiến"), widget=DATE)
    actual_on = forms.DateField(label=_("Ngày thực tế (nếu đã đạt)"), widget=DATE, required=False)


class PhotoForm(forms.Form):
    image = forms.FileField(label=_("Ảnh (JPG, PNG, WEBP)"))
    alt_text = forms.CharField(
        label=_("Mô tả ảnh"),
        max_length=255,
        help_text=_("Cho người không xem được ảnh, ví dụ: “Đoạn đường bê tông mới đổ, hai bên trồng hoa”."),
    )
    taken_on = forms.DateField(label=_("Ngày chụp"), widget=DATE, required=False)


class HandOverForm(forms.Form):
    completed_on = forms.DateField(label=_("Ngày hoàn thành"), widget=DATE, required=False)
    handed_over_on = forms.DateField(label=_("Ngày bàn giao"), widget=DATE)
    handed_over_to = forms.CharField(label=_("Bàn giao cho"), max_length=255)


class SupervisionForm(forms.Form):
    checked_on = forms.DateField(label=_("Ngày giám sát"), widget=DATE)
    members = forms.CharField(
        label=_("Thành viên ban giám sát"),
        max_length=500,
        help_text=_("Họ tên các thành viên tham gia, cách nhau bằng dấu phẩy."),
    )
    findings = forms.CharField(label=_("Kết quả giám sát"), widget=TEXT)
    recommendations = forms.CharField(label=_("Kiến nghị"), widget=TEXT, required=False)


class ResolveForm(forms.Form):
    resolved_on = forms.DateField(label=_("Ngày giải quyết"), widget=DATE)
    resolution = forms.CharField(label=_("Cách giải quyết kiến nghị"), widget=TEXT)


class ReachForm(forms.Form):
    actual_on = forms.DateField(label=_("Ngày đạt mốc"), widget=DATE)
