"""Team changes from many requests at once. SQLite lets one writer in at a time, which
hides these races; ``make test`` runs them on PostgreSQL too. A transactional test
starts from whatever the one before left, so each makes what it needs."""

import pytest
from django.core import mail
from wagtail.models import Locale

from members import teams as rules
from members.models import JoinRequest, Team, TeamMembership, TeamRole
from tests import races

pytestmark = [pytest.mark.concurrency, pytest.mark.django_db(transaction=True)]
ATTEMPTS = 20


def _team(leaders):
    races.page_root()  # the locales
    team = Team.objects.create(locale=Locale.get_default(), name="Raceteam", slug="raceteam")
    for leader in leaders:
        TeamMembership.objects.create(team=team, user=leader, role=TeamRole.LEADER)
    return team


def test_accepting_one_request_at_once_makes_one_membership_and_one_email(make_member):
    leaders = [make_member(), make_member()]
    newcomer = make_member()
    team = _team(leaders)
    join_request = rules.ask_to_join(newcomer, team, "Mag ik erbij?")
    mail.outbox.clear()

    # As the leaders' requests have it: each its own copy, read before any of them acts.
    copies = [JoinRequest.objects.select_related("team", "user").get(pk=join_request.pk)
              for _n in range(ATTEMPTS)]

    def accept(n):
        return rules.accept(leaders[n % 2], copies[n])

    results = races.race(accept, ATTEMPTS)

    assert [v for outcome, v in results if outcome == "error"] == []
    assert sum(1 for _outcome, value in results if value is not None) == 1
    assert TeamMembership.objects.filter(team=team, user=newcomer).count() == 1
    assert not JoinRequest.objects.filter(pk=join_request.pk).exists()
    assert [m.to for m in mail.outbox] == [[newcomer.email]]


def test_asking_to_join_at_once_makes_one_request(make_member):
    team = _team([make_member()])
    asker = make_member()

    results = races.race(lambda n: rules.ask_to_join(asker, Team.objects.get(pk=team.pk)),
                         ATTEMPTS)

    assert [v for outcome, v in results if outcome == "error"] == []
    assert JoinRequest.objects.filter(team=team, user=asker).count() == 1
