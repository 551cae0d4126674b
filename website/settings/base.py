"""Settings shared by every environment. Nothing secret or environment-specific lives here."""

import os
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent

INSTALLED_APPS = [
    "home",
    "blog",
    "casestudies",
    "events",
    "discussion",
    "subscriptions",
    "accounts",
    "outbox",
    "stewardship",
    "linkcheck",
    "feedback",
    "publishing",
    "website",
    "caching",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.embeds",
    "wagtail.sites",
    "website.users_app.UsersAppConfig",  # wagtail.users with the staff-first user list
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_comments_xtd",
    "django_comments",
    "django_tasks",
    "django_tasks_db",
    "allauth",
    "allauth.account",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.sites",
]

MIDDLEWARE = [
    # First: a cached page for an anonymous reader costs nothing of what follows.
    "caching.pagecache.PageCacheMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "website.middleware.SecurityHeadersMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Last: around the admin's page views only, one writer per page (publishing/middleware.py).
    "publishing.middleware.PageWriteMiddleware",
]

ROOT_URLCONF = "website.urls"
WSGI_APPLICATION = "website.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

# DATABASE_URL selects PostgreSQL (psycopg 3); without it, a local SQLite file.
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DB_CONN_MAX_AGE", "60")),
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]

LANGUAGE_CODE = "sv"
LANGUAGES = [("sv", _("Swedish"))]
TIME_ZONE = "Europe/Stockholm"
USE_I18N = True
USE_TZ = True
# The first catalogue holding a string wins: the site's own, then Swedish for what Wagtail's
# catalogue lacks or says in jargon (hand-maintained, see README "Translations"), then the apps'.
LOCALE_PATHS = [BASE_DIR / "locale", BASE_DIR / "locale" / "wagtail"]

WAGTAIL_I18N_ENABLED = False
WAGTAILADMIN_PERMITTED_LANGUAGES = [("sv", "Svenska")]
WAGTAIL_CONTENT_LANGUAGES = [("sv", "Svenska")]
# Addresses in ASCII: "Byaråd på Öland" becomes /byarad-pa-oland/ (see website/slugs.py).
WAGTAIL_ALLOW_UNICODE_SLUGS = False
WAGTAILADMIN_USER_LOGIN_FORM = "website.admin_forms.AdminLoginForm"

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]


def _add_file_headers(headers, path, url):
    """Static files go out with the same protective headers as uploads (website/middleware.py)."""
    from website.middleware import file_headers

    file_headers(headers)


WHITENOISE_ADD_HEADERS_FUNCTION = _add_file_headers
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))

# Only where nothing in front serves MEDIA_ROOT (local production runs, benchmarks).
SERVE_MEDIA = os.environ.get("SERVE_MEDIA", "false").lower() == "true"

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

SITE_ID = 1
WAGTAIL_SITE_NAME = "Myndigheten för levande landsbygd"
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "key", "odt", "pdf", "pptx", "rtf", "txt", "xlsx", "zip"]
WAGTAILIMAGES_IMAGE_MODEL = "wagtailimages.Image"
WAGTAILEMBEDS_RESPONSIVE_HTML = True
# No Gravatar: the admin would send editors' e-mail hashes to another host, and its CSP blocks it anyway.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
# Nor the dashboard's new-version check (releases.wagtail.org): updates are the deployers' job.
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAIL_ENABLE_WHATS_NEW_BANNER = False
TAGGIT_CASE_INSENSITIVE = True

# Swedish stemming ("kommunerna" finds "kommun") where the database can do it.
WAGTAILSEARCH_BACKENDS = {
    "default": {
        "BACKEND": "wagtail.search.backends.database",
        "SEARCH_CONFIG": "swedish",
    }
}

# Whole pages for anonymous readers, stored with the cache tags of what they show and served while
# none of those changed (caching/). Varnish in front gets the tags (xkey) and the tag purges.
PAGE_CACHE_ENABLED = os.environ.get("PAGE_CACHE_ENABLED", "true").lower() == "true"
PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", "300"))
VARNISH_URL = os.environ.get("VARNISH_URL", "")
CACHE_TAG_FRONTENDS = ["caching.backends.varnish.VarnishBackend"] if VARNISH_URL else []

# Wagtail writes a rendition to its cache on every {% image %} use; a shared cache would take a
# network or disk write per picture per request. Renditions never change for an image and spec,
# so each process keeps its own, for a few minutes (an image replaced meanwhile shows at once
# on purge-free pages only after that).
RENDITIONS_CACHE = {
    "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
    "LOCATION": "renditions",
    "TIMEOUT": 600,
    "OPTIONS": {"MAX_ENTRIES": 5000},
}
TAG_CACHE_MAX_ENTRIES = 20_000
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "website",
        # Each cache tag's version is one key (a listing of a hundred cards carries some 350), and
        # a culled version counts as changed: at Django's default of 300 big pages never stay fresh.
        "OPTIONS": {"MAX_ENTRIES": TAG_CACHE_MAX_ENTRIES},
    },
    "renditions": RENDITIONS_CACHE,
}
# The cache the project's own code uses (page cache, site data, comment rate limit); production
# with Redis gives it an alias of its own that reports faults (website/settings/redis.py).
SHARED_CACHE_ALIAS = "default"

