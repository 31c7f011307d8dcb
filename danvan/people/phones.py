"""Phone numbers. Vietnamese numbers are stored as 0xxxxxxxxx (10 digits), with the +84 / 84 prefixes accepted
on input. With `international=True` a number written with its country code (`+` or `00`) is also accepted:
a Vietnamese one still becomes 0xxxxxxxxx (so digests and look-ups agree with numbers typed the national way),
another country's becomes its E.164 form, `+` and 8 to 15 digits (e.g. +33612345678)."""

import re

_DIGITS = re.compile(r"\D+")
# what a person types around the digits of an international number: spaces, dots, dashes, slashes, brackets
_PHONE_TEXT = re.compile(r"^[(\s]*\+?[\d\s().\-/]+$")


def normalize_phone(raw: str | None, *, international: bool = False) -> str:
    """Return the canonical form, or "" when `raw` is not a phone number accepted here."""
    if not raw:
        return ""
    text = raw.strip()
    digits = _DIGITS.sub("", text)
    plus = text.lstrip("( ").startswith("+")  # "+33 …", "(+84) 0912 …"
    if international and _PHONE_TEXT.match(text) and (plus or digits.startswith("00")):
        e164 = digits if plus else digits[2:]
        if e164.startswith("84"):
            # +84 912 345 678, and the common +84 (0) 912 345 678
            return _vietnamese("0" + e164[2:].removeprefix("0"))
        if 8 <= len(e164) <= 15 and not e164.startswith("0"):
            return "+" + e164
        return ""
    if text.startswith("+84") or (digits.startswith("84") and len(digits) == 11):
        digits = "0" + digits[2:]
    return _vietnamese(digits)


def _vietnamese(digits: str) -> str:
    if len(digits) == 10 and digits.startswith("0") and digits[1] in "235789":
        return digits
    return ""
