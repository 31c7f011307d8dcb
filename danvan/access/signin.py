"""The sign-in sequence shared by the public login and the admin login: password, then (for an account
with a second factor) the code, then the session.

After the right password, `password_accepted` either opens the session at once (no second factor) or keeps
the account as *pending* in the anonymous session for PENDING_SECONDS and sends the visitor to the code
page; only `complete` opens a session, and it clears the account's failure counter — so a known password
alone never resets the throttle that also counts wrong codes.
"""

import time

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth import login as auth_login
from django.shortcuts import redirect, resolve_url
from django.urls import reverse

from . import throttle, two_factor

PENDING_KEY = "danvan_2fa_pending"
PENDING_SECONDS = 300


# Where each kind of account lives, and the addresses of the other kind's pages (a `next` there is not kept).
HOMES = {"citizen": "citizens:home", "officer": "web:workspace"}
OTHERS = {"citizen": ("/can-bo/", "/admin/"), "officer": ("/tai-khoan/",)}


def home_url(user) -> str:
    """The page an account lands on after signing in: a citizen's own area, an officer's workspace."""
    return reverse(HOMES.get(getattr(user, "kind", ""), "web:workspace"))


def next_for(user, next_url: str) -> str:
    """`next_url` (already checked as safe by the login view) unless it points into the other kind of
    account's pages — a citizen sent to `/can-bo/…` would find a 404 — else the account's home."""
    prefixes = OTHERS.get(getattr(user, "kind", ""), ())
    if not next_url or next_url.startswith(prefixes):
        return home_url(user)
    return next_url


def password_accepted(request, user, next_url: str):
    """The password of `user` was right: ask for the code, or sign in and go to `next_url`."""
    if two_factor.is_enrolled(user):
        request.session.cycle_key()
        request.session[PENDING_KEY] = {
            "user": user.pk,
            "backend": getattr(user, "backend", settings.AUTHENTICATION_BACKENDS[0]),
            "next": next_url,
            "at": time.time(),
        }
        return redirect("access:login_code")
    complete(request, user)
    return redirect(next_url or resolve_url(settings.LOGIN_REDIRECT_URL))


def pending_user(request):
    """The account waiting for its code in this session, or None (none, expired, or no longer active)."""
    state = request.session.get(PENDING_KEY)
    if not state or time.time() - state.get("at", 0) > PENDING_SECONDS:
        return None
    user = get_user_model().objects.filter(pk=state["user"], is_active=True).first()
    if user is not None:
        user.backend = state["backend"]
    return user


def pending_next(request) -> str:
    state = request.session.get(PENDING_KEY) or {}
    return state.get("next") or resolve_url(settings.LOGIN_REDIRECT_URL)


def forget_pending(request) -> None:
    request.session.pop(PENDING_KEY, None)


def complete(request, user, device=None) -> None:
    """Open the session of `user` (verified by `device` when given) and clear the account's counter."""
    from django_otp import login as otp_login

    forget_pending(request)
    if not request.user.is_authenticated or request.user.pk != user.pk:
        auth_login(request, user, backend=getattr(user, "backend", None))
    if device is not None:
        otp_login(request, device)
    throttle.clear(throttle.account_subject(user))
