"""Images and documents for the demo, drawn here so nothing is downloaded.

Used by the apps' ``demo`` modules only; each file is created once (by
title) so that ``load_demo`` can run again without duplicating anything.
"""

import io
import math

from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from PIL import Image as PILImage
from PIL import ImageDraw
from wagtail.documents import get_document_model
from wagtail.images import get_image_model

PALETTES = {
    "green": ("#e3f1eb", "#1f7a5c", "#f2c14e"),
    "sun": ("#fdf3d7", "#13543f", "#f2c14e"),
    "ink": ("#eef2f7", "#1a5fb4", "#1f7a5c"),
}


def _loop_picture(palette, width=1200, height=600):
    """A calm illustration: concentric material loops on a soft background."""
    background, line, accent = PALETTES[palette]
    picture = PILImage.new("RGB", (width, height), background)
    draw = ImageDraw.Draw(picture)
    centre_x, centre_y = width * 0.68, height * 0.5
    for i, radius in enumerate(range(60, 330, 45)):
        colour = accent if i % 2 else line
        box = [centre_x - radius, centre_y - radius, centre_x + radius, centre_y + radius]
        draw.arc(box, start=20 + i * 25, end=320 + i * 25, fill=colour, width=14)
    for angle in range(0, 360, 60):
        x = centre_x + 330 * math.cos(math.radians(angle))
        y = centre_y + 330 * math.sin(math.radians(angle))
        draw.ellipse([x - 16, y - 16, x + 16, y + 16], fill=accent)
    draw.rounded_rectangle([60, 80, 420, 110], radius=15, fill=line)
    draw.rounded_rectangle([60, 140, 340, 165], radius=12, fill=accent)
    draw.rounded_rectangle([60, 190, 380, 215], radius=12, fill=line)
    buffer = io.BytesIO()
    picture.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


def demo_image(title, palette="green"):
    Image = get_image_model()
    image = Image.objects.filter(title=title).first()
    if image is None:
        slug = "".join(c if c.isalnum() else "-" for c in title.lower()).strip("-")
        image = Image(title=title, file=ImageFile(io.BytesIO(_loop_picture(palette)),
                                                  name=f"{slug}.png"))
        image._set_image_file_metadata()
        image.save()
    return image


def _pdf_text(value):
    encoded = value.encode("cp1252", errors="replace")
    return encoded.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")


def simple_pdf(title, lines):
    """A one-page PDF with a title and lines of text (WinAnsi, Helvetica)."""
    stream = b"BT /F2 18 Tf 56 780 Td (" + _pdf_text(title) + b") Tj ET\n"
    stream += b"BT /F1 11 Tf 15 TL 56 750 Td\n"
    for line in lines:
        stream += b"(" + _pdf_text(line) + b") Tj T*\n"
    stream += b"ET\n"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R /F2 6 0 R >> >> >>",
        b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"endstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>",
    ]
    return pdf_of_objects(objects)


def pdf_of_objects(objects):
    """A PDF file of ``objects`` (bodies of objects 1, 2, …; object 1 is the catalog)."""
    output = io.BytesIO()
    output.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(output.tell())
        output.write(f"{number} 0 obj\n".encode() + body + b"\nendobj\n")
    xref = output.tell()
    output.write(f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode())
    for offset in offsets:
        output.write(f"{offset:010d} 00000 n \n".encode())
    output.write(
        f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    )
    return output.getvalue()


def demo_document(title, filename, lines=(), content=None, topics=(), **fields):
    Document = get_document_model()
    document = Document.objects.filter(title=title).first()
    if document is None:
        document = Document(title=title)
        document.file.save(filename, ContentFile(content or simple_pdf(title, lines)), save=False)
        document._set_document_file_metadata()  # size, hash and (in the library) the text
        for name, value in fields.items():
            setattr(document, name, value)
        document.save()
        if topics:
            document.topics.set(topics)
    return document


def simple_pptx(title, slides):
    """A small slide deck: a title slide, then (heading, [bullets]) slides."""
    from pptx import Presentation

    deck = Presentation()
    cover = deck.slides.add_slide(deck.slide_layouts[0])
    cover.shapes.title.text = title
    cover.placeholders[1].text = "Leerkring"
    for heading, bullets in slides:
        slide = deck.slides.add_slide(deck.slide_layouts[1])
        slide.shapes.title.text = heading
        body = slide.placeholders[1].text_frame
        body.text = bullets[0]
        for bullet in bullets[1:]:
            body.add_paragraph().text = bullet
    buffer = io.BytesIO()
    deck.save(buffer)
    return buffer.getvalue()
