"""Slide downloads: counted when Wagtail's document view serves a file.

``document_served`` is sent only after every ``before_serve_document`` hook
(login and collection privacy) let the request through. Videos are not
slides (their plays are counted by the recording beacon), and the further
parts of a file fetched with HTTP Range requests are not new downloads.
"""

from django.dispatch import receiver
from wagtail.documents.models import document_served

from .kinds import Kind
from .recording import record


def _is_continuation(request):
    ranges = request.META.get("HTTP_RANGE", "")
    return bool(ranges) and not ranges.replace(" ", "").startswith("bytes=0-")


@receiver(document_served)
def count_download(sender, instance, request, **kwargs):
    if getattr(instance, "is_video", False) or _is_continuation(request):
        return
    record(request, instance, Kind.DOWNLOAD)
