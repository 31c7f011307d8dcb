"""Notifications URLs, included at the site root (full paths: officers /can-bo/thong-bao/, citizens
/tai-khoan/thong-bao/)."""

from django.urls import path

from . import views

app_name = "notifications"
urlpatterns = [
    path("can-bo/thong-bao/", views.notification_list, name="list"),
    path("can-bo/thong-bao/da-doc/", views.notification_mark_read, name="mark_read"),
    path("tai-khoan/thong-bao/", views.my_notifications, name="mine"),
    path("tai-khoan/thong-bao/da-doc/", views.my_notifications_read, name="mine_read"),
]
