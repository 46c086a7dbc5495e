"""What may be uploaded as a document: the one place for that rule.

Slides and documents (PDF, PPTX, ODP, DOCX, XLSX) and videos (MP4, WebM).
The extension must match what the file really is, and each kind has its own
size limit (settings ``LIBRARY_MAX_UPLOAD_MB`` and ``VIDEO_MAX_UPLOAD_MB``).
"""

import zipfile

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

SLIDE_EXTENSIONS = ["pdf", "pptx", "odp", "docx", "xlsx"]
VIDEO_EXTENSIONS = ["mp4", "webm"]
ALLOWED_EXTENSIONS = SLIDE_EXTENSIONS + VIDEO_EXTENSIONS

# Office Open XML packages name their main part in a folder of their own.
_OOXML_FOLDERS = {"pptx": "ppt/", "docx": "word/", "xlsx": "xl/"}
_ODP_MIMETYPE = b"application/vnd.oasis.opendocument.presentation"


def extension_of(name):
    return name.rsplit(".", 1)[-1].lower() if "." in name else ""


def max_size_for(extension):
    megabytes = (settings.VIDEO_MAX_UPLOAD_MB if extension in VIDEO_EXTENSIONS
                 else settings.LIBRARY_MAX_UPLOAD_MB)
    return megabytes * 1024 * 1024


def _head(file, length=16):
    file.seek(0)
    head = file.read(length)
    file.seek(0)
    return head


def _zip_names(file):
    file.seek(0)
    try:
        with zipfile.ZipFile(file) as archive:
            names = archive.namelist()
            first = archive.read(names[0]) if names and names[0] == "mimetype" else b""
    except (zipfile.BadZipFile, OSError, ValueError):
        return None, b""
    finally:
        file.seek(0)
    return names, first


def content_matches(file, extension):
    """True when the bytes of ``file`` are what its extension says."""
    head = _head(file)
    if extension == "pdf":
        return head.startswith(b"%PDF-")
    if extension == "mp4":
        return head[4:8] == b"ftyp"
    if extension == "webm":
        return head.startswith(b"\x1a\x45\xdf\xa3")
    if not head.startswith(b"PK\x03\x04"):
        return False
    names, mimetype = _zip_names(file)
    if names is None:
        return False
    if extension == "odp":
        return mimetype.strip() == _ODP_MIMETYPE
    folder = _OOXML_FOLDERS[extension]
    return "[Content_Types].xml" in names and any(n.startswith(folder) for n in names)


def validate_upload(file):
    """Raise a ValidationError that tells the editor what to do, or return None."""
    extension = extension_of(file.name)
    if extension not in ALLOWED_EXTENSIONS:
        raise ValidationError(
            _("Files of type “%(extension)s” cannot be uploaded. Upload a PDF, PPTX, ODP, "
              "DOCX or XLSX file, or an MP4 or WebM video.")
            % {"extension": extension or _("without extension")}
        )
    limit = max_size_for(extension)
    if file.size > limit:
        raise ValidationError(
            _("This file is %(size)s; the limit for this type is %(limit)s. Make it smaller "
              "(for slides: export to PDF, compress the images) and try again.")
            % {"size": filesizeformat(file.size), "limit": filesizeformat(limit)}
        )
    if not content_matches(file, extension):
        raise ValidationError(
            _("This file is not a real %(extension)s file (it may be damaged or renamed). "
              "Save it again from the program that made it and upload that file.")
            % {"extension": extension.upper()}
        )
