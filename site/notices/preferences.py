"""Which emails a member wants: the one place that answers it.

Per kind (notices/kinds.py): on by default, except the newsletter, until the
member chooses under My account or follows an unsubscribe link. The digest:
daily, weekly (the default) or never. Nobody inactive, and nobody without an
address, wants anything.

For the apps and the senders of digests and newsletters::

    wants_email(user, "forum.answered")   # before emailing one member
    email_recipients("forum.answered")    # every member who wants a kind (a queryset)
    newsletter_subscribers()              # those who opted in to the newsletter
    digest_frequency(user)                # "daily", "weekly" or "never"
    digest_subscribers("daily")           # every member who wants the daily digest

Changes (``set_email``, ``set_digest_frequency``) are one upsert each, so a
click on an unsubscribe link and a save of the settings at the same moment
both land, the later one winning.
"""

from django.contrib.auth import get_user_model
from django.db.models import Q

from . import kinds
from .models import DigestChoice, DigestFrequency, EmailChoice

DAILY, WEEKLY, NEVER = DigestFrequency.DAILY, DigestFrequency.WEEKLY, DigestFrequency.NEVER


def _reachable(user):
    return user is not None and user.is_active and bool(user.email)


def _reachable_members():
    return get_user_model().objects.filter(is_active=True).exclude(email="")


def wants_email(user, kind):
    """Whether ``user`` wants emails of ``kind`` (a key); LookupError for an unknown kind."""
    default = kinds.get(kind).email_default
    if not _reachable(user):
        return False
    wanted = (EmailChoice.objects.filter(user=user, kind=kind)
              .values_list("wanted", flat=True).first())
    return default if wanted is None else wanted


def email_choices(user):
    """{kind key: wanted} for every registered kind, in one query."""
    chosen = dict(EmailChoice.objects.filter(user=user).values_list("kind", "wanted"))
    return {kind.key: chosen.get(kind.key, kind.email_default) for kind in kinds.all_kinds()}


def set_email(user, kind, wanted):
    kinds.get(kind)
    EmailChoice.objects.bulk_create(
        [EmailChoice(user=user, kind=kind, wanted=bool(wanted))], update_conflicts=True,
        unique_fields=["user", "kind"], update_fields=["wanted", "changed_at"])


def email_recipients(kind):
    """Every active member with an address who wants emails of ``kind``."""
    choices = EmailChoice.objects.filter(kind=kind)
    if kinds.get(kind).email_default:
        return _reachable_members().exclude(
            pk__in=choices.filter(wanted=False).values("user_id"))
    return _reachable_members().filter(pk__in=choices.filter(wanted=True).values("user_id"))


def newsletter_subscribers():
    return email_recipients(kinds.NEWSLETTER)


def digest_frequency(user):
    """"daily", "weekly" or "never"; "never" for an inactive member or one without an address."""
    if not _reachable(user):
        return NEVER
    chosen = (DigestChoice.objects.filter(user=user)
              .values_list("frequency", flat=True).first())
    return chosen or WEEKLY


def set_digest_frequency(user, frequency):
    frequency = DigestFrequency(frequency)
    DigestChoice.objects.bulk_create(
        [DigestChoice(user=user, frequency=frequency)], update_conflicts=True,
        unique_fields=["user"], update_fields=["frequency", "changed_at"])


def digest_subscribers(frequency):
    """Every active member with an address who wants the digest this often."""
    frequency = DigestFrequency(frequency)
    others = DigestChoice.objects.filter(~Q(frequency=frequency))
    if frequency == WEEKLY:
        return _reachable_members().exclude(pk__in=others.values("user_id"))
    return _reachable_members().filter(
        pk__in=DigestChoice.objects.filter(frequency=frequency).values("user_id"))
