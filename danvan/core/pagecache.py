"""Anonymous public pages served from the cache the workers share (Redis in production, DANVAN_REDIS_URL).

    @public_page("news")                   # the page shows published articles
    def article_list(request): ...

    pagecache.changed("news")              # in the service that publishes or withdraws an article

A page declares the *topics* it shows (`TOPICS`); each topic has a generation counter in the cache, and a page
is stored under its path, query string and language with the generations of its topics it was rendered under
(read with the page in one `get_many`: a hit is one round trip). A service that changes
what the public reads (publishing or archiving an article, publishing or withdrawing a disclosure, answering a
citizen's question, resolving, closing or reopening a case whose answer is published) calls `changed(topic)`
(or, for a module whose public pages show most of what it stores, `watch_app` moves the topic on each row
written):
the counter moves, no stored page showing that topic matches the generations any more, and the next anonymous
request renders it afresh — a citizen never reads a stale answer after an officer acts. The counter moves when the
service runs and again when its transaction commits (so a page rendered meanwhile from the old rows is never
stored as of the new generation). Entries also expire after DANVAN_PAGECACHE_SECONDS (60), which bounds what no
service announces (a household count behind the home page's figures).

Only anonymous GET/HEAD requests without a session, messages or htmx are served or stored; a response is kept
only when it is a 200 that sets no cookie and used no CSRF token (a page with a form — the case form — is
never cached, whatever its decorator). Cached responses carry `Cache-Control: public, max-age=…`
(DANVAN_PAGECACHE_MAX_AGE, 30 s), `Vary: Cookie`, an `ETag` (of the body) and `Last-Modified` (when it was
rendered); `If-None-Match` with the current ETag gets a 304. `X-Danvan-Cache: hit|miss` says which.

Keys are per site (the cache's KEY_PREFIX and the portal's root unit setting are the deployment's) and per unit
(a unit's section is its own path). A per-unit counter was not worth it: a unit's page shows its subtree's
news and answers and the lists show every unit's, so a change would have to move its whole ancestry and the
site-wide lists anyway, while publishing is rare beside reading.
"""

import functools
import hashlib
import time

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.http import HttpResponse, HttpResponseNotModified
from django.utils.cache import patch_vary_headers
from django.utils.http import http_date

TOPICS = (
    "news",
    "disclosures",
    "answers",
    "cases",
    "units",
    "communities",
    "reviews",
    "decisions",
    "dialogues",
)
PREFIX = "pagecache"


def enabled() -> bool:
    return bool(getattr(settings, "DANVAN_PAGECACHE", True))


def _gen_key(topic: str) -> str:
    return f"{PREFIX}:gen:{topic}"


def generations(topics) -> list[int]:
    keys = [_gen_key(t) for t in topics]
    found = cache.get_many(keys)
    return [int(found.get(k) or 0) for k in keys]


def _bump(topics) -> None:
    for topic in topics:
        key = _gen_key(topic)
        try:
            cache.incr(key)
        except ValueError:  # not set yet (or evicted): any new value differs from the pages' keys
            cache.set(key, int(time.time() * 1000), timeout=None)


def changed(*topics: str) -> None:
    """What the public reads of `topics` changed: pages showing them are rendered afresh from now on, and again
    once the current transaction commits."""
    unknown = set(topics) - set(TOPICS)
    if unknown:
        raise ValueError(f"unknown page cache topics: {sorted(unknown)}")
    _bump(topics)
    transaction.on_commit(lambda: _bump(topics))


def watch_app(app_label: str, topic: str, *, skip=lambda model: False) -> None:
    """Every row an app writes or deletes (but the models `skip` names) moves `topic`: for the modules whose
    public pages show most of what they store (the groups and projects of /hoi-quan/, the decisions,
    consultations and conventions of /lay-y-kien/), so no service can forget to announce a change. Called from
    the app's `AppConfig.ready`. Bulk writes (`bulk_create`, `update`) send no signal: they call `changed`."""
    from django.db.models.signals import post_delete, post_save

    def receiver(sender, **kwargs):
        if sender._meta.app_label == app_label and not skip(sender):
            changed(topic)

    post_save.connect(receiver, dispatch_uid=f"pagecache-{app_label}-save", weak=False)
    post_delete.connect(receiver, dispatch_uid=f"pagecache-{app_label}-delete", weak=False)


