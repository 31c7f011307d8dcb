"""Schemathesis over the whole API, as served (`make test-api`; marked `api_fuzz`, outside `make test`).

The schema is loaded from the app (`/api/v1/openapi.json` through the WSGI application, in-process, on the
test database) and every operation is called with generated requests — the schema's examples, the coverage
phase's boundary values (huge and negative numbers, wrong types, missing fields, arrays for objects) and
`MAX_EXAMPLES` random ones, with a fixed seed, derandomized — twice: anonymously and signed in as a unit
leader (session cookie + CSRF cookie and `X-CSRFToken` header, as a browser or a script of the unit sends
them). Every answer must be: no 5xx (`not_a_server_error`), a status the operation declares
(`status_code_conformance`), a declared content type (`content_type_conformance`: errors are JSON too) and
a body that matches the declared schema (`response_schema_conformance`).

Open311's operations (`danvan/cases/open311/`) run in their own tests, with the same checks: their errors
are GeoReport lists in JSON or XML, as declared.
"""

import string

import pytest
import schemathesis
from django.conf import settings
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django.test import Client
from django.utils.crypto import get_random_string
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from config.wsgi import application
from danvan.cases.tests.helpers import submit
from danvan.disclosures.tests.helpers import make as make_disclosure
from danvan.publishing.tests.helpers import draft, published

MAX_EXAMPLES = 25
SEED = 20260212

CONFIG = schemathesis.Config.from_dict(
    {
        "seed": SEED,
        "generation": {
            "mode": "all",
            "max-examples": MAX_EXAMPLES,
            "deterministic": True,
            "database": "none",
        },
        "phases": {
            "examples": {"enabled": True},
            "coverage": {"enabled": True},
            "fuzzing": {"enabled": True},
            "stateful": {"enabled": False},
        },
        "suppress-health-check": ["all"],
    }
)
CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]

schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application, config=CONFIG)

# ids, slugs and codes of the rows `data` made, by path parameter: half of the generated values are turned
# into one of them, so the operations on one object run their services, not only their 404
KNOWN: dict[str, list] = {}


@schema.hook
def map_path_parameters(context, path_parameters):
    for name, value in list((path_parameters or {}).items()):
        known = KNOWN.get(name)
        if not known or isinstance(value, bool):
            continue
        if isinstance(value, int) and value % 2 == 0:
            path_parameters[name] = known[value // 2 % len(known)]
        elif isinstance(value, str) and len(value) % 2 == 0:
            path_parameters[name] = known[len(value) // 2 % len(known)]
    return path_parameters


ours = schema.exclude(tag="open311")
open311 = schema.include(tag="open311")

pytestmark = [pytest.mark.api_fuzz, pytest.mark.django_db]


@pytest.fixture(autouse=True)
def _same_connection():
    """Django's WSGI handler closes "obsolete" connections when a request starts and ends, and inside the
    test's transaction the test's own connection looks obsolete; Django's test client disconnects the same
    two receivers."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


def _dialogue(cast):
    """A planned dialogue of the commune with a free topic and a commitment (the reception officer API)."""
    import datetime as dt

    from danvan.core.formatting import local_today
    from danvan.dialogues import services as reception

    d = reception.dialogue_create(
        actor=cast.tuan,
        unit=cast.commune,
        day=local_today(),
        topic="Đối thoại về thủy lợi",
        host_name="Phạm Anh Tuấn",
        host_role="Chủ tịch UBND xã",
        place="Hội trường xã",
    )
    reception.agenda_add(actor=cast.tuan, dialogue=d, topic="Nạo vét kênh")
    reception.commitment_create(
        actor=cast.tuan,
        dialogue=d,
        content="Nạo vét kênh",
        owner_unit="Xã",
        due=d.day + dt.timedelta(days=30),
    )
    return d


@pytest.fixture
def data(cast):
    """Something for the generated ids and codes to find: cases of each kind, articles, a disclosure."""
    cases = [submit(cast, kind) for kind in ("feedback", "petition", "complaint", "denunciation")]
    articles = [draft(cast), published(cast)]
    disclosure = make_disclosure(cast)
    dialogue = _dialogue(cast)
    KNOWN.clear()
    KNOWN.update(
        case_id=[c.pk for c in cases],
        article_id=[a.pk for a in articles],
        slug=[a.slug for a in articles],
        pk=[disclosure.pk],
        code=[cast.commune.code, cast.hamlet.code, cast.district.code] + [c.code for c in cases],
        dialogue_id=[dialogue.pk],
        item_id=[i.pk for i in dialogue.items.all()],
        commitment_id=[c.pk for c in dialogue.commitments.all()],
    )
    yield cast
    KNOWN.clear()


@pytest.fixture
def officer(data):
    """A unit leader's session (news, disclosures, cases) and the CSRF cookie + header a browser sends."""
    client = Client()
    client.force_login(data.tuan)
    token = get_random_string(32, string.ascii_letters + string.digits)
    cookies = {settings.SESSION_COOKIE_NAME: client.cookies[settings.SESSION_COOKIE_NAME].value}
    cookies[settings.CSRF_COOKIE_NAME] = token
    return {"cookies": cookies, "headers": {"X-CSRFToken": token}}


@ours.parametrize()
def test_anonymous(case, data):
    case.call_and_validate(checks=CHECKS)


@ours.parametrize()
def test_signed_in_officer(case, officer):
    case.call_and_validate(checks=CHECKS, **officer)


@open311.parametrize()
def test_open311_anonymous(case, data):
    case.call_and_validate(checks=CHECKS)


@open311.parametrize()
def test_open311_signed_in_officer(case, officer):
    case.call_and_validate(checks=CHECKS, **officer)
