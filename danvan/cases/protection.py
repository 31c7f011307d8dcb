"""Denouncer protection (Luật Tố cáo 2018, Điều 9, 47–58): identity and contact data encrypted at rest.

`encrypt_identity({"name": …, "phone": …})` → an opaque token (Fernet, AES-128-CBC + HMAC) made with the first key
of `settings.DANVAN_PROTECTED_KEYS`; `decrypt_identity(token)` accepts any key of the list, so keys rotate by
putting a new key first and running `manage.py rotate_protected_keys` (re-encrypts every row with the new key).
`contact_digest(phone)` is a keyed HMAC-SHA256 of the normalised phone: the tracking page compares digests, so
the plain phone of a denouncer is never stored or compared in clear. The digest key is derived from the first
protected key with a fixed label (or `DANVAN_CONTACT_DIGEST_KEY` when set, which survives key rotation).

Denouncers often write their own name or phone inside the letter ("Tôi là Nguyễn Văn A, số điện thoại 0912…").
`redact_identity(text, identity)` replaces every occurrence of the identity values with `[đã che]` — the name
and the address whatever their case and diacritics, the phone however it is written (spaces, dots, dashes, +84),
the e-mail whatever its case — and keeps the rest of the text as it was. A denunciation stores its redacted
title and content in clear; the original letter travels in the encrypted payload (`original_title`,
`original_content`, `original_place_address`, present only when redaction changed something), so only the
people allowed to reveal the identity read it. Tokens written before these keys existed decrypt unchanged.
"""

import base64
import hashlib
import hmac
import json
import re
import unicodedata

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings

from danvan.core.text import strip_diacritics
from danvan.people.phones import normalize_phone

DIGEST_LABEL = b"danvan.cases.contact-digest.v1"
IDENTITY_FIELDS = ("name", "phone", "email", "address")
# The unredacted letter of a denunciation, kept only inside the encrypted payload.
ORIGINAL_FIELDS = ("original_title", "original_content", "original_place_address")
PAYLOAD_FIELDS = IDENTITY_FIELDS + ORIGINAL_FIELDS
REDACTED = "[đã che]"
ADDRESS_MIN_LENGTH = 6


class ProtectedDataError(Exception):
    """The stored token cannot be decrypted with any configured key."""


def _keys() -> list[str]:
    keys = list(getattr(settings, "DANVAN_PROTECTED_KEYS", []) or [])
    if not keys:
        raise ProtectedDataError("DANVAN_PROTECTED_KEYS is empty")
    return keys


def _fernet() -> MultiFernet:
    return MultiFernet([Fernet(k.encode() if isinstance(k, str) else k) for k in _keys()])


def encrypt_identity(data: dict) -> str:
    clean = {k: str(data.get(k) or "") for k in PAYLOAD_FIELDS if data.get(k)}
    payload = json.dumps(clean, ensure_ascii=False, sort_keys=True).encode()
    return _fernet().encrypt(payload).decode()


def decrypt_identity(token: str) -> dict:
    """The payload as written; older tokens simply lack the `original_*` keys."""
    if not token:
        return {}
    try:
        return json.loads(_fernet().decrypt(token.encode()).decode())
    except (InvalidToken, ValueError) as exc:
        raise ProtectedDataError("cannot decrypt protected identity") from exc


def rotate_token(token: str) -> str:
    """The same data encrypted with the first (newest) key."""
    try:
        return _fernet().rotate(token.encode()).decode()
    except InvalidToken as exc:
        raise ProtectedDataError("cannot decrypt protected identity") from exc


def _digest_key() -> bytes:
    explicit = getattr(settings, "DANVAN_CONTACT_DIGEST_KEY", "")
    if explicit:
        return explicit.encode()
    first = _keys()[0]
    raw = base64.urlsafe_b64decode(first.encode() if isinstance(first, str) else first)
    return hmac.new(raw, DIGEST_LABEL, hashlib.sha256).digest()


def contact_digest(phone: str = "", email: str = "") -> str:
    """HMAC-SHA256 (hex) of the contact a case is followed with: the normalised phone (a Vietnamese or, written with its
    country code, a foreign number), or the e-mail address
    when there is no phone (a denouncer may give only an e-mail: the code alone must not open the case);
    "" when neither is given (an anonymous feedback is followed by its code)."""
    phone = normalize_phone(phone or "", international=True)
    if phone:
        return hmac.new(_digest_key(), phone.encode(), hashlib.sha256).hexdigest()
    email = (email or "").strip().lower()
    if "@" in email:
        return hmac.new(_digest_key(), b"email:" + email.encode(), hashlib.sha256).hexdigest()
    return ""


