"""Every public and workspace page at 375 px: nothing wider than the screen or its box, the heading on the first
screen.

The pages come from the URL configuration, not from a hand-made list: every route is opened (its parameters
filled from demo objects, workspace routes signed in as a demo officer who may use them). A route answering
405 to a GET is an action (a form posts to it) and a route answering something other than HTML is a file
(spreadsheet, document, feed, image): neither is a page. Any other route must answer a page, or be listed in
EXCLUDED with the reason, so a new page is covered as soon as it is added — or this test fails and says
which route needs demo parameters or a reason.

A page fails when the document is wider than the screen; when any visible box reaches past the right edge;
when a scrolling box (a table's wrapper) holds content wider than itself (the inbox's 674-px table in a
343-px box: the deadline column off-screen); when a box that clips cuts its content; and when the main
heading (`h1`) does not end within the first screen (375 × 667).
"""

import re
from urllib.parse import urlencode

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

from .conftest import SHOTS

pytestmark = pytest.mark.browser

PHONE = {"width": 375, "height": 667}
PASSWORD = "danvan2026"

# Route names that are not pages, with the reason (everything else must open as a page).
EXCLUDED = {
    "set_language": "the language switch: a form's action that redirects back",
    "access:login_code": "the code step exists only while a sign-in with two-factor is pending (tests/browser/"
    "test_two_factor.py opens it)",
    "people:household_import_status": "no household import in the demo (test_workspace_pages.py opens one)",
    "people:household_import_progress": "the import's progress fragment polled by htmx, not a page",
    "cases:attachment": "a citizen's attached file (a download, not a page); the demo has no attachments",
    "cases:submitted": "the receipt shown once after a case is sent (tests/browser/test_cases.py opens it)",
    "access:two_factor_qr": "the QR image of an enrolment in progress (an image; the enrolment page is covered)",
    "api-not-found": "the API (JSON)",
    "cases:track_resolution_file": "the resolution document's file (a download, not a page)",
    "cases:resolution_file": "the resolution document's file (a download, not a page)",
    "cases:dialogue_minutes": "a dialogue's minutes file (a download, not a page)",
    "places:communes": "the place picker's list of communes, a fragment fetched by htmx (the forms are covered)",
    "places:hamlets": "the place picker's hamlet select, a fragment fetched by htmx (the forms are covered)",
    "dialogues:ws_commitment_file": "a commitment's evidence file (a download, not a page); the demo has none",
    "reviews:ws_report_action": "a report's workflow buttons (POST) that redirect back to the report",
    "reviews:ws_report_docx": "the report as a DOCX (a download, not a page)",
    "reviews:ws_report_pdf": "the report as a PDF (a download, not a page)",
    "reviews:ws_report_xlsx": "the report's indicators as XLSX (a download, not a page)",
    "reviews:ws_report_render": "asks for the report's files (POST) and redirects back to the report",
    "reviews:ws_report_files": "the report's files card alone (a fragment polled by htmx, not a page)",
    "decisions:ws_document": "a decision's form or minutes as a DOCX (a download, not a page)",
    "decisions:ws_tally_document": "a tally's counting minutes as a DOCX (a download, not a page)",
    "decisions:ws_document_pdf": "a decision's form or minutes as a PDF (a download, not a page)",
    "decisions:ws_tally_document_pdf": "a tally's counting minutes as a PDF (a download, not a page)",
    "consultations:ws_synthesis_docx": "a consultation's synthesis as a DOCX (a download, not a page)",
    "conventions:ws_document": "a convention's text as a DOCX (a download, not a page)",
    "conventions:public_document": "a convention's text as a DOCX (a download, not a page)",
    "communities:ws_import": "the result of a contributions import; the demo has none (danvan/communities/tests/"
    "test_import.py opens one)",
    "communities:ws_fund_receipt": "a fund line's receipt file (a download, not a page); the demo has none",
    "communities:ws_member_import": "the result of a members import; the demo has none (danvan/communities/tests/"
    "test_member_import.py opens one)",
}
EXCLUDED_PREFIXES = {
    "admin/": "Django's admin, styled by Django",
    "api/": "the API (JSON, OpenAPI)",
    "^media/": "uploaded files",
}
# The officer who opens a workspace route (by URL name, else by namespace, else the default): one who may use it.
OFFICERS = {
    "people": "quantri.tramchim",
    "units:edit": "quantri.tramchim",
    "units:count_add": "quantri.tramchim",
}
DEFAULT_OFFICER = "lanhdao.tramchim"
CITIZEN = "congdan"
# Query strings that show a page with its content rather than its empty state.
QUERIES = {
    "search:search": {"q": "tram chim"},
    "disclosures:register": {"don-vi": "30001"},
    "cases:track": {},
    "dialogues:public_schedule": {"don-vi": "30001"},
}


