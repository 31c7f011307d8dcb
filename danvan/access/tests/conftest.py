import pytest

from tests.otp import AuthenticatorApp


@pytest.fixture
def app(monkeypatch):
    """An authenticator app and the server's TOTP clock moving together (see tests/otp.py)."""
    import django_otp.plugins.otp_totp.models as totp_models

    phone = AuthenticatorApp()

    class Clock:
        @staticmethod
        def time():
            return phone.clock

    monkeypatch.setattr(totp_models, "time", Clock)
    return phone


@pytest.fixture
def two_factor_on(settings):
    settings.DANVAN_2FA_REQUIRED = True
