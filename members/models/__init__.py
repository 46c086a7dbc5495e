"""The members app's models, for Django and other apps: profiles and consents
(records.py), teams (teams.py) and the directory and teams pages (pages.py).
Modules of this app import those directly."""

from .pages import MemberDirectoryPage, TeamIndexPage
from .records import ConsentKind, ConsentRecord, ConsentText, MemberMessage, Profile, photo_path
from .teams import (
    JoinRequest,
    Minutes,
    MinutesAttachment,
    Team,
    TeamMeeting,
    TeamMembership,
    TeamRole,
    attachment_path,
)

__all__ = [
    "ConsentKind", "ConsentRecord", "ConsentText", "JoinRequest", "MemberDirectoryPage",
    "MemberMessage", "Minutes", "MinutesAttachment", "Profile", "Team", "TeamIndexPage",
    "TeamMeeting", "TeamMembership", "TeamRole", "attachment_path", "photo_path",
]
