"""The admin site: signs in through the same throttle and second step as the public login, and while the
two-factor policy is on admits only sessions verified by a second factor (the equivalent of django-otp's
OTPAdminSite, which asks for the code in the same form instead of the shared code page).

Loaded by `admin_config.DanvanAdminConfig.ready()`, when the models are ready."""

from django.contrib.admin import AdminSite
from django.contrib.auth import REDIRECT_FIELD_NAME
from django.contrib.auth import views as auth_views
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext as _

from . import two_factor
from .forms import AdminLoginForm
from .views import TwoStepLoginMixin


class AdminLoginView(TwoStepLoginMixin, auth_views.LoginView):
    """The admin's login page: Django's view with danvan's second step."""


class DanvanAdminSite(AdminSite):
    def has_permission(self, request):
        return super().has_permission(request) and (
            not two_factor.policy_on() or two_factor.is_verified(request.user)
        )

    def login(self, request, extra_context=None):
        """Django's AdminSite.login with danvan's form (throttle message) and view (second step)."""
        if request.method == "GET" and self.has_permission(request):
            return HttpResponseRedirect(reverse("admin:index", current_app=self.name))

        context = {
            **self.each_context(request),
            "title": _("Log in"),
            "subtitle": None,
            "app_path": request.get_full_path(),
            "username": request.user.get_username(),
        }
        if REDIRECT_FIELD_NAME not in request.GET and REDIRECT_FIELD_NAME not in request.POST:
            context[REDIRECT_FIELD_NAME] = reverse("admin:index", current_app=self.name)
        context.update(extra_context or {})
        request.current_app = self.name
        return AdminLoginView.as_view(
            extra_context=context,
            authentication_form=AdminLoginForm,
            template_name=self.login_template or "admin/login.html",
        )(request)
