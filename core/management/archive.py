"""Backups of the database and the uploaded files, in one tar archive.

An archive holds ``manifest.json`` (when, which database engine, every file with its size and
SHA-256), the database (``database.dump``: pg_dump's custom format on PostgreSQL;
``database.sqlite3``: a copy made with SQLite's online backup API), ``media/`` (every file
under ``MEDIA_ROOT``) and ``attachments/`` (every file under ``ATTACHMENTS_ROOT``, the private
files on posts and messages; none when they are kept in an S3 bucket). Both database copies are
consistent snapshots taken while the site runs: pg_dump reads one transaction's snapshot,
SQLite's backup API copies a consistent state. The files are copied after the database, so
every file the snapshot refers to is in the archive (unless deleted in the seconds between,
such as a photo replaced right then); files uploaded later are extra and harmless. The
``SECRET_KEY`` is not in the archive (README: keep it apart).
"""

import hashlib
import io
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from pathlib import Path

from django.conf import settings
from django.db import connections
from django.utils import timezone

FORMAT = 1
MANIFEST = "manifest.json"
PG_DUMP = "database.dump"
SQLITE_COPY = "database.sqlite3"


def _roots() -> dict[str, Path]:
    """The folders of uploaded files, by their name in the archive and the manifest."""
    return {"media": Path(settings.MEDIA_ROOT), "attachments": Path(settings.ATTACHMENTS_ROOT)}


class BackupError(Exception):
    """A backup or restore that cannot be made, with the reason in words."""


def engine(alias="default") -> str:
    vendor = connections[alias].vendor
    if vendor not in {"postgresql", "sqlite"}:
        raise BackupError(f"Backups support PostgreSQL and SQLite, not {vendor}.")
    return vendor


def _pg_environment(alias: str) -> dict:
    """libpq's variables for the database Django uses (pg_dump and pg_restore read them)."""
    params = connections[alias].settings_dict
    env = {**os.environ}
    for variable, key in (
        ("PGHOST", "HOST"),
        ("PGPORT", "PORT"),
        ("PGUSER", "USER"),
        ("PGPASSWORD", "PASSWORD"),
        ("PGDATABASE", "NAME"),
    ):
        if params.get(key):
            env[variable] = str(params[key])
    if params.get("OPTIONS", {}).get("sslmode"):
        env["PGSSLMODE"] = params["OPTIONS"]["sslmode"]
    return env


def _tool(name: str) -> str:
    path = shutil.which(name)
    if not path:
        raise BackupError(
            f"{name} is not installed: install PostgreSQL's client tools (the same major "
            "version as the server, or newer)."
        )
    return path


def _run(command: list[str], env: dict) -> None:
    # The tools found on PATH, the arguments ours: nothing a member sends.
    result = subprocess.run(command, env=env, capture_output=True, text=True)  # noqa: S603
    if result.returncode != 0:
        raise BackupError(f"{Path(command[0]).name} failed: {result.stderr.strip()}")


def _dump_database(alias: str, vendor: str, folder: Path) -> str:
    if vendor == "postgresql":
        target = folder / PG_DUMP
        _run(
            [_tool("pg_dump"), "--format=custom", "--no-owner", "--no-privileges", "-f", target],
            _pg_environment(alias),
        )
        return PG_DUMP
    target = folder / SQLITE_COPY
    connection = connections[alias]
    connection.ensure_connection()
    copy = sqlite3.connect(target)
    try:
        connection.connection.backup(copy)  # consistent, even while others write
    finally:
        copy.close()
    return SQLITE_COPY


def _digest(path: Path) -> str:
    sha = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            sha.update(chunk)
    return sha.hexdigest()


