from django.urls import path

from . import views

app_name = "access"
urlpatterns = [
    path("dang-nhap/", views.LoginView.as_view(), name="login"),
    path("dang-nhap/xac-thuc/", views.login_code, name="login_code"),
    path("dang-xuat/", views.LogoutView.as_view(), name="logout"),
    path("quen-mat-khau/", views.PasswordResetView.as_view(), name="password_reset"),
    path("quen-mat-khau/da-gui/", views.PasswordResetDoneView.as_view(), name="password_reset_done"),
    path(
        "dat-lai-mat-khau/<uidb64>/<token>/",
        views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path("dat-lai-mat-khau/xong/", views.PasswordResetCompleteView.as_view(), name="password_reset_complete"),
    path("can-bo/tai-khoan/", views.profile, name="profile"),
    path("can-bo/tai-khoan/xac-thuc-hai-lop/", views.two_factor_enrol, name="two_factor_enrol"),
    path("can-bo/tai-khoan/xac-thuc-hai-lop/ma-qr.svg", views.two_factor_qr, name="two_factor_qr"),
    path(
        "can-bo/tai-khoan/xac-thuc-hai-lop/ma-du-phong/",
        views.two_factor_recovery,
        name="two_factor_recovery",
    ),
    path("can-bo/tai-khoan/xac-thuc-hai-lop/tat/", views.two_factor_remove, name="two_factor_remove"),
]
