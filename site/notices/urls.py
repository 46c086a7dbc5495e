from django.urls import path
from django.utils.translation import pgettext_lazy

from . import views

app_name = "notices"
urlpatterns = [
    path(pgettext_lazy("URL", "notifications/"), views.index, name="index"),
    path(pgettext_lazy("URL", "notifications/read-all/"), views.read_all, name="read_all"),
    path(pgettext_lazy("URL", "notifications/settings/"), views.email_settings,
         name="settings"),
    # Without a login (notices/unsubscribe.py).
    path(pgettext_lazy("URL", "notifications/unsubscribe/<str:token>/"), views.unsubscribe,
         name="unsubscribe"),
]
