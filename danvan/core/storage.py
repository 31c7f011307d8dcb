"""File storages. `private_storage` holds files that carry personal data (citizens' letters and their
attachments, household imports): it lives outside MEDIA_ROOT, no URL serves it, and the only way out is a
view that fetches the owning row through its `access_*` gate. Stored names are random, so a path reveals
neither the citizen's file name nor the case it belongs to."""

import uuid
from pathlib import PurePosixPath

from django.core.files.storage import storages


def private_storage():
    return storages["private"]


def random_path(folder: str, filename: str) -> str:
    """`<folder>/<yyyy>/<uuid>.<ext>`: only the extension of the uploaded name is kept (for `upload_to`)."""
    from django.utils import timezone

    ext = PurePosixPath(filename).suffix.lower()[:10]
    return f"{folder}/{timezone.now():%Y}/{uuid.uuid4().hex}{ext}"