def cached(key: str, topics, compute, timeout: int | None = None):
    """`compute()` once per change of `topics` (or per `timeout` seconds): the home page's figures."""
    full = f"{PREFIX}:val:{key}:" + ".".join(str(g) for g in generations(topics))
    value = cache.get(full)
    if value is None:
        value = compute()
        cache.set(full, value, timeout or settings.DANVAN_PAGECACHE_SECONDS)
    return value


def _servable(request) -> bool:
    if request.method not in ("GET", "HEAD") or not enabled():
        return False
    cookies = request.COOKIES
    if settings.SESSION_COOKIE_NAME in cookies or "messages" in cookies:
        return False
    return not request.headers.get("HX-Request") and not request.headers.get("Authorization")


def _storable(request, response) -> bool:
    session = getattr(request, "session", None)
    queued = getattr(getattr(request, "_messages", None), "_queued_messages", None)
    return (
        not (session is not None and session.modified)
        and not queued
        and response.status_code == 200
        and not response.streaming
        and not response.cookies
        and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        and not request.META.get("CSRF_COOKIE_USED")
        and not response.has_header("Cache-Control")
    )


def _page_key(request) -> str:
    raw = "|".join([request.get_full_path(), getattr(request, "LANGUAGE_CODE", "")])
    return f"{PREFIX}:page:" + hashlib.sha256(raw.encode()).hexdigest()


def _lookup(request, topics) -> tuple[str, list[int], tuple | None]:
    """(the page's key, the topics' generations now, the stored entry when it was rendered under the same
    generations) — in one round trip to the cache: the page and the generations are read together
    (`get_many`), the entry holding the generations it was rendered under."""
    key = _page_key(request)
    gen_keys = [_gen_key(t) for t in topics]
    found = cache.get_many([key, *gen_keys])
    gens = [int(found.get(k) or 0) for k in gen_keys]
    entry = found.get(key)
    if entry is not None and entry[0] != gens:
        entry = None  # rendered before a change of one of its topics
    return key, gens, entry


def _decorate(response, etag: str, last_modified: float) -> None:
    response["ETag"] = etag
    response["Last-Modified"] = http_date(last_modified)
    response["Cache-Control"] = f"public, max-age={settings.DANVAN_PAGECACHE_MAX_AGE}"
    patch_vary_headers(response, ["Cookie"])


def _not_modified(request, etag: str, last_modified: float):
    tags = [t.strip() for t in request.headers.get("If-None-Match", "").split(",")]
    if etag in tags or "*" in tags:
        response = HttpResponseNotModified()
        _decorate(response, etag, last_modified)
        return response
    return None


def public_page(*topics: str):
    """Serve the view's anonymous answers from the shared cache while the generations of `topics` are those
    the answer was rendered under (the page's key is its address and language; the generations travel in the
    entry, so a hit is one round trip to Redis, not two)."""
    unknown = set(topics) - set(TOPICS)
    if unknown:
        raise ValueError(f"unknown page cache topics: {sorted(unknown)}")

    def decorator(view):
        @functools.wraps(view)
        def wrapped(request, *args, **kwargs):
            if not _servable(request):
                return view(request, *args, **kwargs)
            key, gens, entry = _lookup(request, topics)
            if entry is not None:
                _gens, content, content_type, etag, stamp = entry
                response = _not_modified(request, etag, stamp)
                if response is None:
                    response = HttpResponse(content, content_type=content_type)
                    _decorate(response, etag, stamp)
                response["X-Danvan-Cache"] = "hit"
                return response
            response = view(request, *args, **kwargs)
            if hasattr(response, "render") and callable(response.render) and not response.is_rendered:
                response.render()
            if not _storable(request, response):
                return response
            etag = '"' + hashlib.md5(response.content, usedforsecurity=False).hexdigest() + '"'
            stamp = time.time()
            cache.set(
                key,
                (gens, response.content, response["Content-Type"], etag, stamp),
                settings.DANVAN_PAGECACHE_SECONDS,
            )
            not_modified = _not_modified(request, etag, stamp)
            if not_modified is not None:
                not_modified["X-Danvan-Cache"] = "miss"
                return not_modified
            _decorate(response, etag, stamp)
            response["X-Danvan-Cache"] = "miss"
            return response

        return wrapped

    return decorator
