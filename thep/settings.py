"""Settings, read from the environment.

Production is the default: DEBUG off and SECRET_KEY, DATABASE_URL and REDIS_URL required.
The dev stack (`thep.devstack`) and the test suite set what they need.
"""

import os
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit, urlunsplit

import environ
from celery.schedules import crontab
from csp.constants import NONE, SELF

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()

DEBUG = env.bool("DEBUG", default=False)
SECRET_KEY = env.str("SECRET_KEY")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["localhost", "127.0.0.1"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])
SITE_URL = env.str("SITE_URL", default="http://127.0.0.1:8000")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.postgres",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "allauth.usersessions",
    "crispy_forms",
    "crispy_bootstrap5",
    "import_export",
    "auditlog",
    "thep",
    "membership",
    "ofsted",
    "improvement",
    "learning",
    "coaching",
    "outcomes",
    "commission",
    "moderation",
    "bulletins",
    "surveys",
    "meetings",
    "reports",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "allauth.usersessions.middleware.UserSessionsMiddleware",
    "thep.middleware.SessionLifetimeMiddleware",
    "thep.middleware.RequireMFAMiddleware",
    "thep.middleware.NoStoreMiddleware",
    "csp.middleware.CSPMiddleware",
    "thep.middleware.RefuseNulMiddleware",
    "auditlog.middleware.AuditlogMiddleware",
]

ROOT_URLCONF = "thep.urls"
WSGI_APPLICATION = "thep.wsgi.application"

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
                "thep.navigation.navigation",
            ],
        },
    },
]

DATABASES = {"default": env.db("DATABASE_URL")}
# The PostgreSQL backend, with a guard against whole numbers wrapping round (see its module).
DATABASES["default"]["ENGINE"] = "thep.postgresql"
# A socket directory arrives percent-encoded in the URL's host (postgres://user@%2Fpath/db).
DATABASES["default"]["HOST"] = unquote(DATABASES["default"]["HOST"])
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
# Queries bound on the server, and each one a connection runs five times prepared: PostgreSQL
# then plans it once instead of on every request (planning was most of the time of a typical
# page query: 1 to 2 ms against 0.2 to 0.4 ms to run it).
DATABASES["default"].setdefault("OPTIONS", {}).update(server_side_binding=True, prepare_threshold=5)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = env.str("REDIS_URL")
# REDIS_DB picks another database of the same server: the tests use their own, so that their
# cache.clear() (a FLUSHDB) and their worker never touch a running dev stack's cache and queue.
REDIS_DB = env.int("REDIS_DB", default=None)
if REDIS_DB is not None:
    # The tests run in several processes (pytest-xdist names them gw0, gw1, ...), and each takes
    # the next database, for the same reason: their test databases are theirs too (test_*_gw1).
    REDIS_DB += int(os.environ.get("PYTEST_XDIST_WORKER", "gw0").removeprefix("gw"))
    _redis = urlsplit(REDIS_URL)
    REDIS_URL = (
        f"{REDIS_URL.split('?')[0]}?db={REDIS_DB}"  # urlunsplit would drop unix:///'s slashes
        if _redis.scheme == "unix"
        else urlunsplit(_redis._replace(path=f"/{REDIS_DB}"))
    )
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": REDIS_URL,
        "KEY_PREFIX": env.str("CACHE_KEY_PREFIX", default="thep"),
    }
}

AUTH_USER_MODEL = "thep.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},  # ASVS 2.1.1
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "home"

