"""The teams' part of a member's data (accounts.personal_data).

Download: their memberships (team, role, since when), their requests to
join (with the message), the meetings they added and the minutes they
wrote, with the files attached to them.

Erasure: memberships and requests go with the account (their foreign keys
cascade); minutes and meetings stay with the team, which relies on them,
without the person: minutes are then signed "a team member" (their author
becomes empty), as a forum post becomes "a former member's".
"""

from accounts.personal_data import Section, iso

from .models.teams import JoinRequest, Minutes, TeamMeeting, TeamMembership


def collect(user):
    return {"teams": {
        "memberships": [{"team": m.team.name, "role": m.role, "joined_at": iso(m.joined_at)}
                        for m in TeamMembership.objects.filter(user=user)
                        .select_related("team").order_by("pk")],
        "join_requests": [{"team": r.team.name, "message": r.message,
                           "created_at": iso(r.created_at)}
                          for r in JoinRequest.objects.filter(user=user)
                          .select_related("team").order_by("pk")],
        "meetings_added": [{"team": m.team.name, "title": m.title,
                            "starts_at": iso(m.starts_at), "added_at": iso(m.created_at)}
                           for m in TeamMeeting.objects.filter(created_by=user)
                           .select_related("team").order_by("pk")],
        "minutes_written": [{
            "team": m.team.name, "held_on": iso(m.held_on), "title": m.title,
            "text": m.body_markdown, "created_at": iso(m.created_at),
            "files": [{"title": a.title, "file": a.filename} for a in m.attachments.all()],
        } for m in Minutes.objects.filter(author=user).select_related("team")
            .prefetch_related("attachments").order_by("pk")],
    }}


SECTION = Section(order=45, collect=collect, covers=(
    "members.TeamMembership.user", "members.JoinRequest.user", "members.Minutes.author",
    "members.TeamMeeting.created_by"))
