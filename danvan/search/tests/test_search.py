import datetime as dt
import io
import re

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.management import CommandError, call_command
from django.urls import reverse

from danvan.core.text import normalize
from danvan.search.models import SearchDocument
from danvan.search.registry import reindex_all, search_index, search_remove
from danvan.search.selectors import search, snippet
from danvan.search.terms import MAX_QUERY_TOKENS, query_terms
from danvan.units.models import Unit, UnitKind
from danvan.units.services import unit_create, unit_update

EPOCH = dt.date(2019, 1, 1)


def titles(results):
    return [hit.title for hit in results.hits]


def commune(cast, code, name, **extra):
    return unit_create(
        actor=None,
        code=code,
        name=name,
        kind=UnitKind.COMMUNE,
        parent=cast.district,
        valid_from=EPOCH,
        **extra,
    )


@pytest.fixture
def tram_chim(cast):
    return unit_create(
        actor=None,
        code="30001",
        name="Thị trấn Tràm Chim",
        kind=UnitKind.TOWNSHIP,
        parent=cast.district,
        valid_from=EPOCH,
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Tràm Chim", "tram chim"),
        ("Đường", "duong"),
        ("khiếu nại", "khieu nai"),
        ("ĐỒNG THÁP", "dong thap"),
        ("Tra\u0300m Chim", "tram chim"),  # decomposed input (combining grave accent)
        ("Đường 3/2 — Phường 1", "duong 3 2 phuong 1"),
    ],
)
def test_normaliser_removes_diacritics_and_folds_d(text, expected):
    assert normalize(text) == expected


def test_query_is_cut_to_a_bounded_number_of_words():
    terms = query_terms(" ".join(f"tu{i}" for i in range(20)))
    assert len(terms.tokens) == MAX_QUERY_TOKENS
    assert query_terms("Xã   Đồng xã").tokens == ("xa", "dong")
    assert query_terms("Xã Đồng").exact == ("xã", "đồng")


def test_every_unit_is_indexed_when_created(cast):
    doc = SearchDocument.objects.get(
        content_type=ContentType.objects.get_for_model(Unit), object_id=cast.commune.pk
    )
    assert doc.title == "Xã Phú Cường"
    assert doc.kind == "Đơn vị"
    assert doc.summary == "Xã thuộc Huyện Tam Nông, Tỉnh Đồng Tháp · hiệu lực từ 01/01/2019"
    assert doc.url == "/don-vi/30025/"
    assert doc.unit == cast.commune
    assert SearchDocument.objects.count() == Unit.objects.count()


def test_unit_summaries_say_what_and_where(cast):
    def summary(unit):
        return SearchDocument.objects.get(object_id=unit.pk).summary

    assert summary(cast.province) == "Cấp tỉnh · hiệu lực từ 01/01/2019"
    assert (
        summary(cast.hamlet)
        == "Ấp thuộc Xã Phú Cường, Huyện Tam Nông, Tỉnh Đồng Tháp · hiệu lực từ 01/01/2019"
    )
    front = unit_create(
        actor=None,
        code="30025-MT",
        name="Uỷ ban Mặt trận Tổ quốc xã Phú Cường",
        kind=UnitKind.FATHERLAND_FRONT,
        parent=cast.commune,
    )
    assert summary(front) == "Uỷ ban Mặt trận Tổ quốc thuộc Xã Phú Cường, Huyện Tam Nông, Tỉnh Đồng Tháp"
    old = unit_create(
        actor=None,
        code="30099",
        name="Xã Cũ",
        kind=UnitKind.COMMUNE,
        parent=cast.district,
        valid_from=EPOCH,
        valid_to=dt.date(2025, 6, 30),
    )
    assert summary(old).endswith("· hiệu lực từ 01/01/2019 đến 30/06/2025")


def test_unaccented_query_finds_the_accented_name(tram_chim):
    results = search("tram chim")
    assert titles(results) == ["Thị trấn Tràm Chim"]
    assert results.total == 1
    assert results.hits[0].url == "/don-vi/30001/"


