from django.urls import path

from . import views

app_name = "web"
urlpatterns = [
    path("", views.home, name="home"),
    path("don-vi/", views.unit_directory, name="unit_directory"),
    path("don-vi/<str:code>/", views.unit_section, name="unit_section"),
    path("can-bo/", views.workspace, name="workspace"),
    path("can-bo/chuyen-don-vi/", views.switch_unit, name="switch_unit"),
]
