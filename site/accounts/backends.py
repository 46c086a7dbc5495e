"""Django's model backend, with each member's permissions remembered per process.

Every page asks whether the member may open the admin (the "Manage content"
link) and Django answers with two queries, user and group permissions, per
request. Permissions change only when groups, their permissions or a
member's groups change: each of those moves the "permissions" scope
(caching/scopes.py), so a change counts on the member's next request in
every process.
"""

from django.contrib.auth.backends import ModelBackend

import caching


class CachedPermissionsBackend(ModelBackend):
    def get_all_permissions(self, user_obj, obj=None):
        if not user_obj.is_active or user_obj.is_anonymous or obj is not None:
            return set()
        if not hasattr(user_obj, "_perm_cache"):
            user_obj._perm_cache = caching.memo(
                "permissions", (user_obj.pk, user_obj.is_superuser),
                lambda: frozenset(ModelBackend.get_all_permissions(self, user_obj)))
        return user_obj._perm_cache
