"""Vietnamese phone numbers: stored as 0xxxxxxxxx (10 digits); +84 / 84 prefixes accepted on input."""

import re

_DIGITS = re.compile(r"\D+")


def normalize_phone(raw: str | None) -> str:
    """Return the canonical 10-digit form, or "" when `raw` is not a Vietnamese mobile/landline number."""
    if not raw:
        return ""
    digits = _DIGITS.sub("", raw)
    if raw.strip().startswith("+84") or (digits.startswith("84") and len(digits) == 11):
        digits = "0" + digits[2:]
    if len(digits) == 10 and digits.startswith("0") and digits[1] in "235789":
        return digits
    return ""
