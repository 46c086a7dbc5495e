"""Django's model backend, with each member's permissions remembered per process.

Every page asks whether the member may open the admin (the "Manage content"
link) and Django answers with two queries, user and group permissions, per
request. Permissions change only when groups, their permissions or a
member's groups change; each of those starts a new generation in the shared
cache, which every request reads once, so a change counts on the member's
next request in every process.
"""

import time

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import Group, Permission
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver

GENERATION_KEY = "leerkring:perms:generation"
# What this process knows for one generation: {(user pk, superuser?): permissions}.
_remembered = {"generation": None, "permissions": {}}
_MAX_REMEMBERED = 10_000


def invalidate():
    cache.set(GENERATION_KEY, time.time_ns(), None)
    _remembered["generation"] = None


class CachedPermissionsBackend(ModelBackend):
    def get_all_permissions(self, user_obj, obj=None):
        if not user_obj.is_active or user_obj.is_anonymous or obj is not None:
            return set()
        if not hasattr(user_obj, "_perm_cache"):
            generation = cache.get(GENERATION_KEY)
            if generation is None:
                invalidate()
                generation = cache.get(GENERATION_KEY)
            remembered = _remembered["permissions"]
            if (_remembered["generation"] != generation
                    or len(remembered) > _MAX_REMEMBERED):
                remembered = _remembered["permissions"] = {}
                _remembered["generation"] = generation
            key = (user_obj.pk, user_obj.is_superuser)
            if key not in remembered:
                remembered[key] = frozenset(super().get_all_permissions(user_obj))
            user_obj._perm_cache = remembered[key]
        return user_obj._perm_cache


def _invalidate_now_and_after_commit():
    # After the commit too: another process may have cached the old
    # permissions under the new generation before the change was visible.
    invalidate()
    transaction.on_commit(invalidate)


@receiver(m2m_changed, sender=get_user_model().groups.through)
@receiver(m2m_changed, sender=get_user_model().user_permissions.through)
@receiver(m2m_changed, sender=Group.permissions.through)
def _membership_changed(sender, **kwargs):
    _invalidate_now_and_after_commit()


@receiver(post_save, sender=Group)
@receiver(post_delete, sender=Group)
@receiver(post_save, sender=Permission)
@receiver(post_delete, sender=Permission)
def _groups_changed(sender, **kwargs):
    _invalidate_now_and_after_commit()
