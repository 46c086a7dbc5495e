"""The blocks a lesson is written with.

Every block has a template under ``site/templates/learning/blocks/`` and a
preview value for the editor's block picker. Text inside blocks is
translated with wagtail-localize; block ids stay the same in every
language, which is how a self-check answer in Dutch counts in English too.
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageChooserBlock

from pages.videos import parse_video_url

TEXT_FEATURES = ["bold", "italic", "ol", "ul", "link", "document-link"]
VIDEO_EXTENSIONS = ("mp4", "webm", "ogv", "m4v")


class HeadingBlock(blocks.StructBlock):
    """A section heading inside a lesson (the lesson title is the only h1)."""

    text = blocks.CharBlock(label=_("Heading"), max_length=120)
    level = blocks.ChoiceBlock(
        label=_("Level"),
        choices=[("h2", _("Section")), ("h3", _("Subsection"))],
        default="h2",
    )

    class Meta:
        icon = "title"
        label = _("Heading")
        template = "learning/blocks/heading.html"
        preview_value = {"text": "Wat is circulair aankopen?", "level": "h2"}
        description = _("A heading that structures the lesson.")


class TextBlock(blocks.RichTextBlock):
    """Paragraphs with emphasis, lists and links."""

    def __init__(self, **kwargs):
        super().__init__(features=TEXT_FEATURES, **kwargs)

    class Meta:
        icon = "pilcrow"
        label = _("Text")
        template = "learning/blocks/text.html"
        preview_value = (
            "<p>Circulair aankopen betekent dat je als aankoper bijdraagt aan het "
            "sluiten van kringlopen: producten en materialen blijven zo lang mogelijk "
            "in gebruik.</p>"
        )
        description = _("Paragraphs of text.")


class ImageBlock(blocks.StructBlock):
    """An image with the text a screen reader reads instead (always required)."""

    image = ImageChooserBlock(label=_("Image"))
    alt_text = blocks.CharBlock(
        label=_("Alternative text"),
        max_length=300,
        help_text=_("Describe what the image shows for people who cannot see it."),
    )
    caption = blocks.CharBlock(label=_("Caption"), required=False, max_length=300)

    class Meta:
        icon = "image"
        label = _("Image")
        template = "learning/blocks/image.html"
        preview_value = {"image": None, "alt_text": "", "caption": ""}
        description = _("An image with alternative text and an optional caption.")


class VideoBlock(blocks.StructBlock):
    """A video: a file uploaded to Leerkring, or a YouTube or Vimeo link.

    Uploaded files play from the site for members only; linked videos load
    nothing from their provider until the member presses play.
    """

    title = blocks.CharBlock(label=_("Title"), max_length=200)
    video_file = DocumentChooserBlock(
        label=_("Uploaded video"),
        required=False,
        help_text=_("An MP4 or WebM file uploaded as a document."),
    )
    external_url = blocks.URLBlock(
        label=_("Or a YouTube or Vimeo link"), required=False, max_length=500
    )
    transcript = blocks.TextBlock(label=_("Transcript"), required=False)

    class Meta:
        icon = "media"
        label = _("Video")
        template = "learning/blocks/video.html"
        preview_value = {
            "title": "Circulair aankopen in twee minuten",
            "external_url": "https://vimeo.com/76979871",
        }
        description = _("An uploaded video or a YouTube or Vimeo link.")

    def clean(self, value):
        value = super().clean(value)
        errors = {}
        video_file, url = value.get("video_file"), value.get("external_url")
        if bool(video_file) == bool(url):
            errors["video_file"] = ValidationError(
                _("Choose an uploaded video or paste a link, not both and not neither.")
            )
        elif video_file and video_file.file_extension.lower() not in VIDEO_EXTENSIONS:
            errors["video_file"] = ValidationError(
                _("This document is not a video. Upload an MP4 or WebM file.")
            )
        elif url and parse_video_url(url) is None:
            errors["external_url"] = ValidationError(
                _("Only YouTube and Vimeo links can be shown. Check the address.")
            )
        if errors:
            raise StructBlockValidationError(block_errors=errors)
        return value

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        context["external"] = parse_video_url(value.get("external_url"))
        return context


class DownloadBlock(blocks.StructBlock):
    """A document to download: a checklist, a template tender text, slides."""

    document = DocumentChooserBlock(label=_("Document"))
    title = blocks.CharBlock(
        label=_("Title"), required=False, max_length=200,
        help_text=_("Leave empty to use the document's own title."),
    )
    description = blocks.TextBlock(label=_("Description"), required=False, max_length=500)

    class Meta:
        icon = "doc-full"
        label = _("Download")
        template = "learning/blocks/download.html"
        preview_value = {"document": None, "title": "Checklist intern draagvlak"}
        description = _("A document members can download.")


class CalloutBlock(blocks.StructBlock):
    """A highlighted tip, example from practice or warning."""

    kind = blocks.ChoiceBlock(
        label=_("Kind"),
        choices=[("tip", _("Tip")), ("example", _("From practice")), ("warning", _("Watch out"))],
        default="tip",
    )
    title = blocks.CharBlock(label=_("Title"), required=False, max_length=120)
    text = blocks.RichTextBlock(label=_("Text"), features=TEXT_FEATURES)

    class Meta:
        icon = "help"
        label = _("Tip or callout")
        template = "learning/blocks/callout.html"
        preview_value = {
            "kind": "tip",
            "title": "Begin klein",
            "text": "<p>Kies een eerste aankoop met een enthousiaste collega.</p>",
        }
        description = _("A tip, an example from practice or a warning, set apart.")


class AnswerOptionBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("Answer"), max_length=300)
    correct = blocks.BooleanBlock(label=_("Correct"), required=False)
    feedback = blocks.TextBlock(
        label=_("Feedback"), required=False, max_length=600,
        help_text=_("Shown after answering when this option was chosen."),
    )

    class Meta:
        icon = "radio-full"
        label = _("Answer option")


class SelfCheckBlock(blocks.StructBlock):
    """A multiple-choice question members answer to check their understanding.

    One or more options are correct; each option has its own feedback. The
    member's last answer is kept and shown again when they come back.
    """

    question = blocks.CharBlock(label=_("Question"), max_length=300)
    options = blocks.ListBlock(AnswerOptionBlock(), label=_("Options"), min_num=2, max_num=8)

    class Meta:
        icon = "tasks"
        label = _("Self-check question")
        template = "learning/blocks/self_check.html"
        preview_value = {
            "question": "Welke strategie verlengt de gebruiksduur?",
            "options": [
                {"text": "Garanties oprekken", "correct": True, "feedback": "Juist."},
                {"text": "Minder afval", "correct": False, "feedback": "Dat is doel A."},
            ],
        }
        description = _("A multiple-choice question with feedback per answer.")

    def clean(self, value):
        value = super().clean(value)
        if not any(option["correct"] for option in value["options"]):
            raise StructBlockValidationError(
                block_errors={"options": ValidationError(_("Mark at least one answer as correct."))}
            )
        return value

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        parent_context = parent_context or {}
        block_id = parent_context.get("id")
        context["block_id"] = block_id
        context["multiple"] = sum(1 for option in value["options"] if option["correct"]) > 1
        answers = parent_context.get("self_check_answers") or {}
        context["answer"] = answers.get(block_id)
        return context


class LessonBodyBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    text = TextBlock()
    image = ImageBlock()
    video = VideoBlock()
    download = DownloadBlock()
    callout = CalloutBlock()
    self_check = SelfCheckBlock()


def self_check_questions(body):
    """{block id: SelfCheckBlock value} for the questions in a lesson body."""
    return {child.id: child.value for child in body if child.block_type == "self_check"}
