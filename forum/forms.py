from django import forms
from django.utils.text import format_lazy
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from wagtail.models import Locale

from members import mentions
from pages.models import SiteLanguage
from topics.models import Topic
from usertext.fields import LineField, MarkdownTextField, TextField

from .models.follows import NotificationSettings
from .models.moderation import Flag

MARKDOWN_HELP = _("Markdown works: **bold**, *italic*, lists with - or 1., > quotes, "
                  "`code`, and links. Web addresses become links by themselves.")


def _language_initial():
    return "en" if (get_language() or "nl").startswith("en") else "nl"


class TopicChoiceField(forms.ModelChoiceField):
    """Topics in the reader's language; the post keeps the Dutch (source) topic."""

    def label_from_instance(self, topic):
        return topic.name


class MarkdownField(MarkdownTextField):
    """A post's text: checked on what the rendered post shows (usertext.fields)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 20_000)
        kwargs.setdefault("help_text", format_lazy("{} {}", MARKDOWN_HELP, mentions.HELP))
        super().__init__(**kwargs)

    def widget_attrs(self, widget):
        attrs = super().widget_attrs(widget)
        attrs.update({"rows": 8, "data-markdown": ""})
        return attrs


class QuestionForm(forms.Form):
    topic = TopicChoiceField(label=_("Topic"), queryset=Topic.objects.none(),
                             empty_label=_("Choose a topic"))
    title = LineField(label=_("Your question in one sentence"), max_length=200, min_length=10)
    body = MarkdownField(label=_("Explain your question"), min_length=10)
    language = forms.ChoiceField(label=_("Language of your question"),
                                 choices=SiteLanguage.choices)
    anonymous = forms.BooleanField(
        label=_("Ask anonymously"), required=False,
        help_text=_("Other participants do not see your name. Moderators still do."),
    )

    def __init__(self, *args, locale, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["topic"].queryset = Topic.objects.filter(locale=locale).order_by("name")
        self.fields["language"].initial = _language_initial()

    def clean_topic(self):
        return source_version(self.cleaned_data["topic"])


def source_version(topic):
    """The Dutch (source) version of a topic: what posts point at, in every language."""
    source = Locale.get_default()
    return topic if topic.locale_id == source.pk else topic.get_translation(source)


class AnswerForm(forms.Form):
    body = MarkdownField(label=_("Your answer"), min_length=2)
    language = forms.ChoiceField(label=_("Language of your answer"),
                                 choices=SiteLanguage.choices)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["language"].initial = _language_initial()


class EditForm(forms.Form):
    title = LineField(label=_("Question"), max_length=200, min_length=10)
    body = MarkdownField(label=_("Text"), min_length=2)

    def __init__(self, *args, with_title=True, **kwargs):
        super().__init__(*args, **kwargs)
        if not with_title:
            del self.fields["title"]


class FlagForm(forms.Form):
    reason = forms.ChoiceField(label=_("What is wrong?"),
                               choices=[("", _("Choose a reason")), *Flag.Reason.choices])
    note = TextField(label=_("Explanation for the moderators"), required=False,
                     max_length=500, widget=forms.TextInput)


class RejectForm(forms.Form):
    reason = TextField(label=_("Reason, sent to the author"), max_length=1000,
                       widget=forms.Textarea(attrs={"rows": 2}))


class MoveForm(forms.Form):
    topic = TopicChoiceField(label=_("Move to topic"), queryset=Topic.objects.none())

    def __init__(self, *args, locale, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["topic"].queryset = Topic.objects.filter(locale=locale).order_by("name")

    def clean_topic(self):
        return source_version(self.cleaned_data["topic"])


class NotificationSettingsForm(forms.ModelForm):
    class Meta:
        model = NotificationSettings
        fields = ["my_question_answered", "my_answer_accepted", "followed_activity"]


class ForumFilterForm(forms.Form):
    SHOW = [
        ("", _("Newest")),
        ("unanswered", _("Unanswered")),
        ("answered", _("Answered")),
        ("mine", _("My questions")),
        ("followed", _("Followed")),
    ]
    q = forms.CharField(label=_("Search the forum"), required=False, max_length=100)
    show = forms.ChoiceField(label=_("Show"), choices=SHOW, required=False)
    topic = forms.ChoiceField(label=_("Topic"), required=False)
    language = forms.ChoiceField(label=_("Language"), required=False,
                                 choices=[("", _("Both languages")), *SiteLanguage.choices])

    def __init__(self, *args, locale, **kwargs):
        super().__init__(*args, **kwargs)
        self.topics = {t.slug: t for t in Topic.objects.filter(locale=locale).order_by("name")}
        self.fields["topic"].choices = [("", _("All topics"))] + [
            (slug, topic.name) for slug, topic in self.topics.items()]