def media_files(root: Path) -> dict[str, dict]:
    """Every file under ``root``: relative path -> size and SHA-256."""
    if not root.exists():
        return {}
    return {
        path.relative_to(root).as_posix(): {"size": path.stat().st_size, "sha256": _digest(path)}
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


def backup(output: Path, alias: str = "default") -> dict:
    """Write an archive of the database and the uploaded files to ``output``; its manifest."""
    vendor = engine(alias)
    output = Path(output)
    output.parent.mkdir(parents=True, exist_ok=True)
    roots = _roots()
    with tempfile.TemporaryDirectory(prefix="backup-", dir=output.parent) as work:
        work = Path(work)
        database = _dump_database(alias, vendor, work)
        # The files after the database: see the module's docstring.
        files = media_files(roots["media"])
        attachments = media_files(roots["attachments"])
        manifest = {
            "format": FORMAT,
            "created_at": timezone.now().isoformat(),
            "engine": vendor,
            "database": database,
            "database_sha256": _digest(work / database),
            "files": files,
            "attachments": attachments,
        }
        partial = output.with_name(output.name + ".partial")
        with tarfile.open(partial, "w") as archive:
            data = json.dumps(manifest, indent=1, sort_keys=True).encode()
            info = tarfile.TarInfo(MANIFEST)
            info.size = len(data)
            info.mtime = int(timezone.now().timestamp())
            archive.addfile(info, io.BytesIO(data))
            archive.add(work / database, arcname=database)
            for name in files:
                archive.add(roots["media"] / name, arcname=f"media/{name}")
            for name in attachments:
                archive.add(roots["attachments"] / name, arcname=f"attachments/{name}")
        partial.replace(output)  # never a half-written archive under the final name
    return manifest


def read_manifest(archive: tarfile.TarFile) -> dict:
    try:
        manifest = json.load(archive.extractfile(MANIFEST))
    except (KeyError, ValueError) as error:
        raise BackupError(f"Not a backup made by manage.py backup ({error}).") from None
    if manifest.get("format") != FORMAT:
        raise BackupError(f"Unknown backup format {manifest.get('format')!r}.")
    return manifest


def _restore_database(alias: str, vendor: str, path: Path) -> None:
    connection = connections[alias]
    if vendor == "postgresql":
        connection.close()
        _run(
            [
                _tool("pg_restore"),
                "--clean",
                "--if-exists",
                "--no-owner",
                "--no-privileges",
                "--single-transaction",
                "--exit-on-error",
                "-d",
                connection.settings_dict["NAME"],
                path,
            ],
            _pg_environment(alias),
        )
        return
    connection.ensure_connection()
    source = sqlite3.connect(path)
    try:
        source.backup(connection.connection)  # replaces every page of the live database
    finally:
        source.close()


def restore(path: Path, alias: str = "default") -> dict:
    """Replace the database and the uploaded files with those of the archive at ``path``."""
    vendor = engine(alias)
    if not tarfile.is_tarfile(path):
        raise BackupError("Not a backup made by manage.py backup (not a tar archive).")
    with tarfile.open(path, "r") as archive, tempfile.TemporaryDirectory() as work:
        manifest = read_manifest(archive)
        if manifest["engine"] != vendor:
            raise BackupError(
                f"This backup is of a {manifest['engine']} database; this site uses {vendor}."
            )
        work = Path(work)
        archive.extractall(work, filter="data")  # no absolute paths, links or devices
        database = work / manifest["database"]
        if _digest(database) != manifest["database_sha256"]:
            raise BackupError("The database copy in this backup is damaged (checksum).")
        # Archives made before attachments existed have no "attachments": none are restored.
        listed = {"media": manifest["files"], "attachments": manifest.get("attachments", {})}
        for folder, files in listed.items():
            for name, facts in files.items():
                if _digest(work / folder / name) != facts["sha256"]:
                    raise BackupError(f"The file {name} in this backup is damaged (checksum).")
        _restore_database(alias, vendor, database)
        for folder, root in _roots().items():
            _swap_in(work / folder, root)
    return manifest


def _swap_in(restored: Path, root: Path) -> None:
    """The files of ``root`` become exactly those of ``restored``, swapped in by renames."""
    restored.mkdir(exist_ok=True)
    root.parent.mkdir(parents=True, exist_ok=True)
    previous = root.with_name(root.name + ".before-restore")
    shutil.rmtree(previous, ignore_errors=True)
    if root.exists():
        root.rename(previous)
    shutil.move(str(restored), str(root))
    shutil.rmtree(previous, ignore_errors=True)
