"""View helpers: officers-only views, the citizen's own area, and the per-request unit context (the unit
switcher)."""

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.http import Http404
from django.shortcuts import redirect

from danvan.core.errors import NotFoundOrForbidden

from .policy import has_any_perm

SESSION_UNIT_KEY = "danvan_current_unit"


def officer_required(perm: str = "workspace.access"):
    """Decorator: anonymous users go to the login page; signed-in users without `perm` anywhere get 404."""

    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not has_any_perm(request.user, perm):
                raise Http404("Không tìm thấy trang.")
            try:
                return view(request, *args, **kwargs)
            except NotFoundOrForbidden:
                raise Http404("Không tìm thấy trang.")

        return wrapper

    return decorator


def citizen_required(officers_to: str | None = None):
    """Decorator for the citizen's own area: anonymous visitors go to the login page; a signed-in officer is
    sent to `officers_to` (a URL name: their own account page) when given, else gets 404. Inside, the view
    reads only `request.user`'s own data."""

    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            user = request.user
            if not user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if getattr(user, "kind", None) != "citizen":
                if officers_to:
                    return redirect(officers_to)
                raise Http404("Không tìm thấy trang.")
            try:
                return view(request, *args, **kwargs)
            except NotFoundOrForbidden:
                raise Http404("Không tìm thấy trang.")

        return wrapper

    return decorator
