"""Forms of the household registry screens (parsing only; rules live in services)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from danvan.core.formatting import local_today
from danvan.core.widgets import FastSelect

from .models import Resident


def unit_label(unit) -> str:
    ended = unit.valid_to is not None and unit.valid_to < local_today()
    label = f"{unit.name} ({unit.code})"
    return _("%(unit)s — hết hiệu lực") % {"unit": label} if ended else label


class UnitChoiceField(forms.ChoiceField):
    """A choice among units already loaded (no second query); cleans to the Unit or None."""

    widget = FastSelect

    def __init__(self, units=(), empty_label=None, **kwargs):
        self.units = {str(u.pk): u for u in units}
        choices = [(str(u.pk), unit_label(u)) for u in units]
        if empty_label is not None:
            choices = [("", empty_label), *choices]
        super().__init__(choices=choices, **kwargs)

    def clean(self, value):
        value = super().clean(value)
        return self.units.get(str(value)) if value else None


def _unit_field(label, units, required=True, empty_label=None):
    units = list(units)
    if empty_label is None and len(units) != 1:
        empty_label = _("— Chọn —")
    return UnitChoiceField(units, label=label, required=required, empty_label=empty_label)


class HouseholdFilterForm(forms.Form):
    q = forms.CharField(
        label=_("Tìm kiếm"),
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={"type": "search", "placeholder": _("Mã hộ, tên, địa chỉ…")}),
    )

    def __init__(self, *args, hamlets=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["hamlet"] = _unit_field(_("Ấp, khóm"), hamlets, required=False, empty_label=_("Tất cả"))


# Resident.Gender with its labels marked for translation (the model's own labels are Vietnamese only).
GENDER_CHOICES = [
    (Resident.Gender.MALE.value, _("Nam")),
    (Resident.Gender.FEMALE.value, _("Nữ")),
    (Resident.Gender.OTHER.value, _("Khác")),
]


class HouseholdForm(forms.Form):
    code = forms.CharField(label=_("Mã hộ"), max_length=32)
    address = forms.CharField(label=_("Địa chỉ"), max_length=255)
    phone = forms.CharField(
        label=_("Số điện thoại của hộ"),
        max_length=20,
        required=False,
        widget=forms.TextInput(attrs={"type": "tel", "inputmode": "tel"}),
    )

    def __init__(self, *args, hamlets=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["hamlet"] = _unit_field(_("Ấp, khóm"), hamlets)
        self.order_fields(["hamlet", "code", "address", "phone"])


class HouseholdCreateForm(HouseholdForm):
    representative_name = forms.CharField(label=_("Họ và tên chủ hộ"), max_length=128)
    birth_year = forms.IntegerField(label=_("Năm sinh của chủ hộ"), min_value=1900)
    gender = forms.ChoiceField(label=_("Giới tính"), choices=GENDER_CHOICES)
    id_number = forms.CharField(
        label=_("Số CCCD (12 chữ số)"),
        max_length=20,
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "numeric"}),
    )


class ResidentForm(forms.Form):
    full_name = forms.CharField(label=_("Họ và tên"), max_length=128)
    birth_year = forms.IntegerField(label=_("Năm sinh"), min_value=1900)
    gender = forms.ChoiceField(label=_("Giới tính"), choices=GENDER_CHOICES)
    id_number = forms.CharField(
        label=_("Số CCCD (12 chữ số)"),
        max_length=20,
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "numeric"}),
    )
    relation = forms.CharField(
        label=_("Quan hệ với chủ hộ"),
        max_length=32,
        required=False,
        help_text=_("Ví dụ: Vợ, Chồng, Con, Cha, Mẹ, Cháu."),
    )
    is_representative = forms.BooleanField(
        label=_("Là chủ hộ (đại diện hộ)"),
        required=False,
        help_text=_("Chủ hộ hiện tại sẽ chuyển thành thành viên."),
    )


class HouseholdImportForm(forms.Form):
    file = forms.FileField(
        label=_("Tệp Excel (.xlsx)"), widget=forms.ClearableFileInput(attrs={"accept": ".xlsx"})
    )

    def __init__(self, *args, communes=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["commune"] = _unit_field(_("Xã, phường nhận dữ liệu"), communes)
        if len(communes) == 1:
            self.fields["commune"].initial = communes[0].pk
        self.order_fields(["commune", "file"])


class CitizenVerifyForm(forms.Form):
    account = forms.CharField(
        label=_("Tài khoản công dân"),
        max_length=150,
        help_text=_(
            "Tên đăng nhập hoặc số điện thoại của tài khoản. Chỉ xác minh khi đã "
            "đối chiếu giấy tờ tùy thân của người dân."
        ),
    )


# ---------------------------------------------------------------- the citizen's own account

PHONE_WIDGET = forms.TextInput(attrs={"type": "tel", "inputmode": "tel", "autocomplete": "tel"})
CODE_WIDGET = forms.TextInput(
    attrs={"inputmode": "numeric", "autocomplete": "one-time-code", "maxlength": "12", "class": "code-input"}
)


class SignupPhoneForm(forms.Form):
    phone = forms.CharField(
        label=_("Số điện thoại di động"),
        max_length=20,
        widget=PHONE_WIDGET,
        help_text=_("Chúng tôi gửi mã xác nhận gồm 6 chữ số tới số này bằng tin nhắn."),
    )


class SignupForm(forms.Form):
    code = forms.CharField(label=_("Mã xác nhận trong tin nhắn"), max_length=12, widget=CODE_WIDGET)
    full_name = forms.CharField(
        label=_("Họ và tên"), max_length=128, widget=forms.TextInput(attrs={"autocomplete": "name"})
    )
    password1 = forms.CharField(
        label=_("Mật khẩu"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_("Ít nhất 8 ký tự, không chỉ gồm chữ số, không quá dễ đoán."),
    )
    password2 = forms.CharField(
        label=_("Nhập lại mật khẩu"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def clean(self):
        data = super().clean()
        if data.get("password1") and data.get("password2") and data["password1"] != data["password2"]:
            self.add_error("password2", _("Hai lần nhập mật khẩu không giống nhau."))
        return data


class ProfileForm(forms.Form):
    """Parsing only: `citizen_profile_update` checks every field in one round (a missing name too)."""

    full_name = forms.CharField(
        label=_("Họ và tên"),
        max_length=128,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    phone = forms.CharField(
        label=_("Số điện thoại"),
        max_length=20,
        required=False,
        widget=PHONE_WIDGET,
        help_text=_("Đổi số điện thoại thì cần xác minh lại số mới."),
    )
    email = forms.CharField(
        label=_("Thư điện tử"),
        max_length=254,
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "email", "autocomplete": "email"}),
    )


class CodeForm(forms.Form):
    code = forms.CharField(label=_("Mã xác minh trong tin nhắn"), max_length=12, widget=CODE_WIDGET)


class LinkRequestForm(forms.Form):
    representative_name = forms.CharField(
        label=_("Họ và tên chủ hộ"),
        max_length=128,
        help_text=_("Như ghi trong sổ hộ khẩu, hoặc như xã đang quản lý."),
    )
    address = forms.CharField(label=_("Địa chỉ của hộ (số nhà, đường, tổ)"), max_length=255)
    relation = forms.CharField(
        label=_("Bạn là gì của chủ hộ"),
        max_length=32,
        required=False,
        help_text=_("Ví dụ: Chủ hộ, Vợ, Chồng, Con."),
    )
    message = forms.CharField(
        label=_("Ghi chú cho cán bộ xã (không bắt buộc)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, picker=None, **kwargs):
        from danvan.units.picker import place_fields

        super().__init__(*args, **kwargs)
        place_fields(self, picker, hamlet_label=_("Thôn, ấp, khóm"), hamlet_required=True)
        self.fields["hamlet"].error_messages["required"] = _(
            "Vui lòng chọn thôn, ấp, khóm nơi hộ bạn đăng ký."
        )


class CorrectionRequestForm(forms.Form):
    message = forms.CharField(
        label=_("Thông tin cần điều chỉnh"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Ví dụ: năm sinh của con tôi là 2012, không phải 2021; cháu Lan đã chuyển đi nơi khác."),
    )


class RequestAnswerForm(forms.Form):
    answer = forms.CharField(
        label=_("Trả lời người dân"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class HouseholdSearchForm(forms.Form):
    q = forms.CharField(
        label=_("Tìm hộ trong ấp (tên chủ hộ, mã hộ, địa chỉ)"),
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={"type": "search"}),
    )
