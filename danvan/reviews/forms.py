"""Forms of the review screens (the services validate; forms only parse)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from danvan.core.forms import DateInput

from .drafts import narrative_sections
from .models import ManualIndicator, ReportingPeriod


class CreateForm(forms.Form):
    period = forms.ModelChoiceField(label=_("Kỳ báo cáo"), queryset=ReportingPeriod.objects.none())
    unit = forms.ChoiceField(label=_("Đơn vị"))

    def __init__(self, *args, units=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["period"].queryset = ReportingPeriod.objects.all()
        self.units = {str(u.pk): u for u in units}
        self.fields["unit"].choices = [(str(u.pk), u.name) for u in units]

    def clean_unit(self):
        return self.units[self.cleaned_data["unit"]]


class EditForm(forms.Form):
    number = forms.IntegerField(label=_("Số văn bản"), required=False, min_value=1, max_value=999999)
    issued_on = forms.DateField(
        label=_("Ngày ban hành"),
        required=False,
        widget=DateInput(),
    )

    def __init__(self, *args, report, **kwargs):
        super().__init__(*args, **kwargs)
        self.section_fields, self.manual_fields = [], []
        for s in narrative_sections():
            name = f"s_{s.key}"
            self.fields[name] = forms.CharField(
                label=s.title, required=False, widget=forms.Textarea(attrs={"rows": 5})
            )
            self.initial.setdefault(name, report.sections.get(s.key, ""))
            self.section_fields.append(name)
        values = {mv.indicator_id: mv.value for mv in report.manual_values.all()}
        for m in ManualIndicator.objects.filter(active=True):
            name = f"m_{m.key}"
            self.fields[name] = forms.CharField(label=m.label, required=False, max_length=32)
            value = values.get(m.pk)
            if value is not None:
                self.initial.setdefault(name, f"{value.normalize():f}".replace(".", ","))
            self.manual_fields.append(name)
        self.initial.setdefault("number", report.number)
        self.initial.setdefault("issued_on", report.issued_on)

    def sections_fields(self):
        return [self[n] for n in self.section_fields]

    def manuals(self):
        return [self[n] for n in self.manual_fields]


class ReturnForm(forms.Form):
    comment = forms.CharField(
        label=_("Ý kiến để đơn vị sửa báo cáo"), widget=forms.Textarea(attrs={"rows": 3}), max_length=4000
    )


class ConferenceForm(forms.Form):
    day = forms.DateField(label=_("Ngày tổ chức"), widget=DateInput())
    place = forms.CharField(label=_("Địa điểm"), required=False, max_length=255)
    chair = forms.CharField(label=_("Chủ trì (họ tên, chức vụ)"), max_length=255)
    guest_name = forms.CharField(label=_("Khách mời: họ tên"), required=False, max_length=160)
    guest_title = forms.CharField(label=_("Khách mời: chức vụ"), required=False, max_length=255)
    commendations = forms.CharField(
        label=_("Khen thưởng (mỗi dòng một tập thể, cá nhân)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=4000,
    )


class DirectionForm(forms.Form):
    """A task of the next period (section II); `units`: the choices of `directions.unit_choices`."""

    title = forms.CharField(label=_("Nhiệm vụ"), max_length=500, widget=forms.Textarea(attrs={"rows": 3}))
    units = forms.MultipleChoiceField(label=_("Đơn vị thực hiện"), widget=forms.CheckboxSelectMultiple)
    due = forms.DateField(label=_("Thời hạn hoàn thành"), widget=DateInput())
    note = forms.CharField(
        label=_("Ghi chú"), required=False, max_length=1000, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, units=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.unit_map = {str(u.pk): u for u in units}
        self.fields["units"].choices = [(str(u.pk), u.name) for u in units]

    def clean_units(self):
        return [self.unit_map[pk] for pk in self.cleaned_data["units"]]


class DashboardForm(forms.Form):
    """The dashboard's choice (GET): a unit within the officer's scope, a period, the indicator charted."""

    unit = forms.ChoiceField(label=_("Đơn vị"))
    period = forms.ChoiceField(label=_("Kỳ báo cáo"))
    indicator = forms.ChoiceField(label=_("Chỉ tiêu xem biểu đồ"), required=False)

    def __init__(self, *args, units=(), periods=(), lines=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].choices = [(str(pk), name) for pk, name in units]
        self.fields["period"].choices = [(str(pk), title) for pk, title in periods]
        self.fields["indicator"].choices = [("", _("Tự chọn"))] + [(key, label) for key, label in lines]
        self.fields["unit"].error_messages["invalid_choice"] = _("Đơn vị đã chọn không có trong danh sách.")
        self.fields["period"].error_messages["invalid_choice"] = _("Kỳ báo cáo đã chọn không có.")
        self.fields["indicator"].error_messages["invalid_choice"] = _(
            "Chỉ tiêu đã chọn không có số liệu trong kỳ này."
        )
