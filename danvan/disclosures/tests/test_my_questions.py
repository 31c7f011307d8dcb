"""A citizen's questions on disclosures and their answers in their area (issue 10.1): asked from the
account (no phone or e-mail needed then), or with the account's verified phone."""

import pytest
from django.urls import reverse
from django.utils import timezone

from danvan.disclosures import services
from danvan.disclosures.models import DisclosureQuestion
from danvan.notifications.models import Notification
from danvan.people.models import User

from .helpers import make

pytestmark = pytest.mark.django_db
MINE = reverse("disclosures:my_questions")


def test_a_question_asked_signed_in_shows_with_its_answer_and_the_answer_reaches_the_app(
    client, cast, django_capture_on_commit_callbacks
):
    d = make(cast)
    client.force_login(cast.binh)
    page = client.get(d.get_absolute_url()).content.decode()
    assert 'value="0912345678"' in page  # the account's phone, prefilled
    response = client.post(d.get_absolute_url(), {"question": "Kinh phí này chia theo ấp thế nào?"})
    assert response.status_code == 302
    q = DisclosureQuestion.objects.get()
    assert q.asker == cast.binh and q.phone == ""
    html = client.get(MINE).content.decode()
    assert "Kinh phí này chia theo ấp thế nào?" in html and "Chờ trả lời" in html
    with django_capture_on_commit_callbacks(execute=True):
        services.question_answer(actor=cast.lan, question=q, answer="Chia theo số hộ của từng ấp.")
    assert "Chia theo số hộ của từng ấp." in client.get(MINE).content.decode()
    notice = Notification.objects.get(user=cast.binh)
    assert "đã được trả lời" in notice.title and notice.url == MINE


def test_without_an_account_a_contact_is_still_required(cast):
    from danvan.core.errors import DomainError

    with pytest.raises(DomainError, match="số điện thoại hoặc thư điện tử"):
        services.question_ask(disclosure=make(cast), question="Hỏi?")


def test_questions_asked_with_the_verified_phone_show_others_do_not(client, cast):
    d = make(cast)
    services.question_ask(disclosure=d, question="Câu hỏi gửi bằng số điện thoại", phone="0912 345 678")
    services.question_ask(disclosure=d, question="Câu hỏi của người khác", phone="0912 000 999")
    client.force_login(cast.binh)
    assert "Câu hỏi gửi bằng số điện thoại" not in client.get(MINE).content.decode()
    User.objects.filter(pk=cast.binh.pk).update(phone_verified_at=timezone.now())
    html = client.get(MINE).content.decode()
    assert "Câu hỏi gửi bằng số điện thoại" in html and "Câu hỏi của người khác" not in html


def test_the_list_costs_the_same_queries_for_many_questions(client, cast, django_assert_max_num_queries):
    d = make(cast)
    for i, disclosure in enumerate(
        [d, make(cast, 2)] * 5
    ):  # more than one hour's limit: rows written directly
        DisclosureQuestion.objects.create(disclosure=disclosure, question=f"Câu hỏi {i}", asker=cast.binh)
    client.force_login(cast.binh)
    with django_assert_max_num_queries(7):
        assert client.get(MINE).status_code == 200
