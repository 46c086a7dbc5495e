"""The table: every kind of source data a kept value may depend on, and every process memo.

A *scope* names a kind of source data. It has a generation number in the
shared cache; a save or delete of a model it watches (or of a subclass: pages
are saved as their specific type), a change of one of its many-to-many
tables, or one of its signals starts a new one. What is kept is kept for the
generations of the scopes it declares, so nothing here needs to know who
keeps what. Models are named by label and resolved when the apps are ready
(caching/apps.py): the site's code imports no content app for this.

"app.Model" watches a model; "app.Model.field" the table of a many-to-many
field; ``Watch(label, fields=...)`` a model whose saves count only when they
name one of ``fields`` in ``update_fields`` (a member's name, not a login).
``reads`` names tables that entries of the scope may read and that change
only along with what the scope watches (an image's renditions).
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Watch:
    label: str
    fields: tuple = ()


@dataclass(frozen=True)
class Scope:
    watches: tuple = ()
    signals: tuple = ()  # dotted paths of signals that start a new generation
    reads: tuple = ()
    timeout: int = 6 * 3600  # a safety net: a new generation replaces entries anyway


# The fields of a member that posts show (forum/thread.py keeps authors' names).
MEMBER_NAME_FIELDS = ("first_name", "last_name", "email")

SCOPES = {
    # The page tree: every page, its site, locales, privacy rules (and the
    # groups they name: deleting one empties them) and the site's links.
    # Unpublishing and moving update rows without saving pages.
    "pages": Scope(
        watches=("wagtailcore.Page", "wagtailcore.Site", "wagtailcore.Locale",
                 "wagtailcore.PageViewRestriction", "wagtailcore.PageViewRestriction.groups",
                 "auth.Group", "pages.SiteLinks",
                 # The topics of learning packages and webinars (what is new in a topic).
                 "learning.LearningPackagePage.topics", "webinars.WebinarPage.topics"),
        signals=("wagtail.signals.page_published", "wagtail.signals.page_unpublished",
                 "wagtail.signals.post_page_move"),
    ),
    "topics": Scope(watches=("topics.Topic",)),
    # Posts, and the names of their authors (a deleted account too).
    "forum": Scope(watches=("forum.Question", "forum.Answer", "forum.ModerationAction",
                            Watch("accounts.User", fields=MEMBER_NAME_FIELDS))),
    # Listed projects: a withdrawn consent is a new ConsentRecord.
    "catalogue": Scope(watches=("catalogue.Project", "catalogue.ConsentRecord",
                                "catalogue.ProjectDocument", "catalogue.Project.owners",
                                "catalogue.Project.themes")),
    # Who appears in the directory and in author links: a withdrawal is a new
    # ConsentRecord; a deactivated account leaves it too. The directory's
    # listing also shows expertise, organisations and filters by team.
    "members": Scope(watches=("members.Profile", "members.ConsentRecord",
                              "members.Profile.expertise", "members.Team",
                              "members.TeamMembership",
                              Watch("accounts.User", fields=(*MEMBER_NAME_FIELDS, "is_active",
                                                             "organisation",
                                                             "organisation_type")))),
    # A team's page as every admitted reader sees it (members/team_content.py):
    # the team, its members' names and roles, topics, minutes, files, meetings.
    "teams": Scope(watches=("members.Team", "members.Team.topics", "members.TeamMembership",
                            "members.Minutes", "members.MinutesAttachment",
                            "members.TeamMeeting",
                            Watch("accounts.User", fields=MEMBER_NAME_FIELDS))),
    # What members follow in the forum (questions, topics): their news depends on it.
    "follows": Scope(watches=("forum.Follow",)),
    "library": Scope(watches=("library.LibraryDocument", "library.LibraryDocument.topics",
                              "library.Event")),
    # Privacy rules of collections, and which collection each file is in.
    "collections": Scope(
        watches=("wagtailcore.Collection", "wagtailcore.CollectionViewRestriction",
                 "wagtailcore.CollectionViewRestriction.groups", "auth.Group",
                 "wagtailimages.Image", "library.LibraryDocument"),
        reads=("wagtailimages.Rendition",),
    ),
    # The search indexes' answers: moved by the index writer (sitesearch/queue.py);
    # the short timeout covers indexes changed by other means (haystack's update_index).
    "search": Scope(timeout=10 * 60),
    # The analytics counts: raised by plain SQL on every view, with no signal
    # to follow, so what is read from them (the report's filter choices) is
    # kept for a plain lifetime.
    "counts": Scope(reads=("analytics.DailyCount",), timeout=10 * 60),
    # Django's permissions of members (accounts/backends.py).
    "permissions": Scope(watches=("auth.Group", "auth.Permission", "auth.Group.permissions",
                                  "accounts.User.groups", "accounts.User.user_permissions")),
}

# Tables any kept value may read without declaring a scope: they change only
# with a deploy (migrations, the languages in settings), and every process
# start begins a new generation of every scope (caching/apps.py).
STABLE = ("contenttypes.ContentType", "wagtailcore.Locale")


@dataclass(frozen=True)
class Memo:
    scopes: tuple = ()
    ttl: float | None = None  # seconds: a plain lifetime instead of scopes


# What each process keeps in its own memory (caching.memo): no cache to read,
# and dropped as soon as a generation of its scopes moves.
MEMOS = {
    # The request's site, per host and port (pages/routing.py).
    "site": Memo(("pages",)),
    # The path-to-page map of a site in a language (pages/routing.py).
    "routes": Memo(("pages",)),
    # Each routed page, copied per request (pages/routing.py).
    "page": Memo(("pages",)),
    # A served page's privacy rules, the locales and Wagtail's sites' root
    # paths (pages/wagtail_patches.py).
    "page-restrictions": Memo(("pages",)),
    "locales": Memo(("pages",)),
    "site-root-paths": Memo(("pages",)),
    # The main menu, home URL and footer links per site and language (pages/chrome.py).
    "chrome": Memo(("pages",)),
    # Where a page lives in each language (pages/chrome.py).
    "translations": Memo(("pages",)),
    # The page of each section (forum, catalogue, ...) per language (pages/sections.py).
    "sections": Memo(("pages",)),
    # Privacy rules of pages and the live pages' paths (pages/visibility.py).
    "page-privacy": Memo(("pages",)),
    # The next webinars of a language, a few more than shown (webinars/wagtail_hooks.py).
    "upcoming-webinars": Memo(("pages",)),
    # Each member's permissions (accounts/backends.py).
    "permissions": Memo(("permissions",)),
    # An item's topics for analytics: retagging counts under the old topics on
    # other processes for at most this long; nothing shown depends on it.
    "analytics-topics": Memo(ttl=60),
}
