"""manage.py backup and restore: back up, wipe the database and the uploaded files, restore, and
find every row of every table and every file as it was. On SQLite here; on PostgreSQL (pg_dump,
pg_restore) when DATABASE_URL points at it, which CI's second run does."""

import hashlib
import shutil
import tarfile
import threading
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import CommandError, call_command
from django.db import connection

from core.management import archive
from forum import actions
from forum.models import Category, Post
from tests import services
from tests.conftest import make_user

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def tools():
    if connection.vendor == "postgresql" and not shutil.which("pg_dump"):
        services._missing("pg_dump is not installed (postgresql-client)", "REQUIRE_SERVICES")


def every_row() -> dict[str, list]:
    """Every table's rows, in a stable order (what must come back)."""
    rows = {}
    with connection.cursor() as cursor:
        for table in sorted(connection.introspection.table_names(cursor)):
            quoted = connection.ops.quote_name(table)
            cursor.execute(f"SELECT * FROM {quoted}")  # noqa: S608 - the database's own names
            rows[table] = sorted(cursor.fetchall(), key=repr)
    return rows


def every_file(root: Path) -> dict[str, str]:
    return {
        p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


@pytest.fixture
def content(institutes, settings):
    author = make_user("alice@gcm.unu.example", "Alice Moreau")
    reader = make_user("bob@ehs.unu.example", "Bob Mensah")
    category = Category.objects.create(name="General discussion", slug="general", order=1)
    thread = actions.create_thread(author, category=category, title="Data", body="Sources? ✓")
    for i in range(5):
        actions.reply(reader if i % 2 else author, thread, f"Reply {i} to @Alice Moreau")
    default_storage.save("photos/alice.webp", ContentFile(b"RIFF\x00photo" * 100))
    default_storage.save("portal/outputs/brief.pdf", ContentFile(b"%PDF-1.7 brief" * 1000))
    return thread


def wipe(media_root: Path) -> None:
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("DROP SCHEMA public CASCADE; CREATE SCHEMA public")
        else:
            cursor.execute("PRAGMA foreign_keys = OFF")
            for table in connection.introspection.table_names(cursor):
                cursor.execute(f"DROP TABLE {connection.ops.quote_name(table)}")
    shutil.rmtree(media_root)
    assert every_row() == {}


def test_backup_wipe_restore_gives_back_every_row_and_every_file(content, settings, tmp_path):
    media_root = Path(settings.MEDIA_ROOT)
    rows, files = every_row(), every_file(media_root)
    assert rows["forum_post"] and len(files) == 2
    target = tmp_path / "backups" / "site.tar"
    call_command("backup", output=str(target))
    with tarfile.open(target) as tar:
        names = tar.getnames()
    assert "manifest.json" in names and "media/photos/alice.webp" in names
    wipe(media_root)
    (media_root / "stray.txt").parent.mkdir(parents=True)
    (media_root / "stray.txt").write_text("uploaded after the backup")
    call_command("restore", str(target), yes=True)
    assert every_row() == rows
    assert every_file(media_root) == files  # the stray file is gone: exactly the backup's
    # The restored site goes on: sequences continue, no primary key collides.
    actions.reply(Post.objects.first().author, content, "After the restore")
    assert Post.objects.filter(body="After the restore").count() == 1


def test_a_backup_taken_while_members_post_is_consistent(content, settings, tmp_path):
    """Replies keep being written during the backup; the restored database is one moment:
    every post has its revision and the thread's last position is its last post's."""
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "forum.reply": "10000/h"}
    author = content.author
    stop = threading.Event()

    def write():
        i = 0
        try:
            while not stop.is_set() and i < 500:
                actions.reply(author, content, f"Written during the backup {i}")
                i += 1
        finally:
            connection.close()

    writer = threading.Thread(target=write)
    writer.start()
    try:
        target = tmp_path / "live.tar"
        call_command("backup", output=str(target))
    finally:
        stop.set()
        writer.join(timeout=120)
    call_command("restore", str(target), yes=True)
    content.refresh_from_db()
    posts = Post.objects.filter(thread=content)
    assert content.last_position == max(p.position for p in posts)
    assert all(p.revisions.filter(version=1).exists() for p in posts)


def test_a_damaged_or_foreign_archive_is_refused_and_nothing_changes(content, tmp_path):
    rows = every_row()
    bad = tmp_path / "bad.tar"
    bad.write_bytes(b"not a tar")
    with pytest.raises(CommandError):
        call_command("restore", str(bad), yes=True)
    with pytest.raises(CommandError, match="No backup"):
        call_command("restore", str(tmp_path / "missing.tar"), yes=True)
    assert every_row() == rows


def test_restore_asks_before_replacing(content, tmp_path, monkeypatch):
    target = tmp_path / "site.tar"
    archive.backup(target)
    monkeypatch.setattr("builtins.input", lambda prompt: "no")
    with pytest.raises(CommandError, match="Nothing restored"):
        call_command("restore", str(target))