def account_digest(user_id) -> str:
    """HMAC-SHA256 (hex) of a citizen account's id: how a denunciation filed from an account is found in that
    account's area without a plain link from the case to the denouncer's account."""
    if not user_id:
        return ""
    return hmac.new(_digest_key(), f"account:{int(user_id)}".encode(), hashlib.sha256).hexdigest()


def typed_contact_digest(contact: str) -> str:
    """The digest of what a visitor typed on the tracking page: an e-mail address or a phone number."""
    contact = (contact or "").strip()
    return contact_digest(email=contact) if "@" in contact else contact_digest(phone=contact)


# ---------------------------------------------------------------- redaction

_PHONE_SEP = r"[\s.\-]{0,3}"
# "0", "+84", "84", "(+84)", optionally followed by a bracketed or bare trunk "0" ("+84 (0) 912…").
_PHONE_PREFIX = r"(?:0|(?:\(\+?84\)|\+?84)(?:" + _PHONE_SEP + r"(?:\(0\)|0))?)"


def _fold(text: str) -> tuple[str, list[int]]:
    """`text` lower-cased without diacritics (đ→d), and for each folded character its index in `text`.

    A character may fold to nothing (a combining mark of decomposed input) or to several characters, so
    matches found in the folded text are mapped back through the index list, never by position."""
    folded: list[str] = []
    index: list[int] = []
    for i, ch in enumerate(text):
        for f in strip_diacritics(ch).lower():
            folded.append(f)
            index.append(i)
    return "".join(folded), index


def _folded_pattern(value: str) -> re.Pattern | None:
    """Words of `value`, folded, separated by any non-word run, matched as whole words."""
    words = re.findall(r"\w+", _fold(value)[0])
    if not words or len("".join(words)) < 2:
        return None
    return re.compile(r"(?<!\w)" + r"\W+".join(re.escape(w) for w in words) + r"(?!\w)")


def _phone_pattern(phone: str) -> re.Pattern | None:
    canonical = normalize_phone(phone)
    if canonical:
        rest = _PHONE_SEP.join(re.escape(d) for d in canonical[1:])
        return re.compile(r"(?<![\d+])" + _PHONE_PREFIX + _PHONE_SEP + rest + r"(?!\d)")
    digits = re.sub(r"\D", "", phone or "")
    if len(digits) < 6:
        return None
    return re.compile(r"(?<!\d)" + _PHONE_SEP.join(digits) + r"(?!\d)")


def redact_identity(text: str, identity: dict) -> str:
    """`text` with every occurrence of the identity's name, phone, e-mail and address replaced by `[đã che]`.

    Name and address (the address only from 6 characters) match whatever their case and diacritics
    ("Nguyễn Văn An", "NGUYEN VAN AN", "nguyễn văn an"), as whole words, across any spacing or punctuation
    between words; the phone matches with spaces, dots or dashes between digits and with +84/84 for the
    leading 0; the e-mail matches whatever its case. Empty values are ignored; the rest of the text keeps its
    characters and diacritics. Only whole values are redacted: a given name written alone stays.
    """
    if not text:
        return text or ""
    spans: list[tuple[int, int]] = []
    folded, index = _fold(text)
    folded_values = [identity.get("name") or ""]
    address = (identity.get("address") or "").strip()
    if len(address) >= ADDRESS_MIN_LENGTH:
        folded_values.append(address)
    for value in folded_values:
        pattern = _folded_pattern(value) if value.strip() else None
        if pattern is None:
            continue
        for m in pattern.finditer(folded):
            start, end = index[m.start()], index[m.end() - 1] + 1
            while end < len(text) and unicodedata.category(text[end]) == "Mn":
                end += 1  # the combining marks of the last letter belong to the match
            spans.append((start, end))
    plain = []
    phone = _phone_pattern(identity.get("phone") or "")
    if phone is not None:
        plain.append(phone)
    email = (identity.get("email") or "").strip()
    if email:
        plain.append(re.compile(re.escape(email), re.IGNORECASE))
    for pattern in plain:
        spans.extend(m.span() for m in pattern.finditer(text))
    if not spans:
        return text
    out, last = [], 0
    for start, end in _merge(spans):
        out.append(text[last:start])
        out.append(REDACTED)
        last = end
    out.append(text[last:])
    return "".join(out)


def _merge(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged
