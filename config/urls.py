from django.conf import settings
from django.contrib import admin
from django.urls import include, path, re_path
from django.views.decorators.csrf import csrf_exempt
from django.views.i18n import set_language
from django.views.static import serve

from danvan.api.urls import urlpatterns as api_urlpatterns

admin.site.site_header = "Quản trị danvan"
admin.site.site_title = "Quản trị danvan"
admin.site.index_title = "Dữ liệu danh mục"

urlpatterns = [
    path("admin/", admin.site.urls),
    # The language switch posts without a CSRF token: choosing the language is harmless, and a token in the
    # layout would keep every public page out of the shared page cache (danvan/core/pagecache.py).
    path("i18n/setlang/", csrf_exempt(set_language), name="set_language"),
    path("", include("danvan.access.urls")),
    path("", include("danvan.search.urls")),
    path("", include("danvan.publishing.urls")),
    path("", include("danvan.disclosures.urls")),
    path("", include("danvan.cases.urls")),
    path("", include("danvan.dialogues.urls")),
    path("", include("danvan.communities.urls")),
    path("", include("danvan.reviews.urls")),
    path("", include("danvan.consultations.urls")),
    path("", include("danvan.decisions.urls")),
    path("", include("danvan.conventions.urls")),
    path("", include("danvan.citizens.urls")),
    path("", include("danvan.units.public_urls")),
    path("", include("danvan.people.citizen_urls")),
    path("can-bo/don-vi/", include("danvan.units.urls")),
    path("can-bo/ho-gia-dinh/", include("danvan.people.urls")),
    path("can-bo/quy-dinh/", include("danvan.rulebook.urls")),
    path("", include("danvan.notifications.urls")),
    *api_urlpatterns,
    path("", include("danvan.web.urls")),
]
if settings.DEBUG or settings.DANVAN_SERVE_MEDIA:
    # Uploaded public files (news images, disclosure documents) when no front server publishes MEDIA_ROOT:
    # `make run`/`make dev` on one machine. In production nginx serves them (README, "Production").
    urlpatterns += [
        re_path(
            rf"^{settings.MEDIA_URL.strip('/')}/(?P<path>.*)$", serve, {"document_root": settings.MEDIA_ROOT}
        )
    ]

if settings.DANVAN_BENCH_VIEWS:
    # bench/server.py's ceilings (a trivial template, anonymous and signed in): only when the bench turns them on.
    from danvan.web import bench_views

    urlpatterns = bench_views.urlpatterns + urlpatterns

# Vietnamese, static error pages (JSON `{"detail": …}` under /api/): danvan/web/errors.py.
handler400 = "danvan.web.errors.bad_request"
handler403 = "danvan.web.errors.permission_denied"
handler404 = "danvan.web.errors.page_not_found"
handler500 = "danvan.web.errors.server_error"