# Reader accounts (django-allauth): email is the identity.
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "/"
ACCOUNT_LOGIN_METHODS = {"email"}
# E-mail, one password and a display name (accounts/forms.py); the username allauth fills in is
# internal and never shown (accounts/display.py).
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*"]
ACCOUNT_SIGNUP_FORM_CLASS = "accounts.forms.SignupDetailsForm"
ACCOUNT_USER_DISPLAY = "accounts.display.display_name"
# Mail through the outbox, from the agency's name, in Swedish (accounts/adapter.py).
ACCOUNT_ADAPTER = "accounts.adapter.AccountAdapter"
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
# Confirming the address (in the browser that signed up) logs the reader in and returns them to
# the page they came from: `?next=` is kept through sign-up, verification and login.
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_UNIQUE_EMAIL = True
# Where a reader's personal data lives: modules with export(user) and erase(user), run in this order
# for "Mina uppgifter", account deletion and `manage.py export_personal_data` / `delete_account`
# (accounts/personal_data.py). The account itself comes last.
PERSONAL_DATA_PROVIDERS = [
    "discussion.personal_data",
    "subscriptions.personal_data",
    "accounts.account_data",
]
ACCOUNT_LOGOUT_ON_GET = False
ACCOUNT_EMAIL_SUBJECT_PREFIX = ""
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "webbplatsen@example.se")
# A mail server that stops answering must not hold a worker for long (outbox/tasks.py retries).
EMAIL_TIMEOUT = int(os.environ.get("EMAIL_TIMEOUT", "10"))
# Sent messages hold readers' addresses: `manage.py purge_sent_email` forgets them after this.
OUTBOX_KEEP_SENT_DAYS = int(os.environ.get("OUTBOX_KEEP_SENT_DAYS", "30"))

# The nightly link check (linkcheck/, `manage.py check_links`): seconds to wait for a server, seconds
# between two requests to one host, hosts asked at once. Links to loopback and private networks are
# not followed unless LINKCHECK_CHECK_PRIVATE_ADDRESSES (an editor's link must not probe the intranet).
LINKCHECK_TIMEOUT = float(os.environ.get("LINKCHECK_TIMEOUT", "10"))
LINKCHECK_HOST_INTERVAL = float(os.environ.get("LINKCHECK_HOST_INTERVAL", "1"))
LINKCHECK_MAX_WORKERS = int(os.environ.get("LINKCHECK_MAX_WORKERS", "4"))
LINKCHECK_CHECK_PRIVATE_ADDRESSES = False

# Background work (Django's task framework through the django-tasks backport). "background" is the
# database queue that `manage.py db_worker --backend background --queue-name '*'` works through:
# e-mail and anything else that must never run inside a reader's request. Wagtail's own tasks
# (search and reference index updates) stay on "default", run at once as Wagtail ships them.
TASKS = {
    "default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
    "background": {
        "BACKEND": "django_tasks_db.DatabaseBackend",
        "QUEUES": ["default", "email"],
    },
}

# Comments (django-comments-xtd); see discussion/.
COMMENTS_APP = "django_comments_xtd"
COMMENTS_XTD_MODEL = "discussion.models.Comment"
# The upper bound of reply levels; each site picks its depth in CommentSettings.
COMMENTS_XTD_MAX_THREAD_LEVEL = 3
COMMENTS_XTD_THREADED_EMAILS = False
# A cached page's comment form stays valid for two days (see discussion/forms.py).
COMMENTS_TIMEOUT = 2 * 24 * 60 * 60
COMMENTS_XTD_CONFIRM_EMAIL = False
COMMENTS_HIDE_REMOVED = True
COMMENTS_XTD_SALT = b"discussion-comments"

SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
CSRF_COOKIE_HTTPONLY = False
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"

# Proxies in front of the app (TLS terminator, Varnish) that append to X-Forwarded-For; the comment
# rate limit and the stored IP address use the address the outermost one saw (website/net.py).
TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "0"))
# Sent with every purge to Varnish, which refuses a PURGE without it (deploy/varnish/default.vcl).
VARNISH_PURGE_SECRET = os.environ.get("VARNISH_PURGE_SECRET", "")

# Sections of the home page, each owned by the app whose data it lists, so that
# home/ never imports blog/, casestudies/ or events/.
HOME_PAGE_SECTIONS = [
    "blog.sections.latest_posts",
    "events.sections.upcoming_events",
    "casestudies.sections.latest_case_studies",
]

# The feeds listed on the Prenumerera page, each section owned by the app whose data it lists.
SUBSCRIPTION_FEED_SECTIONS = [
    "blog.sections.blog_feeds",
    "events.sections.calendar_feeds",
]

# What a reader can get e-mail alerts about (subscriptions/alerts.py): the page type, and which of its
# fields hold topics (a taggit manager) and a county (a foreign key to SUBSCRIPTION_COUNTY_MODEL).
SUBSCRIPTION_CONTENT_TYPES = {
    "blogg": {"label": _("Blogginlägg"), "model": "blog.BlogPage", "topics": "tags"},
    "exempel": {"label": _("Goda exempel"), "model": "casestudies.CaseStudyPage", "topics": "tags", "county": "county"},
    "kalender": {"label": _("Evenemang i kalendern"), "model": "events.EventPage"},
}
SUBSCRIPTION_COUNTY_MODEL = "casestudies.County"

# Demo content loaders, run in order by `manage.py load_demo_content`.
DEMO_CONTENT_LOADERS = [
    "home.demo.load",
    "casestudies.demo.load",
    "events.demo.load",
    "blog.demo.load",
    "discussion.demo.load",
    "stewardship.demo.load",
    "website.demo.load_editorial_accounts",
]

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
    # Wagtail runs search and reference-index updates as immediate tasks; one INFO line each is noise.
    "loggers": {"django_tasks": {"level": "WARNING"}, "wagtail": {"level": "WARNING"}},
}
