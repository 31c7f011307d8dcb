"""Reads of the integrations app."""

from .models import ApiKey
from .services import SECRET_PREFIX, hash_secret


def api_key_by_secret(secret: str | None) -> ApiKey | None:
    """The key in use whose secret this is (its units prefetched), or None for a missing, unknown or revoked
    one. Looked up by the SHA-256 of the secret, so the comparison never touches the secret itself."""
    secret = (secret or "").strip()
    if not secret.startswith(SECRET_PREFIX) or len(secret) > 200:
        return None
    return (
        ApiKey.objects.filter(secret_hash=hash_secret(secret), revoked_at__isnull=True)
        .prefetch_related("units")
        .first()
    )