def demo_parameters():
    """URL parameters of each route, from demo objects of Xã Tràm Chim (where the demo officers work)."""
    from django.contrib.auth.tokens import default_token_generator
    from django.utils.encoding import force_bytes
    from django.utils.http import urlsafe_base64_encode

    from danvan.cases import selectors
    from danvan.cases.models import Case, Status
    from danvan.cases.selectors import published_answers
    from danvan.disclosures.models import Disclosure, DisclosureFile
    from danvan.disclosures.models import Status as DisclosureStatus
    from danvan.people.models import Household, HouseholdRequest, User
    from danvan.publishing.models import Article
    from danvan.units.selectors import unit_by_code

    commune = unit_by_code("30001")
    article = Article.objects.filter(unit__path__startswith=commune.path).order_by("-publish_at").first()
    published = Article.objects.filter(status="published").order_by("-publish_at").first()
    disclosure = (
        Disclosure.objects.filter(unit=commune, status=DisclosureStatus.PUBLISHED)
        .order_by("-posting_start")
        .first()
    )
    case = (
        Case.objects.filter(unit=commune, status__in=[Status.RESOLVED, Status.CLOSED]).order_by("-pk").first()
    )
    household = Household.objects.filter(commune=commune, members__is_representative=False).first()
    resident = household.members.filter(is_representative=False).first()
    citizen = User.objects.get(username="congdan")
    own_case = selectors.cases_of(citizen).first()
    request = HouseholdRequest.objects.filter(hamlet__path__startswith=commune.path).order_by("-pk").first()
    from danvan.core.formatting import local_today
    from danvan.dialogues.models import ReceptionSession

    reception_day = (
        ReceptionSession.objects.filter(unit=commune, status="planned", day__gte=local_today())
        .order_by("day")
        .first()
    )
    from danvan.communities import selectors as community_selectors

    group = community_selectors.groups_in(commune).filter(members__isnull=False).order_by("pk").first()
    project = community_selectors.projects_in(commune).order_by("pk").first()
    contribution = project.contributions.filter(reverses__isnull=True, reversed_by__isnull=True).first()
    from danvan.communities.models import FundEntry

    fund_line = FundEntry.objects.filter(
        group__in=community_selectors.groups_in(commune), reverses__isnull=True, reversed_by__isnull=True
    ).first()
    from danvan.dialogues.models import Commitment, Dialogue, Minutes, ReceptionVisit

    held = Dialogue.objects.filter(unit=commune, status="held").order_by("-day").first()
    planned = Dialogue.objects.filter(unit=commune, status="planned").order_by("day").first()
    from danvan.reviews.models import UnitReport

    review = UnitReport.objects.filter(unit=commune, period__start__year=2026).first()
    from danvan.decisions.models import Decision

    closed_decision = Decision.objects.filter(commune=commune, status="passed").order_by("pk").first()
    commune_wide = Decision.objects.get(commune=commune, scope="commune")
    from danvan.decisions.models import Initiative

    initiative = Initiative.objects.filter(commune=commune, proposed_by__username="congdan").first()
    from danvan.consultations.models import Consultation

    consultation = Consultation.objects.filter(commune=commune, status="decided").first()
    from danvan.conventions.models import Comment

    comment = Comment.objects.filter(version__convention__commune=commune).order_by("pk").first()
    return {
        "conventions:*": {"pk": comment.version.convention_id, "comment_pk": comment.pk, "action": "gop-y"},
        "consultations:*": {"pk": consultation.pk, "opinion_pk": consultation.opinions.first().pk},
        "reviews:*": {"pk": review.pk, "did": review.directions.first().pk},
        "decisions:my_vote": {"pk": Decision.objects.filter(commune=commune, status="voting").first().pk},
        "decisions:public_commune": {"pk": commune_wide.pk},
        "decisions:ws_commune": {"pk": commune_wide.pk},
        "decisions:ws_initiative": {"pk": initiative.pk},
        "decisions:my_initiative": {"pk": initiative.pk},
        "decisions:*": {
            "pk": closed_decision.pk,
            "step": "gui-bien-ban",
            "tally_pk": closed_decision.tallies.order_by("pk").first().pk,
        },
        "dialogues:*": {
            "code": commune.code,
            "pk": reception_day.pk,
            "held": held.pk,
            "dialogue": planned.pk,
            "item": planned.items.first().pk,
            "commitment": Commitment.objects.filter(unit=commune, status="in_progress").first().pk,
            "minutes": Minutes.objects.filter(unit=commune).first().pk,
            "visit": ReceptionVisit.objects.filter(unit=commune).first().pk,
        },
        "publishing:article_detail": {"slug": published.slug},
        "publishing:*": {"pk": article.pk},
        "disclosures:file": {
            "pk": getattr(DisclosureFile.objects.filter(disclosure=disclosure).first(), "pk", 0)
        },
        "disclosures:*": {"pk": disclosure.pk},
        "disclosures:ws_file_remove": {
            "pk": disclosure.pk,
            "file_pk": getattr(disclosure.files.first(), "pk", 0),
        },
        "cases:answer": {"code": published_answers(unit=commune).first().code},
        "cases:action": {"pk": case.pk, "name": "close"},
        "cases:*": {"pk": case.pk},
        "units:*": {"pk": commune.pk},
        "cases:unit_submit": {"code": commune.code},
        "cases:my_case": {"code": own_case.code},
        "people:request_detail": {"pk": request.pk},
        "people:*": {"pk": household.pk, "resident_pk": resident.pk, "user_pk": citizen.pk},
        "web:unit_section": {"code": commune.code},
        "communities:project": {"pk": project.pk},
        "communities:ws_project": {"pk": project.pk},
        "communities:ws_project_edit": {"pk": project.pk},
        "communities:ws_project_contribute": {"pk": project.pk},
        "communities:ws_project_import": {"pk": project.pk},
        "communities:ws_reverse": {"pk": contribution.pk},
        "communities:ws_project_progress": {"pk": project.pk},
        "communities:ws_fund_reverse": {"pk": fund_line.group_id, "entry_pk": fund_line.pk},
        "communities:*": {"pk": group.pk, "member_pk": group.members.first().pk},
        "access:password_reset_confirm": {
            "uidb64": urlsafe_base64_encode(force_bytes(citizen.pk)),
            "token": default_token_generator.make_token(citizen),
        },
    }


