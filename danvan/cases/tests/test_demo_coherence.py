"""The demo's cases are coherent: kind, field, title, content, place and answer of one case belong together
("Cầu khỉ Ấp 3" was answered about street lights, the title named Ấp 5 and the place Ấp 7, a feedback was
titled "Khiếu nại: …", one title came four times in a commune)."""

import re
from collections import Counter

import pytest

from danvan.cases import demo
from danvan.cases.models import Case, Kind, Status

pytestmark = pytest.mark.django_db

HAMLET_IN_TITLE = re.compile(r"\b((?:Ấp|Khóm) \d+)\b")


@pytest.fixture
def demo_cases(db):
    from danvan.units import demo as units_demo

    units_demo.seed()
    demo.seed()
    return list(Case.objects.select_related("field", "hamlet", "commune"))


def test_every_demo_case_is_built_from_one_story_whose_kind_field_and_answer_it_keeps(demo_cases):
    for case in demo_cases:
        story = demo.story_of(case)
        assert story is not None, case.title
        assert case.kind == story["kind"] and case.field.code == story["field"], case.title
        if case.answer:
            answers = story["answers"]
            if case.kind in (Kind.COMPLAINT, Kind.DENUNCIATION):
                assert case.answer == answers[case.outcome], case.title
            else:
                hamlet = case.hamlet.name if case.hamlet else case.commune.name
                assert case.answer in [a.format(h=hamlet) for a in answers], case.title


def test_a_title_says_the_kind_of_the_case(demo_cases):
    for case in demo_cases:
        title = case.title
        assert title.startswith("Khiếu nại") == (case.kind == Kind.COMPLAINT), title
        assert title.startswith("Tố cáo") == (case.kind == Kind.DENUNCIATION), title
        if title.startswith(("Kiến nghị", "Đề nghị")):
            assert case.kind == Kind.PETITION, title


def test_the_hamlet_named_in_the_title_is_the_cases_hamlet_and_place(demo_cases):
    named = 0
    for case in demo_cases:
        found = HAMLET_IN_TITLE.findall(case.title)
        if found:
            named += 1
            assert case.hamlet is not None and case.hamlet.name == found[0], case.title
            assert case.place_address.startswith(found[0]) and found[0] in case.content, case.title
    assert named > 150


def test_no_title_is_told_four_times_in_one_commune(demo_cases):
    counts = Counter((c.commune_id, c.title) for c in demo_cases)
    assert max(counts.values()) <= 3
    primaries = Counter(
        (c.commune_id, c.title) for c in demo_cases if c.status != Status.MERGED and c.instance == 1
    )
    assert max(primaries.values()) <= demo.MAX_SAME_TITLE


def test_a_complaint_names_the_decision_it_disputes_and_an_appeal_follows_its_first_complaint(demo_cases):
    for case in demo_cases:
        if case.kind == Kind.COMPLAINT:
            assert (
                case.decision_ref == ""
                or demo.story_of(case)["decision"].split("{n}")[0] in case.decision_ref
            )
        if case.instance == 2:
            first = case.first_instance
            assert case.title == "Khiếu nại lần hai về " + first.title.removeprefix("Khiếu nại ")
            assert case.hamlet_id == first.hamlet_id and case.decision_ref == first.decision_ref
