"""Deployment check of the two-factor policy (shown by `manage.py check --deploy`)."""

from django.conf import settings
from django.core.checks import Tags, Warning, register


@register(Tags.security, deploy=True)
def check_two_factor_policy(app_configs=None, **kwargs):
    """In production the officers who can reveal a denouncer's identity or administer accounts, and the
    admin site, must sign in with a second factor; DANVAN_2FA_REQUIRED=false is for the demo."""
    if settings.DEBUG or getattr(settings, "DANVAN_2FA_REQUIRED", True):
        return []
    return [
        Warning(
            "Two-factor sign-in is not required (DANVAN_2FA_REQUIRED is off).",
            hint="Leave DANVAN_2FA_REQUIRED unset (on) in production.",
            id="danvan.W002",
        )
    ]
