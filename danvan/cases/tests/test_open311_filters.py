"""Open311 GET requests: the filters of the specification, the default answer and bounded paging."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from danvan.cases import services
from danvan.cases.models import Case
from danvan.core.formatting import local_today

from .test_api import O311, field, submit

VN = ZoneInfo("Asia/Ho_Chi_Minh")


def codes(client, **params):
    response = client.get(f"{O311}/requests.json", params)
    assert response.status_code == 200, response.content
    return [r["service_request_id"] for r in response.json()]


def at(case, day: dt.date, hour: int, minute: int = 0) -> Case:
    """Say the case was entered at `hour:minute` Vietnam time on `day`."""
    moment = dt.datetime.combine(day, dt.time(hour, minute), tzinfo=VN)
    Case.objects.filter(pk=case.pk).update(created_at=moment, updated_at=moment)
    return case


def test_service_request_ids_override_every_other_filter(client, cast):
    roads = submit(cast)
    old = submit(cast, received_on=local_today() - dt.timedelta(days=200), field=field("moi-truong"))
    declined = submit(cast, field=field("dat-dai"))
    services.case_decline(actor=cast.minh, case=declined, reason="Không thuộc thẩm quyền của xã.")
    submit(cast)  # not asked for
    denunciation = submit(cast, kind="denunciation")
    ids = f"{roads.code}, {old.code.lower()},{declined.code},{denunciation.code},KHONG-CO"
    got = codes(client, service_request_id=ids, service_code="ha-tang-giao-thong", status="open")
    assert set(got) == {roads.code, old.code, declined.code}  # never the denunciation
    too_many = ",".join(f"PA26-{i:06d}" for i in range(1001))
    assert client.get(f"{O311}/requests.json", {"service_request_id": too_many}).status_code == 400


def test_the_default_answer_is_the_last_90_days_up_to_1000_requests(client, cast):
    for i in range(51):
        submit(cast, content=f"Đèn đường số {i} bị hỏng.")
    submit(cast, received_on=local_today() - dt.timedelta(days=91))
    assert len(codes(client)) == 51


def test_dates_are_compared_to_the_second_with_their_offsets(client, cast):
    day = local_today() - dt.timedelta(days=2)
    morning = at(submit(cast, received_on=day), day, 8, 15)
    noon = at(submit(cast, received_on=day), day, 11, 59)
    evening = at(submit(cast, received_on=day), day, 20, 30)
    # a letter received that day, entered two days later: requested at the start of the day it was received
    letter = submit(cast, received_on=day)
    at(letter, day + dt.timedelta(days=2), 9)
    iso = day.isoformat()
    assert set(codes(client, start_date=f"{iso}T08:00:00+07:00", end_date=f"{iso}T12:00:00+07:00")) == {
        morning.code,
        noon.code,
    }
    # the same instants in UTC (Z) and with another offset
    assert set(codes(client, start_date=f"{iso}T04:00:00Z", end_date=f"{iso}T07:00:00-07:00")) == {
        noon.code,
        evening.code,
    }
    assert codes(client, start_date=f"{iso}T11:59:00+07:00", end_date=f"{iso}T11:59:00+07:00") == [noon.code]
    # a '+' sent unencoded arrives as a space: still read as the offset
    got = client.get(f"{O311}/requests.json?start_date={iso}T20:00:00+07:00&end_date={iso}T21:00:00+07:00")
    assert [r["service_request_id"] for r in got.json()] == [evening.code]
    # the start of the day holds the letter entered later
    assert set(codes(client, start_date=f"{iso}T00:00:00+07:00", end_date=f"{iso}T08:00:00+07:00")) == {
        letter.code
    }
    assert letter.code not in codes(
        client, start_date=f"{iso}T00:00:01+07:00", end_date=f"{iso}T23:00:00+07:00"
    )
    # a day alone is that whole day (for end_date: up to its end)
    assert len(codes(client, start_date=iso, end_date=iso)) == 4
    # what the list says of each request agrees with the filter
    shown = {
        r["service_request_id"]: r["requested_datetime"] for r in client.get(f"{O311}/requests.json").json()
    }
    assert shown[noon.code] == f"{iso}T11:59:00+07:00" and shown[letter.code] == f"{iso}T00:00:00+07:00"


def test_a_date_range_across_several_days_takes_the_days_between_whole(client, cast):
    first, last = local_today() - dt.timedelta(days=6), local_today() - dt.timedelta(days=2)
    before = at(submit(cast, received_on=first), first, 7)
    after = at(submit(cast, received_on=first), first, 9)
    between = at(submit(cast, received_on=first + dt.timedelta(days=2)), first + dt.timedelta(days=2), 23, 59)
    end_early = at(submit(cast, received_on=last), last, 6)
    end_late = at(submit(cast, received_on=last), last, 18)
    got = codes(client, start_date=f"{first}T08:00:00+07:00", end_date=f"{last}T12:00:00+07:00")
    assert set(got) == {after.code, between.code, end_early.code}
    assert before.code not in got and end_late.code not in got


@pytest.mark.parametrize(
    "value", ["hôm qua", "2026-02-30", "2026-13-01T00:00:00Z", "31/01/2026", "2026-01-31T25:00:00+07:00"]
)
def test_a_bad_date_is_a_400_with_an_error_body(client, cast, value):
    response = client.get(f"{O311}/requests.json", {"start_date": value})
    assert response.status_code == 400
    [error] = response.json()
    assert error["code"] == 400 and "start_date" in error["description"]


def test_a_hamlet_code_filters_requests_as_it_does_for_a_post(client, cast):
    phu_hoa = submit(cast, hamlet=cast.hamlet)
    phu_loi = submit(cast, hamlet=cast.other_hamlet)
    no_hamlet = submit(cast, hamlet=None)
    an_thanh = submit(cast, unit=cast.sibling_commune, hamlet=cast.sibling_hamlet)
    assert codes(client, jurisdiction_id="30025-02") == [phu_loi.code]
    assert set(codes(client, jurisdiction_id="30025")) == {phu_hoa.code, phu_loi.code, no_hamlet.code}
    assert set(codes(client, jurisdiction_id="871")) == {
        phu_hoa.code,
        phu_loi.code,
        no_hamlet.code,
        an_thanh.code,
    }
    # a jurisdiction is where the problem is: a case transferred to An Long is still one of Phú Lợi's
    services.case_transfer(actor=cast.minh, case=phu_loi, to_unit=cast.sibling_commune, reason="Thẩm quyền.")
    assert codes(client, jurisdiction_id="30025-02") == [phu_loi.code]
    assert codes(client, jurisdiction_id="30022") == [an_thanh.code]


def test_an_unknown_jurisdiction_is_404(client, cast):
    response = client.get(f"{O311}/requests.json", {"jurisdiction_id": "99999"})
    assert response.status_code == 404 and "99999" in response.json()[0]["description"]


@pytest.mark.parametrize(
    "params",
    [
        {"page": "1" * 30},
        {"page": "99999999"},
        {"page_size": "1" * 30},
        {"page_size": "1000000"},
        {"page": "-1"},
        {"page": "1e3"},
        {"page_size": "0"},
        {"page_size": "mười"},
        {"page": "101", "page_size": "1000"},
    ],
)
def test_paging_is_bounded_and_a_bad_value_is_a_400_never_a_500(client, cast, params):
    submit(cast)
    response = client.get(f"{O311}/requests.json", params)
    assert response.status_code == 400, response.content
    [error] = response.json()
    assert error["code"] == 400 and error["description"]
    assert client.get(f"{O311}/requests.xml", params).status_code == 400


def test_the_last_page_within_the_bound_answers(client, cast):
    submit(cast)
    assert codes(client, page="100", page_size="1000") == []
    assert len(codes(client, page="1", page_size="1000")) == 1
