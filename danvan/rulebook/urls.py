from django.urls import path

from . import views

app_name = "rulebook"
urlpatterns = [
    path("", views.rule_list, name="rule_list"),
    path("tinh-han/", views.deadline, name="deadline"),
]
