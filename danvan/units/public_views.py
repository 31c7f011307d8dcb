"""The fragments the public forms' place picker fetches with htmx (`danvan.units.picker`). Without
JavaScript the forms' own step buttons render the same templates inside the whole form."""

from django.shortcuts import render
from django.views.decorators.http import require_GET

from .picker import PlacePicker


@require_GET
def communes(request):
    """The communes matching the search box (`tim_xa`), as radio buttons."""
    return render(request, "units/_commune_options.html", {"picker": PlacePicker(request.GET)})


@require_GET
def hamlets(request):
    """The hamlet select of the chosen commune (`commune`)."""
    return render(
        request, "units/_hamlet_field.html", {"picker": PlacePicker(request.GET, with_options=False)}
    )
