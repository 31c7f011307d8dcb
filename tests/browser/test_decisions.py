"""Community decisions (M4, dân bàn dân quyết) in chromium, on the demo of Xã Tràm Chim.

1. Online voting (item 6, after the accepting poll): the demo citizen votes for the household; another member of
   the same household, whose page still showed the form, is refused with a message; the result stays hidden on
   the citizen's, the public and the officer's pages while voting is open and shows once the officer closes it.
2. One result from two channels: an officer makes an item-1 decision through the screens (notice, the documents
   at every household, voting opened), records a meeting tally and a ballot tally, is refused a household counted
   twice across the channels, closes the vote; the officer's and the public pages show one result whose numbers
   are the sums of the two tallies.
3. The commune-wide decision's pages and a citizens' initiative's pages (officer and public) render.

The public decision page, the citizen's vote page and the officer's decision page (the timeline) are screenshot
at 375 and 1280 px and checked with axe-core."""

import datetime as dt

import pytest

from tests.browser.test_cases import SIZES, open_page, serious_violations

pytestmark = pytest.mark.browser

PASSWORD = "danvan2026"
OFFICER = "danvan.tramchim"  # decisions.manage in Xã Tràm Chim
CITIZEN = "congdan"  # verified, linked to a household of Tràm Chim (seed_demo)
ONCE = "Hộ của bạn đã được tính phiếu cho việc này; mỗi hộ chỉ biểu quyết một lần."
HIDDEN = "Kết quả được công bố sau khi kết thúc biểu quyết."
REQUIRED = "Số hộ tán thành cần thiết"  # a line of the result block, shown only after close


# A stacked table cell at phone width is a grid of its label and one value: a cell holding several items (a link
# and text, a date, a line break and its citation) would scatter them into the label's column.
SCATTERED_CELLS = """() => [...document.querySelectorAll('.table-stack td[data-label]')]
  .filter(td => [...td.childNodes].filter(n => n.nodeType === 1 || (n.nodeType === 3 && n.textContent.trim()))
    .some((n, i, items) => i > 0 && (n.nodeType === 1 || items[i - 1].nodeType === 1)))
  .map(td => td.dataset.label + ': ' + td.innerText.slice(0, 60))"""


def look(page, shot, name):
    """Screenshots at 1280 and 375 (the page must fit the phone; stacked cells keep their value together),
    axe-core's serious findings at both."""
    for size in ("1280", "375"):
        page.set_viewport_size(SIZES[size])
        assert page.evaluate("document.documentElement.scrollWidth") <= SIZES[size]["width"], (name, size)
        if size == "375":
            assert page.evaluate(SCATTERED_CELLS) == [], name
        shot(page, f"{name}-{size}")
        assert serious_violations(page) == [], (name, size)
    page.set_viewport_size(SIZES["1280"])


def sign_in(page, base, username):
    page.goto(f"{base}/dang-nhap/")
    page.get_by_label("Tên đăng nhập, e-mail hoặc số điện thoại").fill(username)
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_load_state()
    assert "/dang-nhap/" not in page.url, page.url


def post_ok(page):
    page.wait_for_load_state()
    errors = page.locator(".field-error, .alert-error").all_inner_texts()
    assert not errors, errors


def result_facts(page) -> dict:
    """The result block's facts (term → value) as the page shows them."""
    section = page.locator("section[aria-labelledby=ket-qua]")
    terms = section.locator("dt").all_inner_texts()
    values = section.locator("dd").all_inner_texts()
    return dict(zip([t.strip() for t in terms], [v.strip() for v in values], strict=False))


