"""Password rules explain themselves in the member's language."""

import pytest
from django.contrib.auth.password_validation import (
    password_validators_help_texts,
    validate_password,
)
from django.core.exceptions import ValidationError
from django.utils import translation

from accounts.models import User


def _errors(password, language):
    member = User(email="anne.peeters@example.org", first_name="Anne", last_name="Peeters")
    with translation.override(language):
        with pytest.raises(ValidationError) as refused:
            validate_password(password, member)
        return refused.value.messages


@pytest.mark.parametrize("password", ["12345678", "short", "password", "anne.peeters"])
def test_every_password_error_is_in_dutch_on_dutch_pages(db, password):
    english, dutch = _errors(password, "en"), _errors(password, "nl")
    assert len(english) == len(dutch)
    untranslated = [message for message in dutch if message in english]
    assert not untranslated


def test_the_minimum_length_is_named(db):
    assert "10 tekens" in " ".join(_errors("short", "nl"))
    assert "10 characters" in " ".join(_errors("short", "en"))


def test_password_help_texts_are_in_dutch():
    with translation.override("en"):
        english = password_validators_help_texts()
    with translation.override("nl"):
        dutch = password_validators_help_texts()
    assert not set(english) & set(dutch)
