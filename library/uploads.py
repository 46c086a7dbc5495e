"""What may be uploaded: the one place for that rule.

Documents: slides and documents (PDF, PPTX, ODP, DOCX, XLSX) and videos (MP4,
WebM). The extension must match what the file really is, and each kind has its
own size limit (settings ``LIBRARY_MAX_UPLOAD_MB`` and ``VIDEO_MAX_UPLOAD_MB``).

Checking a file must never cost more than a few megabytes, whatever was sent:
an uploaded file is hostile until proven otherwise. PPTX, DOCX, XLSX and ODP
are zip archives, and a zip member of zeros inflates about 1000 times (a 261 KB
.docx can hold a 256 MB member; at the upload limit, tens of gigabytes). So an
archive is judged by what it declares before anything is inflated: the size of
its directory (capped before ``zipfile`` reads it), its number of members,
each member's size and compression ratio, and their total size. Real office
files stay far below these limits; a file above them is refused with a
message, since no program that made it would have. The one member read (ODP's
``mimetype``) is read with a cap. Reading the text inside files is bounded
too, in a child process (``extraction.py``).

Images: Wagtail checks their size and pixel count on upload
(``WAGTAILIMAGES_MAX_UPLOAD_SIZE``, ``WAGTAILIMAGES_MAX_IMAGE_PIXELS``); the
same pixel limit is Pillow's decompression-bomb guard for every image the site
decodes (``guard_image_decoding``, called when the app is ready).
"""

import zipfile

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from PIL import Image as PILImage

SLIDE_EXTENSIONS = ["pdf", "pptx", "odp", "docx", "xlsx"]
VIDEO_EXTENSIONS = ["mp4", "webm"]
ALLOWED_EXTENSIONS = SLIDE_EXTENSIONS + VIDEO_EXTENSIONS

# Office Open XML packages name their main part in a folder of their own.
_OOXML_FOLDERS = {"pptx": "ppt/", "docx": "word/", "xlsx": "xl/"}
_ODP_MIMETYPE = b"application/vnd.oasis.opendocument.presentation"

# Limits for the zip archives of office files. A 500-slide deck has about 2,000
# members and a directory of 200 KB; its XML compresses 5 to 30 times.
MAX_ZIP_MEMBERS = 10_000
MAX_ZIP_DIRECTORY_BYTES = 2 * 1024 * 1024
MAX_ZIP_INFLATED_BYTES = 1024 * 1024 * 1024
MAX_COMPRESSION_RATIO = 100
# Small members may compress better (a blank sheet, a repeated style): harmless.
_RATIO_FROM_BYTES = 1024 * 1024


class Overloaded(Exception):
    """The archive declares more than a real office file ever holds."""


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


class _CappedReads:
    """``file``, but no single read may return more than ``limit`` bytes.

    ``zipfile`` reads an archive's whole directory in one read of the size the
    archive declares, then makes an object of every entry (about 500 bytes
    each): capping that read bounds the listing's memory before it is spent.
    """

    def __init__(self, file, limit):
        self._file = file
        self._limit = limit

    def read(self, size=-1):
        if size is None or size < 0:
            here = self._file.tell()
            self._file.seek(0, 2)
            size = self._file.tell() - here
            self._file.seek(here)
        if size > self._limit:
            raise Overloaded
        return self._file.read(size)

    def __getattr__(self, name):
        return getattr(self._file, name)


def _check_members(infos):
    if len(infos) > MAX_ZIP_MEMBERS:
        raise Overloaded
    inflated = 0
    for info in infos:
        inflated += info.file_size
        if (info.file_size > _RATIO_FROM_BYTES
                and info.file_size > MAX_COMPRESSION_RATIO * max(info.compress_size, 1)):
            raise Overloaded
    if inflated > MAX_ZIP_INFLATED_BYTES:
        raise Overloaded


def _zip_names(file):
    """The member names and the start of the ``mimetype`` member of an archive.

    (None, b"") when it is no zip archive; raises Overloaded, without
    inflating anything, when it declares more than a real office file holds.
    """
    file.seek(0)
    try:
        with zipfile.ZipFile(_CappedReads(file, MAX_ZIP_DIRECTORY_BYTES)) as archive:
            infos = archive.infolist()
            _check_members(infos)
            first = b""
            if infos and infos[0].filename == "mimetype":
                with archive.open(infos[0]) as member:
                    first = member.read(len(_ODP_MIMETYPE) + 2)
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        return None, b""
    finally:
        file.seek(0)
    return [info.filename for info in infos], first


def content_matches(file, extension):
    """True when the bytes of ``file`` are what its extension says.

    Raises Overloaded for an archive that declares more than a real file holds.
    """
    head = _head(file)
    if extension == "pdf":
        return head.startswith(b"%PDF-")
    if extension == "mp4":
        return head[4:8] == b"ftyp"
    if extension == "webm":
        return head.startswith(b"\x1a\x45\xdf\xa3")
    if not head.startswith(b"PK\x03\x04"):
        return False
    names, mimetype = _zip_names(file)  # may raise Overloaded
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
    try:
        matches = content_matches(file, extension)
    except Overloaded:
        raise ValidationError(
            _("This %(extension)s file unpacks to far more than real files of its size do, "
              "or holds too many parts: it may be damaged or made to overload the site. "
              "Save it again from the program that made it and upload that file.")
            % {"extension": extension.upper()}
        ) from None
    if not matches:
        raise ValidationError(
            _("This file is not a real %(extension)s file (it may be damaged or renamed). "
              "Save it again from the program that made it and upload that file.")
            % {"extension": extension.upper()}
        )


def guard_image_decoding():
    """Make Pillow refuse to decode images far over the upload limit.

    Pillow warns above ``MAX_IMAGE_PIXELS`` and refuses above twice that; Wagtail
    refuses uploads above ``WAGTAILIMAGES_MAX_IMAGE_PIXELS``. The same number
    for both bounds the memory of any image the site decodes, renditions of
    files stored before a limit was lowered included.
    """
    PILImage.MAX_IMAGE_PIXELS = settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS
