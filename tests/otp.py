"""Two-factor helpers for tests: an authenticator app computing codes from a device's key (django-otp's own
TOTP), and enrolment through the services, as an officer does it from their account page."""

import time

from django_otp.oath import TOTP


class AuthenticatorApp:
    """The officer's phone app. `clock` (seconds) is the time the codes are computed for; tests that verify
    several codes in a row move it on with `next_step()` (a TOTP code is accepted once, so a second sign-in
    within the same 30 seconds needs the next step's code), together with the server (`otp_clock` fixture)."""

    def __init__(self, clock: float | None = None):
        self.clock = time.time() if clock is None else clock

    def code(self, device, steps_ahead: int = 0) -> str:
        device.refresh_from_db()
        totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
        totp.time = self.clock + steps_ahead * device.step
        return f"{totp.token():0{device.digits}d}"

    def next_step(self) -> None:
        self.clock += 30


def enrol(user, app: AuthenticatorApp):
    """Enrol `user` (start, confirm with the app's code); returns (device, recovery codes)."""
    from danvan.access import services, two_factor

    waiting = services.two_factor_enrol_start(actor=user)
    codes = services.two_factor_enrol_confirm(actor=user, token=app.code(waiting))
    app.next_step()
    return two_factor.totp_device(user), codes
