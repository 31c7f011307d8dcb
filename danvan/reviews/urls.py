"""Officers' screens of the review, under /can-bo/so-ket/."""

from django.urls import path

from . import direction_views, views, views_dashboard

app_name = "reviews"
urlpatterns = [
    path("can-bo/so-ket/", views.ws_home, name="ws_home"),
    path("can-bo/so-ket/bang-dieu-khien/", views_dashboard.ws_dashboard, name="ws_dashboard"),
    path("can-bo/so-ket/bao-cao/<int:pk>/", views.ws_report, name="ws_report"),
    path("can-bo/so-ket/bao-cao/<int:pk>/sua/", views.ws_report_edit, name="ws_report_edit"),
    path("can-bo/so-ket/bao-cao/<int:pk>/hoi-nghi/", views.ws_conference, name="ws_conference"),
    path("can-bo/so-ket/bao-cao/<int:pk>/tao-tep/", views.ws_report_render, name="ws_report_render"),
    path("can-bo/so-ket/bao-cao/<int:pk>/tep/", views.ws_report_files, name="ws_report_files"),
    path("can-bo/so-ket/bao-cao/<int:pk>/bao-cao.docx", views.ws_report_docx, name="ws_report_docx"),
    path(
        "can-bo/so-ket/bao-cao/<int:pk>/nhiem-vu/them/",
        direction_views.ws_direction_add,
        name="ws_direction_add",
    ),
    path(
        "can-bo/so-ket/bao-cao/<int:pk>/nhiem-vu/<int:did>/sua/",
        direction_views.ws_direction_edit,
        name="ws_direction_edit",
    ),
    path(
        "can-bo/so-ket/bao-cao/<int:pk>/nhiem-vu/<int:did>/xoa/",
        direction_views.ws_direction_remove,
        name="ws_direction_remove",
    ),
    path("can-bo/so-ket/bao-cao/<int:pk>/bao-cao.pdf", views.ws_report_pdf, name="ws_report_pdf"),
    path("can-bo/so-ket/bao-cao/<int:pk>/chi-tieu.xlsx", views.ws_report_xlsx, name="ws_report_xlsx"),
    path("can-bo/so-ket/bao-cao/<int:pk>/<slug:action>/", views.ws_report_action, name="ws_report_action"),
]
