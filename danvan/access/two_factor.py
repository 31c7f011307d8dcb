"""Two-factor sign-in (TOTP from an authenticator app, plus single-use recovery codes), on django-otp.

The policy is one function, `requires_two_factor(user)`: an officer must have a second factor when one of
their roles in force can reveal a denouncer's identity or administer users and roles (the permissions in
`roles.TWO_FACTOR_PERMISSIONS`), or when they reach the admin site (staff, superusers). Citizens never
need one. `DANVAN_2FA_REQUIRED = False` (the demo of `make run`, the test settings) relaxes the policy;
an officer may still enrol, and whoever has enrolled is always asked for a code.

Where it is enforced:
- sign-in (`danvan.access.signin`): after the right password, an enrolled account is asked for a code
  before the session is opened;
- every request (`danvan.access.middleware.TwoFactorMiddleware`): a signed-in user whom the policy
  requires to have a second factor and whose session is not verified is sent to enrolment (or to the
  code page if they have a device) and reaches nothing else;
- the admin site (`danvan.access.admin_site.DanvanAdminSite`) admits only verified sessions while the
  policy is on.

The writes (start and confirm enrolment, regenerate recovery codes, remove, reset by a system
administrator, a recovery code used) are services in `danvan.access.services`, each audited.
"""

from base64 import b32encode

from django.conf import settings

from .roles import TWO_FACTOR_PERMISSIONS

RECOVERY_CODE_COUNT = 10
TOTP_DEVICE_NAME = "Ứng dụng xác thực"
RECOVERY_DEVICE_NAME = "Mã dự phòng"


def policy_on() -> bool:
    return bool(getattr(settings, "DANVAN_2FA_REQUIRED", True))


def requires_two_factor(user) -> bool:
    """Must `user` sign in with a second factor? See the module docstring for who and why."""
    if not policy_on():
        return False
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    if getattr(user, "kind", "officer") != "officer":
        return False
    if user.is_staff or user.is_superuser:
        return True
    from .policy import grants

    return any(grant.perms & TWO_FACTOR_PERMISSIONS for grant in grants(user))


def is_verified(user) -> bool:
    """Did this session's sign-in pass a second factor (django-otp's OTPMiddleware sets `otp_device`)?"""
    return getattr(user, "otp_device", None) is not None


def totp_device(user, *, confirmed: bool | None = True):
    """The user's authenticator-app device (confirmed, or the one waiting for its first code), or None."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    if user is None or getattr(user, "pk", None) is None:
        return None
    devices = TOTPDevice.objects.filter(user=user)
    if confirmed is not None:
        devices = devices.filter(confirmed=confirmed)
    return devices.order_by("-pk").first()


def is_enrolled(user) -> bool:
    return totp_device(user) is not None


def recovery_codes_left(user) -> int:
    from django_otp.plugins.otp_static.models import StaticToken

    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


def secret_for_display(device) -> str:
    """The device's secret in base32, in groups of four, for typing into an app instead of scanning."""
    secret = b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def qr_svg(device) -> bytes:
    """The otpauth:// address of `device` as an SVG QR code: one path with a viewBox (it scales to the
    <img> box), no script and no style attribute, so it fits the site's CSP."""
    import io

    import qrcode
    import qrcode.image.svg

    image = qrcode.make(device.config_url, image_factory=qrcode.image.svg.SvgPathImage, border=2)
    out = io.BytesIO()
    image.save(out)
    return out.getvalue()


def clean_token(raw: str) -> str:
    """A code as typed: spaces and dashes removed, lower case (recovery codes are lower-case base32)."""
    return "".join(ch for ch in (raw or "") if ch not in " -\t").lower()
