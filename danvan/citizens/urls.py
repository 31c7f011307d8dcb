from django.urls import path

from . import views

app_name = "citizens"
urlpatterns = [
    path("tai-khoan/", views.home, name="home"),
]
