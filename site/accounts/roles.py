"""The roles of the community, as Django groups.

The groups and their permissions are created by data migrations; this module
names them once so code, migrations and tests agree.
"""

PARTICIPANTS = "Participants"
EDITORS = "Editors"
MODERATORS = "Moderators"
TRANSLATORS = "Translators"
COORDINATORS = "Coordinators"

ROLE_GROUPS = [PARTICIPANTS, EDITORS, MODERATORS, TRANSLATORS, COORDINATORS]


def ensure_permissions(apps):
    """Create every model's permissions now, for data migrations that grant them.

    Django creates permissions only after all migrations have run; a data
    migration that gives a group a permission needs it to exist already, on a
    fresh database too.
    """
    from django.contrib.auth.management import create_permissions

    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None


def grant(apps, group_names, *dotted_permissions):
    """Give the named groups the permissions ``app_label.codename``."""
    ensure_permissions(apps)
    Group = apps.get_model("auth.Group")
    Permission = apps.get_model("auth.Permission")
    permissions = [
        Permission.objects.get(content_type__app_label=app_label, codename=codename)
        for app_label, codename in (dotted.split(".") for dotted in dotted_permissions)
    ]
    for name in group_names:
        Group.objects.get_or_create(name=name)[0].permissions.add(*permissions)


def is_coordinator(user):
    """Coordinators run the community: the catalogue's overview, teams, consent texts."""
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser:
        return True
    cached = getattr(user, "_leerkring_is_coordinator", None)
    if cached is None:
        cached = user.groups.filter(name=COORDINATORS).exists()
        user._leerkring_is_coordinator = cached
    return cached
