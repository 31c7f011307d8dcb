"""Request helpers shared by the interface layers."""

from django.conf import settings


def client_ip(request) -> str:
    """The visitor's address, the key of every per-address rate limit.

    Behind a reverse proxy every request comes from the proxy, so `REMOTE_ADDR` alone would give all
    visitors one shared counter. With `DANVAN_PROXY_COUNT = n` (the number of proxies in front of the
    application that append to X-Forwarded-For, e.g. 1 for nginx with `$proxy_add_x_forwarded_for`), the
    address is the n-th entry from the right of that header: the one the outermost trusted proxy saw.
    Entries further left are written by the client and never trusted.
    """
    if request is None:
        return ""
    proxies = getattr(settings, "DANVAN_PROXY_COUNT", 0)
    if proxies > 0:
        chain = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
        chain = [part for part in chain if part]
        if len(chain) >= proxies:
            return chain[-proxies]
    return request.META.get("REMOTE_ADDR", "") or ""


def download(data, filename: str, content_type: str):
    """A file to download (`Content-Disposition: attachment`): the DOCX, PDF, XLSX and CSV the screens offer.
    File names here are ASCII slugs ("bien-ban-ket-qua-….docx"), so the header needs no RFC 5987 encoding."""
    from django.http import HttpResponse

    response = HttpResponse(data, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


SEARCH_WORDS_MAX = 100  # characters of a typed search kept (a name, a few words)


def search_words(request, param: str) -> str:
    """What the visitor typed in the GET field `param`, its blanks collapsed, at most SEARCH_WORDS_MAX
    characters: the public pages' "find a commune by name" boxes."""
    return " ".join((request.GET.get(param) or "").split())[:SEARCH_WORDS_MAX]
