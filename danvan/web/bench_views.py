"""The ceilings `bench/server.py` measures every page against: a trivial template through the whole middleware
stack, anonymous and signed in (the signed-in one reads `request.user`, which loads the session and the user).

Mounted only when `DANVAN_BENCH_VIEWS` is on (the bench's server); never in production.
"""

from django.http import HttpResponse
from django.template import engines
from django.urls import path

BARE = engines["django"].from_string(
    '<!doctype html><html lang="vi"><head><title>{{ title }}</title></head>'
    "<body><h1>{{ title }}</h1><p>{{ text }}</p></body></html>"
)


def bare(request):
    return HttpResponse(BARE.render({"title": "Trang trống", "text": "Chuẩn so sánh."}, request))


def bare_signed_in(request):
    name = request.user.get_username() if request.user.is_authenticated else ""
    return HttpResponse(BARE.render({"title": "Trang trống", "text": name}, request))


urlpatterns = [
    path("bench/bare/", bare),
    path("bench/bare-user/", bare_signed_in),
]
