"""What other apps add to a profile or a team page, without this app knowing them.

An app registers a function under one of the hooks below; it returns a dict
with a ``template``, an ``order`` and what the template needs, or None to
add nothing. It must show only what the reader may see (the forum: posts
the reader sees and that were not asked anonymously; the catalogue: listed
projects), as the app's own pages would.

* ``leerkring_profile_sections(request, member)``: on ``member``'s profile.
* ``leerkring_team_sections(request, team)``: on a team's page, called only
  for readers who may see the team's inside (teams.may_see_inside); ``team``
  is the team in the default language.
"""

from wagtail import hooks

PROFILE_HOOK = "leerkring_profile_sections"
TEAM_HOOK = "leerkring_team_sections"


def _collect(hook_name, *args):
    sections = [section for hook in hooks.get_hooks(hook_name)
                if (section := hook(*args))]
    return sorted(sections, key=lambda section: section.get("order", 100))


def profile_sections(request, member):
    return _collect(PROFILE_HOOK, request, member)


def team_sections(request, team):
    return _collect(TEAM_HOOK, request, team)
