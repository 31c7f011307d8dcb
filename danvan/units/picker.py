"""Choosing the commune and then the hamlet on a public form, at a province's scale (3,000 communes).

No public page lists a province's units inline: the form shows a search box over the communes' names —
diacritics ignored, the district's name works too ("tram chim", "tam nong") — and the few communes that
match as radio buttons; once a commune is chosen, its hamlets (a few dozen) fill the hamlet select. A scope
of at most `COMMUNE_LIST_ALL` communes (a district's section, a small site) is listed whole.

It works without JavaScript: the search and "show this commune's hamlets" are buttons of the form itself
(`name="buoc"`), so the round trip re-renders the whole form with everything typed kept (the views of the
forms handle the step). With JavaScript, htmx (served from django-htmx's static files, no inline script)
fetches the same fragments from `places:communes` and `places:hamlets` as the citizen types or chooses.

`PlacePicker(data, within=…)` reads the request's data (POST of the form, or GET of a fragment) and holds
what the templates `units/_place_picker.html`, `_commune_options.html` and `_hamlet_field.html` show; the
forms' `CommuneField` and `hamlet_field()` check what was chosen.
"""

from django import forms
from django.utils.translation import gettext_lazy as _

from . import selectors
from .models import Unit

QUERY, COMMUNE, HAMLET, WITHIN, HAMLET_REQUIRED = "tim_xa", "commune", "hamlet", "trong", "ap_bat_buoc"
STEP = "buoc"  # the form's step buttons: "tim-xa" (search), "chon-xa" (show the chosen commune's hamlets)
STEPS = frozenset({"tim-xa", "chon-xa"})


class PlacePicker:
    def __init__(
        self,
        data=None,
        *,
        within: Unit | None = None,
        commune: Unit | None = None,
        hamlet: Unit | None = None,
        hamlet_required: bool = False,
        with_options: bool = True,
    ):
        data = data or {}
        if within is None and data.get(WITHIN):
            within = selectors.unit_by_code(str(data.get(WITHIN))[:32])
        if within is not None and within.is_community:  # a hamlet's section: its commune, that hamlet
            hamlet = hamlet or within
            within = within.parent
        self.within = within
        self.query = " ".join(str(data.get(QUERY) or "").split())[:100]
        self.hamlet_required = hamlet_required or bool(data.get(HAMLET_REQUIRED))
        chosen = selectors.commune_in_force(data.get(COMMUNE)) if data.get(COMMUNE) else None
        if chosen is None:
            chosen = commune or (within if within is not None and within.is_commune else None)
            if chosen is None and hamlet is not None:
                chosen = hamlet.parent
        self.commune = chosen
        if not with_options:  # the hamlets' fragment: the communes are already on the page
            self.options, self.total = [], 0
        elif within is not None and within.is_commune:
            self.options, self.total = [within], 1
        else:
            self.options, self.total = selectors.commune_search(self.query, within=within)
        if with_options and self.commune is not None and all(u.pk != self.commune.pk for u in self.options):
            self.options = [self.commune, *self.options]
        self.hamlets = selectors.hamlets_of(self.commune) if self.commune is not None else []
        wanted = str(data.get(HAMLET) or (hamlet.pk if hamlet is not None else ""))
        self.hamlet = next((h for h in self.hamlets if str(h.pk) == wanted), None)

    @property
    def more(self) -> bool:
        """More communes match than are shown."""
        return self.total > len(self.options)

    @property
    def needs_search(self) -> bool:
        """Nothing to choose from yet: the scope is too large to list and nothing was searched."""
        return not self.options and not self.query

    def initial(self) -> dict:
        return {
            COMMUNE: str(self.commune.pk) if self.commune else "",
            HAMLET: str(self.hamlet.pk) if self.hamlet else "",
        }


class CommuneField(forms.CharField):
    """The chosen commune (a radio of the picker): cleans to a commune-level unit in force."""

    default_error_messages = {
        "required": _("Vui lòng tìm và chọn xã, phường."),
        "invalid": _("Xã, phường đã chọn không còn hoạt động. Vui lòng tìm và chọn lại."),
    }

    def __init__(self, **kwargs):
        kwargs.setdefault("widget", forms.HiddenInput)
        super().__init__(max_length=20, **kwargs)

    def clean(self, value):
        value = super().clean(value)
        if not value:
            return None
        unit = selectors.commune_in_force(value)
        if unit is None:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        return unit


class HamletField(forms.ChoiceField):
    """A hamlet of the chosen commune (the picker's select): cleans to the Unit or None."""

    def __init__(self, hamlets=(), **kwargs):
        self.units = {str(h.pk): h for h in hamlets}
        super().__init__(choices=[("", "")] + [(k, h.name) for k, h in self.units.items()], **kwargs)

    def clean(self, value):
        value = super().clean(value)
        return self.units.get(str(value)) if value else None


def place_fields(form, picker: PlacePicker, *, hamlet_label, hamlet_required: bool = False) -> None:
    """Add the picker's fields to `form`: `commune`, `hamlet` (the chosen commune's hamlets), the search box
    and the scope."""
    form.fields[COMMUNE] = CommuneField(label=_("Xã, phường"))
    form.fields[HAMLET] = HamletField(picker.hamlets, label=hamlet_label, required=hamlet_required)
    form.fields[QUERY] = forms.CharField(required=False, max_length=100)
    form.fields[WITHIN] = forms.CharField(required=False, max_length=32)
    form.picker = picker