def test_a_citizen_votes_online_once_for_the_household_and_sees_the_result_after_close(
    browser, demo_site, shot
):
    from django.utils import timezone

    from danvan.decisions.models import Decision, HouseholdVote, Status
    from danvan.people.models import User

    citizen = User.objects.select_related("household").get(username=CITIZEN)
    assert citizen.is_verified and citizen.household_id
    festival = Decision.objects.get(status=Status.VOTING, matter="6", unit=citizen.household.hamlet)
    assert festival.online_accepted
    member = User.objects.create_user(  # another member of the same household, verified by the commune
        username="congdan.vo",
        password=PASSWORD,
        kind=User.Kind.CITIZEN,
        full_name="Trần Thị Bình",
        household=citizen.household,
        verified_at=timezone.now(),
    )
    vote_url = f"{demo_site}/tai-khoan/bieu-quyet/{festival.pk}/"

    # --- the other member opens the vote page first: the form is there
    errors = []
    ctx_b, page_b = open_page(browser, "375", errors=errors)
    sign_in(page_b, demo_site, member.username)
    page_b.goto(vote_url)
    assert page_b.get_by_role("button", name="Gửi biểu quyết").is_visible()

    # --- the citizen finds the matter in the area and votes for the household
    ctx_a, page_a = open_page(browser, "375", errors=errors)
    sign_in(page_a, demo_site, CITIZEN)
    page_a.goto(f"{demo_site}/tai-khoan/bieu-quyet/")
    page_a.get_by_role("link", name=festival.title).click()
    page_a.wait_for_load_state()
    assert page_a.url == vote_url
    assert HIDDEN in page_a.content() and REQUIRED not in page_a.content()
    look(page_a, shot, "decision-vote-citizen")
    page_a.get_by_label("Tán thành", exact=True).check()
    page_a.get_by_role("button", name="Gửi biểu quyết").click()
    post_ok(page_a)
    body = page_a.content()
    assert "Đã ghi nhận biểu quyết của hộ." in body and "Hộ của bạn đã được tính phiếu" in body
    assert page_a.get_by_role("button", name="Gửi biểu quyết").count() == 0  # no second form on reload
    assert HIDDEN in body and REQUIRED not in body
    look(page_a, shot, "decision-vote-citizen-voted")

    # --- the other member sends the form still on the screen: refused, with the reason
    page_b.get_by_label("Không tán thành", exact=True).check()
    page_b.get_by_role("button", name="Gửi biểu quyết").click()
    page_b.wait_for_load_state()
    assert page_b.locator(".alert-error").inner_text().strip() == ONCE
    assert page_b.get_by_role("button", name="Gửi biểu quyết").count() == 0
    assert list(HouseholdVote.objects.filter(decision=festival).values_list("choice", flat=True)) == ["yes"]
    ctx_b.close()

    # --- while voting is open nobody sees the result: the public page, the officer's counts only
    ctx_p, page_p = open_page(browser, "375", errors=errors)
    page_p.goto(f"{demo_site}/lay-y-kien/{festival.pk}/")
    assert page_p.locator("h1").inner_text() == festival.title
    assert HIDDEN in page_p.content() and REQUIRED not in page_p.content()
    ctx_o, page_o = open_page(browser, "1280", errors=errors)
    sign_in(page_o, demo_site, OFFICER)
    page_o.goto(f"{demo_site}/can-bo/lay-y-kien/{festival.pk}/")
    counted = page_o.locator("section", has_text="Số hộ đã được tính").inner_text()
    assert f"1 trên {festival.households_total} hộ đã được tính phiếu" in counted
    assert REQUIRED not in page_o.content()

    # --- the officer closes the vote; the citizen, the public and the officer see the result
    page_o.get_by_label("Tôi xác nhận đã ghi đủ kết quả").check()
    page_o.get_by_role("button", name="Kết thúc biểu quyết và tính kết quả").click()
    post_ok(page_o)
    festival.refresh_from_db()
    assert festival.status in (Status.PASSED, Status.NOT_PASSED) and festival.yes_count == 1
    facts = result_facts(page_o)
    assert facts["Tán thành"] == "1" and facts["Số hộ tham gia"] == "1"
    look(page_o, shot, "decision-officer-online")
    page_a.reload()
    facts = result_facts(page_a)
    assert facts["Tán thành"] == "1" and facts["Tổng số hộ của thôn"] == str(festival.households_total)
    assert festival.get_status_display() in page_a.locator("#ket-qua").inner_text()
    look(page_a, shot, "decision-vote-citizen-closed")
    page_p.reload()
    assert result_facts(page_p)["Tán thành"] == "1"
    assert errors == []
    for ctx in (ctx_a, ctx_o, ctx_p):
        ctx.close()


