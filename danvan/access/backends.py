"""Authentication: officers and citizens sign in with a user name, an e-mail address or a phone number."""

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.db.models import Q

from danvan.people.phones import normalize_phone


class DanvanBackend(ModelBackend):
    def authenticate(self, request, username=None, password=None, **kwargs):
        if username is None or password is None:
            return None
        User = get_user_model()
        ident = username.strip()
        condition = Q(username__iexact=ident)
        if "@" in ident:
            condition |= Q(email__iexact=ident)
        phone = normalize_phone(ident)
        if phone:
            condition |= Q(phone=phone)
        users = list(User.objects.filter(condition)[:2])
        if len(users) != 1:
            User().set_password(password)  # same cost whether or not the account exists
            return None
        user = users[0]
        if user.check_password(password) and self.user_can_authenticate(user):
            return user
        return None
