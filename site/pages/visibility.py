"""Who may see what: the one place that decides.

The platform is exclusive: members see everything published; visitors who
are not logged in see only pages that are public by nature (the landing page)
or opened to the public by an editor (the privacy statement, or later whole
sections when the community opens its material to a wider audience).
Views, search, feeds and exports must all ask here.
"""


def page_is_public(page):
    """True when anyone may see ``page`` without logging in."""
    return bool(page.live and getattr(page.specific_deferred, "is_public", False))


def user_can_view_page(user, page):
    if page_is_public(page):
        return True
    if not user.is_authenticated or not user.is_active:
        return False
    return page.live or page.permissions_for_user(user).can_edit()


# Documents have their own view, which checks the privacy of their collection
# (see WAGTAILDOCS_SERVE_METHOD); they are never served from /media/.
MEDIA_FOLDERS_WITH_OWN_VIEW = ("documents/",)


def user_can_fetch_media(user, relative_path):
    """Images and their renditions are for members only; documents go elsewhere."""
    if not user.is_authenticated or not user.is_active:
        return False
    return not relative_path.startswith(MEDIA_FOLDERS_WITH_OWN_VIEW)