# allauth: email login, invitation only (the adapter closes signup).
ACCOUNT_ADAPTER = "thep.adapters.AccountAdapter"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = "none"  # the office's address for a person is taken as verified
# A person changes their address by adding a new one, which replaces the old only once they
# follow the link sent to it: nobody makes an address they do not read their login.
ACCOUNT_CHANGE_EMAIL = True
# A password reset asked for an address with no account sends nothing: no sign-up link, and
# nothing to learn about who has an account.
ACCOUNT_EMAIL_UNKNOWN_ACCOUNTS = False
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_LOGIN_ON_PASSWORD_RESET = True
ACCOUNT_SESSION_REMEMBER = False
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[THE Partnership] "
ACCOUNT_REAUTHENTICATION_REQUIRED = True  # before changing email, password or MFA
# Tell a person by email when their password, email address or two-factor settings change, so
# that someone else doing it does not go unnoticed (ASVS 2.2.3).
ACCOUNT_EMAIL_NOTIFICATIONS = True
# Failed logins: allauth limits them per address (below); per account, thep.lockout makes the
# person wait longer after each failure instead of locking them out, so that nobody can lock
# the Executive Director out by typing wrong passwords, and a device they have logged in from
# before is not made to wait at all.
ACCOUNT_RATE_LIMITS = {"login_failed": "10/m/ip"}
THEP_LOGIN_FAILURES_BEFORE_DELAY = 5
THEP_LOGIN_DELAY_MAX_SECONDS = 15 * 60
# Behind a load balancer the client's address is the one the trusted proxies add to
# X-Forwarded-For (counting from the right); with none, the header is ignored, as anyone can
# send it. Rate limits and the security log both read the address this way.
ALLAUTH_TRUSTED_PROXY_COUNT = env.int("THEP_TRUSTED_PROXY_COUNT", default=0)
MFA_ADAPTER = "thep.adapters.MFAAdapter"  # keys stored encrypted
# allauth refuses two-factor set-up while any address is unverified, against someone signing up
# with another's address. Nobody signs up here: the office makes accounts and the invitation
# link proves the address, so a change of address waiting for its link must not block it.
MFA_ALLOW_UNVERIFIED_EMAIL = True
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "THE Partnership"
MFA_TOTP_TOLERANCE = 1  # one 30-second step either side, for phones whose clocks drift (RFC 6238)
USERSESSIONS_TRACK_ACTIVITY = False  # our own idle check writes at most once a minute
# Roles that must use two-factor authentication before seeing any school data; heads and
# staff are offered it, and THEP_MFA_REQUIRED_FOR_ALL makes it required for everyone.
THEP_MFA_REQUIRED_ROLES = env.list(
    "THEP_MFA_REQUIRED_ROLES",
    default=["consultant", "coach", "moderator", "director", "la_officer", "admin"],
)
THEP_MFA_REQUIRED_FOR_ALL = env.bool("THEP_MFA_REQUIRED_FOR_ALL", default=False)

