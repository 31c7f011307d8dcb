"""Test overlay: the base settings with fast hashing and tasks run immediately (on commit)."""

from .settings import *  # noqa: F403
from .settings import BASE_DIR

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# Most tests sign officers in with force_login; the two-factor tests turn the policy on themselves.
DANVAN_2FA_REQUIRED = False
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "danvan-test"}}
MEDIA_ROOT = BASE_DIR / "artifacts" / "test-media"
# The demo's disclosure documents, rendered once for all the test runs that load the demo (same content, same
# PDF): see danvan/disclosures/documents.py.
DANVAN_DOCUMENT_CACHE = BASE_DIR / "artifacts" / "document-cache"
PRIVATE_ROOT = BASE_DIR / "artifacts" / "test-private"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "private": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": PRIVATE_ROOT, "base_url": "/khong-cong-khai/"},
    },
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
