"""The citizen's area shell: the overview of every section (`danvan.citizens.area`)."""

from danvan.access.mixins import citizen_required

from .area import render_area, render_cards


@citizen_required(officers_to="access:profile")
def home(request):
    return render_area(request, "citizens/home.html", {"cards": render_cards(request)})