# The audit trail: who changed what. thep.User registers itself (without its password hash);
# tests/thep/test_audit_trail.py fails for a model that is neither here nor declared unaudited.
AUDITLOG_INCLUDE_TRACKING_MODELS = (
    # people and their roles
    "membership.Affiliation",
    "thep.RoleChangeRequest",
    "improvement.Allocation",
    # imports: who uploaded and who applied which file, and what it changed (counts)
    {"model": "thep.ImportJob", "exclude_fields": ["rows_read", "summary", "problems", "file"]},
    # schools, memberships and what they buy
    "membership.School",
    "membership.Member",
    "membership.Joining",
    "membership.JoinRequest",
    "membership.YearOpening",
    "membership.Membership",
    "membership.PupilCount",
    "membership.Purchase",
    # money
    "membership.Invoice",
    "membership.InvoiceLine",
    "membership.CreditNote",
    "membership.Payment",
    "membership.InvoiceSettings",
    "membership.InvoiceReminder",
    "membership.FeeRate",
    "membership.Product",
    "membership.Price",
    # inspections
    "ofsted.Inspection",
    "ofsted.NationalFigures",
    "ofsted.WindowOverride",
    "ofsted.StrategyMeeting",
    # the LC programme: who did what and when. The words of reports, comments, reviews and risk
    # notes stay out, because the office reads the audit trail and must never read a report;
    # corrections to final reports keep their own history (improvement.ReportCorrection).
    "improvement.Visit",
    {
        "model": "improvement.Report",
        "exclude_fields": [
            "summary",
            "strengths",
            "areas_for_development",
            "good_practice",
            "good_practice_theme",
            "agreed_actions",
            "challenge",
            "risks",
            # Autosaves move these every few seconds while the LC types; the status is kept.
            "version",
            "changed_at",
        ],
    },
    {"model": "improvement.ReportComment", "exclude_fields": ["text"]},
    {"model": "improvement.ReportCorrection", "exclude_fields": ["before", "reason"]},
    {
        "model": "improvement.DiagnosticReview",
        "exclude_fields": ["priorities", "later_visits", "version", "changed_at"],
    },
    {"model": "improvement.RiskRating", "exclude_fields": ["note"]},
    # Who agreed to share an academy's risk rating with the LA, and who withdrew it.
    "improvement.RiskSharing",
    "improvement.GoodPractice",
    "improvement.ReviewMeeting",
    "improvement.ReviewItem",
    "improvement.InterventionGroup",
    "improvement.InterventionAction",
    "improvement.InterventionReview",
    # executive coaching: who coaches whom, and the dates of sessions (nothing said is recorded)
    "coaching.Allocation",
    "coaching.Session",
    # reports and the foreword; who set which outcome's baseline and target; who asked for
    # which school's data pack (its progress counters stay out)
    "reports.ReportFile",
    "reports.Foreword",
    "reports.Outcome",
    {"model": "reports.DataPack", "exclude_fields": ["progress", "seconds"]},
    # assessment monitoring and moderation: each draw and why each school is in it, who
    # visits which school and when, and the judgements agreed or changed
    "moderation.Draw",
    "moderation.Pick",
    "moderation.Visit",
    "moderation.Judgement",
    # surveys: who built, changed and sent which survey; who agreed to be asked. Answers are
    # not copied into the log (their words are for directors only).
    "surveys.Survey",
    "surveys.Question",
    "surveys.Volunteer",
)

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / ".data" / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / ".data" / "media")
MEDIA_URL = "media/"
# Production serves hashed, compressed files made by collectstatic; the dev stack and the tests
# serve the source tree as it is.
STATIC_MANIFEST = env.bool("STATIC_MANIFEST", default=not DEBUG)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if STATIC_MANIFEST
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
# Tests and the dev stack serve static files from the source tree without collectstatic.
WHITENOISE_USE_FINDERS = env.bool("WHITENOISE_USE_FINDERS", default=not STATIC_MANIFEST)
WHITENOISE_AUTOREFRESH = DEBUG

EMAIL_BACKEND = env.str("EMAIL_BACKEND", default="django.core.mail.backends.smtp.EmailBackend")
EMAIL_HOST = env.str("EMAIL_HOST", default="localhost")
EMAIL_PORT = env.int("EMAIL_PORT", default=25)
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="THE Partnership <portal@thep.org.uk>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# The dev stack's page of the emails sent (/dev/emails/), so that someone trying the portal can
# follow the links in them; the outbox then keeps what each email said. Never with DEBUG off:
# in production an email's words go once it is sent (a link in it may set a password).
THEP_DEV_MAILBOX = env.bool("THEP_DEV_MAILBOX", default=False) and DEBUG

# Celery names a Redis socket `redis+socket://`, and its database `virtual_host`, where redis-py
# says `unix://` and `db`.
CELERY_BROKER_URL = REDIS_URL.replace("unix://", "redis+socket://", 1).replace(
    "?db=", "?virtual_host=", 1
)
CELERY_RESULT_BACKEND = CELERY_BROKER_URL
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_ALWAYS_EAGER = env.bool("CELERY_TASK_ALWAYS_EAGER", default=False)
CELERY_TIMEZONE = TIME_ZONE
# Every periodic task, here and nowhere else, so beat's whole timetable reads in one place
# (tests/thep/test_beat_schedule.py holds each "Run by beat" task to having an entry).
CELERY_BEAT_SCHEDULE: dict[str, dict[str, Any]] = {
    # Retention (the THEP_*_DAYS settings below) applied every night at half past three.
    "retention": {"task": "thep.tasks.retention_nightly", "schedule": crontab(hour=3, minute=30)},
    # Just after midnight, as the facts that depend on the date change.
    "schools: standings rebuilt": {
        "task": "membership.standings.standings_rebuild_nightly",
        "schedule": crontab(hour=0, minute=5),
    },
    # Overdue invoices reminded in the morning, when the office is in to answer.
    "membership: invoice reminders": {
        "task": "membership.tasks.invoice_reminders_daily",
        "schedule": crontab(hour=8, minute=0),
    },
    # A lapsed waiting-list offer passes to the next person within a quarter of an hour.
    "learning: offers expire": {"task": "learning.tasks.offers_expire_task", "schedule": 15 * 60},
}

