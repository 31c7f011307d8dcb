"""URLs of community decisions, included at the site root (public /lay-y-kien/…, officers /can-bo/…)."""

from django.urls import path

from . import views, views_commune, views_initiatives, views_steps

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
        "can-bo/lay-y-kien/<int:pk>/mau/<slug:kind>/pdf/",
        views_steps.ws_document,
        {"fmt": "pdf"},
        name="ws_document_pdf",
    ),
    path(
        "can-bo/lay-y-kien/<int:pk>/mau/<slug:kind>/<int:tally_pk>/",
        views_steps.ws_document,
        name="ws_tally_document",
    ),
    path(
        "can-bo/lay-y-kien/<int:pk>/mau/<slug:kind>/<int:tally_pk>/pdf/",
        views_steps.ws_document,
        {"fmt": "pdf"},
        name="ws_tally_document_pdf",
    ),
    path("tai-khoan/bieu-quyet/", views.my_votes, name="my_votes"),
    path("tai-khoan/bieu-quyet/<int:pk>/", views.my_vote, name="my_vote"),
    # commune-wide decisions
    path("lay-y-kien/toan-xa/<int:pk>/", views_commune.public_commune, name="public_commune"),
    path("can-bo/lay-y-kien/toan-xa/them/", views_commune.ws_commune_new, name="ws_commune_new"),
    path("can-bo/lay-y-kien/toan-xa/<int:pk>/", views_commune.ws_commune, name="ws_commune"),
    path(
        "can-bo/lay-y-kien/toan-xa/<int:pk>/thong-bao/",
        views_commune.ws_commune_notice,
        name="ws_commune_notice",
    ),
    path("can-bo/lay-y-kien/toan-xa/<int:pk>/mo/", views_commune.ws_commune_open, name="ws_commune_open"),
    path(
        "can-bo/lay-y-kien/toan-xa/<int:pk>/ket-thuc/",
        views_commune.ws_commune_close,
        name="ws_commune_close",
    ),
    # citizens' initiatives
    path("lay-y-kien/sang-kien/", views_initiatives.public_initiatives, name="public_initiatives"),
    path("can-bo/lay-y-kien/sang-kien/", views_initiatives.ws_initiatives, name="ws_initiatives"),
    path("can-bo/lay-y-kien/sang-kien/<int:pk>/", views_initiatives.ws_initiative, name="ws_initiative"),
    path(
        "can-bo/lay-y-kien/sang-kien/<int:pk>/dong-thuan/",
        views_initiatives.ws_initiative_consents,
        name="ws_initiative_consents",
    ),
    path(
        "can-bo/lay-y-kien/sang-kien/<int:pk>/mttq-dong-y/",
        views_initiatives.ws_initiative_approve,
        name="ws_initiative_approve",
    ),
    path(
        "can-bo/lay-y-kien/sang-kien/<int:pk>/lap-du-thao/",
        views_initiatives.ws_initiative_draft,
        name="ws_initiative_draft",
    ),
    path("tai-khoan/sang-kien/", views_initiatives.my_initiatives, name="my_initiatives"),
    path("tai-khoan/sang-kien/them/", views_initiatives.my_initiative_new, name="my_initiative_new"),
    path("tai-khoan/sang-kien/<int:pk>/", views_initiatives.my_initiative, name="my_initiative"),
]