def routes():
    """(route, URL name, parameter names) of every URL pattern."""

    def walk(patterns, prefix="", namespace=None):
        for p in patterns:
            if isinstance(p, URLResolver):
                yield from walk(p.url_patterns, prefix + str(p.pattern), p.namespace or namespace)
            elif isinstance(p, URLPattern):
                name = f"{namespace}:{p.name}" if namespace and p.name else (p.name or "")
                yield prefix + str(p.pattern), name, list(p.pattern.regex.groupindex)

    return list(walk(get_resolver().url_patterns))


def _fill(route: str, name: str, params: list[str], demo: dict) -> str:
    values = demo.get(name) or demo.get(name.split(":")[0] + ":*") or {}
    missing = [p for p in params if p not in values]
    if missing:
        raise LookupError(f"{route} ({name}): add demo values for {missing} to demo_parameters() or EXCLUDED")
    path = "/" + route
    for p in params:
        path = re.sub(r"<(?:\w+:)?" + p + ">", str(values[p]), path)
    query = QUERIES.get(name)
    return path + ("?" + urlencode(query) if query else "")


MEASURE = """() => {
  const vw = document.documentElement.clientWidth, vh = window.innerHeight;
  const problems = [];
  const name = el => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') +
    (typeof el.className === 'string' && el.className.trim() ? '.' + el.className.trim().split(/\\s+/).join('.') : '');
  const clipped = el => { for (let a = el; a; a = a.parentElement) { const s = getComputedStyle(a);
    if (s.clip !== 'auto' || s.display === 'none' || s.visibility === 'hidden') return true; } return false; };
  if (document.documentElement.scrollWidth > vw + 1)
    problems.push(`the document is ${document.documentElement.scrollWidth} px wide on a ${vw}-px screen`);
  for (const el of document.body.querySelectorAll('*')) {
    const r = el.getBoundingClientRect();
    if (r.width === 0 || r.height === 0 || el.closest('.skip-link') || clipped(el)) continue;
    const s = getComputedStyle(el);
    if (r.right > vw + 1) problems.push(`${name(el)} reaches ${Math.round(r.right)} px (screen ${vw} px)`);
    if (['auto', 'scroll'].includes(s.overflowX) && el.scrollWidth > el.clientWidth + 1)
      problems.push(`${name(el)} holds ${el.scrollWidth} px of content in a ${el.clientWidth}-px scrolling box`);
    const p = el.parentElement;
    if (p && ['hidden', 'clip'].includes(getComputedStyle(p).overflowX)) {
      const pr = p.getBoundingClientRect();
      if (r.right > pr.right + 1) problems.push(`${name(el)} is cut by ${name(p)} (${Math.round(r.width)} px in ${Math.round(pr.width)} px)`);
    }
  }
  const h1 = document.querySelector('main h1') || document.querySelector('h1');
  if (!h1) problems.push('no main heading (h1)');
  else { const r = h1.getBoundingClientRect();
    if (r.bottom > vh) problems.push(`the heading ends at ${Math.round(r.bottom)} px, below the first screen (${vh} px)`); }
  return [...new Set(problems)].slice(0, 8);
}"""


