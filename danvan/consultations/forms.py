from django import forms
from django.utils.translation import gettext_lazy as _

from danvan.core.forms import DateInput
from danvan.units.models import COMMUNITY_KINDS, Unit

from .models import OFFICER_CHANNELS, SUBJECT_CHOICES, Channel, Form, Response, Stance

SECTION_SLOTS = 6
DATE = DateInput()
DATE_ERRORS = {"invalid": _("Nhập ngày theo dạng ngày/tháng/năm.")}


def _date(label, required=True):
    return forms.DateField(label=label, required=required, widget=DATE, error_messages=DATE_ERRORS)


class ConsultationForm(forms.Form):
    unit = forms.ModelChoiceField(label=_("Địa bàn lấy ý kiến"), queryset=Unit.objects.none())
    title = forms.CharField(label=_("Tiêu đề"), max_length=255)
    subject = forms.ChoiceField(
        label=_("Nội dung lấy ý kiến (Điều 25 Luật 10/2022/QH15)"), choices=SUBJECT_CHOICES
    )
    content = forms.CharField(
        label=_("Kế hoạch lấy ý kiến: nội dung, cách thức, trách nhiệm"),
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    forms = forms.MultipleChoiceField(
        label=_("Hình thức lấy ý kiến (Điều 26)"), choices=Form.choices, widget=forms.CheckboxSelectMultiple
    )
    opens_on = _date(_("Ngày bắt đầu lấy ý kiến"))
    closes_on = _date(_("Ngày kết thúc lấy ý kiến"))
    sent_to_council_on = _date(_("Ngày gửi kế hoạch đến Hội đồng nhân dân xã"), required=False)
    sent_to_front_on = _date(_("Ngày gửi kế hoạch đến Ủy ban MTTQ Việt Nam xã"), required=False)

    def __init__(self, *args, root=None, **kwargs):
        super().__init__(*args, **kwargs)
        if root is not None:
            self.fields["unit"].queryset = Unit.objects.filter(pk=root.pk) | Unit.objects.filter(
                parent=root, kind__in=COMMUNITY_KINDS
            )
            self.fields["unit"].initial = root.pk
        for i in range(1, SECTION_SLOTS + 1):
            self.fields[f"heading_{i}"] = forms.CharField(
                label=_("Phần %(n)s — tiêu đề") % {"n": i}, max_length=255, required=False
            )
            self.fields[f"text_{i}"] = forms.CharField(
                label=_("Phần %(n)s — nội dung") % {"n": i},
                required=False,
                widget=forms.Textarea(attrs={"rows": 3}),
            )

    def main_fields(self):
        return [f for f in self if not f.name.startswith(("heading_", "text_"))]

    def section_fields(self):
        return [(self[f"heading_{i}"], self[f"text_{i}"]) for i in range(1, SECTION_SLOTS + 1)]

    def service_data(self) -> dict:
        data = dict(self.cleaned_data)
        sections = []
        for i in range(1, SECTION_SLOTS + 1):
            sections.append((data.pop(f"heading_{i}", ""), data.pop(f"text_{i}", "")))
        data["sections"] = sections
        return data


class PlanSentForm(forms.Form):
    council_on = _date(_("Ngày gửi kế hoạch đến Hội đồng nhân dân xã"), required=False)
    front_on = _date(_("Ngày gửi kế hoạch đến Ủy ban MTTQ Việt Nam xã"), required=False)


class RecordForm(forms.Form):
    section = forms.ChoiceField(label=_("Phần của dự thảo"), required=False)
    channel = forms.ChoiceField(
        label=_("Nơi nhận ý kiến"), choices=[(c, Channel(c).label) for c in OFFICER_CHANNELS]
    )
    author_name = forms.CharField(label=_("Người hoặc tổ chức góp ý"), max_length=255)
    stance = forms.ChoiceField(label=_("Ý kiến"), choices=Stance.choices)
    text = forms.CharField(label=_("Nội dung ý kiến"), widget=forms.Textarea(attrs={"rows": 3}))
    received_on = _date(_("Ngày nhận"))

    def __init__(self, *args, consultation=None, **kwargs):
        super().__init__(*args, **kwargs)
        choices = [("", _("Ý kiến chung về dự thảo"))]
        if consultation is not None:
            choices += [(str(s.pk), s.heading) for s in consultation.sections.all()]
        self.fields["section"].choices = choices


class RespondForm(forms.Form):
    response = forms.ChoiceField(label=_("Trả lời"), choices=Response.choices, widget=forms.RadioSelect)
    text = forms.CharField(
        label=_("Nội dung tiếp thu hoặc giải trình"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Bắt buộc khi giải trình (không tiếp thu)."),
    )


class OutcomeForm(forms.Form):
    text = forms.CharField(
        label=_("Quyết định của cơ quan có thẩm quyền"), widget=forms.Textarea(attrs={"rows": 3})
    )
    follows_majority = forms.TypedChoiceField(
        label=_("Quyết định có theo ý kiến đa số không?"),
        choices=[
            ("", _("— Chọn —")),
            ("1", _("Có, theo ý kiến đa số")),
            ("0", _("Không, khác ý kiến đa số")),
        ],
        coerce=lambda v: v == "1",
        empty_value=None,
    )
    explanation = forms.CharField(
        label=_("Giải thích lý do khi quyết định khác ý kiến đa số"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    decided_on = _date(_("Ngày quyết định"))


class OpinionForm(forms.Form):
    """A citizen's opinion on one section (or the draft as a whole), on the public page."""

    section = forms.CharField(required=False, widget=forms.HiddenInput)
    stance = forms.ChoiceField(label=_("Ý kiến của bạn"), choices=Stance.choices, widget=forms.RadioSelect)
    text = forms.CharField(
        label=_("Nội dung góp ý"), widget=forms.Textarea(attrs={"rows": 3}), max_length=5000
    )
