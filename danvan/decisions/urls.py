"""URLs of community decisions, included at the site root (public /lay-y-kien/…, officers /can-bo/…)."""

from django.urls import path

from . import views, views_steps

app_name = "decisions"
urlpatterns = [
    path("lay-y-kien/", views.public_list, name="public_list"),
    path("lay-y-kien/<int:pk>/", views.public_detail, name="public_detail"),
    path("can-bo/lay-y-kien/", views.ws_list, name="ws_list"),
    path("can-bo/lay-y-kien/them/", views.ws_new, name="ws_new"),
    path("can-bo/lay-y-kien/<int:pk>/", views.ws_detail, name="ws_detail"),
    path("can-bo/lay-y-kien/<int:pk>/thong-bao/", views.ws_notice, name="ws_notice"),
    path("can-bo/lay-y-kien/<int:pk>/tham-do/", views.ws_poll, name="ws_poll"),
    path("can-bo/lay-y-kien/<int:pk>/mo/", views.ws_open, name="ws_open"),
    path("can-bo/lay-y-kien/<int:pk>/kiem-phieu/", views.ws_tally, name="ws_tally"),
    path("can-bo/lay-y-kien/<int:pk>/ket-thuc/", views.ws_close, name="ws_close"),
    path("can-bo/lay-y-kien/<int:pk>/buoc/<slug:step>/", views_steps.ws_step, name="ws_step"),
    path(
        "can-bo/lay-y-kien/<int:pk>/kiem-phieu/<int:tally_pk>/ban-kiem-phieu/",
        views_steps.ws_counting,
        name="ws_counting",
    ),
    path("can-bo/lay-y-kien/<int:pk>/mau/<slug:kind>/", views_steps.ws_document, name="ws_document"),
    path(
        "can-bo/lay-y-kien/<int:pk>/mau/<slug:kind>/<int:tally_pk>/",
        views_steps.ws_document,
        name="ws_tally_document",
    ),
    path("tai-khoan/bieu-quyet/", views.my_votes, name="my_votes"),
    path("tai-khoan/bieu-quyet/<int:pk>/", views.my_vote, name="my_vote"),
]
