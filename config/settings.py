"""Settings for every deployment, read from the environment.

The embedded default (``make run``) needs nothing: SQLite under ``var/``, an in-memory channel
layer and cache, console email, tasks run at once. Production sets ``DATABASE_URL``,
``REDIS_URL``, ``SECRET_KEY``, ``ALLOWED_HOSTS`` and SMTP; ``.env.example`` lists every knob.
"""

import json
import os
import secrets
import sys
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _
from redis.asyncio.retry import Retry as AsyncRetry
from redis.backoff import ExponentialBackoff
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.retry import Retry

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("VAR_DIR", BASE_DIR / "var"))


def env(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def envbool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def envint(name: str, default: int) -> int:
    value = os.environ.get(name)
    return int(value) if value else default


def envlist(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in env(name, default).split(",") if item.strip()]


def dev_secret_key() -> str:
    """A key generated once per checkout, so sessions survive restarts of ``make run``."""
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    path = VAR_DIR / "secret_key"
    if not path.exists():
        path.write_text(secrets.token_urlsafe(50))
        path.chmod(0o600)
    return path.read_text().strip()


DEBUG = envbool("DEBUG", False)
TESTING = "pytest" in sys.modules
SECRET_KEY = env("SECRET_KEY")
if not SECRET_KEY:
    if not (DEBUG or TESTING):
        raise ImproperlyConfigured(
            "SECRET_KEY must be set when DEBUG is off (production). See .env.example."
        )
    SECRET_KEY = dev_secret_key()

# Without SITE_URL, links in emails follow the port the server is told to listen on (PORT, as
# `make run PORT=...` and bin/web use it).
SITE_URL = env("SITE_URL", f"http://127.0.0.1:{env('PORT', '8000')}").rstrip("/")
ALLOWED_HOSTS = envlist("ALLOWED_HOSTS", "127.0.0.1,localhost" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = envlist("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "daphne",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.postgres",
    "django.contrib.sites",
    "django.contrib.sitemaps",
    "allauth",
    "allauth.account",
    "allauth.socialaccount",
    "allauth.mfa",
    "allauth.usersessions",
    "channels",
    "django_filters",
    "django_tasks",
    "django_tasks_db",
    "csp",
    "core",
    "audit",
    "accounts",
    "invitations",
    "directory",
    "forum",
    "notifications",
    "portal",
    "privacy",
    "moderation",
    "worker",
    "conversations",
    "inbound",
    "insight",
    "attachments",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "accounts.middleware.LanguageMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    # allauth's session activity, recorded at most every USERSESSIONS_ACTIVITY_INTERVAL seconds.
    "accounts.activity.UserSessionActivityMiddleware",
    "accounts.middleware.MembersOnlyMiddleware",
    "accounts.signin_csp.ProviderFormActionMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"
ASGI_APPLICATION = "config.asgi.application"
SITE_ID = 1

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "accounts.context_processors.roles",
                "notifications.context_processors.unread_notifications",
                "config.context_processors.navigation",
            ],
            # |bdi (member text isolated in the other direction) and the hreflang alternates.
            "builtins": ["core.templatetags.languages"],
        },
    }
]

