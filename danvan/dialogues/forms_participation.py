"""Forms of citizens' participation in a dialogue (they parse; dialogues/participation.py decides)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import ParticipantKind
from .participation import QUESTION_MAX


class QuestionForm(forms.Form):
    text = forms.CharField(
        label=_("Câu hỏi, ý kiến gửi trước hội nghị"),
        max_length=QUESTION_MAX,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "Từ 10 đến 1.000 ký tự. Câu hỏi được đăng sau khi cán bộ duyệt, không kèm tên người hỏi."
        ),
    )


class ParticipantForm(forms.Form):
    kind = forms.ChoiceField(label=_("Thành phần"), choices=ParticipantKind.choices)
    case_code = forms.CharField(
        label=_("Mời người gửi đơn của hồ sơ (mã hồ sơ)"),
        max_length=32,
        required=False,
        help_text=_("Không áp dụng cho đơn tố cáo: danh tính người tố cáo được bảo vệ."),
    )
    name = forms.CharField(label=_("Họ tên"), max_length=160, required=False)
    role = forms.CharField(label=_("Chức vụ, tư cách"), max_length=255, required=False)


class AttendanceForm(forms.Form):
    present = forms.MultipleChoiceField(
        label=_("Có mặt"), required=False, widget=forms.CheckboxSelectMultiple, choices=()
    )

    def __init__(self, *args, participants=(), **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["present"]
        field.choices = [
            (str(p.pk), f"{p.name}{' — ' + p.role if p.role else ''} ({p.get_kind_display()})")
            for p in participants
        ]
        if not self.is_bound:
            field.initial = [str(p.pk) for p in participants if p.attendance == "present"]
