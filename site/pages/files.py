"""Uploaded files served by Django to those who may have them, whole or in part.

Every uploaded file reaches a reader through ``file_response``, after a
permission check: images and their renditions under ``/media/`` (after the
privacy of their collection), documents through ``serve_document`` (after
Wagtail's hooks: the login and the collection's privacy) and the catalogue's
project files (catalogue/views.py). The file comes from whichever storage
keeps the uploads (pages/storage.py): the disk or a private bucket, streamed
through Django in both cases, never by a redirect to the bucket.

Neither Django nor Wagtail answers ``Range`` requests, and browsers need them
to seek in a video: this module answers them for both storages, asking the
bucket for the requested bytes only. Remove the Range handling once Django's
FileResponse supports it.

With ``MEDIA_X_ACCEL_REDIRECT`` (files on disk only) the answer after the
check is an ``X-Accel-Redirect`` to nginx's internal location
``X_ACCEL_LOCATION``, and nginx sends the file (and answers Range itself).
"""

import mimetypes
import re
from urllib.parse import quote

from django.conf import settings
from django.core.exceptions import SuspiciousFileOperation
from django.core.files.storage import default_storage
from django.core.files.utils import validate_file_name
from django.http import (
    FileResponse,
    Http404,
    HttpResponse,
    HttpResponseNotModified,
    StreamingHttpResponse,
)
from django.shortcuts import get_object_or_404
from django.utils.http import (
    content_disposition_header,
    http_date,
    parse_http_date_safe,
    quote_etag,
)
from django.views.decorators.http import etag

from . import storage as stored
from .visibility import user_can_fetch_media

# nginx's internal location for MEDIA_X_ACCEL_REDIRECT, an alias of MEDIA_ROOT.
X_ACCEL_LOCATION = "/protected-media/"
_RANGE = re.compile(r"^bytes=(\d*)-(\d*)$")


def _requested_range(request, size, last_modified, entity_tag=None):
    """(start, end) inclusive, None for the whole file, or False when unsatisfiable."""
    header = request.headers.get("Range", "")
    match = _RANGE.match(header.strip())
    if not match:
        return None  # no Range, or several ranges: answer with the whole file
    if_range = request.headers.get("If-Range")
    if if_range and not _same_version(if_range.strip(), last_modified, entity_tag):
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


def _same_version(if_range, last_modified, entity_tag):
    """Whether If-Range names the file as it is: its date, or its (strong) ETag."""
    if if_range.startswith('"'):
        return entity_tag is not None and if_range == quote_etag(entity_tag)
    return parse_http_date_safe(if_range) == last_modified


def file_response(request, name, storage=None, content_type=None, entity_tag=None):
    """The stored file ``name`` (of ``storage``, the uploads' storage by default),
    whole or the part a Range header asks for. Call it after the permission check."""
    storage = storage or default_storage
    try:
        size, last_modified = stored.stat(storage, name)
    except FileNotFoundError as error:
        raise Http404 from error
    content_type = content_type or mimetypes.guess_type(name)[0] or "application/octet-stream"
    path = stored.local_path(storage, name)
    if settings.MEDIA_X_ACCEL_REDIRECT and path is not None:
        response = HttpResponse(content_type=content_type)
        response["X-Accel-Redirect"] = X_ACCEL_LOCATION + quote(name)
        return _private(response)
    since = parse_http_date_safe(request.headers.get("If-Modified-Since", ""))
    if since is not None and since >= last_modified and "Range" not in request.headers:
        return HttpResponseNotModified()
    byte_range = _requested_range(request, size, last_modified, entity_tag)
    if byte_range is False:
        response = HttpResponse(status=416)
        response["Content-Range"] = f"bytes */{size}"
    elif byte_range is None:
        if path is not None:  # the operating system's sendfile, through the WSGI server
            response = FileResponse(open(path, "rb"), content_type=content_type)  # noqa: SIM115
        else:
            response = StreamingHttpResponse(stored.read(storage, name),
                                             content_type=content_type)
            response["Content-Length"] = str(size)
    else:
        start, end = byte_range
        response = StreamingHttpResponse(stored.read(storage, name, start, end), status=206,
                                         content_type=content_type)
        response["Content-Range"] = f"bytes {start}-{end}/{size}"
        response["Content-Length"] = str(end - start + 1)
    response["Accept-Ranges"] = "bytes"
    response["Last-Modified"] = http_date(last_modified)
    return _private(response)


def _private(response):
    # Members only: browsers may keep a copy, shared caches may not.
    response["Cache-Control"] = "private, max-age=3600"
    return response


def serve_document(request, document_id, document_filename):
    """``/documents/<id>/<filename>``: Wagtail's document view, sending the file
    through ``file_response`` from either storage.

    Wagtail's own view (wagtail.documents.views.serve) streams a file that has
    no local path whole, answering no Range request, and reaches our backend
    (SENDFILE_BACKEND) only for files on disk. This is that view with the
    redirect to the storage's URL left out: the same ``before_serve_document``
    hooks (Wagtail's login and collection rules, ours in pages/wagtail_hooks.py),
    the same ``document_served`` signal (analytics), ETag and headers.
    """
    from wagtail import hooks
    from wagtail.documents import get_document_model
    from wagtail.documents.models import document_served

    Document = get_document_model()
    document = get_object_or_404(Document, id=document_id)
    if document.filename != document_filename:
        raise Http404("This document does not match the given filename.")
    for hook in hooks.get_hooks("before_serve_document"):
        result = hook(document, request)
        if isinstance(result, HttpResponse):
            return result
    document_served.send(sender=Document, instance=document, request=request)

    @etag(lambda request: document.file_hash or None)
    def send(request):
        response = file_response(request, document.file.name, document.file.storage,
                                 content_type=document.content_type,
                                 entity_tag=document.file_hash or None)
        response["Content-Disposition"] = content_disposition_header(
            document.content_disposition != "inline", document.filename)
        if getattr(settings, "WAGTAILDOCS_BLOCK_EMBEDDED_CONTENT", True):
            response["Content-Security-Policy"] = "default-src 'none'"
        response["X-Content-Type-Options"] = "nosniff"
        return response

    return send(request)


def serve_media(request, path):
    """``/media/<path>``: images and renditions for members who may see the
    image's collection (visibility.user_can_fetch_media); never documents."""
    try:
        # The name an image or rendition claims: relative, no "..".
        validate_file_name(path, allow_relative_path=True)
    except SuspiciousFileOperation as error:
        raise Http404 from error
    # 404 rather than 403: an outsider learns nothing about which files exist.
    if not user_can_fetch_media(request.user, path, request):
        raise Http404
    return file_response(request, path)
