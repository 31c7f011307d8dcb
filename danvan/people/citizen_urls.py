"""The citizen's own pages of the people app (full paths, included at the site root, namespace `citizen`)."""

from django.urls import path

from . import citizen_views

app_name = "citizen"
urlpatterns = [
    path("dang-ky/", citizen_views.signup, name="signup"),
    path("dang-ky/xac-nhan/", citizen_views.signup_confirm, name="signup_confirm"),
    path("tai-khoan/thong-tin/", citizen_views.profile, name="profile"),
    path("tai-khoan/doi-mat-khau/", citizen_views.PasswordChangeView.as_view(), name="password_change"),
    path("tai-khoan/ho-gia-dinh/", citizen_views.household, name="household"),
]