def test_duong_finds_duong_and_khieu_nai_finds_khieu_nai(cast):
    unit_create(
        actor=None,
        code="30025-TDP",
        name="Tổ dân phố Đường Ba Tháng Hai",
        kind=UnitKind.RESIDENTIAL_GROUP,
        parent=cast.commune,
        valid_from=EPOCH,
    )
    unit_create(
        actor=None,
        code="30025-KN",
        name="Ban tiếp công dân và giải quyết khiếu nại",
        kind=UnitKind.AGENCY,
        parent=cast.commune,
        valid_from=EPOCH,
    )
    assert titles(search("duong")) == ["Tổ dân phố Đường Ba Tháng Hai"]
    hit = search("khieu nai").hits[0]
    assert hit.title == "Ban tiếp công dân và giải quyết khiếu nại"
    assert hit.kind == "Tổ chức"


def test_words_match_by_prefix_while_typing(tram_chim):
    assert titles(search("tram ch")) == ["Thị trấn Tràm Chim"]
    assert titles(search("tràm")) == ["Thị trấn Tràm Chim"]
    # a query word must start a word: "am" is inside "tram" but starts no word
    assert search("am chim").total == 0


def test_only_the_last_word_may_be_unfinished(tram_chim):
    # "tra" is a word of its own (trà), not the start of "tram": earlier words match whole words only
    assert search("tra chim").total == 0
    assert search("thi tran tram").total == 1
    assert search("thi tra").total == 1


def test_every_query_word_must_match(cast, tram_chim):
    assert search("tram chim phu").total == 0


def test_code_and_summary_are_searchable(cast):
    assert "Xã Phú Cường" in titles(search("30025"))
    assert "Xã Phú Cường" not in titles(search("30022"))
    assert "Ấp Phú Hòa" in titles(search("xa phu cuong"))  # the hamlet's summary names its commune


@pytest.mark.parametrize(
    ("query", "first"),
    [
        ("Xã Đông", "Xã Đông Hòa"),
        ("Xã Đồng", "Xã Đồng Hòa"),
        ("Xã Động", "Xã Động Hòa"),
        ("động", "Xã Động Hòa"),
        ("ĐỒNG", "Xã Đồng Hòa"),
        ("Xa\u0303 \u0110o\u0302\u0300ng", "Xã Đồng Hòa"),  # typed decomposed (NFD)
    ],
)
def test_query_with_diacritics_ranks_exact_matches_first(cast, query, first):
    for code, name in [("91", "Xã Đồng Hòa"), ("92", "Xã Động Hòa"), ("93", "Xã Đông Hòa")]:
        commune(cast, code, name)
    found = titles(search(query))
    variants = [t for t in found if t in {"Xã Đồng Hòa", "Xã Động Hòa", "Xã Đông Hòa"}]
    assert len(variants) == 3  # unaccenting merges them all…
    assert variants[0] == first  # …but the exact spelling comes first
    if query.startswith("Xã"):
        assert found[0] == first


def test_query_without_diacritics_finds_all_spellings(cast):
    for code, name in [("91", "Xã Đồng Hòa"), ("92", "Xã Động Hòa"), ("93", "Xã Đông Hòa")]:
        commune(cast, code, name)
    # the three titles carry the phrase; "Ấp Phú Hòa" (in Tỉnh Đồng Tháp) only matches in its summary
    assert set(titles(search("dong hoa"))[:3]) == {"Xã Đông Hòa", "Xã Đồng Hòa", "Xã Động Hòa"}


def test_title_phrase_ranks_above_scattered_words(cast):
    commune(cast, "a", "Xã Hòa An Thới")
    commune(cast, "b", "Xã An Hòa")
    assert titles(search("an hoa"))[:1] == ["Xã An Hòa"]


def test_index_follows_unit_update(cast):
    assert search("phu cuong").total >= 1
    unit_update(actor=None, unit=cast.commune, name="Xã Phú Cường Mới")
    assert "Xã Phú Cường Mới" in titles(search("cuong moi"))
    unit_update(actor=None, unit=cast.commune, name="Xã Tân Cường")
    assert "Xã Tân Cường" in titles(search("tan cuong"))
    assert "Xã Phú Cường Mới" not in titles(search("phu cuong"))


