"""URLs of conventions, included at the site root (public /lay-y-kien/huong-uoc/…, officers /can-bo/…)."""

from django.urls import path

from . import views

app_name = "conventions"
urlpatterns = [
    path("lay-y-kien/huong-uoc/", views.public_list, name="public_list"),
    path("lay-y-kien/huong-uoc/<int:pk>/", views.public_detail, name="public_detail"),
    path("lay-y-kien/huong-uoc/<int:pk>/gop-y/", views.public_comment, name="public_comment"),
    path("lay-y-kien/huong-uoc/<int:pk>/van-ban.docx", views.public_document, name="public_document"),
    path("can-bo/lay-y-kien/huong-uoc/", views.ws_list, name="ws_list"),
    path("can-bo/lay-y-kien/huong-uoc/them/", views.ws_new, name="ws_new"),
    path("can-bo/lay-y-kien/huong-uoc/<int:pk>/", views.ws_detail, name="ws_detail"),
    path("can-bo/lay-y-kien/huong-uoc/<int:pk>/dieu/", views.ws_article, name="ws_article"),
    path("can-bo/lay-y-kien/huong-uoc/<int:pk>/van-ban.docx", views.ws_document, name="ws_document"),
    path(
        "can-bo/lay-y-kien/huong-uoc/<int:pk>/gop-y/<int:comment_pk>/tra-loi/",
        views.ws_respond,
        name="ws_respond",
    ),
    path("can-bo/lay-y-kien/huong-uoc/<int:pk>/<slug:action>/", views.ws_action, name="ws_action"),
]
