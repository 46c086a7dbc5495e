from django.db import models


class IndexUpdate(models.Model):
    """An object whose search entry must be brought up to date (see queue.py).

    Written in the same transaction as the change itself, so no change can be
    committed without its entry; only the object's identity is kept: the
    worker reads the object's state when it applies the update.
    """

    model = models.CharField(max_length=100)  # app_label.modelname
    object_pk = models.CharField(max_length=64)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["pk"]

    def __str__(self):
        return f"{self.model}.{self.object_pk}"