def test_unit_filter_limits_to_the_subtree(cast):
    everywhere = titles(search("phu"))
    assert "Xã Tân Phú" in everywhere
    in_commune = titles(search("phu", unit=cast.commune))
    assert set(in_commune) == {"Ấp Phú Hòa", "Ấp Phú Lợi", "Xã Phú Cường"}
    assert titles(search("phu", unit=cast.other_district)) == ["Xã Tân Phú"]


def test_kind_filter(cast):
    unit_create(
        actor=None,
        code="30025-HND",
        name="Hội Nông dân xã Phú Cường",
        kind=UnitKind.FARMERS_UNION,
        parent=cast.commune,
        valid_from=EPOCH,
    )
    assert titles(search("phu cuong", kinds=["Tổ chức"])) == ["Hội Nông dân xã Phú Cường"]
    assert "Hội Nông dân xã Phú Cường" not in titles(search("phu cuong", kinds=["Đơn vị"]))


def test_limit_and_offset_page_through_results(cast):
    all_hits = titles(search("ap"))
    assert len(all_hits) == 3
    first = search("ap", limit=2)
    second = search("ap", limit=2, offset=2)
    assert first.total == second.total == 3
    assert titles(first) + titles(second) == all_hits
    assert search("ap", offset=10).hits == []


@pytest.mark.parametrize("query", ["", "   ", "!!! ???", None])
def test_empty_query_finds_nothing_without_touching_the_database(cast, query, django_assert_num_queries):
    with django_assert_num_queries(0):
        results = search(query)
    assert results.total == 0 and results.hits == []


def test_non_public_documents_are_not_found(cast):
    SearchDocument.objects.filter(object_id=cast.commune.pk).update(is_public=False)
    assert "Xã Phú Cường" not in titles(search("phu cuong"))


def test_search_remove_and_search_index(cast):
    search_remove(cast.commune)
    assert "Xã Phú Cường" not in titles(search("phu cuong"))
    assert search_index(cast.commune) is True
    assert "Xã Phú Cường" in titles(search("phu cuong"))


def test_reindex_rebuilds_and_drops_stale_documents(cast):
    unit_ct = ContentType.objects.get_for_model(Unit)
    SearchDocument.objects.filter(object_id=cast.hamlet.pk).delete()
    SearchDocument.objects.filter(object_id=cast.commune.pk).update(
        title="cũ", norm_title="cu", norm_body="cu"
    )
    stale = SearchDocument.objects.get(object_id=cast.far_commune.pk)
    stale.pk, stale.object_id = None, 999_999
    stale.save()
    counts = reindex_all()
    assert counts["units.Unit"] == Unit.objects.count()
    assert SearchDocument.objects.filter(content_type=unit_ct).count() == Unit.objects.count()
    assert not SearchDocument.objects.filter(object_id=999_999).exists()
    assert titles(search("phu hoa")) == ["Ấp Phú Hòa"]
    assert SearchDocument.objects.get(object_id=cast.commune.pk).title == "Xã Phú Cường"


def test_a_document_that_becomes_unsearchable_is_removed(cast, monkeypatch):
    from danvan.search import registry

    original = registry.registration_for(Unit).to_document
    hidden = registry.Registration(Unit, lambda unit: None if unit.pk == cast.commune.pk else original(unit))
    monkeypatch.setitem(registry._registry, "units.unit", hidden)
    assert search_index(cast.commune) is False
    assert "Xã Phú Cường" not in titles(search("phu cuong"))
    assert reindex_all([Unit]) == {"units.Unit": Unit.objects.count() - 1}


def test_unregistered_models_are_refused(cast):
    from danvan.units.models import CommunityCount

    count = CommunityCount(unit=cast.hamlet, as_of=EPOCH, households=1, voters=1)
    with pytest.raises(LookupError):
        search_index(count)


def test_reindex_command(cast):
    SearchDocument.objects.all().delete()
    out = io.StringIO()
    call_command("search_reindex", stdout=out)
    assert "units.Unit: 9 mục" in out.getvalue()
    assert SearchDocument.objects.count() == Unit.objects.count()
    assert titles(search("tam nong"))[0] == "Huyện Tam Nông"
    call_command("search_reindex", "units.Unit", stdout=io.StringIO())
    with pytest.raises(CommandError):
        call_command("search_reindex", "units.Nothing", stdout=io.StringIO())


