"""Public fragments of the unit tree, included at the site root under the namespace `places`."""

from django.urls import path

from . import public_views

app_name = "places"
urlpatterns = [
    path("chon-don-vi/xa/", public_views.communes, name="communes"),
    path("chon-don-vi/ap/", public_views.hamlets, name="hamlets"),
]
