"""When a member was last on the site: what "since your last visit" means (visits.py)."""

from django.conf import settings
from django.db import models


class MemberVisit(models.Model):
    """A member's visits, as far as "new for you" needs them.

    ``last_seen_at`` moves while they use the site (at most every
    ``visits.RECORD_EVERY``). ``new_since`` is where the current visit's news
    starts: the ``last_seen_at`` of the visit before, fixed when this visit
    began, so that what is new stays the same however often they come back to
    the home page during one visit.
    """

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                                related_name="+")
    last_seen_at = models.DateTimeField()
    new_since = models.DateTimeField()

    def __str__(self):
        return f"{self.user_id}: seen {self.last_seen_at:%Y-%m-%d %H:%M}"
