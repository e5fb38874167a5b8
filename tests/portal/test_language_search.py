"""Full-text search stems each row in its own language on PostgreSQL (``ts_config``): a Russian
brief is found by another form of its words, as a French or English one is in its language."""

import pytest
from django.db import connection

from core.content_language import TS_CONFIGS, TS_FALLBACK, ts_configs
from forum import actions as forum_actions
from forum.models import Category, Post
from forum.search import search_posts
from portal import search
from portal.models import Output

from .conftest import make_output

pytestmark = pytest.mark.services


def test_every_configuration_named_exists_in_postgres(postgres_url, db):
    with connection.cursor() as cursor:
        cursor.execute("SELECT cfgname FROM pg_ts_config")
        present = {row[0] for row in cursor.fetchall()}
    assert set(ts_configs()) <= present
    assert TS_CONFIGS["ru"] == "russian" and TS_FALLBACK == "simple"  # Chinese: simple


def test_outputs_are_stemmed_in_their_own_language(postgres_url, member):
    make_output(member, title="Миграции городов", abstract="Текст.", language="ru")
    make_output(
        member, title="Politiques migratoires des villes", abstract="Un texte.", language="fr"
    )
    make_output(member, title="移民与城市", abstract="文本。", language="zh-hans")
    public = Output.objects.public()
    assert [o.title for o in search.outputs(public, "миграция город")] == ["Миграции городов"]
    assert [o.title for o in search.outputs(public, "politique ville")] == [
        "Politiques migratoires des villes"
    ]
    assert [o.title for o in search.outputs(public, "移民与城市")] == ["移民与城市"]


def test_a_russian_row_in_english_would_not_be_found(postgres_url, member):
    make_output(member, title="Миграции городов", abstract="Текст.", language="en")
    assert not search.outputs(Output.objects.public(), "миграция город").exists()


def test_forum_posts_are_stemmed_in_their_threads_language(postgres_url, member):
    category = Category.objects.create(name="General", slug="general")
    forum_actions.create_thread(
        member, category=category, title="Миграции городов", body="Обсуждение.", language="ru"
    )
    forum_actions.create_thread(
        member, category=category, title="Cities", body="Politiques migratoires.", language="fr"
    )
    found = search_posts(Post.objects.all(), "миграция")
    assert [post.thread.title for post in found] == ["Миграции городов"]
    assert [post.thread.title for post in search_posts(Post.objects.all(), "politique")] == [
        "Cities"
    ]
