from wagtail.admin.forms import WagtailAdminPageForm


class TopicsPageForm(WagtailAdminPageForm):
    """A page form whose topic choices are the topics of the page's own language.

    Topics are translatable snippets, so every topic exists once per locale;
    offering both copies would double the list and mix languages.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields.get("topics")
        locale_id = getattr(self.instance, "locale_id", None)
        if field is not None and locale_id:
            field.queryset = field.queryset.filter(locale_id=locale_id)
