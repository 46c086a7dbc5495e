from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from topics.models import topics_in_language

from .search import kinds

MAX_QUERY_LENGTH = 200


class SearchForm(forms.Form):
    q = forms.CharField(
        label=_("Search for"), required=False, max_length=MAX_QUERY_LENGTH,
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off"}),
        error_messages={"max_length": _("Use at most %(limit_value)d characters.")},
    )
    type = forms.ChoiceField(label=_("Type"), required=False)
    topic = forms.ChoiceField(label=_("Topic"), required=False)
    language = forms.ChoiceField(label=_("Language of the content"), required=False)

    def __init__(self, *args, language, **kwargs):
        super().__init__(*args, **kwargs)
        self.topics = {t.slug: t for t in topics_in_language(language)}
        self.fields["type"].choices = [("", _("Everything")),
                                       *[(kind.code, kind.plural) for kind in kinds()]]
        self.fields["topic"].choices = [("", _("All topics")),
                                        *[(slug, t.name) for slug, t in self.topics.items()]]
        self.fields["language"].choices = [("", _("All languages")), *settings.LANGUAGES]

    def has_filters(self):
        return any(self.cleaned_data.get(name) for name in ("type", "topic", "language"))

    def chosen_topic(self):
        return self.topics.get(self.cleaned_data.get("topic") or "")
