"""URLs of consultations, included at the site root (public /lay-y-kien/y-kien/…, officers /can-bo/…)."""

from django.urls import path

from . import views

app_name = "consultations"
urlpatterns = [
    path("lay-y-kien/y-kien/", views.public_list, name="public_list"),
    path("lay-y-kien/y-kien/<int:pk>/", views.public_detail, name="public_detail"),
    path("can-bo/lay-y-kien/y-kien/", views.ws_list, name="ws_list"),
    path("can-bo/lay-y-kien/y-kien/them/", views.ws_new, name="ws_new"),
    path("can-bo/lay-y-kien/y-kien/<int:pk>/", views.ws_detail, name="ws_detail"),
    path("can-bo/lay-y-kien/y-kien/<int:pk>/mo/", views.ws_open, name="ws_open"),
    path("can-bo/lay-y-kien/y-kien/<int:pk>/gui-ke-hoach/", views.ws_plan_sent, name="ws_plan_sent"),
    path("can-bo/lay-y-kien/y-kien/<int:pk>/ket-thuc/", views.ws_close, name="ws_close"),
    path("can-bo/lay-y-kien/y-kien/<int:pk>/ghi-y-kien/", views.ws_record, name="ws_record"),
    path(
        "can-bo/lay-y-kien/y-kien/<int:pk>/y-kien/<int:opinion_pk>/tra-loi/",
        views.ws_respond,
        name="ws_respond",
    ),
    path("can-bo/lay-y-kien/y-kien/<int:pk>/cong-khai/", views.ws_publish, name="ws_publish"),
    path("can-bo/lay-y-kien/y-kien/<int:pk>/quyet-dinh/", views.ws_outcome, name="ws_outcome"),
    path("can-bo/lay-y-kien/y-kien/<int:pk>/bao-cao.docx", views.ws_synthesis_docx, name="ws_synthesis_docx"),
    path("tai-khoan/y-kien/", views.my_opinions, name="my_opinions"),
]
