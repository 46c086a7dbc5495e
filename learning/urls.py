from django.urls import path
from django.utils.translation import pgettext_lazy

from . import my_learning

app_name = "learning"
urlpatterns = [
    path(pgettext_lazy("URL", "my-learning/"), my_learning.view, name="my_learning"),
]
