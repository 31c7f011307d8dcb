from django import forms

from .models import Unit


class UnitEditForm(forms.ModelForm):
    class Meta:
        model = Unit
        fields = ["name", "short_name", "address", "valid_from", "valid_to", "is_remote", "note"]
        widgets = {
            "valid_from": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "valid_to": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "note": forms.Textarea(attrs={"rows": 3}),
        }


class CountForm(forms.Form):
    as_of = forms.DateField(label="Số liệu tính đến ngày", widget=forms.DateInput(attrs={"type": "date"}))
    households = forms.IntegerField(label="Số hộ gia đình", min_value=0)
    voters = forms.IntegerField(label="Số cử tri", min_value=0)
    residents = forms.IntegerField(label="Số nhân khẩu", min_value=0, required=False)

    def clean(self):
        data = super().clean()
        if data.get("voters") is not None and data.get("residents") is not None and data["voters"] > data["residents"]:
            self.add_error("voters", "Số cử tri không thể lớn hơn số nhân khẩu.")
        return data


class MapForm(forms.Form):
    day = forms.DateField(label="Quy đổi sang đơn vị có hiệu lực ngày", widget=forms.DateInput(attrs={"type": "date"}))
