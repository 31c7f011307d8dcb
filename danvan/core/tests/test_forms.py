"""The shared date widget: a date already on a form (an edit, a form shown again after an error) reaches the
browser's date picker in the only format it reads."""

import datetime as dt
import subprocess

from django import forms
from django.utils import translation

from danvan.core.forms import DateInput


class DayForm(forms.Form):
    day = forms.DateField(widget=DateInput())


def test_a_prefilled_date_is_written_as_the_picker_reads_it_in_vietnamese_and_english():
    for language in ("vi", "en"):
        with translation.override(language):
            bound = DayForm(initial={"day": dt.date(2026, 1, 10)})
            html = str(bound["day"])
            assert 'type="date"' in html and 'value="2026-01-10"' in html, (language, html)
    # a form shown again after an error keeps what was typed
    again = DayForm(data={"day": "2026-02-30"})
    assert not again.is_valid() and 'value="2026-02-30"' in str(again["day"])


def test_no_form_builds_a_date_picker_of_its_own():
    """`forms.DateInput(attrs={"type": "date"})` without the format wrote dd/mm/yyyy, which the picker shows as
    empty: every form uses the shared widget."""
    found = subprocess.run(
        ["grep", "-rn", "--include=*.py", "forms.DateInput(", "danvan"], capture_output=True, text=True
    ).stdout.splitlines()
    assert [line for line in found if not line.startswith("danvan/core/")] == []
