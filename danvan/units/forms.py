from django import forms
from django.utils.translation import gettext_lazy as _

from danvan.core.forms import DateInput

from .models import Unit


class UnitEditForm(forms.ModelForm):
    class Meta:
        model = Unit
        fields = [
            "name",
            "short_name",
            "address",
            "phone",
            "email",
            "valid_from",
            "valid_to",
            "is_remote",
            "note",
        ]
        widgets = {
            "valid_from": DateInput(),
            "valid_to": DateInput(),
            "note": forms.Textarea(attrs={"rows": 3}),
        }
        # The model's verbose names and help text (Vietnamese only), repeated here to be translated.
        labels = {
            "name": _("Tên"),
            "short_name": _("Tên ngắn"),
            "address": _("Địa chỉ trụ sở"),
            "phone": _("Điện thoại"),
            "email": _("Thư điện tử"),
            "valid_from": _("Hiệu lực từ"),
            "valid_to": _("Hiệu lực đến"),
            "is_remote": _("Vùng đặc biệt khó khăn"),
            "note": _("Ghi chú"),
        }
        help_texts = {
            "is_remote": _(
                "Xã vùng sâu, vùng xa, đặc biệt khó khăn: áp dụng thời hạn giải quyết khiếu nại dài hơn."
            ),
        }


class CountForm(forms.Form):
    as_of = forms.DateField(label=_("Số liệu tính đến ngày"), widget=DateInput())
    households = forms.IntegerField(label=_("Số hộ gia đình"), min_value=0)
    voters = forms.IntegerField(label=_("Số cử tri"), min_value=0)
    residents = forms.IntegerField(label=_("Số nhân khẩu"), min_value=0, required=False)

    def clean(self):
        data = super().clean()
        if (
            data.get("voters") is not None
            and data.get("residents") is not None
            and data["voters"] > data["residents"]
        ):
            self.add_error("voters", _("Số cử tri không thể lớn hơn số nhân khẩu."))
        return data


class MapForm(forms.Form):
    day = forms.DateField(label=_("Quy đổi sang đơn vị có hiệu lực ngày"), widget=DateInput())