# --- Database -------------------------------------------------------------------------------
DATABASES = {
    "default": dj_database_url.parse(
        env("DATABASE_URL", f"sqlite:///{VAR_DIR / 'db.sqlite3'}"), conn_max_age=0
    )
}
# SQLite under several processes (bin/web's workers, the worker): readers never wait for the
# writer (WAL), a transaction takes the write lock when it begins (IMMEDIATE: one that started
# reading cannot fail with "database is locked" when it comes to write), and a writer waits up
# to 20 s for another's lock instead of failing at once.
SQLITE_OPTIONS = {
    "transaction_mode": "IMMEDIATE",
    "timeout": 20,
    "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    DATABASES["default"]["OPTIONS"] = dict(SQLITE_OPTIONS)
USING_POSTGRES = DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql"
if USING_POSTGRES:
    # Django's backend, told the limit on a query's parameters that server-side binding brings.
    DATABASES["default"]["ENGINE"] = "core.postgresql"
    # Pages run short queries; JIT compiling one whose estimate looks large costs more than it
    # saves (180 ms to rank experts over 100,000 profiles), whatever the server's default.
    # Added to whatever DATABASE_URL's ?options= already sets.
    options = DATABASES["default"].setdefault("OPTIONS", {})
    options["options"] = f"{options.get('options', '')} -c jit=off".strip()
    # Prepared statements: a query a connection has run DATABASE_PREPARE_AFTER times (the same
    # SQL, whatever its parameters) is parsed and planned once on it from then on. Planning the
    # thread page's query (ten joins, the visibility rule) took ten times as long as running it.
    # Needs the parameters bound by the server, not merged into the SQL by psycopg; the pool
    # keeps the connections, and so their prepared statements. 0 turns it off (as Django's
    # default, for a transaction-mode pgbouncer in front of the database).
    DATABASE_PREPARE_AFTER = envint("DATABASE_PREPARE_AFTER", 2)
    if DATABASE_PREPARE_AFTER > 0:
        options["server_side_binding"] = True
        options["prepare_threshold"] = DATABASE_PREPARE_AFTER
    # psycopg's pool: a request borrows an open connection instead of opening one (8-11 ms of
    # database CPU each); Django's pool checks each before use (CONN_HEALTH_CHECKS), so those a
    # PostgreSQL restart killed are replaced, and a request waits at most DATABASE_POOL_TIMEOUT s
    # for one before answering 503 (core/outage.py). Up to DATABASE_POOL_MAX per process; 0 turns
    # the pool off.
    DATABASE_POOL_MAX = envint("DATABASE_POOL_MAX", 10)
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
    if DATABASE_POOL_MAX > 0:
        options["pool"] = {
            "min_size": min(envint("DATABASE_POOL_MIN", 1), DATABASE_POOL_MAX),
            "max_size": DATABASE_POOL_MAX,
            "timeout": envint("DATABASE_POOL_TIMEOUT", 5),
        }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Redis: channel layer and cache ---------------------------------------------------------
# A connection that a Redis restart left dead in a pool is replaced on its first error (a quick
# retry) or by the PING sent before using one idle for 30 s, instead of failing until the pool
# has cycled. Connecting gives up after a second.
REDIS_CONNECTION = {"socket_connect_timeout": 1, "health_check_interval": 30}


def redis_channel_layer(url: str) -> dict:
    return {
        "BACKEND": "channels_redis.core.RedisChannelLayer",
        "CONFIG": {
            # channels_redis blocks 5 s waiting for messages; redis-py's default read timeout
            # is also 5 s, which would drop every idle socket. Read longer (pushes sent from
            # requests are bounded on their own: notifications.delivery.PUSH_TIMEOUT).
            "hosts": [
                {
                    "address": url,
                    "socket_timeout": 15,
                    **REDIS_CONNECTION,
                    "retry": AsyncRetry(
                        ExponentialBackoff(cap=0.5, base=0.05), 2, (RedisConnectionError,)
                    ),
                }
            ],
            "prefix": env("CHANNEL_PREFIX", "asgi"),
            "capacity": 500,
            "expiry": 30,
        },
    }


def redis_cache(url: str) -> dict:
    return {
        # Errors are misses, so that a Redis down or frozen stops nothing for longer than a
        # second: sign-in (allauth's limiter), pages, limits (core/cache.py).
        "BACKEND": "core.cache.FailSoftRedisCache",
        "LOCATION": url,
        "KEY_PREFIX": env("CACHE_PREFIX", "mn"),
        "OPTIONS": {
            **REDIS_CONNECTION,
            "socket_timeout": 1,
            # Retried on a broken connection only: a frozen Redis is not waited for twice.
            "retry": Retry(ExponentialBackoff(cap=0.2, base=0.02), 1, (RedisConnectionError,)),
        },
    }


REDIS_URL = env("REDIS_URL")
if REDIS_URL:
    CHANNEL_LAYERS = {"default": redis_channel_layer(REDIS_URL)}
    CACHES = {"default": redis_cache(REDIS_URL)}
else:
    CHANNEL_LAYERS = {"default": {"BACKEND": "channels.layers.InMemoryChannelLayer"}}
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# The notification badge's unread count is cached per member and dropped at every change
# (notifications/unread.py); an entry expires by itself after this many seconds. Without Redis
# each process has its own cache, so keep it short there.
UNREAD_COUNT_CACHE_SECONDS = envint("UNREAD_COUNT_CACHE_SECONDS", 300 if REDIS_URL else 30)

# --- Background tasks -----------------------------------------------------------------------
# Embedded default: run at once. Production (docker-compose): a database queue and a worker.
TASKS = {
    "default": {
        "BACKEND": env("TASK_BACKEND", "django_tasks.backends.immediate.ImmediateBackend"),
    }
}
# /healthz reports the worker as not polling when no worker looked for tasks for this long.
TASK_WORKER_STALE_AFTER = envint("TASK_WORKER_STALE_AFTER", 60)

# --- Authentication (django-allauth) --------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "accounts.backends.PermissionsInOneQueryBackend",  # permissions only, one query (not two)
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
# Argon2id at a cost of about 30 ms, a bounded number at once (accounts/hashers.py); hashes stored
# with PBKDF2 are rewritten at the next sign-in.
PASSWORD_HASHERS = [
    "accounts.hashers.BoundedArgon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
]
PASSWORD_HASHES_AT_ONCE = envint("PASSWORD_HASHES_AT_ONCE", 2)
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "home"
ACCOUNT_LOGOUT_REDIRECT_URL = "landing"
ACCOUNT_ADAPTER = "accounts.adapter.AccountAdapter"
SOCIALACCOUNT_ADAPTER = "accounts.adapter.SocialAccountAdapter"
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_FORMS = {"signup": "accounts.forms.SignupForm"}
SOCIALACCOUNT_FORMS = {"signup": "accounts.forms.SocialSignupForm"}
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_CHANGE_EMAIL = True
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Migration Network] "
ACCOUNT_RATE_LIMITS = {
    # allauth's defaults, stated here so that they are visible and can be tuned per deployment.
    # Only failed sign-ins count against login_failed (accounts.adapter.AccountAdapter), so
    # colleagues behind one institute address are not refused for each other's correct ones.
    "login": "30/m/ip",
    "login_failed": "10/m/ip,5/5m/key",
    "signup": "20/m/ip",
    "confirm_email": "1/3m/key",
    "reset_password": "20/m/ip,5/m/key",
    "reset_password_from_key": "20/m/ip",
    "change_password": "5/m/user",
    "manage_email": "10/m/user",
}
# Passkeys (WebAuthn): sign in with one instead of a password, or use a security key as the second
# factor. The relying party is the host asked (ALLOWED_HOSTS); browsers require HTTPS, or
# http://localhost in development and the browser tests.
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes", "webauthn"]
MFA_PASSKEY_LOGIN_ENABLED = True
MFA_RATE_LIMITS = {"webauthn_login": "10/m/ip"}  # allauth's default, stated
MFA_FORMS = {"add_webauthn": "accounts.forms.AddPasskeyForm"}
MFA_TOTP_ISSUER = "Migration Network"
USERSESSIONS_TRACK_ACTIVITY = True
USERSESSIONS_ACTIVITY_INTERVAL = 300  # seconds between two writes of a session's "last seen"
USERSESSIONS_ADAPTER = "accounts.adapter.UserSessionsAdapter"
SOCIALACCOUNT_ONLY = False
SOCIALACCOUNT_EMAIL_AUTHENTICATION = False
# ORCID sign-in exists only when configured: keys here (or an ORCID social application in the
# admin); without them there is no button and its routes answer 404 (accounts/orcid/).
ORCID_CLIENT_ID = env("ORCID_CLIENT_ID")
ORCID_CLIENT_SECRET = env("ORCID_CLIENT_SECRET")
ORCID_SIGN_IN = bool(ORCID_CLIENT_ID and ORCID_CLIENT_SECRET)
# Where ORCID's sign-in pages and token endpoint are (https://sandbox.orcid.org for tests against
# ORCID's sandbox); the record is read from ORCID_API_URL (below).
ORCID_OAUTH_URL = env("ORCID_OAUTH_URL", "https://orcid.org").rstrip("/")
INSTALLED_APPS.insert(
    INSTALLED_APPS.index("allauth.socialaccount") + 1, "allauth.socialaccount.providers.orcid"
)
SOCIALACCOUNT_PROVIDERS = {
    "orcid": {
        "provider_class": "accounts.orcid.provider.OrcidProvider",
        "MEMBER_API": False,
    }
}


