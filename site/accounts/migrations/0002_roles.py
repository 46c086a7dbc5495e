"""The five roles as groups, with the permissions each needs.

Wagtail's own migrations already made "Editors" and "Moderators" groups with
page rights on the whole tree. Editors keep theirs and may also publish;
our Moderators moderate the forum, not pages, so they lose the page and
collection rights Wagtail gave them. Page publishing approval goes to Editors
and Coordinators instead of Wagtail's default Moderators.
"""

from django.db import migrations

from accounts.roles import ensure_permissions

PAGE_RIGHTS_EDITORS = ["add_page", "change_page", "publish_page", "delete_page",
                       "lock_page", "unlock_page"]
PAGE_RIGHTS_TRANSLATORS = ["add_page", "change_page"]
TOPIC_RIGHTS = ["topics.add_topic", "topics.change_topic", "topics.delete_topic"]
COLLECTION_RIGHTS = ["wagtailimages.add_image", "wagtailimages.change_image",
                     "wagtailimages.choose_image", "wagtaildocs.add_document",
                     "wagtaildocs.change_document", "wagtaildocs.choose_document"]
ADMIN = "wagtailadmin.access_admin"
TRANSLATE = "wagtail_localize.submit_translation"


def forwards(apps, schema_editor):
    ensure_permissions(apps)
    Group = apps.get_model("auth.Group")
    Permission = apps.get_model("auth.Permission")
    Collection = apps.get_model("wagtailcore.Collection")
    GroupCollectionPermission = apps.get_model("wagtailcore.GroupCollectionPermission")
    GroupPagePermission = apps.get_model("wagtailcore.GroupPagePermission")
    GroupApprovalTask = apps.get_model("wagtailcore.GroupApprovalTask")
    Page = apps.get_model("wagtailcore.Page")

    def perm(dotted):
        app_label, codename = dotted.split(".")
        return Permission.objects.get(content_type__app_label=app_label, codename=codename)

    def page_perm(codename):
        return perm(f"wagtailcore.{codename}")

    groups = {name: Group.objects.get_or_create(name=name)[0] for name in
              ["Participants", "Editors", "Moderators", "Translators", "Coordinators"]}
    root_page = Page.objects.get(depth=1)
    english_home = Page.objects.get(depth=2, locale__language_code="en")
    root_collection = Collection.objects.get(depth=1)

    moderators = groups["Moderators"]
    GroupPagePermission.objects.filter(group=moderators).delete()
    GroupCollectionPermission.objects.filter(group=moderators).delete()
    moderators.permissions.clear()

    for name in ["Editors", "Coordinators"]:
        group = groups[name]
        group.permissions.add(perm(ADMIN), perm(TRANSLATE), *[perm(p) for p in TOPIC_RIGHTS])
        for codename in PAGE_RIGHTS_EDITORS:
            GroupPagePermission.objects.get_or_create(
                group=group, page=root_page, permission=page_perm(codename)
            )
        for dotted in COLLECTION_RIGHTS:
            GroupCollectionPermission.objects.get_or_create(
                group=group, collection=root_collection, permission=perm(dotted)
            )
    groups["Coordinators"].permissions.add(perm("accounts.invite_member"))

    translators = groups["Translators"]
    translators.permissions.add(perm(ADMIN), perm(TRANSLATE), perm("topics.change_topic"))
    for codename in PAGE_RIGHTS_TRANSLATORS:
        GroupPagePermission.objects.get_or_create(
            group=translators, page=english_home, permission=page_perm(codename)
        )
    for dotted in ["wagtailimages.choose_image", "wagtaildocs.choose_document"]:
        GroupCollectionPermission.objects.get_or_create(
            group=translators, collection=root_collection, permission=perm(dotted)
        )

    for task in GroupApprovalTask.objects.filter(groups=moderators):
        task.groups.remove(moderators)
        task.groups.add(groups["Editors"], groups["Coordinators"])
        task.name = "Editors approval"
        task.save()


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0001_initial"),
        ("pages", "0002_locales_and_home_pages"),
        ("topics", "0001_initial"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailadmin", "0006_formstate"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("wagtail_localize", "0016_rename_page_revision_translationlog_revision"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