def _login(page, base, username):
    page.goto(base + "/dang-nhap/")
    page.get_by_label("Tên đăng nhập, e-mail hoặc số điện thoại").fill(username)
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_load_state()


def _officer(name: str) -> str:
    return OFFICERS.get(name) or OFFICERS.get(name.split(":")[0]) or DEFAULT_OFFICER


def test_every_page_fits_a_phone_and_shows_its_heading_on_the_first_screen(browser, demo_site):
    demo = demo_parameters()
    plan: dict[str | None, list[tuple[str, str]]] = {}
    errors = []
    for route, name, params in routes():
        if name in EXCLUDED or any(route.startswith(p) for p in EXCLUDED_PREFIXES):
            continue
        try:
            path = _fill(route, name, params, demo)
        except LookupError as exc:
            errors.append(str(exc))
            continue
        if route.startswith("can-bo/"):
            user = _officer(name)
        else:  # the citizen's area signed in as the demo citizen; public pages as a visitor
            user = CITIZEN if route.startswith("tai-khoan/") else None
        plan.setdefault(user, []).append((name, path))
    assert sum(len(v) for v in plan.values()) > 60
    pages = 0
    for user, items in plan.items():
        context = browser.new_context(viewport=PHONE, locale="vi-VN")
        page = context.new_page()
        if user:
            _login(page, demo_site, user)
        for name, path in items:
            probe = page.request.get(demo_site + path)  # the context's cookies: signed in as `user`
            kind = (probe.headers.get("content-type") or "").split(";")[0]
            if probe.status == 405 or (probe.ok and kind != "text/html"):
                continue  # an action a form posts to, or a file
            response = page.goto(demo_site + path) if probe.ok else probe
            if not response.ok:
                errors.append(f"{path} ({name}) as {user or 'a visitor'}: HTTP {response.status}")
                continue
            pages += 1
            problems = page.evaluate(MEASURE)
            if problems:
                errors.append(f"{path} ({name}): " + "; ".join(problems))
            SHOTS.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(SHOTS / f"phone-{name.replace(':', '-') or 'home'}.png"))
        context.close()
    assert pages > 45
    assert not errors, "\n".join(errors)


def test_the_phone_menus_open_without_javascript_and_take_one_row(browser, demo_site, shot):
    for user, path, menu in ((None, "/", ".main-nav"), ("lanhdao.tramchim", "/can-bo/don-thu/", ".ws-nav")):
        context = browser.new_context(viewport=PHONE, locale="vi-VN", java_script_enabled=False)
        page = context.new_page()
        if user:
            _login(page, demo_site, user)
        page.goto(demo_site + path)
        nav = page.locator(menu)
        first = nav.locator(".menu li a").first
        shown = "e => e.checkVisibility({contentVisibilityAuto: true})"
        assert nav.bounding_box()["height"] < 70  # one row, not three
        assert not first.evaluate(shown)
        nav.locator("summary").click()
        assert first.evaluate(shown) and nav.bounding_box()["height"] > 250
        shot(page, f"phone-menu-open{'-ws' if user else ''}")
        page.set_viewport_size({"width": 1280, "height": 900})
        page.reload()
        assert first.evaluate(shown)  # a wide screen: the menu stands open, without its summary
        assert not nav.locator("summary").is_visible()
        context.close()