def test_an_officer_adds_a_meeting_and_a_ballot_into_one_result(browser, demo_site, shot):
    from django.db.models import Count

    from danvan.core.formatting import local_today
    from danvan.decisions.models import Decision, RollEntry, Status
    from danvan.people.models import Household
    from danvan.units.selectors import unit_by_code

    today = local_today()
    commune = unit_by_code("30001")
    hamlet_id = (
        Household.objects.filter(commune=commune)
        .values("hamlet")
        .annotate(n=Count("pk"))
        .filter(n__gte=6)
        .order_by("-n")
        .first()["hamlet"]
    )
    households = list(Household.objects.filter(hamlet_id=hamlet_id).select_related("hamlet").order_by("code"))
    hamlet = households[0].hamlet
    title = f"Làm mới cầu bê tông kênh Ba {hamlet.name}"

    errors = []
    context, page = open_page(browser, "1280", errors=errors)
    sign_in(page, demo_site, OFFICER)

    # --- the draft, an item-1 matter voted today
    page.goto(f"{demo_site}/can-bo/lay-y-kien/them/")
    page.select_option("#id_unit", label=hamlet.name)
    page.select_option("#id_matter", "1")
    page.locator("#id_title").fill(title)
    page.locator("#id_content").fill("Mỗi hộ góp 400.000 đồng và 2 ngày công; xã hỗ trợ xi măng, sắt thép.")
    page.select_option("#id_proposer", "hamlet_head")
    page.locator("#id_voting_on").fill(today.isoformat())
    page.get_by_role("button", name="Lưu").click()
    post_ok(page)
    decision = Decision.objects.get(title=title)
    assert page.url.endswith(f"/can-bo/lay-y-kien/{decision.pk}/")

    # --- the notice must be two days ahead: a notice given yesterday is refused, then three days ago
    page.locator("#id_notice_on").fill((today - dt.timedelta(days=1)).isoformat())
    page.get_by_role("button", name="Ghi nhận đã thông báo").click()
    page.wait_for_load_state()
    assert "chậm nhất 2 ngày trước ngày biểu quyết" in page.locator(".alert-error").inner_text()
    page.locator("#id_notice_on").fill((today - dt.timedelta(days=3)).isoformat())
    page.locator("#id_place").fill(f"Nhà văn hóa {hamlet.name}")
    page.get_by_role("button", name="Ghi nhận đã thông báo").click()
    post_ok(page)
    # voting cannot open before the documents reached every household (items 1–3)
    page.get_by_role("button", name="Mở biểu quyết").click()
    page.wait_for_load_state()
    assert "phải gửi tài liệu đến từng hộ gia đình" in page.locator(".alert-error").inner_text()
    page.get_by_role("link", name="Ghi nhận đã gửi tài liệu đến từng hộ").click()
    page.wait_for_load_state()
    page.locator("#id_delivered_on").fill((today - dt.timedelta(days=3)).isoformat())
    page.get_by_role("button", name="Lưu").click()
    post_ok(page)
    page.get_by_role("button", name="Mở biểu quyết").click()
    post_ok(page)
    decision.refresh_from_db()
    assert decision.status == Status.VOTING and decision.households_total == len(households)

    # --- the meeting: the households present by their codes; all but the last two
    present, away = households[:-2], households[-2:]
    page.get_by_role("link", name="Ghi kết quả kiểm phiếu").click()
    page.wait_for_load_state()
    page.select_option("#id_channel", "meeting")
    page.locator("#id_households").fill(", ".join(h.code for h in present))
    meeting_yes, meeting_no, meeting_other = len(present) - 2, 1, 1
    page.locator("#id_yes").fill(str(meeting_yes))
    page.locator("#id_no").fill(str(meeting_no))
    page.locator("#id_other").fill(str(meeting_other))
    page.get_by_role("button", name="Ghi kết quả").click()
    post_ok(page)
    assert f"Họp cộng đồng dân cư: {len(present)} hộ" in page.content()

    # --- the ballots: one of a household already counted at the meeting is refused, naming it
    codes = dict(RollEntry.objects.filter(decision=decision).values_list("household_id", "ballot_code"))
    page.get_by_role("link", name="Ghi kết quả kiểm phiếu").click()
    page.wait_for_load_state()
    page.select_option("#id_channel", "ballot")
    page.locator("#id_households").fill("\n".join([codes[away[0].pk], codes[present[0].pk]]))
    page.locator("#id_yes").fill("2")
    page.locator("#id_no").fill("0")
    page.locator("#id_other").fill("0")
    page.get_by_role("button", name="Ghi kết quả").click()
    page.wait_for_load_state()
    refused = page.locator(".field-error").inner_text()
    assert "Hộ đã được tính phiếu, không được tính lần nữa" in refused
    assert present[0].representative_name in refused
    assert decision.tallies.count() == 1
    page.locator("#id_households").fill("\n".join(codes[h.pk] for h in away))
    page.locator("#id_yes").fill("1")
    page.locator("#id_no").fill("1")
    page.locator("#id_other").fill("0")
    page.get_by_role("button", name="Ghi kết quả").click()
    post_ok(page)
    counted = page.locator("section", has_text="Số hộ đã được tính").inner_text()
    assert f"{len(households)} trên {len(households)} hộ đã được tính phiếu" in counted
    assert REQUIRED not in page.content()

    # --- closing: one result, the sums of both channels
    page.get_by_label("Tôi xác nhận đã ghi đủ kết quả").check()
    page.get_by_role("button", name="Kết thúc biểu quyết và tính kết quả").click()
    post_ok(page)
    decision.refresh_from_db()
    expected = {
        "Tổng số hộ của thôn": str(len(households)),
        "Số hộ tham gia": str(len(households)),
        "Tán thành": str(meeting_yes + 1),
        "Không tán thành": str(meeting_no + 1),
        "Ý kiến khác": str(meeting_other),
        REQUIRED: str(decision.required),
    }
    facts = result_facts(page)
    assert {k: facts[k] for k in expected} == expected
    assert decision.yes_count == meeting_yes + 1 and decision.counted_count == len(households)
    assert decision.status == (
        Status.PASSED if decision.yes_count >= decision.required else Status.NOT_PASSED
    )
    timeline = page.locator("section[aria-labelledby=tien-trinh] tbody tr")
    assert timeline.count() >= 5
    steps = page.locator("ul.actions")  # the next steps: buttons in a row, no list bullets
    assert steps.get_by_role("link", name="Ghi nhận đã gửi biên bản").is_visible()
    assert steps.evaluate("e => getComputedStyle(e).listStyleType") == "none"
    look(page, shot, "decision-officer")
    context.close()

    # --- the public page shows the same result
    context, page = open_page(browser, "375", errors=errors)
    page.goto(f"{demo_site}/lay-y-kien/")
    page.get_by_role("link", name=title).click()
    page.wait_for_load_state()
    assert {k: result_facts(page)[k] for k in expected} == expected
    look(page, shot, "decision-public")
    assert errors == []
    context.close()


