"""Cases URLs, included at the site root (full paths: public /phan-anh/…, officers /can-bo/don-thu/…)."""

from django.urls import path

from . import views

app_name = "cases"
urlpatterns = [
    path("phan-anh/gui/", views.submit, name="submit"),
    path("don-vi/<str:code>/phan-anh/gui/", views.submit, name="unit_submit"),
    path("phan-anh/da-gui/", views.submitted, name="submitted"),
    path("phan-anh/tra-cuu/", views.track, name="track"),
    path("phan-anh/tra-cuu/<str:code>/van-ban/", views.track_resolution_file, name="track_resolution_file"),
    path("phan-anh/tra-loi/", views.answers, name="answers"),
    path("phan-anh/tra-loi/<str:code>/", views.answer, name="answer"),
    path("tai-khoan/ho-so/", views.my_cases, name="my_cases"),
    path("tai-khoan/ho-so/<str:code>/", views.my_case, name="my_case"),
    path("can-bo/don-thu/", views.inbox, name="inbox"),
    path("can-bo/don-thu/qua-han/", views.overdue, name="overdue"),
    path("can-bo/don-thu/nhap/", views.entry, name="entry"),
    path("can-bo/don-thu/xuat.xlsx", views.inbox_xlsx, name="inbox_xlsx"),
    path("can-bo/don-thu/tep/<int:pk>/", views.attachment, name="attachment"),
    path("can-bo/don-thu/<int:pk>/", views.detail, name="detail"),
    path("can-bo/don-thu/<int:pk>/danh-tinh/", views.reveal, name="reveal"),
    path("can-bo/don-thu/<int:pk>/van-ban-giai-quyet/", views.resolution_file, name="resolution_file"),
    path(
        "can-bo/don-thu/<int:pk>/doi-thoai/<int:dialogue_pk>/bien-ban/",
        views.dialogue_minutes,
        name="dialogue_minutes",
    ),
    path("can-bo/don-thu/<int:pk>/<slug:name>/", views.action, name="action"),
]