def test_snippet_marks_matching_words_and_escapes():
    html = snippet("Xã thuộc Huyện Tam Nông <b>", ["tam", "nong"])
    assert html == "Xã thuộc Huyện <mark>Tam</mark> <mark>Nông</mark> &lt;b&gt;"
    long = "mở đầu " * 60 + "Tràm Chim kết thúc " + "đuôi " * 60
    cut = snippet(long, ["tram"])
    assert "<mark>Tràm</mark>" in cut and cut.startswith("… ") and cut.endswith(" …")
    assert len(cut) < 300


# The public page


def test_page_shows_results(client, tram_chim):
    response = client.get(reverse("search:search"), {"q": "tram chim"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Tìm thấy 1 kết quả cho “tram chim”" in html
    assert 'href="/don-vi/30001/"' in html
    assert "Thị trấn Tràm Chim" in html
    assert 'name="q"' in html and 'value="tram chim"' in html


def test_page_escapes_the_query(client, cast):
    html = client.get("/tim-kiem/", {"q": "<script>alert(1)</script>"}).content.decode()
    assert "<script>alert" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_page_without_query_invites_to_search(client, cast):
    response = client.get("/tim-kiem/")
    assert response.status_code == 200
    assert "Nhập từ khóa" in response.content.decode()


def test_page_without_results_gives_tips(client, cast):
    response = client.get("/tim-kiem/", {"q": "không có gì như thế này"})
    html = response.content.decode()
    assert "Không tìm thấy kết quả nào cho “không có gì như thế này”" in html
    assert "không dấu" in html


def test_page_filters_to_a_unit_subtree(client, cast):
    html = client.get("/tim-kiem/", {"q": "phu", "don-vi": "30025"}).content.decode()
    assert "Tìm thấy 3 kết quả" in html
    assert "Xã Tân Phú" not in html.split("result-list", 1)[1]


def test_page_paginates_and_clamps_the_page_number(client, cast):
    for i in range(25):
        unit_create(
            actor=None,
            code=f"30025-T{i:02d}",
            name=f"Ấp Thử Nghiệm {i}",
            kind=UnitKind.HAMLET,
            parent=cast.commune,
            valid_from=EPOCH,
        )
    html = client.get("/tim-kiem/", {"q": "thu nghiem"}).content.decode()
    assert "Tìm thấy 25 kết quả" in html and "trang=2" in html
    last = client.get("/tim-kiem/", {"q": "thu nghiem", "trang": "9"}).content.decode()
    assert "Trang 2/2" in last and last.split('class="result-list"')[1].count('class="badge"') == 5
    assert client.get("/tim-kiem/", {"q": "thu nghiem", "trang": "abc"}).status_code == 200


def test_page_query_count(client, cast, django_assert_max_num_queries):
    for i in range(15):
        unit_create(
            actor=None,
            code=f"30025-T{i:02d}",
            name=f"Ấp Thử Nghiệm {i}",
            kind=UnitKind.HAMLET,
            parent=cast.commune,
            valid_from=EPOCH,
        )
    with django_assert_max_num_queries(6):
        response = client.get("/tim-kiem/", {"q": "thu nghiem", "don-vi": "30025"})
    assert "Tìm thấy 15 kết quả" in response.content.decode()


def test_postgresql_keeps_a_weighted_vector_with_a_gin_index(cast):
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("the tsvector column is filled on PostgreSQL only")
    assert not SearchDocument.objects.filter(vector=None).exists()
    doc = SearchDocument.objects.filter(object_id=cast.commune.pk).values_list("vector", flat=True).get()
    assert "'cuong':3A" in doc and "'tam':10B" in doc
    with connection.cursor() as cursor:
        indexes = connection.introspection.get_constraints(cursor, SearchDocument._meta.db_table)
    assert indexes["search_document_vector_gin"]["type"] == "gin"


def test_counting_stops_at_a_cap(cast, monkeypatch, client):
    from danvan.search import selectors

    monkeypatch.setattr(selectors, "MAX_COUNT", 3)
    results = search("phu")  # Xã Phú Cường, Ấp Phú Hòa, Ấp Phú Lợi, Xã Tân Phú
    assert results.total == 3 and results.more
    assert len(search("phu", limit=2, offset=2).hits) == 1
    assert search("phu", offset=3).hits == []
    html = client.get("/tim-kiem/", {"q": "phu"}).content.decode()
    assert "Tìm thấy hơn 3 kết quả cho “phu”" in html


def test_the_unit_itself_ranks_before_the_organisations_named_after_it(cast):
    from danvan.search.selectors import search
    from danvan.units.models import UnitKind
    from danvan.units.services import unit_create

    commune = unit_create(
        actor=None, code="30001", name="Xã Tràm Chim", kind=UnitKind.COMMUNE, parent=cast.district
    )
    unit_create(
        actor=None,
        code="30001-DU",
        name="Đảng uỷ xã Tràm Chim",
        kind=UnitKind.PARTY_COMMITTEE,
        parent=commune,
    )
    unit_create(
        actor=None,
        code="30001-UB",
        name="Uỷ ban nhân dân xã Tràm Chim",
        kind=UnitKind.PEOPLES_COMMITTEE,
        parent=commune,
    )
    titles = [hit.title for hit in search("tram chim").hits]
    assert titles[0] == "Xã Tràm Chim"


# ---------------------------------------------------------------- what a person looks for comes first


def test_the_unit_named_by_the_whole_query_comes_before_news_that_mention_it(cast):
    """ "tram chim" put Xã Tràm Chim 20th, under newer news with the name in their titles."""
    from danvan.publishing.tests.helpers import published

    commune(cast, "30002", "Xã Tràm Chim")
    for n in range(3):
        published(cast, title=f"Xã Tràm Chim ra quân làm đường giao thông nông thôn đợt {n + 1}")
    assert titles(search("tram chim"))[0] == "Xã Tràm Chim"
    assert titles(search("Tràm Chim"))[0] == "Xã Tràm Chim"
    assert titles(search("xa tram chim"))[0] == "Xã Tràm Chim"
    # a query that is not a whole name keeps the usual order (news with every word in the title)
    assert titles(search("tram chim lam duong"))[0].startswith("Xã Tràm Chim ra quân")


def test_a_hit_shows_its_own_date_not_the_day_it_was_indexed(client, cast):
    from danvan.publishing.tests.helpers import published

    when = dt.datetime(2020, 6, 15, 9, 0, tzinfo=dt.UTC)
    article = published(cast, title="Hội nghị đối thoại năm 2020", when=when)
    hit = search("hoi nghi doi thoai 2020").hits[0]
    assert hit.title == article.title and hit.published_at.year == 2020
    html = client.get("/tim-kiem/", {"q": "hoi nghi doi thoai 2020"}).content.decode()
    assert "15/06/2020" in html


@pytest.mark.parametrize(
    ("query", "kind", "label"),
    [
        ("khieu nai", "complaint", "Gửi khiếu nại trực tuyến"),
        ("Tố cáo cán bộ", "denunciation", "Gửi tố cáo trực tuyến"),
        ("phản ánh đèn đường", "feedback", "Gửi phản ánh trực tuyến"),
        ("kien nghi", "petition", "Gửi kiến nghị trực tuyến"),
    ],
)
def test_a_query_naming_a_kind_of_case_offers_the_form(client, cast, query, kind, label):
    html = client.get("/tim-kiem/", {"q": query}).content.decode()
    assert label in html and f"/phan-anh/gui/?loai={kind}" in html
    form = client.get("/phan-anh/gui/", {"loai": kind}).content.decode()
    checked = re.findall(r'<input type="radio" name="kind"[^>]*value="(\w+)"[^>]*checked', form)
    assert checked == [kind]  # the form opens with that kind chosen


def test_other_queries_offer_no_form(client, cast):
    html = client.get("/tim-kiem/", {"q": "nông thôn mới"}).content.decode()
    assert "/phan-anh/gui/?loai=" not in html