def institute_sign_in_apps(raw: str) -> list[dict]:
    """``OIDC_INSTITUTES``, a JSON list of ``{"institute": acronym, "id", "server_url",
    "client_id", "secret", "name"?}``, as apps of allauth's openid_connect provider: a verified
    sign-in through one makes the person a member of that institute (accounts/institutional.py).
    The same apps can be added in the admin (Social applications, settings
    ``{"server_url": ..., "institute": acronym}``)."""
    return [
        {
            "provider_id": item["id"],
            "name": item.get("name", item["institute"]),
            "client_id": item["client_id"],
            "secret": item["secret"],
            "settings": {"server_url": item["server_url"], "institute": item["institute"]},
        }
        for item in json.loads(raw or "[]")
    ]


INSTALLED_APPS.insert(
    INSTALLED_APPS.index("allauth.socialaccount") + 1,
    "allauth.socialaccount.providers.openid_connect",
)
SOCIALACCOUNT_PROVIDERS["openid_connect"] = {
    "APPS": institute_sign_in_apps(env("OIDC_INSTITUTES")),
    "OAUTH_PKCE_ENABLED": True,
}


def institute_saml_apps(raw: str) -> list[dict]:
    """``SAML_INSTITUTES``, a JSON list of ``{"institute": acronym, "id", "name"?, and either
    "metadata_url" with "entity_id", or "entity_id", "sso_url" and "x509cert"; "verified_email"?}``,
    as apps of allauth's saml provider (``id`` is the organization slug in its URLs,
    /accounts/saml/<id>/...). ``verified_email`` (allauth's own key: ``true``, or a list of
    domains) says which addresses the institute's identity provider vouches for; otherwise only an
    ``email_verified`` attribute saying true does. A verified sign-in makes the person a member of
    that institute (accounts/institutional.py). The same apps can be added in the admin (Social
    applications, provider SAML, client id the slug, settings ``{"idp": {...}, "institute":
    acronym, "verified_email": [...]}``)."""
    apps = []
    for item in json.loads(raw or "[]"):
        idp = {"entity_id": item["entity_id"]}
        if item.get("metadata_url"):
            idp["metadata_url"] = item["metadata_url"]
        else:
            idp.update(sso_url=item["sso_url"], x509cert=item["x509cert"])
        app_settings = {
            "idp": idp,
            "institute": item["institute"],
        }
        for key in ("verified_email", "attribute_mapping", "advanced"):
            if key in item:
                app_settings[key] = item[key]
        apps.append(
            {
                "provider_id": item["entity_id"],
                "client_id": item["id"],
                "name": item.get("name", item["institute"]),
                "settings": app_settings,
            }
        )
    return apps


