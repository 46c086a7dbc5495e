"""Who may see what: the one place that decides.

The platform is exclusive: members see everything published; visitors who
are not logged in see only pages that are public by nature (the landing page)
or opened to the public by an editor (the privacy statement, or later whole
sections when the community opens its material to a wider audience).
Views, search, feeds and exports must all ask here.

Privacy rules (Wagtail's "view restrictions") come from editors: on pages (a
page and everything below it, in every language) and on collections (the
documents and images in them). A member outside a rule's groups gets neither
the page or file nor its title in any list, menu, card or link.
"""

import contextvars
import hashlib

from django.db.models import F, Q
from wagtail.images import get_image_model
from wagtail.models import (
    BaseViewRestriction,
    CollectionViewRestriction,
    Page,
    PageViewRestriction,
)

import caching

_reader = contextvars.ContextVar("leerkring_reader", default=None)


class ReaderMiddleware:
    """Remembers the request being answered, for what is rendered without one:
    rich text's document links (pages/wagtail_hooks.py) are expanded by
    Wagtail with no request at hand."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _reader.set(request)
        try:
            return self.get_response(request)
        finally:
            _reader.reset(token)


def reader_request():
    """The request being answered in this thread or task, or None."""
    return _reader.get()


def page_is_public(page):
    """True when anyone may see ``page`` without logging in."""
    return bool(page.live and getattr(page.specific_deferred, "is_public", False))


def user_can_view_page(user, page):
    if page_is_public(page):
        return True
    if not user.is_authenticated or not user.is_active:
        return False
    return page.live or page.permissions_for_user(user).can_edit()


def refused_by_privacy(request, page):
    """True when a privacy rule of ``page`` (or above it) to logged-in members
    or to some groups turns this request away. Password rules are left to
    Wagtail, which asks for the password."""

    return any(
        restriction.restriction_type != PageViewRestriction.PASSWORD
        and not restriction.accept_request(request)
        for restriction in page.get_view_restrictions()
    )


def _closed_paths(rules, user=None):
    """Tree paths that ``user`` (or, without one, some member) may not enter.

    ``rules`` are privacy rules as ``_rules`` reads them. Restrictions to
    logged-in members change nothing on a site that is behind the login;
    restrictions to groups or with a password do. A member passes a group
    restriction when in one of its groups; nobody passes a password
    restriction in a listing, a search or a feed (only on the page itself,
    after typing the password).
    """

    member_groups = None
    paths = []
    for path, restriction_type, group_pks in rules:
        if restriction_type == BaseViewRestriction.LOGIN:
            continue
        if user is not None and restriction_type == BaseViewRestriction.GROUPS:
            if user.is_superuser:
                continue
            if member_groups is None:
                member_groups = _group_pks(user)
            if member_groups & group_pks:
                continue
        paths.append(path)
    return paths


def _group_pks(user):
    """The pks of ``user``'s groups, read once per user object (as Django's
    ModelBackend keeps permissions): a request asks for several lists."""
    if not hasattr(user, "_leerkring_group_pks"):
        user._leerkring_group_pks = frozenset(user.groups.values_list("pk", flat=True))
    return user._leerkring_group_pks


def _rules(restrictions, path_field):
    """Page or collection privacy rules as (tree path, type, allowed group pks)."""

    return [(r.path, r.restriction_type, frozenset(group.pk for group in r.groups.all()))
            for r in restrictions.annotate(path=F(path_field)).prefetch_related("groups")]


def _outside(paths, field="path"):

    return ~_under(paths, field) if paths else Q()


def _page_restrictions():
    """The pages' privacy rules as (tree path, type, allowed group pks), each
    rule once for every subtree it closes in any language (see _page_rules)."""
    return [(path, restriction_type, groups)
            for _pk, paths, restriction_type, groups in _page_rules()
            for path in paths]


def _page_rules():
    """Every page privacy rule as (restriction pk, the tree paths it closes,
    type, allowed group pks).

    A rule set on a page closes that page and everything below it in every
    language: members expect "private" to mean private, whichever language
    version an editor happened to restrict, and registrations, progress,
    answers and analytics are shared by the language versions through their
    translation key. So a rule closes the subtrees of every page that shares
    a translation key with a page below the restricted one (and of their
    aliases), repeated until nothing new is found: a translation an editor
    moved elsewhere in its tree is closed too.

    Kept by the process until the page tree moves (caching memo "page-privacy").
    """
    return caching.memo("page-privacy", "rules", _read_page_rules)


def _read_page_rules():

    restrictions = list(PageViewRestriction.objects.select_related("page")
                        .prefetch_related("groups"))
    covered = _translated_subtrees({r.page.path for r in restrictions})
    return [(r.pk, covered[r.page.path], r.restriction_type,
             frozenset(group.pk for group in r.groups.all())) for r in restrictions]


_MAX_ROUNDS = 5  # each round follows one more level of translations placed elsewhere


def _translated_subtrees(paths):
    """{tree path: the smallest set of tree paths that cover it and every language
    version of every page below it (and their aliases)}."""

    covered = {path: (path,) for path in paths}
    for _round in range(_MAX_ROUNDS):
        roots = {root for found in covered.values() for root in found}
        if not roots:
            break
        rows = list(Page.objects.filter(_under(roots)).values_list("pk", "path", "translation_key"))
        keys, pks = {}, {}
        for path, found in covered.items():
            below = [(pk, key) for pk, row_path, key in rows if row_path.startswith(found)]
            keys[path] = {key for _pk, key in below}
            pks[path] = {pk for pk, _key in below}
        related = list(Page.objects.filter(
            Q(translation_key__in=set().union(*keys.values()))
            | Q(alias_of_id__in=set().union(*pks.values())))
            .values_list("path", "translation_key", "alias_of_id"))
        changed = False
        for path, found in covered.items():
            more = {row_path for row_path, key, alias_of in related
                    if key in keys[path] or alias_of in pks[path]}
            wider = _outermost(set(found) | more)
            if wider != found:
                covered[path], changed = wider, True
        if not changed:
            break
    return covered


def _outermost(paths):
    """The paths of ``paths`` not below another one of them, sorted."""
    kept = []
    for path in sorted(paths):
        if not kept or not path.startswith(kept[-1]):
            kept.append(path)
    return tuple(kept)


def _under(paths, field="path"):

    condition = Q()
    for path in paths:
        condition |= Q(**{f"{field}__startswith": path})
    return condition


def subtrees_closed_with(path):
    """Where a privacy rule set on the page at ``path`` applies, in every language
    (for what must follow such a rule, e.g. the search index)."""
    return _translated_subtrees({path})[path]


def page_view_restrictions(page, own_rules):
    """The privacy rules that apply to ``page``: Wagtail's own (``own_rules``: on the
    page, its ancestors, and the originals of aliases) and those set on any
    language version of them (see _page_rules). Installed as
    Page.get_view_restrictions in PagesConfig.ready, so that Wagtail's serving,
    its privacy hook and the admin's privacy dialog all follow the rule."""

    applying = [pk for pk, paths, _type, _groups in _page_rules()
                if page.path and page.path.startswith(paths)]
    if not applying:
        return own_rules
    return own_rules | PageViewRestriction.objects.filter(pk__in=applying)


