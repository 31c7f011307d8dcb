"""Forms of the rulebook pages: the "in force on" filter and the deadline calculator (both GET forms)."""

import datetime as dt

from django import forms
from django.utils.translation import gettext_lazy as _

from danvan.core.formatting import local_today
from danvan.core.forms import DateInput

from .models import PERIOD_UNITS, LegalRule
from .selectors import AREAS, area_name
from .services import all_rules

DATE_INPUTS = ["%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y"]


class InForceForm(forms.Form):
    ngay = forms.DateField(
        label=_("Quy định có hiệu lực vào ngày"),
        required=False,
        input_formats=DATE_INPUTS,
        widget=DateInput(),
        error_messages={"invalid": _("Ngày không hợp lệ; hãy nhập theo dạng ngày/tháng/năm.")},
    )

    def day(self) -> dt.date:
        if self.is_valid() and self.cleaned_data.get("ngay"):
            return self.cleaned_data["ngay"]
        return local_today()


def period_rule_choices() -> list[tuple[str, list[tuple[str, str]]]]:
    """One choice per period rule key, labelled with the title of its latest version, in groups by area."""
    latest: dict[str, LegalRule] = {}
    for rule in all_rules():  # ordered by key, valid_from: the last one wins
        if rule.unit in PERIOD_UNITS:
            latest[rule.key] = rule
    groups: dict[str, list[tuple[str, str]]] = {}
    for key, rule in latest.items():
        groups.setdefault(rule.area, []).append((key, rule.title))
    order = list(AREAS)
    areas = sorted(groups, key=lambda a: (order.index(a) if a in order else len(order), a))
    return [(_(area_name(area)), groups[area]) for area in areas]


class DeadlineForm(forms.Form):
    rule = forms.ChoiceField(
        label=_("Quy định về thời hạn"),
        error_messages={
            "required": _("Vui lòng chọn quy định."),
            "invalid_choice": _("Quy định “%(value)s” không có trong bộ quy định."),
        },
    )
    start = forms.DateField(
        label=_("Ngày bắt đầu tính hạn"),
        input_formats=DATE_INPUTS,
        widget=DateInput(),
        help_text=_("Ngày xảy ra sự việc (nhận đơn, ban hành quyết định…); ngày này không được tính."),
        error_messages={
            "required": _("Vui lòng nhập ngày bắt đầu."),
            "invalid": _("Ngày không hợp lệ; hãy nhập theo dạng ngày/tháng/năm."),
        },
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["rule"].choices = [("", _("— Chọn quy định —")), *period_rule_choices()]
