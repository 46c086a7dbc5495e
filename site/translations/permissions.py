"""Who may change what, by language: the one place for that rule.

Wagtail grants snippet rights per model. Translators need to change topics
and events to translate them, but must leave the Dutch originals alone;
those need the ``translations.change_source_content`` right as well
(editors and coordinators have it). Pages need no such policy: translators
only have rights on the English tree (see accounts/migrations/0002_roles.py).
"""

from django.conf import settings
from wagtail.models import Locale
from wagtail.permission_policies import ModelPermissionPolicy

from accounts.roles import TRANSLATORS

SOURCE_PERMISSION = "translations.change_source_content"
PROTECTED_ACTIONS = {"change", "delete"}


def may_change_source_content(user):
    return user.is_active and user.has_perm(SOURCE_PERMISSION)


def may_change(user, instance):
    """False for an original in the source language when the user lacks SOURCE_PERMISSION."""
    return (getattr(instance, "locale_id", None) != Locale.get_default().pk
            or may_change_source_content(user))


class SourceLanguageProtectedPolicy(ModelPermissionPolicy):
    """Model rights; changing or deleting an original also needs SOURCE_PERMISSION."""

    def _blocked(self, user, action, instance):
        return action in PROTECTED_ACTIONS and not may_change(user, instance)

    def user_has_permission_for_instance(self, user, action, instance):
        if self._blocked(user, action, instance):
            return False
        return super().user_has_permission_for_instance(user, action, instance)

    def user_has_any_permission_for_instance(self, user, actions, instance):
        return any(self.user_has_permission_for_instance(user, action, instance)
                   for action in actions)

    def instances_user_has_permission_for(self, user, action):
        instances = super().instances_user_has_permission_for(user, action)
        if action in PROTECTED_ACTIONS and not may_change_source_content(user):
            instances = instances.exclude(locale=Locale.get_default())
        return instances

    def instances_user_has_any_permission_for(self, user, actions):
        instances = super().instances_user_has_any_permission_for(user, actions)
        if set(actions) <= PROTECTED_ACTIONS and not may_change_source_content(user):
            instances = instances.exclude(locale=Locale.get_default())
        return instances


def sync_translator_publishing(**kwargs):
    """Give or take the Translators' right to publish translations (setting).

    ``TRANSLATORS_MAY_PUBLISH`` decides whether translators publish their
    translations themselves or submit them to the editors' approval. Run after
    every ``migrate`` (post_migrate), so the setting takes effect on the next
    deploy.
    """
    from django.contrib.auth.models import Group, Permission
    from wagtail.models import GroupPagePermission, Page

    group = Group.objects.filter(name=TRANSLATORS).first()
    permission = Permission.objects.filter(content_type__app_label="wagtailcore",
                                           codename="publish_page").first()
    if group is None or permission is None:
        return
    homes = Page.objects.filter(depth=2).exclude(locale=Locale.get_default())
    for home in homes:
        if settings.TRANSLATORS_MAY_PUBLISH:
            GroupPagePermission.objects.get_or_create(group=group, page=home,
                                                      permission=permission)
        else:
            GroupPagePermission.objects.filter(group=group, page=home,
                                               permission=permission).delete()
