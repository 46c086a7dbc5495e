from django.urls import path
from django.utils.translation import pgettext_lazy

from . import views

app_name = "learning"
urlpatterns = [
    path(pgettext_lazy("URL", "my-learning/"), views.my_learning, name="my_learning"),
]
