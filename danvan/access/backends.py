"""Authentication: officers and citizens sign in with a user name, an e-mail address or a phone number.

The backend is also where sign-in is throttled (`danvan.access.throttle`): every login form — the public
`/dang-nhap/`, the admin's `/admin/login/`, anything calling `django.contrib.auth.authenticate()` — goes
through it, so they all share one counter per account.
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.db.models import Q

from danvan.core.http import client_ip
from danvan.people.phones import normalize_phone

from . import throttle


def resolve_account(ident: str):
    """(the one account `ident` names, or None; the canonical form of `ident`).

    A name is a user name (any case), an e-mail address (any case) or a phone number in any spelling
    (`0912 345 678`, `+84912345678`, `0912.345.678`…). A name matching no account or several is None.
    """
    User = get_user_model()
    ident = (ident or "").strip()
    condition = Q(username__iexact=ident)
    if "@" in ident:
        condition |= Q(email__iexact=ident)
    phone = normalize_phone(ident)
    if phone:
        condition |= Q(phone=phone)
    users = list(User.objects.filter(condition)[:2]) if ident else []
    return (users[0] if len(users) == 1 else None), (phone or ident.lower())


def throttle_subject(user, canonical: str) -> str:
    return throttle.account_subject(user) if user is not None else throttle.name_subject(canonical)


class DanvanBackend(ModelBackend):
    def authenticate(self, request, username=None, password=None, **kwargs):
        if username is None or password is None:
            return None
        user, canonical = resolve_account(username)
        subject = throttle_subject(user, canonical)
        ip = client_ip(request)
        minutes = throttle.locked_minutes(subject, ip)
        if minutes is not None:
            get_user_model()().set_password(password)  # the same cost as checking a password
            throttle.mark_refused(request, minutes)
            return None
        if user is None:
            get_user_model()().set_password(password)  # same cost whether or not the account exists
        elif user.check_password(password) and self.user_can_authenticate(user):
            return user
        throttle.record_failure(subject, ip)
        return None