# Security. Production values are the defaults; the dev stack and tests relax them by name.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=not DEBUG)
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]  # the container health check speaks plain HTTP
SESSION_COOKIE_SECURE = env.bool("SESSION_COOKIE_SECURE", default=not DEBUG)
CSRF_COOKIE_SECURE = env.bool("CSRF_COOKIE_SECURE", default=not DEBUG)
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SESSION_COOKIE_HTTPONLY = True
# `__Host-` cookies are sent only to this host, over HTTPS, for the whole site: no subdomain can
# set or read them (ASVS 3.4.4). Browsers refuse the prefix without HTTPS, so plain-HTTP
# development keeps Django's names.
SESSION_COOKIE_NAME = "__Host-sessionid" if SESSION_COOKIE_SECURE else "sessionid"
CSRF_COOKIE_NAME = "__Host-csrftoken" if CSRF_COOKIE_SECURE else "csrftoken"
# A session ends after an hour without a request, and ten hours after login whatever happens.
SESSION_IDLE_SECONDS = env.int("SESSION_IDLE_SECONDS", default=60 * 60)
SESSION_ABSOLUTE_SECONDS = env.int("SESSION_ABSOLUTE_SECONDS", default=10 * 60 * 60)
SESSION_COOKIE_AGE = SESSION_ABSOLUTE_SECONDS
# Sessions are read from Redis (one database query less on every page) and written through to
# the database, which keeps them if Redis is emptied.
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
X_FRAME_OPTIONS = "DENY"
CSRF_FAILURE_VIEW = "thep.views.csrf_failure"
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "base-uri": [SELF],
        "object-src": [NONE],
    }
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {"weasyprint": {"level": "ERROR"}, "fontTools": {"level": "ERROR"}},
}

# Demo people share one known password: production makes none unless it is set on purpose
# (`load_demo` refuses; ASVS 2.5.4, no default accounts).
THEP_DEMO_PASSWORD = env.str("THEP_DEMO_PASSWORD", default="thep-demo-2026" if DEBUG else "")
# /healthz tells anyone only "ok" or not; the details (database, Redis, Celery) go to directors
# and the office when logged in, or to a monitor sending this token ("Authorization: Bearer
# ..."). Empty: no token is accepted.
THEP_HEALTH_TOKEN = env.str("THEP_HEALTH_TOKEN", default="")
# How long /healthz waits for a Celery worker to answer its ping before saying "no worker"; it
# answers as soon as one worker does.
THEP_HEALTH_WORKER_SECONDS = env.float("THEP_HEALTH_WORKER_SECONDS", default=1.0)

# Retention, in days (`manage.py apply_retention` removes or anonymises what is older).
THEP_SECURITY_EVENT_DAYS = env.int("THEP_SECURITY_EVENT_DAYS", default=400)
THEP_AUDIT_LOG_DAYS = env.int("THEP_AUDIT_LOG_DAYS", default=6 * 366)
THEP_DORMANT_ACCOUNT_DAYS = env.int("THEP_DORMANT_ACCOUNT_DAYS", default=2 * 366)
BACKUP_DIR = env.path("BACKUP_DIR", default=BASE_DIR / ".data" / "backups")

# Hours a person offered a freed place on a course has to accept it.
LEARNING_OFFER_HOURS = env.int("LEARNING_OFFER_HOURS", default=48)
# Days after an event's last day that its delegates' access and dietary needs are kept.
LEARNING_NEEDS_KEEP_DAYS = env.int("LEARNING_NEEDS_KEEP_DAYS", default=30)
# Days after an event's last day that the history of its places passed between colleagues
# (names and emails) is kept: long enough to answer a question about the term's invoice.
LEARNING_SWAPS_KEEP_DAYS = env.int("LEARNING_SWAPS_KEEP_DAYS", default=366)
