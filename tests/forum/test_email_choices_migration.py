"""The forum's old email settings carried over to the choices per kind (forum migration
0004): a member who switched an email off keeps it off, the rest keep the defaults."""

import importlib
from types import SimpleNamespace

import pytest
from django.apps import apps as current_apps

from notices.models import EmailChoice
from notices.preferences import wants_email

pytestmark = pytest.mark.django_db

migration = importlib.import_module("forum.migrations.0004_email_choices_to_notices")


class OldSettings:
    """The removed NotificationSettings table, as the migration reads and writes it."""

    def __init__(self, rows):
        self.rows = rows
        self.written = {}
        self.objects = self

    def all(self):
        return SimpleNamespace(iterator=lambda: iter(self.rows))

    def update_or_create(self, user_id, defaults):
        self.written[user_id] = defaults


def _apps(old):
    return SimpleNamespace(get_model=lambda app, name: old if name == "NotificationSettings"
                           else current_apps.get_model(app, name))


def _row(user, answered=True, accepted=True, followed=True):
    return SimpleNamespace(user_id=user.pk, my_question_answered=answered,
                           my_answer_accepted=accepted, followed_activity=followed)


def test_switched_off_emails_stay_off(make_member):
    quiet, picky, default = make_member(), make_member(), make_member()
    old = OldSettings([_row(quiet, answered=False, accepted=False, followed=False),
                       _row(picky, followed=False), _row(default)])
    migration.forward(_apps(old), None)
    for kind in ("forum.answered", "forum.accepted", "forum.followed"):
        assert not wants_email(quiet, kind)
        assert wants_email(default, kind)
    assert wants_email(picky, "forum.answered") and not wants_email(picky, "forum.followed")
    assert not EmailChoice.objects.filter(user=default).exists()  # defaults stay defaults

    migration.backward(_apps(old), None)
    assert old.written == {
        quiet.pk: {"my_question_answered": False, "my_answer_accepted": False,
                   "followed_activity": False},
        picky.pk: {"my_question_answered": True, "my_answer_accepted": True,
                   "followed_activity": False},
    }
