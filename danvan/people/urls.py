from django.urls import path

from . import views

app_name = "people"
urlpatterns = [
    path("", views.household_list, name="household_list"),
    path("them/", views.household_create, name="household_create"),
    path("<int:pk>/", views.household_detail, name="household_detail"),
    path("<int:pk>/sua/", views.household_update, name="household_update"),
    path("<int:pk>/xoa/", views.household_delete, name="household_delete"),
    path("<int:pk>/nhan-khau/them/", views.resident_add, name="resident_add"),
    path("<int:pk>/nhan-khau/<int:resident_pk>/sua/", views.resident_update, name="resident_update"),
    path("<int:pk>/nhan-khau/<int:resident_pk>/xoa/", views.resident_remove, name="resident_remove"),
    path("<int:pk>/xac-minh-tai-khoan/", views.citizen_verify, name="citizen_verify"),
    path("<int:pk>/tai-khoan/<int:user_pk>/go-lien-ket/", views.citizen_unlink, name="citizen_unlink"),
    path("yeu-cau/", views.request_list, name="request_list"),
    path("yeu-cau/<int:pk>/", views.request_detail, name="request_detail"),
    path("nhap-excel/", views.household_import, name="household_import"),
    path("nhap-excel/mau.xlsx", views.household_import_template, name="household_import_template"),
    path("nhap-excel/<int:pk>/", views.household_import_status, name="household_import_status"),
    path("nhap-excel/<int:pk>/tien-do/", views.household_import_progress, name="household_import_progress"),
]
