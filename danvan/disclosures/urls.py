"""Disclosures URLs, included at the site root (full paths: public /cong-khai/…, officers /can-bo/cong-khai/…)."""

from django.urls import path

from . import views

app_name = "disclosures"
urlpatterns = [
    path("cong-khai/", views.disclosure_list, name="list"),
    path("cong-khai/so-theo-doi/", views.register_page, name="register"),
    path("cong-khai/so-theo-doi/tai-ve.docx", views.register_docx, name="register_docx"),
    path("cong-khai/so-theo-doi/tai-ve.xlsx", views.register_xlsx, name="register_xlsx"),
    path("cong-khai/tep/<int:pk>/", views.disclosure_file, name="file"),
    path("cong-khai/<int:pk>/", views.disclosure_detail, name="detail"),
    path("tai-khoan/cau-hoi/", views.my_questions, name="my_questions"),
    path("can-bo/cong-khai/", views.ws_list, name="ws_list"),
    path("can-bo/cong-khai/them/", views.ws_create, name="ws_create"),
    path("can-bo/cong-khai/so-theo-doi/", views.ws_register, name="ws_register"),
    path("can-bo/cong-khai/cau-hoi/", views.ws_questions, name="ws_questions"),
    path("can-bo/cong-khai/cau-hoi/<int:pk>/tra-loi/", views.ws_answer, name="ws_answer"),
    path("can-bo/cong-khai/cau-hoi/<int:pk>/khong-dang/", views.ws_reject, name="ws_reject"),
    path("can-bo/cong-khai/<int:pk>/", views.ws_detail, name="ws_detail"),
    path("can-bo/cong-khai/<int:pk>/sua/", views.ws_edit, name="ws_edit"),
    path("can-bo/cong-khai/<int:pk>/cong-khai/", views.ws_publish, name="ws_publish"),
    path("can-bo/cong-khai/<int:pk>/thu-hoi/", views.ws_withdraw, name="ws_withdraw"),
    path("can-bo/cong-khai/<int:pk>/tep/", views.ws_file_add, name="ws_file_add"),
    path("can-bo/cong-khai/<int:pk>/tep/<int:file_pk>/xoa/", views.ws_file_remove, name="ws_file_remove"),
]
