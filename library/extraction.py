"""The text inside slides and documents, so the site search can find it.

Extracted once, when a file is uploaded, in a child process with limits.

Why a child process: pypdf and python-pptx parse whatever an uploader sent. A
hostile file (a stream that inflates to gigabytes, a thousand pages that each
repeat the same heavy page, a loop in the page tree) can make them take all
memory or run for hours, and in a web worker that takes the site down with it.
Code inside a process cannot be given a memory or time limit; a process can.
So the web process copies the file to a temporary file and starts this module
as a script (``python -I extraction.py EXTENSION``) with that file on standard
input. Before it imports a parser, the child limits its own address space
(``RLIMIT_AS``, setting ``LIBRARY_EXTRACTION_MEMORY_MB``) and CPU time
(``RLIMIT_CPU``, ``LIBRARY_EXTRACTION_SECONDS``); the parent kills it when the
wall clock passes twice that time (a busy machine gives the child less CPU).
The child writes the text on standard output; the parent reads at most
``MAX_CHARACTERS`` of it. The child imports nothing of the project
(Django's settings module only, which reads nothing until asked).

A file whose text cannot be read within these bounds is still accepted: it
passed the upload checks (``uploads.py``), it opens in the program that made it,
and an editor who uploads a large real deck expects it in the library. It is
only not found by the words inside it, and the failure is logged. Refusing it
would block real files for a reason the editor cannot see or fix.
"""

import logging
import os
import resource
import shutil
import signal
import subprocess
import sys
import tempfile

from django.conf import settings

logger = logging.getLogger(__name__)
MAX_CHARACTERS = 200_000
# How the child tells the parent why it stopped (any other code: it crashed).
_EXIT_UNREADABLE = 3
_EXIT_MEMORY = 4


def _pdf_text(source):
    # Imported in the child only, once its limits are set (see above).
    from pypdf import PdfReader

    reader = PdfReader(source)
    return "\n".join((page.extract_text() or "") for page in reader.pages)


def _pptx_text(source):
    # Imported in the child only, once its limits are set (see above).
    from pptx import Presentation

    presentation = Presentation(source)
    parts = []
    for slide in presentation.slides:
        for shape in slide.shapes:
            if shape.has_text_frame:
                parts.append(shape.text_frame.text)
        if slide.has_notes_slide:
            parts.append(slide.notes_slide.notes_text_frame.text)
    return "\n".join(part for part in parts if part)


EXTRACTORS = {"pdf": _pdf_text, "pptx": _pptx_text}


def extract_text(file, extension):
    """The words in ``file`` (a PDF or PPTX), or "" when they cannot be read in bounds."""
    if extension not in EXTRACTORS:
        return ""
    seconds = settings.LIBRARY_EXTRACTION_SECONDS
    megabytes = settings.LIBRARY_EXTRACTION_MEMORY_MB
    command = [sys.executable, "-I", os.path.abspath(__file__), extension,
               str(megabytes), str(seconds)]
    with tempfile.TemporaryFile() as source, tempfile.TemporaryFile() as output:
        file.seek(0)
        shutil.copyfileobj(file, source)
        file.seek(0)
        source.seek(0)
        try:
            child = subprocess.run(command, stdin=source, stdout=output,
                                   stderr=subprocess.DEVNULL, timeout=2 * seconds + 5,
                                   check=False)
        except subprocess.TimeoutExpired:
            logger.warning("Text of a %s file not extracted: wall-clock time limit (%s s)",
                           extension, 2 * seconds + 5)
            return ""
        if child.returncode != 0:
            logger.warning("Text of a %s file not extracted: %s", extension,
                           _reason(child.returncode, seconds, megabytes))
            return ""
        output.seek(0)
        text = output.read(4 * MAX_CHARACTERS).decode("utf-8", errors="ignore")
    return text[:MAX_CHARACTERS]


def _reason(returncode, seconds, megabytes):
    if returncode in (-signal.SIGXCPU, -signal.SIGKILL):
        return f"CPU time limit ({seconds} s)"
    if returncode == _EXIT_MEMORY:
        return f"memory limit ({megabytes} MB)"
    if returncode == _EXIT_UNREADABLE:
        return "the parser could not read it"
    return f"the extraction stopped (exit status {returncode})"


def _child(extension, megabytes, seconds):
    """Run in the child: limit this process, then print the file's text."""
    memory = megabytes * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
    # The soft limit sends SIGXCPU; the hard one, a second later, SIGKILL.
    resource.setrlimit(resource.RLIMIT_CPU, (seconds, seconds + 1))
    logging.disable(logging.CRITICAL)  # the parsers' warnings would only fill a pipe
    try:
        with open(sys.stdin.fileno(), "rb", closefd=False) as source:
            text = EXTRACTORS[extension](source)
    except MemoryError:
        return _EXIT_MEMORY
    except Exception:  # noqa: BLE001 - a damaged file gives no text, not an error
        return _EXIT_UNREADABLE
    sys.stdout.buffer.write(" ".join(text.split())[:MAX_CHARACTERS].encode())
    return 0


if __name__ == "__main__":
    sys.exit(_child(sys.argv[1], int(sys.argv[2]), int(sys.argv[3])))
