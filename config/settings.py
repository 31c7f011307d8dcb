"""danvan settings: one base read from the environment (12-factor).

Every value that differs between a laptop and production comes from an environment variable;
the defaults serve `make run` (SQLite, debug, console e-mail and SMS). See README "Configuration".
"""

import os
from pathlib import Path

import dj_database_url

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DANVAN_DEBUG", True)
SECRET_KEY = os.environ.get("DANVAN_SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise RuntimeError("DANVAN_SECRET_KEY must be set when DANVAN_DEBUG is off")
    SECRET_KEY = "dev-only-insecure-key-do-not-use-in-production"

ALLOWED_HOSTS = env_list("DANVAN_ALLOWED_HOSTS", "127.0.0.1,localhost,testserver")
CSRF_TRUSTED_ORIGINS = env_list("DANVAN_CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "danvan.access.admin_config.DanvanAdminConfig",  # django.contrib.admin with danvan's admin site
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
    "django_htmx",
    "django_prose_editor",  # ships the rich-text editor's static files (danvan/static/js/editor.js uses them)
    "django_tasks",
    "django_tasks_db",
    "ninja",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "danvan.core",
    "danvan.audit",
    "danvan.units",
    "danvan.people",
    "danvan.access",
    "danvan.rulebook",
    "danvan.search",
    "danvan.notifications",
    "danvan.publishing",
    "danvan.disclosures",
    "danvan.integrations",
    "danvan.cases",
    "danvan.dialogues",
    "danvan.citizens",
    "danvan.communities",
    "danvan.reviews",
    "danvan.decisions",
    "danvan.conventions",
    "danvan.consultations",
    "danvan.web",
    "danvan.api",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "danvan.core.middleware.LanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "danvan.access.middleware.OTPMiddleware",  # django-otp's: request.user.otp_device
    "django.contrib.messages.middleware.MessageMiddleware",
    "danvan.access.middleware.TwoFactorMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "danvan.core.middleware.SecurityHeadersMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "danvan" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "danvan.web.context_processors.portal",
            ],
            "builtins": ["danvan.core.templatetags.vn"],
        },
    }
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=int(os.environ.get("DANVAN_DB_CONN_MAX_AGE", "60")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the web server and the task worker use the file at the same time. Transactions begin
    # IMMEDIATE (they take the write lock at BEGIN, waiting up to `timeout`): a deferred transaction that
    # read first cannot upgrade its lock once another writer has committed and fails at once with "database
    # is locked", whatever the timeout (bench/concurrency.py, 8 writers x 50: 240 of 400 failed; 0 with IMMEDIATE).
    DATABASES["default"].setdefault("OPTIONS", {})
    DATABASES["default"]["OPTIONS"].update(
        {
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            "timeout": 20,
            "transaction_mode": "IMMEDIATE",
        }
    )
    DATABASES["default"]["CONN_MAX_AGE"] = 0
elif DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # The JIT spends more compiling our short OLTP queries than it saves (measured by bench/m2_cases.py:
    # 182 of 348 ms on the province's overdue list); DANVAN_PG_JIT=on brings it back.
    DATABASES["default"].setdefault("OPTIONS", {})
    DATABASES["default"]["OPTIONS"].setdefault("options", f"-c jit={os.environ.get('DANVAN_PG_JIT', 'off')}")

# Covering indexes (INCLUDE) are a PostgreSQL optimisation; on SQLite (development, tests) they are plain.
SILENCED_SYSTEM_CHECKS = ["models.W040"]
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "people.User"
AUTHENTICATION_BACKENDS = ["danvan.access.backends.DanvanBackend"]
LOGIN_URL = "access:login"
LOGIN_REDIRECT_URL = "web:workspace"
LOGOUT_REDIRECT_URL = "web:home"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 8}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", "Tiếng Việt"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True
FORMAT_MODULE_PATH = ["danvan.core.formats"]

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("DANVAN_STATIC_ROOT", BASE_DIR / "staticfiles"))
STATICFILES_DIRS = [BASE_DIR / "danvan" / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("DANVAN_MEDIA_ROOT", BASE_DIR / "media"))
# Citizens' letters, denunciation attachments and household imports: never under MEDIA_ROOT (which a front
# server may publish); read only through the views that check access. `base_url` points nowhere served.
PRIVATE_ROOT = Path(os.environ.get("DANVAN_PRIVATE_ROOT", BASE_DIR / "private"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "private": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": PRIVATE_ROOT, "base_url": "/khong-cong-khai/"},
    },
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

CACHES = {
    "default": (
        {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": os.environ["DANVAN_REDIS_URL"]}
        if os.environ.get("DANVAN_REDIS_URL")
        else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "danvan"}
    )
}
# A prefix for every cache key (bench/server.py gives each run its own, so a shared Redis never serves a page of
# another run's database).
CACHES["default"]["KEY_PREFIX"] = os.environ.get("DANVAN_CACHE_KEY_PREFIX", "")
# Anonymous public pages served from the shared cache (danvan/core/pagecache.py); seconds a page is kept and the
# max-age front caches are told. DANVAN_PAGECACHE=false turns it off (the bench's "before" figures).
DANVAN_PAGECACHE = env_bool("DANVAN_PAGECACHE", True)
DANVAN_PAGECACHE_SECONDS = int(os.environ.get("DANVAN_PAGECACHE_SECONDS", "60"))
DANVAN_PAGECACHE_MAX_AGE = int(os.environ.get("DANVAN_PAGECACHE_MAX_AGE", "30"))
# The bare template views bench/server.py measures its ceilings with (/bench/bare/): never on in production.
DANVAN_BENCH_VIEWS = env_bool("DANVAN_BENCH_VIEWS", False)

# Background work: the database backend (`manage.py run_worker`) by default; RQ on Redis
# (`DANVAN_TASK_BACKEND=django_tasks_rq.RQBackend`, `manage.py rqworker`) to scale out. The queue's Redis
# database must not be the cache's: clearing the cache flushes its whole Redis database.
DANVAN_TASK_BACKEND = os.environ.get("DANVAN_TASK_BACKEND", "django_tasks_db.DatabaseBackend")
TASKS = {"default": {"BACKEND": DANVAN_TASK_BACKEND}}
if DANVAN_TASK_BACKEND.startswith("django_tasks_rq."):
    INSTALLED_APPS += ["django_rq", "django_tasks_rq"]
    RQ_QUEUES = {
        "default": {
            "URL": os.environ.get("DANVAN_RQ_URL", "redis://127.0.0.1:6379/1"),
            "DEFAULT_TIMEOUT": int(os.environ.get("DANVAN_RQ_JOB_TIMEOUT", "1800")),
        }
    }
    TASKS["default"]["QUEUES"] = ["default"]

# The development default prints e-mails with the recipients masked (danvan/notifications/mail.py).
EMAIL_BACKEND = os.environ.get("DANVAN_EMAIL_BACKEND", "danvan.notifications.mail.MaskedConsoleEmailBackend")
DEFAULT_FROM_EMAIL = os.environ.get("DANVAN_FROM_EMAIL", "danvan <khong-tra-loi@danvan.local>")
EMAIL_HOST = os.environ.get("DANVAN_EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("DANVAN_EMAIL_PORT", "25"))

# danvan's own settings
DANVAN_SMS_BACKEND = os.environ.get("DANVAN_SMS_BACKEND", "danvan.notifications.sms.ConsoleSmsGateway")
DANVAN_UPLOAD_MAX_BYTES = int(os.environ.get("DANVAN_UPLOAD_MAX_BYTES", str(10 * 1024 * 1024)))
# Dotted paths of callables `scan(fileobj) -> None` that raise ValidationError on a threat (virus scan hook).
DANVAN_UPLOAD_SCANNERS = env_list("DANVAN_UPLOAD_SCANNERS")
# The unit whose portal is the home page; empty = the top unit in force today.
DANVAN_PORTAL_UNIT = os.environ.get("DANVAN_PORTAL_UNIT", "")
DANVAN_LOGIN_MAX_FAILURES = int(os.environ.get("DANVAN_LOGIN_MAX_FAILURES", "5"))
DANVAN_LOGIN_LOCKOUT_SECONDS = int(os.environ.get("DANVAN_LOGIN_LOCKOUT_SECONDS", "900"))
# Reverse proxies in front of the application that append to X-Forwarded-For (1 behind nginx): the client
# address of the per-address limits is read from that header (danvan.core.http.client_ip).
DANVAN_PROXY_COUNT = int(os.environ.get("DANVAN_PROXY_COUNT", "0"))
# Two-factor sign-in required for officers who can reveal a denouncer's identity or administer accounts, and
# for the admin site (danvan.access.two_factor). `make run` turns it off for the demo.
DANVAN_2FA_REQUIRED = env_bool("DANVAN_2FA_REQUIRED", True)
OTP_TOTP_ISSUER = os.environ.get("DANVAN_OTP_ISSUER", "danvan")
# Wrong codes are counted by danvan's login throttle (per account, in the shared cache, with the password);
# django-otp's own per-device back-off would refuse a right code typed seconds after a wrong one, silently.
OTP_TOTP_THROTTLE_FACTOR = 0
OTP_STATIC_THROTTLE_FACTOR = 0

# Sessions read from the shared cache (Redis in production), written through to the database: a signed-in
# request saves the session query (bench/server.py, "Performance through a real server" in docs/architecture.md).
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
# `make run` serves production-mode pages (DEBUG off) over plain http on 127.0.0.1: DANVAN_LOCAL_HTTP=true
# (set by config/localrun.py, never in production) drops secure cookies, the https redirect and HSTS, which
# `check --deploy` then reports. DANVAN_SERVE_MEDIA=true lets Django serve MEDIA_ROOT when no front server does.
DANVAN_LOCAL_HTTP = env_bool("DANVAN_LOCAL_HTTP", False)
DANVAN_SERVE_MEDIA = env_bool("DANVAN_SERVE_MEDIA", False)
if not DEBUG and not DANVAN_LOCAL_HTTP:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = env_bool("DANVAN_SSL_REDIRECT", True)
    SECURE_HSTS_SECONDS = int(os.environ.get("DANVAN_HSTS_SECONDS", "31536000"))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": os.environ.get("DANVAN_LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        # WeasyPrint (disclosure documents) and fontTools log every step of every PDF at INFO
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
    },
}
DANVAN_SITE_URL = os.environ.get("DANVAN_SITE_URL", "http://127.0.0.1:8000")
# Keys for protected personal data (denouncers' identity): comma-separated Fernet keys, the first encrypts,
# all decrypt (rotation: put the new key first, run `manage.py rotate_protected_keys`, then drop the old one).
DANVAN_PROTECTED_KEYS = env_list("DANVAN_PROTECTED_KEYS")
if not DANVAN_PROTECTED_KEYS:
    if not DEBUG:
        raise RuntimeError("DANVAN_PROTECTED_KEYS must be set when DANVAN_DEBUG is off")
    DANVAN_PROTECTED_KEYS = ["ZGV2LW9ubHktZGFudmFuLXByb3RlY3RlZC1rZXktMDE="]  # dev only
# Key of the phone digest the tracking page compares; when set, digests survive a rotation of the keys above.
DANVAN_CONTACT_DIGEST_KEY = os.environ.get("DANVAN_CONTACT_DIGEST_KEY", "")
