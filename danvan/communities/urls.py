"""URLs of the communities module, included at the site root (public /hoi-quan/…, officers /can-bo/…)."""

from django.urls import path

from . import views

app_name = "communities"
urlpatterns = [
    path("hoi-quan/", views.directory, name="directory"),
    path("hoi-quan/cong-trinh/", views.projects, name="projects"),
    path("hoi-quan/cong-trinh/<int:pk>/", views.project_page, name="project"),
    path("hoi-quan/bang-vang/", views.honour, name="honour"),
    path("hoi-quan/du-lieu-mo/cong-trinh.csv", views.open_projects_csv, name="open_projects_csv"),
    path("hoi-quan/du-lieu-mo/cong-trinh.json", views.open_projects_json, name="open_projects_json"),
    path("hoi-quan/du-lieu-mo/tong-hop.json", views.open_totals_json, name="open_totals_json"),
    path("hoi-quan/<int:pk>/", views.group_page, name="group"),
    path("can-bo/hoi-quan/", views.ws_groups, name="ws_groups"),
    path("can-bo/hoi-quan/them/", views.ws_group_new, name="ws_group_new"),
    path("can-bo/hoi-quan/<int:pk>/", views.ws_group, name="ws_group"),
    path("can-bo/hoi-quan/<int:pk>/sua/", views.ws_group_edit, name="ws_group_edit"),
    path("can-bo/hoi-quan/<int:pk>/thanh-vien/", views.ws_group_member, name="ws_group_member"),
    path(
        "can-bo/hoi-quan/<int:pk>/thanh-vien/<int:member_pk>/ra/",
        views.ws_member_leave,
        name="ws_member_leave",
    ),
    path(
        "can-bo/hoi-quan/<int:pk>/nhap-thanh-vien/",
        views.ws_group_member_import,
        name="ws_group_member_import",
    ),
    path(
        "can-bo/hoi-quan/mau-nhap-thanh-vien.xlsx",
        views.ws_member_import_template,
        name="ws_member_import_template",
    ),
    path("can-bo/hoi-quan/nhap-thanh-vien/<int:pk>/", views.ws_member_import, name="ws_member_import"),
    path("can-bo/hoi-quan/<int:pk>/ban-dieu-hanh/", views.ws_group_board, name="ws_group_board"),
    path("can-bo/hoi-quan/<int:pk>/sinh-hoat/", views.ws_group_meeting, name="ws_group_meeting"),
    path("can-bo/hoi-quan/<int:pk>/tinh-trang/", views.ws_group_status, name="ws_group_status"),
    path("can-bo/hoi-quan/<int:pk>/danh-gia/", views.ws_group_assess, name="ws_group_assess"),
    path("can-bo/hoi-quan/cung-co/", views.ws_weak_groups, name="ws_weak_groups"),
    path("can-bo/hoi-quan/<int:pk>/quy/", views.ws_group_fund, name="ws_group_fund"),
    path(
        "can-bo/hoi-quan/<int:pk>/quy/<int:entry_pk>/dieu-chinh/",
        views.ws_fund_reverse,
        name="ws_fund_reverse",
    ),
    path(
        "can-bo/hoi-quan/<int:pk>/quy/<int:entry_pk>/chung-tu/", views.ws_fund_receipt, name="ws_fund_receipt"
    ),
    path("can-bo/hoi-quan/<int:pk>/cung-co/", views.ws_group_plan, name="ws_group_plan"),
    path("can-bo/cong-trinh/<int:pk>/tien-do/", views.ws_project_progress, name="ws_project_progress"),
    path("can-bo/cong-trinh/", views.ws_projects, name="ws_projects"),
    path("can-bo/cong-trinh/them/", views.ws_project_new, name="ws_project_new"),
    path("can-bo/cong-trinh/<int:pk>/", views.ws_project, name="ws_project"),
    path("can-bo/cong-trinh/<int:pk>/sua/", views.ws_project_edit, name="ws_project_edit"),
    path("can-bo/cong-trinh/<int:pk>/dong-gop/", views.ws_project_contribute, name="ws_project_contribute"),
    path("can-bo/cong-trinh/<int:pk>/nhap/", views.ws_project_import, name="ws_project_import"),
    path("can-bo/cong-trinh/mau-nhap-dong-gop.xlsx", views.ws_import_template, name="ws_import_template"),
    path("can-bo/dong-gop/nhap/<int:pk>/", views.ws_import, name="ws_import"),
    path("can-bo/dong-gop/", views.ws_ledger, name="ws_ledger"),
    path("can-bo/dong-gop/xuat.xlsx", views.ws_ledger_xlsx, name="ws_ledger_xlsx"),
    path("can-bo/dong-gop/<int:pk>/dieu-chinh/", views.ws_reverse, name="ws_reverse"),
]
