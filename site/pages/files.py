"""Uploaded files served by Django to members, answering HTTP Range requests.

Neither Django nor Wagtail answers ``Range`` requests, and browsers need them
to seek in a video. This module serves a file whole or in part; it is used
for ``/media/`` (images and their renditions, after the privacy of their
collection) and, as Wagtail's
``SENDFILE_BACKEND``, for documents after Wagtail's own permission checks.
Remove the Range handling once Django's FileResponse supports it.
"""

import mimetypes
import os
import re

from django.http import FileResponse, Http404, HttpResponse, HttpResponseNotModified
from django.utils._os import safe_join
from django.utils.http import http_date, parse_http_date_safe

from .visibility import user_can_fetch_media

CHUNK_SIZE = 64 * 1024
_RANGE = re.compile(r"^bytes=(\d*)-(\d*)$")


def _requested_range(request, size, last_modified):
    """(start, end) inclusive, None for the whole file, or False when unsatisfiable."""
    header = request.headers.get("Range", "")
    match = _RANGE.match(header.strip())
    if not match:
        return None  # no Range, or several ranges: answer with the whole file
    if_range = request.headers.get("If-Range")
    if if_range and parse_http_date_safe(if_range) != int(last_modified):
        return None
    first, last = match.groups()
    if first == "" and last == "":
        return None
    if first == "":  # the last N bytes
        length = int(last)
        if length == 0:
            return False
        return max(size - length, 0), size - 1
    start = int(first)
    end = min(int(last), size - 1) if last else size - 1
    if start >= size or start > end:
        return False
    return start, end


class PartialFileResponse(FileResponse):
    """A 206 response that keeps the length of its part.

    Wagtail's ``sendfile()`` sets Content-Length to the whole file's size
    after the backend returns; for a part of the file that would be wrong.
    """

    status_code = 206

    def __setitem__(self, header, value):
        if header.lower() != "content-length":
            super().__setitem__(header, value)


def _read(handle, remaining):
    with handle:
        while remaining > 0:
            chunk = handle.read(min(CHUNK_SIZE, remaining))
            if not chunk:
                break
            remaining -= len(chunk)
            yield chunk


def file_response(request, path, content_type=None):
    stat = os.stat(path)
    size, last_modified = stat.st_size, int(stat.st_mtime)
    since = parse_http_date_safe(request.headers.get("If-Modified-Since", ""))
    if since is not None and since >= last_modified and "Range" not in request.headers:
        return HttpResponseNotModified()
    content_type = content_type or mimetypes.guess_type(path)[0] or "application/octet-stream"
    byte_range = _requested_range(request, size, last_modified)
    if byte_range is False:
        response = HttpResponse(status=416)
        response["Content-Range"] = f"bytes */{size}"
    elif byte_range is None:
        response = FileResponse(open(path, "rb"), content_type=content_type)  # noqa: SIM115
    else:
        start, end = byte_range
        handle = open(path, "rb")  # noqa: SIM115 - closed by _read
        handle.seek(start)
        response = PartialFileResponse(_read(handle, end - start + 1), content_type=content_type)
        response["Content-Range"] = f"bytes {start}-{end}/{size}"
        response.headers["Content-Length"] = str(end - start + 1)
    response["Accept-Ranges"] = "bytes"
    response["Last-Modified"] = http_date(last_modified)
    # Members only: browsers may keep a copy, shared caches may not.
    response["Cache-Control"] = "private, max-age=3600"
    return response


def sendfile(request, filename, mimetype=None, **kwargs):
    """Wagtail's SENDFILE_BACKEND interface (see wagtail.utils.sendfile)."""
    return file_response(request, filename, content_type=mimetype)


def serve_media(request, path):
    """``/media/<path>``: images and renditions for members who may see the
    image's collection (visibility.user_can_fetch_media); never documents."""
    from django.conf import settings

    try:
        full_path = safe_join(settings.MEDIA_ROOT, path)
    except Exception as error:  # SuspiciousFileOperation: a path outside MEDIA_ROOT
        raise Http404 from error
    relative = os.path.relpath(full_path, settings.MEDIA_ROOT).replace(os.sep, "/")
    # 404 rather than 403: an outsider learns nothing about which files exist.
    if (not user_can_fetch_media(request.user, relative, request)
            or not os.path.isfile(full_path)):
        raise Http404
    return file_response(request, full_path)