def _collection_restrictions():
    """The collections' privacy rules. Every library list and search asks for
    them and they seldom change: kept in the shared cache until they do."""

    return caching.remember("collections", "collection-privacy-rules", lambda: _rules(
        CollectionViewRestriction.objects.all(), "collection__path"))


def pages_open_to_members(pages):
    """The pages of a queryset that every member may see: what search indexes.

    Published, and not private: no restriction to some groups or with a
    password on the page or above it (Wagtail's page privacy).
    """
    return pages.filter(live=True).filter(_outside(_closed_paths(_page_restrictions())))


def pages_visible_to(user, pages):
    """The pages of a queryset that ``user`` may find listed (search results, feeds)."""
    if not user.is_authenticated or not user.is_active:
        return pages.none()
    return pages.filter(live=True).filter(_outside(_closed_paths(_page_restrictions(), user)))


def page_pks_visible_to(user, pks):
    """Of ``pks``, the pages ``user`` may find listed: the rule of pages_visible_to,
    answered without a query from what this process keeps until the page tree
    moves (live pages and their paths, privacy rules)."""
    if not user.is_authenticated or not user.is_active:
        return set()
    closed = tuple(_closed_paths(_page_restrictions(), user))
    live_paths = caching.memo("page-privacy", "live-paths", _read_live_paths)
    return {pk for pk in pks
            if (path := live_paths.get(int(pk))) is not None and not path.startswith(closed)}


def page_paths_closed_to(user):
    """The tree paths of the pages ``user`` may not enter, in every language: the
    rule of pages_visible_to, without a query (as page_pks_visible_to)."""
    if not user.is_authenticated or not user.is_active:
        return ("",)  # everything
    return tuple(sorted(set(_closed_paths(_page_restrictions(), user))))


def pages_audience(user):
    """A short key naming the pages closed to ``user``: members with the same key
    find the same pages listed, so a listing or menu kept for the page tree's
    generation may be kept under it. Never empty."""

    return "p" + hashlib.sha256("|".join(page_paths_closed_to(user)).encode()).hexdigest()[:16]


def visible_pages(user, pages):
    """Of ``pages`` (page objects, in order), those ``user`` may find listed: the
    rule of pages_visible_to, without a query (page_pks_visible_to)."""
    pages = list(pages)
    allowed = page_pks_visible_to(user, [page.pk for page in pages])
    return [page for page in pages if page.pk in allowed]


