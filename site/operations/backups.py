"""Backup and restore: the database, the uploaded files, and nothing that can be rebuilt.

A backup is a folder ``leerkring-YYYYMMDD-HHMMSS`` holding:

- ``database.pgdump`` (PostgreSQL, ``pg_dump -Fc``) or ``database.sqlite3``
  (SQLite's online backup API: a consistent copy while the site runs);
- ``media.tar``, the files under MEDIA_ROOT (uploads are PDFs, decks,
  videos and images, already compressed). With object storage (a bucket)
  there is no copy here: the bucket's versioning or replication is the
  backup of the files;
- ``manifest.json``: when, from which database, and what is in it.

It is written under a temporary name and renamed once complete, readable by
its owner only (it holds every member's data). Not in it: the search
indexes (rebuilt from the database on restore), the cache, static files
(``collectstatic``), and the environment: keep SECRET_KEY with the backups'
key, not in them; sessions, reset links and the keyed hashes of
accounts.limits depend on it.

Commands instead of shell scripts because only Django knows the database
and the storage as the settings resolve them (DATABASE_URL or the SQLite
file under DATA_DIR, MEDIA_ROOT, the storage backend).
"""

import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
from pathlib import Path

from django.core.files.storage import FileSystemStorage, default_storage
from django.db import connection
from django.utils import timezone

FORMAT = 1
MANIFEST = "manifest.json"
DUMPS = {"postgresql": "database.pgdump", "sqlite": "database.sqlite3"}
MEDIA = "media.tar"
PREFIX = "leerkring-"


class BackupError(Exception):
    """What the operator must fix; the message says how."""


# --- Where things are ----------------------------------------------------------------------

def vendor():
    if connection.vendor not in DUMPS:
        raise BackupError(f"Backups cover PostgreSQL and SQLite, not {connection.vendor}.")
    return connection.vendor


def media_root():
    """MEDIA_ROOT when uploads are files on this server; None with object storage."""
    if isinstance(default_storage, FileSystemStorage):
        return Path(default_storage.location)
    return None


def postgres_tool(name):
    """``pg_dump`` or ``pg_restore``: from PATH, else the newest of Debian's versioned folders
    (a client at least as new as the server is needed)."""
    found = shutil.which(name)
    if found:
        return found
    candidates = sorted(Path("/usr/lib/postgresql").glob(f"*/bin/{name}"),
                        key=lambda path: int(path.parts[-3]) if path.parts[-3].isdigit() else 0)
    if not candidates:
        raise BackupError(f"{name} was not found: install the PostgreSQL client "
                          "(Debian: apt-get install postgresql-client).")
    return str(candidates[-1])


def postgres_environment():
    """libpq's variables for the default database: no password on a command line."""
    config = connection.settings_dict
    environment = dict(os.environ)
    for variable, value in (("PGDATABASE", config["NAME"]), ("PGUSER", config["USER"]),
                            ("PGPASSWORD", config["PASSWORD"]), ("PGHOST", config["HOST"]),
                            ("PGPORT", config["PORT"])):
        if value:
            environment[variable] = str(value)
    for option in ("sslmode", "sslrootcert", "sslcert", "sslkey"):
        if config["OPTIONS"].get(option):
            environment[f"PG{option.upper()}"] = str(config["OPTIONS"][option])
    return environment


def _run(command, **kwargs):
    result = subprocess.run(command, capture_output=True, text=True, **kwargs)
    if result.returncode != 0:
        raise BackupError(f"{Path(command[0]).name} failed: {result.stderr.strip()}")


# --- Backup --------------------------------------------------------------------------------

