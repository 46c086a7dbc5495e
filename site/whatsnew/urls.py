from django.urls import path
from django.utils.translation import pgettext_lazy

from . import views

urlpatterns = [
    path(pgettext_lazy("URL", "new-for-you/"), views.new_for_you, name="new_for_you"),
]
