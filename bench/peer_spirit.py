"""The Spirit side of ``bench/peers.py``: its settings and its seeding, run in Spirit's own
virtual environment (``var/peers/spirit-venv``), never imported by our code.

``python bench/peer_spirit.py seed <bodies.json>`` creates (once) a member, a category and one
topic whose comments are the given Markdown bodies, rendered by Spirit's own Markdown; it prints
``<user pk> <topic path> <comment count>``. As a settings module (``bench.peer_spirit``) it is
the settings of Spirit's project template, with the database from ``SPIRIT_DATABASE_URL``.
"""

import json
import os
import sys

BASE_DIR = os.path.dirname(os.path.abspath(__file__))
SECRET_KEY = "bench-only-not-secret"  # noqa: S105  (a throwaway benchmark site on loopback)
DEBUG = False
ALLOWED_HOSTS = ["testserver", "127.0.0.1"]
ROOT_URLCONF = "peer_spirit_urls"
LOGIN_URL = "spirit:user:auth:login"
ST_SITE_URL = "http://127.0.0.1:8000/"
INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "spirit.core",
    "spirit.admin",
    "spirit.search",
    "spirit.user",
    "spirit.user.admin",
    "spirit.user.auth",
    "spirit.category",
    "spirit.category.admin",
    "spirit.topic",
    "spirit.topic.admin",
    "spirit.topic.favorite",
    "spirit.topic.moderate",
    "spirit.topic.notification",
    "spirit.topic.private",
    "spirit.topic.unread",
    "spirit.comment",
    "spirit.comment.bookmark",
    "spirit.comment.flag",
    "spirit.comment.flag.admin",
    "spirit.comment.history",
    "spirit.comment.like",
    "spirit.comment.poll",
    "djconfig",
    "haystack",
]
MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "spirit.user.middleware.TimezoneMiddleware",
    "spirit.user.middleware.LastIPMiddleware",
    "spirit.user.middleware.LastSeenMiddleware",
    "spirit.user.middleware.ActiveUserMiddleware",
    "spirit.core.middleware.PrivateForumMiddleware",
    "djconfig.middleware.DjConfigMiddleware",
]
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.template.context_processors.i18n",
                "django.template.context_processors.media",
                "django.template.context_processors.static",
                "django.template.context_processors.tz",
                "django.contrib.messages.context_processors.messages",
                "djconfig.context_processors.config",
            ],
        },
    },
]
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "st_rate_limit": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "spirit_rl_cache",
        "TIMEOUT": None,
    },
}
HAYSTACK_CONNECTIONS = {
    "default": {
        "ENGINE": "haystack.backends.whoosh_backend.WhooshEngine",
        "PATH": os.environ.get("SPIRIT_INDEX", "/tmp/spirit-bench-index"),  # noqa: S108
    }
}
HAYSTACK_SIGNAL_PROCESSOR = "haystack.signals.BaseSignalProcessor"  # no indexing while seeding
STATIC_URL = "/static/"
MEDIA_URL = "/media/"
USE_TZ = True
DEFAULT_AUTO_FIELD = "django.db.models.AutoField"


def _database(url: str) -> dict:
    if url.startswith("postgres"):
        from urllib.parse import urlsplit

        parts = urlsplit(url)
        return {
            "ENGINE": "django.db.backends.postgresql",
            "NAME": parts.path.lstrip("/"),
            "USER": parts.username or "",
            "PASSWORD": parts.password or "",
            "HOST": parts.hostname or "",
            "PORT": parts.port or "",
            "OPTIONS": {"options": "-c jit=off"},  # as ours runs (config/settings.py)
        }
    return {"ENGINE": "django.db.backends.sqlite3", "NAME": url.removeprefix("sqlite:///")}


DATABASES = {"default": _database(os.environ.get("SPIRIT_DATABASE_URL", "sqlite:///spirit.db"))}

TOPIC_TITLE = "Benchmark topic"


def seed(bodies_file: str, per_page: int) -> None:
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from djconfig.models import Config
    from spirit.category.models import Category
    from spirit.comment.models import Comment
    from spirit.core.utils.markdown import Markdown
    from spirit.topic.models import Topic

    call_command("migrate", verbosity=0)
    user, _ = get_user_model().objects.get_or_create(
        username="bench-member", defaults={"email": "bench@bench.example"}
    )
    user.st.is_verified = True
    user.st.save()
    Config.objects.update_or_create(key="comments_per_page", defaults={"value": str(per_page)})
    topic = Topic.objects.filter(title=TOPIC_TITLE).first()
    if topic is None:
        bodies = json.loads(open(bodies_file).read())  # noqa: SIM115
        category, _ = Category.objects.get_or_create(title="Benchmark", slug="benchmark")
        topic = Topic.objects.create(
            user=user, category=category, title=TOPIC_TITLE, slug="benchmark-topic"
        )
        Comment.objects.bulk_create(
            Comment(user=user, topic=topic, comment=body, comment_html=Markdown().render(body))
            for body in bodies
        )
        Topic.objects.filter(pk=topic.pk).update(comment_count=len(bodies))
    from django.db import connection

    if connection.vendor == "postgresql":  # planner statistics, as our side's seeding leaves
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    count = Comment.objects.filter(topic=topic).count()
    print(user.pk, topic.get_absolute_url(), count)


if __name__ == "__main__":
    os.environ["DJANGO_SETTINGS_MODULE"] = "peer_spirit"
    seed(sys.argv[2], int(sys.argv[3]))