def test_the_commune_wide_decision_and_an_initiative_render_for_officers_and_the_public(
    browser, demo_site, shot
):
    from danvan.decisions.models import Decision, Initiative, InitiativeStatus, Scope

    whole = Decision.objects.get(scope=Scope.COMMUNE)
    parts = list(whole.parts.select_related("unit"))
    collecting = Initiative.objects.get(status=InitiativeStatus.COLLECTING)
    reached = Initiative.objects.get(status=InitiativeStatus.REACHED)
    errors = []

    context, page = open_page(browser, "375", errors=errors)
    page.goto(f"{demo_site}/lay-y-kien/{whole.pk}/")  # the list's link redirects to the commune-wide page
    assert page.url.endswith(f"/lay-y-kien/toan-xa/{whole.pk}/")
    assert page.locator("h1").inner_text() == whole.title
    rows = page.locator("section[aria-labelledby=ket-qua-toan-xa] tbody tr")
    assert rows.count() == len(parts)
    assert all(p.unit.name in page.content() for p in parts)
    look(page, shot, "decision-commune-public")
    page.goto(f"{demo_site}/lay-y-kien/sang-kien/")
    assert collecting.title in page.content()
    look(page, shot, "decision-initiatives-public")
    context.close()

    context, page = open_page(browser, "1280", errors=errors)
    sign_in(page, demo_site, OFFICER)
    page.goto(f"{demo_site}/can-bo/lay-y-kien/toan-xa/{whole.pk}/")
    assert page.locator("h1").inner_text() == whole.title
    assert page.locator("section[aria-labelledby=ket-qua-toan-xa] tbody a").count() == len(parts)
    assert page.get_by_role("heading", name="Các bước").count() == 0  # closed: no empty steps card
    look(page, shot, "decision-commune-officer")
    for initiative in (collecting, reached):
        page.goto(f"{demo_site}/can-bo/lay-y-kien/sang-kien/{initiative.pk}/")
        assert page.locator("h1").inner_text() == initiative.title
        assert initiative.get_status_display() in page.content()
    assert page.get_by_role("button", name="Lập dự thảo").is_visible()  # the reached one can be drafted
    look(page, shot, "decision-initiative-officer")
    assert errors == []
    context.close()