def backup(into):
    """Write a new backup folder inside ``into``; return its path."""
    into = Path(into)
    into.mkdir(parents=True, exist_ok=True)
    created = timezone.now()
    name = f"{PREFIX}{timezone.localtime(created):%Y%m%d-%H%M%S}"
    final, partial = into / name, into / f".{name}.partial"
    if final.exists():
        raise BackupError(f"{final} exists already.")
    shutil.rmtree(partial, ignore_errors=True)
    partial.mkdir(mode=0o700)
    kind = vendor()
    dump_database(kind, partial / DUMPS[kind])
    root = media_root()
    if root is not None:
        archive_media(root, partial / MEDIA)
    manifest = {
        "format": FORMAT,
        "created": created.isoformat(),
        "database": kind,
        "media": MEDIA if root is not None else None,
        "media_note": None if root is not None else (
            "Uploads are in object storage: its versioning or replication is their backup."),
    }
    (partial / MANIFEST).write_text(json.dumps(manifest, indent=2) + "\n")
    for path in partial.iterdir():
        path.chmod(0o600)
    partial.rename(final)
    return final


def dump_database(kind, path):
    if kind == "postgresql":
        # Owners and grants are left to the restore (--no-owner there): the
        # database may be restored under another role.
        _run([postgres_tool("pg_dump"), "--format=custom", f"--file={path}"],
             env=postgres_environment())
    else:
        source = sqlite3.connect(f"file:{connection.settings_dict['NAME']}?mode=ro", uri=True)
        target = sqlite3.connect(path)
        try:
            source.backup(target)
            # One self-contained file (the copy took the site's WAL mode): reading
            # it later leaves no -wal or -shm files beside it.
            target.execute("PRAGMA journal_mode=DELETE")
        finally:
            target.close()
            source.close()


def archive_media(root, path):
    with tarfile.open(path, "w") as archive:
        if root.is_dir():
            for child in sorted(root.iterdir()):
                archive.add(child, arcname=child.name)


def prune(into, keep):
    """Delete all but the ``keep`` newest complete backups in ``into``; return the deleted."""
    backups = sorted(path for path in Path(into).glob(f"{PREFIX}*")
                     if path.is_dir() and (path / MANIFEST).exists())
    old = backups[:-keep] if keep > 0 else []
    for path in old:
        shutil.rmtree(path)
    return old


# --- Restore -------------------------------------------------------------------------------

def read_manifest(folder):
    folder = Path(folder)
    try:
        manifest = json.loads((folder / MANIFEST).read_text())
    except FileNotFoundError:
        raise BackupError(f"{folder} is not a complete backup (no {MANIFEST}).") from None
    if manifest.get("format") != FORMAT:
        raise BackupError(f"Unknown backup format {manifest.get('format')!r}.")
    return manifest


def check_empty_target(manifest):
    """Refuse to restore over anything: the database and MEDIA_ROOT must be empty."""
    kind = vendor()
    if manifest["database"] != kind:
        raise BackupError(f"This backup is of a {manifest['database']} database; "
                          f"DATABASE_URL names a {kind} one.")
    if connection.introspection.table_names():
        raise BackupError("The database is not empty. Restore into a new, empty database "
                          "(PostgreSQL: createdb; SQLite: a path where no file is yet); "
                          "do not run migrate first.")
    root = media_root()
    if manifest["media"] and root is not None and root.is_dir() and any(root.iterdir()):
        raise BackupError(f"MEDIA_ROOT ({root}) is not empty.")


def restore_database(folder, manifest):
    path = Path(folder) / DUMPS[manifest["database"]]
    if manifest["database"] == "postgresql":
        _run([postgres_tool("pg_restore"), "--no-owner", "--no-privileges", "--exit-on-error",
              "--single-transaction", f"--dbname={connection.settings_dict['NAME']}", str(path)],
             env=postgres_environment())
    else:
        target_path = connection.settings_dict["NAME"]
        connection.close()
        source = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        target = sqlite3.connect(target_path)
        try:
            source.backup(target)
        finally:
            target.close()
            source.close()
    connection.close()  # the next query opens the restored database


def restore_media(folder, manifest):
    """Unpack the uploads into MEDIA_ROOT; False when there is nothing to unpack here."""
    root = media_root()
    if not manifest["media"] or root is None:
        return False
    root.mkdir(parents=True, exist_ok=True)
    with tarfile.open(Path(folder) / manifest["media"]) as archive:
        # "data": no absolute paths, no way out of MEDIA_ROOT, no devices or links outside.
        archive.extractall(root, filter="data")
    return True