def _read_live_paths():

    return dict(Page.objects.filter(live=True).values_list("pk", "path"))


def documents_open_to_members(documents):
    """The documents every member may see: none in a collection restricted further."""
    return documents.filter(_outside(_closed_paths(_collection_restrictions()),
                                     "collection__path"))


# Documents have their own view, which checks the privacy of their collection
# (see WAGTAILDOCS_SERVE_METHOD); they are never served from /media/.
MEDIA_FOLDERS_WITH_OWN_VIEW = ("documents/", "catalogue/", "members/")
# Where Wagtail stores images, their renditions and editors' avatars.
ORIGINAL_IMAGES, RENDITIONS, AVATARS = "original_images/", "images/", "avatar_images/"


def user_can_fetch_media(user, relative_path, request=None):
    """Whether ``user`` may fetch the file at ``relative_path`` under /media/.

    Images and their renditions obey the privacy of the image's collection,
    exactly as documents do (Wagtail serves them without asking, wagtail#3880:
    remove the image part when Wagtail checks it). A file that no image or
    rendition claims has no privacy to check and is refused; avatars are for
    those who use the admin, where they are shown. Documents go elsewhere.
    """
    if not user.is_authenticated or not user.is_active:
        return False
    if relative_path.startswith(AVATARS):
        return user.has_perm("wagtailadmin.access_admin")
    image = _image_of_file(relative_path)
    return image is not None and user_can_view_image(user, image, request)


def _image_of_file(relative_path):

    Image = get_image_model()
    if relative_path.startswith(ORIGINAL_IMAGES):
        return Image.objects.select_related("collection").filter(file=relative_path).first()
    if relative_path.startswith(RENDITIONS):
        rendition = (Image.get_rendition_model().objects.select_related("image__collection")
                     .filter(file=relative_path).first())
        return rendition.image if rendition is not None else None
    return None


def user_can_view_image(user, image, request=None):
    """The rule of documents_visible_to, for an image: its collection is open to ``user``."""
    return in_open_collection(user, image, request)


def in_open_collection(user, item, request=None):
    """Whether the collection of ``item`` (an image or a document) is open to ``user``:
    for templates deciding whether to show a file, and for the media view."""
    if not user.is_authenticated or not user.is_active or item.pk is None:
        return False
    path = _collection_path_of(item)
    closed = tuple(collections_closed_to(user, request))
    return path is not None and not (closed and path.startswith(closed))


def open_to_every_member(item):
    """Whether no privacy rule of a collection (other than "logged in") covers ``item``."""
    if item.pk is None:
        return False
    path = _collection_path_of(item)
    closed = tuple(_closed_paths(_collection_restrictions()))
    return path is not None and not (closed and path.startswith(closed))


def _collection_path_of(item):
    """The tree path of the collection ``item`` is in now.

    Not ``item.collection``: pages kept by the process for the page tree's
    generation hold the images and documents of their blocks as they were
    when first read, and moving a file to another collection does not change
    the page tree. Kept per file until a file or a collection changes.
    """
    model = type(item)
    return caching.remember(
        "collections", ("collection-of-file", model._meta.label_lower, item.pk),
        lambda: model.objects.filter(pk=item.pk).values_list("collection__path",
                                                             flat=True).first())


def documents_visible_to(user, documents):
    """The documents of a queryset that ``user`` may see listed.

    Collections an editor restricted (to some groups, or with a password)
    are left out unless the member belongs to one of the allowed groups;
    Wagtail's document view enforces the same restrictions on download.
    """
    if not user.is_authenticated or not user.is_active:
        return documents.none()
    return documents.filter(_outside(collections_closed_to(user), "collection__path"))


def collections_closed_to(user, request=None):
    """The tree paths of the collections whose documents and images ``user`` may
    not see (sorted; a restriction covers the collection and everything below
    it). Worked out once per request when one is given."""
    if request is None:
        return sorted(set(_closed_paths(_collection_restrictions(), user)))
    memo = request.__dict__.setdefault("_leerkring_closed_collections", {})
    if user.pk not in memo:
        memo[user.pk] = sorted(set(_closed_paths(_collection_restrictions(), user)))
    return memo[user.pk]


def collections_audience(user, request=None):
    """A short key naming the collections closed to ``user``: members with the same
    key see the same documents and images, so HTML showing them may be kept
    under it (with the "collections" generation, which follows the rules and
    every file's collection)."""

    closed = collections_closed_to(user, request)
    return hashlib.sha256("|".join(closed).encode()).hexdigest()[:16]


def user_can_view_document(user, document):
    """The same rule as documents_visible_to, for one document."""
    queryset = type(document).objects.filter(pk=document.pk)
    return documents_visible_to(user, queryset).exists()
