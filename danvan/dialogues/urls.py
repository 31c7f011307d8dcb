"""Citizen reception URLs, included at the site root (public /doi-thoai/…, officers /can-bo/tiep-cong-dan/…)."""

from django.urls import path

from . import views

app_name = "dialogues"
urlpatterns = [
    path("doi-thoai/", views.public_schedule, name="public_schedule"),
    path("doi-thoai/<str:code>/lich.ics", views.public_ics, name="public_ics"),
    path("can-bo/tiep-cong-dan/", views.ws_home, name="ws_home"),
    path("can-bo/tiep-cong-dan/lich/them/", views.ws_schedule_add, name="ws_schedule_add"),
    path(
        "can-bo/tiep-cong-dan/lich/<int:pk>/cong-bo/", views.ws_schedule_publish, name="ws_schedule_publish"
    ),
    path("can-bo/tiep-cong-dan/ngay/them/", views.ws_session_add, name="ws_session_add"),
    path("can-bo/tiep-cong-dan/ngay/<int:pk>/huy/", views.ws_session_cancel, name="ws_session_cancel"),
    path("can-bo/tiep-cong-dan/so/", views.ws_visits, name="ws_visits"),
    path("can-bo/tiep-cong-dan/so/ghi/", views.ws_visit_add, name="ws_visit_add"),
]
