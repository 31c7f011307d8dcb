"""Citizen reception URLs, included at the site root (public /doi-thoai/…, officers /can-bo/tiep-cong-dan/…)."""

from django.urls import path

from . import views, views_documents

app_name = "dialogues"
urlpatterns = [
    path("doi-thoai/", views.public_schedule, name="public_schedule"),
    path("doi-thoai/<str:code>/lich.ics", views.public_ics, name="public_ics"),
    path("can-bo/tiep-cong-dan/", views.ws_home, name="ws_home"),
    path("can-bo/tiep-cong-dan/lich/them/", views.ws_schedule_add, name="ws_schedule_add"),
    path(
        "can-bo/tiep-cong-dan/lich/<int:pk>/cong-bo/", views.ws_schedule_publish, name="ws_schedule_publish"
    ),
    path("can-bo/tiep-cong-dan/ngay/them/", views.ws_session_add, name="ws_session_add"),
    path("can-bo/tiep-cong-dan/ngay/<int:pk>/huy/", views.ws_session_cancel, name="ws_session_cancel"),
    path("can-bo/tiep-cong-dan/so/", views.ws_visits, name="ws_visits"),
    path("can-bo/tiep-cong-dan/so/ghi/", views.ws_visit_add, name="ws_visit_add"),
    path("doi-thoai/hoi-nghi/<int:held>/", views.public_dialogue, name="public_dialogue"),
    path("can-bo/tiep-cong-dan/doi-thoai/", views.ws_dialogues, name="ws_dialogues"),
    path("can-bo/tiep-cong-dan/doi-thoai/them/", views.ws_dialogue_add, name="ws_dialogue_add"),
    path("can-bo/tiep-cong-dan/doi-thoai/<int:dialogue>/", views.ws_dialogue, name="ws_dialogue"),
    path(
        "can-bo/tiep-cong-dan/doi-thoai/<int:dialogue>/sua/", views.ws_dialogue_edit, name="ws_dialogue_edit"
    ),
    path(
        "can-bo/tiep-cong-dan/doi-thoai/<int:dialogue>/noi-dung/", views.ws_agenda_add, name="ws_agenda_add"
    ),
    path(
        "can-bo/tiep-cong-dan/doi-thoai/noi-dung/<int:item>/tra-loi/",
        views.ws_agenda_answer,
        name="ws_agenda_answer",
    ),
    path(
        "can-bo/tiep-cong-dan/doi-thoai/<int:dialogue>/ket-thuc/",
        views.ws_dialogue_hold,
        name="ws_dialogue_hold",
    ),
    path(
        "can-bo/tiep-cong-dan/doi-thoai/<int:dialogue>/huy/",
        views.ws_dialogue_cancel,
        name="ws_dialogue_cancel",
    ),
    path(
        "can-bo/tiep-cong-dan/doi-thoai/<int:dialogue>/cam-ket/",
        views.ws_commitment_add,
        name="ws_commitment_add",
    ),
    path("can-bo/tiep-cong-dan/cam-ket/", views.ws_commitments, name="ws_commitments"),
    path(
        "can-bo/tiep-cong-dan/cam-ket/<int:commitment>/cap-nhat/",
        views.ws_commitment_update,
        name="ws_commitment_update",
    ),
    path(
        "can-bo/tiep-cong-dan/doi-thoai/<int:dialogue>/bien-ban/",
        views_documents.ws_dialogue_minutes,
        name="ws_dialogue_minutes",
    ),
    path(
        "can-bo/tiep-cong-dan/ngay/<int:pk>/bien-ban/",
        views_documents.ws_session_minutes,
        name="ws_session_minutes",
    ),
    path("can-bo/tiep-cong-dan/bien-ban/<int:minutes>/", views_documents.ws_minutes, name="ws_minutes"),
    path(
        "can-bo/tiep-cong-dan/bien-ban/<int:minutes>/tai-ve/",
        views_documents.ws_minutes_download,
        name="ws_minutes_download",
    ),
    path(
        "can-bo/tiep-cong-dan/doi-thoai/<int:dialogue>/bai-viet/",
        views_documents.ws_dialogue_article,
        name="ws_dialogue_article",
    ),
    path("can-bo/tiep-cong-dan/so/<int:visit>/", views_documents.ws_visit, name="ws_visit"),
    path(
        "can-bo/tiep-cong-dan/cam-ket/tep/<int:pk>/",
        views_documents.ws_commitment_file,
        name="ws_commitment_file",
    ),
]

# citizens' registrations and questions, invitees and attendance, the citizen's own page (views_participation)
from . import views_participation as vp  # noqa: E402

urlpatterns += [
    path("doi-thoai/sap-to-chuc/<int:dialogue>/", vp.public_upcoming, name="public_upcoming"),
    path("doi-thoai/sap-to-chuc/<int:dialogue>/dang-ky/", vp.public_register, name="public_register"),
    path("doi-thoai/sap-to-chuc/<int:dialogue>/cau-hoi/", vp.public_question, name="public_question"),
    path("tai-khoan/doi-thoai/", vp.my_dialogues, name="my_dialogues"),
    path(
        "can-bo/tiep-cong-dan/doi-thoai/dang-ky/<int:pk>/duyet/",
        vp.ws_registration_moderate,
        name="ws_registration_moderate",
    ),
    path(
        "can-bo/tiep-cong-dan/doi-thoai/cau-hoi/<int:pk>/duyet/",
        vp.ws_question_moderate,
        name="ws_question_moderate",
    ),
    path(
        "can-bo/tiep-cong-dan/doi-thoai/cau-hoi/<int:pk>/dua-vao-noi-dung/",
        vp.ws_question_to_agenda,
        name="ws_question_to_agenda",
    ),
    path(
        "can-bo/tiep-cong-dan/doi-thoai/<int:dialogue>/moi/", vp.ws_participant_add, name="ws_participant_add"
    ),
    path(
        "can-bo/tiep-cong-dan/doi-thoai/moi/<int:pk>/bo/",
        vp.ws_participant_remove,
        name="ws_participant_remove",
    ),
    path("can-bo/tiep-cong-dan/doi-thoai/<int:dialogue>/diem-danh/", vp.ws_attendance, name="ws_attendance"),
]