INSTALLED_APPS.insert(
    INSTALLED_APPS.index("allauth.socialaccount") + 1,
    "allauth.socialaccount.providers.saml",
)
SOCIALACCOUNT_PROVIDERS["saml"] = {"APPS": institute_saml_apps(env("SAML_INSTITUTES"))}
if ORCID_SIGN_IN:
    SOCIALACCOUNT_PROVIDERS["orcid"]["APPS"] = [
        {"client_id": ORCID_CLIENT_ID, "secret": ORCID_CLIENT_SECRET, "key": ""}
    ]

# --- Email ----------------------------------------------------------------------------------
# Replies by email (inbound): notification emails about a post or a conversation carry a signed
# Reply-To at this domain, whose MX leads to the SMTP receiver (bin/smtp); empty turns them off.
REPLY_EMAIL_DOMAIN = env("REPLY_EMAIL_DOMAIN")
REPLY_EMAIL_MAX_AGE_DAYS = envint("REPLY_EMAIL_MAX_AGE_DAYS", 30)
# The receiver: where it listens, and the largest message it takes (bytes).
SMTP_LISTEN_HOST = env("SMTP_LISTEN_HOST", "127.0.0.1")
SMTP_LISTEN_PORT = envint("SMTP_LISTEN_PORT", 2525)
INBOUND_MAX_BYTES = envint("INBOUND_MAX_BYTES", 1024 * 1024)
EMAIL_HOST = env("EMAIL_HOST")
if EMAIL_HOST:
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_PORT = envint("EMAIL_PORT", 587)
    EMAIL_HOST_USER = env("EMAIL_HOST_USER")
    EMAIL_HOST_PASSWORD = env("EMAIL_HOST_PASSWORD")
    EMAIL_USE_TLS = envbool("EMAIL_USE_TLS", True)
