"""The text inside slides and documents, so the site search can find it.

Extracted once, when a file is uploaded; failures are logged and leave the
text empty rather than refusing a file the editor could open.
"""

import logging

from .uploads import extension_of

logger = logging.getLogger(__name__)
MAX_CHARACTERS = 200_000


def _pdf_text(file):
    from pypdf import PdfReader

    reader = PdfReader(file)
    return "\n".join((page.extract_text() or "") for page in reader.pages)


def _pptx_text(file):
    from pptx import Presentation

    presentation = Presentation(file)
    parts = []
    for slide in presentation.slides:
        for shape in slide.shapes:
            if shape.has_text_frame:
                parts.append(shape.text_frame.text)
        if slide.has_notes_slide:
            parts.append(slide.notes_slide.notes_text_frame.text)
    return "\n".join(part for part in parts if part)


EXTRACTORS = {"pdf": _pdf_text, "pptx": _pptx_text}


def extract_text(file, name):
    extractor = EXTRACTORS.get(extension_of(name))
    if extractor is None:
        return ""
    try:
        file.seek(0)
        text = extractor(file)
    except Exception:  # noqa: BLE001 - a damaged file must not block the upload
        logger.warning("Could not extract the text of %s", name, exc_info=True)
        return ""
    finally:
        file.seek(0)
    return " ".join(text.split())[:MAX_CHARACTERS]
