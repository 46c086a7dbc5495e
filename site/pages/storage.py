"""Where uploads are kept, and how they are read back: the one place for both.

Uploads (documents, images and their renditions, project files) live on the
server's disk under MEDIA_ROOT by default. With several web servers they must
live where every server finds them: a bucket on S3-compatible object storage
(``MEDIA_STORAGE=s3``, settings/base.py), through django-storages.

Private files stay private there. The bucket is never public and no page
ever points at it: ``PrivateS3Storage.url()`` gives the same ``/media/…``
address as on disk, and every file is streamed by Django after the
permission check (pages/files.py). A redirect to a signed bucket URL would be
a link that works for anyone who has it, outlives a member's membership, and
breaks the site's ``media-src 'self'`` policy.

The rest of this module reads a stored file whatever the storage: its size
and date, a byte range (a video's seek must not download the whole object
first), and the local path when there is one (the fast path on disk).
"""

import os

from django.conf import settings
from django.utils.encoding import filepath_to_uri
from storages.backends.s3 import S3Storage
from storages.utils import clean_name

CHUNK_SIZE = 64 * 1024


class PrivateS3Storage(S3Storage):
    """A private bucket whose files are reached only through the site's own URLs."""

    default_acl = "private"
    # Django's rule on disk: a second "slides.pdf" gets a new name. S3Storage's
    # default replaces the first one, whatever its collection's privacy.
    file_overwrite = False
    # Reading a file through the storage (renditions, a document's hash and
    # text) downloads it whole: to a temporary file on disk above this size,
    # instead of keeping a 2 GB video in memory.
    max_memory_size = 10 * 1024 * 1024

    def __init__(self, **options):
        super().__init__(**options)
        from botocore.config import Config

        # Since boto3 1.36 every request carries new checksum headers, which some
        # S3-compatible servers refuse: send them only where S3 requires them.
        self.client_config = self.client_config.merge(Config(
            request_checksum_calculation="when_required",
            response_checksum_validation="when_required"))

    def url(self, name, parameters=None, expire=None, http_method=None):
        return settings.MEDIA_URL + filepath_to_uri(clean_name(name)).lstrip("/")

    def _object(self, name):
        return self.bucket.Object(self._normalize_name(clean_name(name)))

    def stat(self, name):
        """(size in bytes, last modified as a Unix time); FileNotFoundError when absent."""
        from botocore.exceptions import ClientError

        entry = self._object(name)
        try:
            entry.load()  # one HEAD request
        except ClientError as error:
            if error.response["ResponseMetadata"]["HTTPStatusCode"] == 404:
                raise FileNotFoundError(name) from error
            raise
        return entry.content_length, int(entry.last_modified.timestamp())

    def read(self, name, start=0, end=None):
        """Bytes ``start`` to ``end`` (inclusive; None: to the end) of ``name``, in
        chunks, asked for when first iterated (so a HEAD request asks for nothing)."""
        if start == 0 and end is None:
            answer = self._object(name).get()
        else:
            answer = self._object(name).get(Range=f"bytes={start}-{'' if end is None else end}")
        body = answer["Body"]
        try:
            yield from body.iter_chunks(CHUNK_SIZE)
        finally:
            body.close()


def local_path(storage, name):
    """The file's path on this machine, or None when the storage keeps it elsewhere."""
    try:
        return storage.path(name)
    except NotImplementedError:
        return None


def stat(storage, name):
    """(size, last modified as a Unix time) of a stored file; FileNotFoundError when absent."""
    path = local_path(storage, name)
    if path is not None:
        if not os.path.isfile(path):
            raise FileNotFoundError(name)
        info = os.stat(path)
        return info.st_size, int(info.st_mtime)
    if isinstance(storage, PrivateS3Storage):
        return storage.stat(name)
    if not storage.exists(name):
        raise FileNotFoundError(name)
    return storage.size(name), int(storage.get_modified_time(name).timestamp())


def read(storage, name, start=0, end=None):
    """Bytes ``start`` to ``end`` (inclusive; None: to the end) of a stored file, in chunks."""
    if isinstance(storage, PrivateS3Storage):
        yield from storage.read(name, start, end)
        return
    path = local_path(storage, name)
    with (open(path, "rb") if path is not None else storage.open(name, "rb")) as handle:
        handle.seek(start)
        remaining = float("inf") if end is None else end - start + 1
        while remaining > 0:
            chunk = handle.read(min(CHUNK_SIZE, remaining))
            if not chunk:
                break
            remaining -= len(chunk)
            yield chunk
