"""Denouncer protection (Luật Tố cáo 2018, Điều 9, 47–58): identity and contact data encrypted at rest.

`encrypt_identity({"name": …, "phone": …})` → an opaque token (Fernet, AES-128-CBC + HMAC) made with the first key
of `settings.DANVAN_PROTECTED_KEYS`; `decrypt_identity(token)` accepts any key of the list, so keys rotate by
putting a new key first and running `manage.py rotate_protected_keys` (re-encrypts every row with the new key).
`contact_digest(phone)` is a keyed HMAC-SHA256 of the normalised phone: the tracking page compares digests, so
the plain phone of a denouncer is never stored or compared in clear. The digest key is derived from the first
protected key with a fixed label (or `DANVAN_CONTACT_DIGEST_KEY` when set, which survives key rotation).
"""

import base64
import hashlib
import hmac
import json

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings

from danvan.people.phones import normalize_phone

DIGEST_LABEL = b"danvan.cases.contact-digest.v1"
IDENTITY_FIELDS = ("name", "phone", "email", "address")


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
    clean = {k: str(data.get(k) or "") for k in IDENTITY_FIELDS if data.get(k)}
    payload = json.dumps(clean, ensure_ascii=False, sort_keys=True).encode()
    return _fernet().encrypt(payload).decode()


def decrypt_identity(token: str) -> dict:
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


def contact_digest(phone: str) -> str:
    """HMAC-SHA256 (hex) of the normalised phone; "" when the phone is empty or invalid."""
    phone = normalize_phone(phone)
    if not phone:
        return ""
    return hmac.new(_digest_key(), phone.encode(), hashlib.sha256).hexdigest()