else:
    # EMAIL_BACKEND=django.core.mail.backends.filebased.EmailBackend with EMAIL_FILE_PATH keeps
    # every email as a file (the fault tests count them).
    EMAIL_BACKEND = env("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
    EMAIL_FILE_PATH = env("EMAIL_FILE_PATH", str(VAR_DIR / "emails"))
# A mail server that stops answering fails the send (the worker retries it) instead of hanging.
EMAIL_TIMEOUT = envint("EMAIL_TIMEOUT", 30)
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", "Migration Network <noreply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# --- Internationalisation -------------------------------------------------------------------
# The six official languages of the United Nations. The names are translated where a language is
# named in a sentence; the switcher names each in itself (get_language_info's name_local).
LANGUAGE_CODE = "en"
LANGUAGES = [
    ("en", _("English")),
    ("ar", _("Arabic")),
    ("zh-hans", _("Chinese")),
    ("fr", _("French")),
    ("ru", _("Russian")),
    ("es", _("Spanish")),
]
# Catalogs: locale/<code>/LC_MESSAGES/django.po and djangojs.po; the .mo files are compiled by
# `make install` (docs/architecture.md, "Languages").
LOCALE_PATHS = [BASE_DIR / "locale"]
LANGUAGE_COOKIE_SAMESITE = "Lax"
LANGUAGE_COOKIE_AGE = 365 * 24 * 3600
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

# --- Static and media files -----------------------------------------------------------------
STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(env("STATIC_ROOT", str(VAR_DIR / "static")))
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env("MEDIA_ROOT", str(VAR_DIR / "media")))
STORAGES = {
    "default": {"BACKEND": "core.storage.RandomNameStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
DATA_UPLOAD_MAX_NUMBER_FIELDS = 1000

# --- Security -------------------------------------------------------------------------------
SECURE_COOKIES = envbool("SECURE_COOKIES", not DEBUG)
SESSION_COOKIE_SECURE = SECURE_COOKIES
CSRF_COOKIE_SECURE = SECURE_COOKIES
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
CSRF_COOKIE_SAMESITE = "Lax"
SECURE_SSL_REDIRECT = envbool("SECURE_SSL_REDIRECT", not DEBUG)
SECURE_PROXY_SSL_HEADER = (
    ("HTTP_X_FORWARDED_PROTO", "https") if envbool("BEHIND_TLS_PROXY", False) else None
)
SECURE_HSTS_SECONDS = envint("SECURE_HSTS_SECONDS", 0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = envbool("SECURE_HSTS_PRELOAD", not DEBUG)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
X_FRAME_OPTIONS = "DENY"

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'", "ws:" if DEBUG else "wss:"],
        "object-src": ["'none'"],
        "base-uri": ["'none'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
    }
}

# --- Logging --------------------------------------------------------------------------------
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", "INFO")},
    "loggers": {
        # Django's own default gives "django" a console handler of its own, and the line then
        # reaches the root's too: printed twice. Without handlers here, the root prints it once.
        "django": {"handlers": [], "level": env("LOG_LEVEL", "INFO")},
        "daphne": {"level": "WARNING"},
        "django.channels.server": {"level": "WARNING"},
    },
}

# --- Product knobs --------------------------------------------------------------------------
# Directory: ORCID public API used by the works import.
ORCID_API_URL = env("ORCID_API_URL", "https://pub.orcid.org").rstrip("/")
ORCID_API_TIMEOUT = envint("ORCID_API_TIMEOUT", 10)
# Portal: Crossref's REST API, read when a member prefills a research output from its DOI.
CROSSREF_API_URL = env("CROSSREF_API_URL", "https://api.crossref.org").rstrip("/")
CROSSREF_API_TIMEOUT = envint("CROSSREF_API_TIMEOUT", 8)
# Per-member limits on every write, "count/period" with period in s, m, h or d
# (core.ratelimit). allauth keeps its own limits for sign-in flows (ACCOUNT_RATE_LIMITS).
RATE_LIMITS = {
    "accounts.apply": env("RATE_LIMIT_APPLY", "5/h"),
    "accounts.moderate": env("RATE_LIMIT_MODERATE", "600/h"),
    "accounts.language": env("RATE_LIMIT_LANGUAGE", "60/h"),
    "accounts.administer": env("RATE_LIMIT_ADMINISTER", "300/h"),
    # One use per invitation sent or resent (a pasted list of 50 uses 50).
    "invitations.send": env("RATE_LIMIT_INVITATIONS", "500/d"),
    "directory.edit": env("RATE_LIMIT_PROFILE_EDIT", "120/h"),
    "directory.orcid_import": env("RATE_LIMIT_ORCID_IMPORT", "10/h"),
    "conversations.start": env("RATE_LIMIT_CONVERSATION_START", "20/h"),
    "conversations.write": env("RATE_LIMIT_CONVERSATION_WRITE", "120/h"),
    "conversations.report": env("RATE_LIMIT_CONVERSATION_REPORT", "20/h"),
    # Bounces of refused email replies, per address they go to (whoever forged it).
    "inbound.bounce": env("RATE_LIMIT_INBOUND_BOUNCE", "5/h"),
    "forum.thread": env("RATE_LIMIT_THREAD", "10/h"),
    "forum.reply": env("RATE_LIMIT_REPLY", "60/h"),
    "forum.edit": env("RATE_LIMIT_EDIT", "120/h"),
    "forum.report": env("RATE_LIMIT_REPORT", "20/h"),
    "forum.reaction": env("RATE_LIMIT_REACTION", "240/h"),
    "forum.write": env("RATE_LIMIT_FORUM_WRITE", "240/h"),
    "forum.invite": env("RATE_LIMIT_WORKSPACE_INVITE", "60/h"),
    "forum.preview": env("RATE_LIMIT_FORUM_PREVIEW", "300/h"),
    "notifications.write": env("RATE_LIMIT_NOTIFICATIONS_WRITE", "600/h"),
    "portal.submit": env("RATE_LIMIT_PORTAL_SUBMIT", "60/h"),
    # Visitors who are not signed in are counted by their address.
    "portal.register": env("RATE_LIMIT_PORTAL_REGISTER", "20/h"),
    "portal.subscribe": env("RATE_LIMIT_PORTAL_SUBSCRIBE", "10/h"),
    "privacy.export": env("RATE_LIMIT_PRIVACY_EXPORT", "5/d"),
    "privacy.delete": env("RATE_LIMIT_PRIVACY_DELETE", "20/d"),
    "portal.contact": env("RATE_LIMIT_PORTAL_CONTACT", "5/h"),
    "portal.doi_lookup": env("RATE_LIMIT_PORTAL_DOI_LOOKUP", "30/h"),
    # One use per file attached.
    "attachments.upload": env("RATE_LIMIT_ATTACHMENTS", "60/h"),
}
# Invitations: how long an invitation link can be used.
INVITATION_DAYS = envint("INVITATION_DAYS", 14)
# Portal: the largest PDF an output may carry, and the address the contact page gives.
PORTAL_PDF_MAX_BYTES = envint("PORTAL_PDF_MAX_BYTES", 20 * 1024 * 1024)
PORTAL_CONTACT_EMAIL = env("PORTAL_CONTACT_EMAIL", "contact@migration-network.example")

# --- Personal data (privacy/) ---------------------------------------------------------------
# Every period here is applied by `manage.py privacy_housekeeping` (bin/scheduler, daily) and
# stated by the privacy notice, which reads these settings.
SESSION_COOKIE_AGE = envint("SESSION_COOKIE_AGE", 14 * 24 * 3600)
PRIVACY_EXPORT_HOURS = envint("PRIVACY_EXPORT_HOURS", 72)
PRIVACY_DELETION_GRACE_DAYS = envint("PRIVACY_DELETION_GRACE_DAYS", 14)
PRIVACY_RETENTION_DAYS = {
    # Emails, sent or not, are task rows holding the address and the text.
    "tasks": envint("RETENTION_TASK_DAYS", 30),
    "notifications": envint("RETENTION_NOTIFICATION_DAYS", 365),
    # Membership history and the moderation log.
    "audit": envint("RETENTION_AUDIT_DAYS", 730),
}
# Downloads of members' data: outside MEDIA_ROOT, served only through privacy.views.download.
PRIVATE_ROOT = Path(env("PRIVATE_ROOT", str(VAR_DIR / "private")))

# --- Attachments (attachments/) ----------------------------------------------------------------
# Files on posts and messages: a private folder (never MEDIA_ROOT, never served as is), or an
# S3-compatible bucket through django-storages when ATTACHMENTS_S3_BUCKET is set. Either way they
# are read only through attachments.views.download, after the permission check.
ATTACHMENTS_ROOT = Path(env("ATTACHMENTS_ROOT", str(VAR_DIR / "attachments")))
ATTACHMENTS_MAX_BYTES = envint("ATTACHMENTS_MAX_BYTES", 10 * 1024 * 1024)
ATTACHMENTS_MAX_FILES = envint("ATTACHMENTS_MAX_FILES", 5)
ATTACHMENTS_QUOTA_BYTES = envint("ATTACHMENTS_QUOTA_BYTES", 200 * 1024 * 1024)
STORAGES["attachments"] = {"BACKEND": "core.storage.PrivateStorage"}
# attachments/checks.py refuses to start when the bucket is set but the storage cannot be imported.
ATTACHMENTS_S3_BUCKET = env("ATTACHMENTS_S3_BUCKET", "")
if ATTACHMENTS_S3_BUCKET:
    STORAGES["attachments"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": ATTACHMENTS_S3_BUCKET,
            "endpoint_url": env("ATTACHMENTS_S3_ENDPOINT_URL", "") or None,
            "region_name": env("ATTACHMENTS_S3_REGION", "") or None,
            "access_key": env("ATTACHMENTS_S3_ACCESS_KEY_ID", "") or None,
            "secret_key": env("ATTACHMENTS_S3_SECRET_ACCESS_KEY", "") or None,
            "location": "attachments",
            "default_acl": "private",
            "querystring_auth": True,
            "file_overwrite": False,
        },
    }
