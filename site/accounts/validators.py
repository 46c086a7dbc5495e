"""Password validators whose messages Django's Dutch catalog does not translate.

Django 5.2 changed the msgid of the minimum-length error to use ``%d``; its
Dutch catalog still translates only the old ``%(min_length)d`` form, so the
error appeared in English on Dutch pages. This validator words the message
itself, through our catalog. Remove it (and point AUTH_PASSWORD_VALIDATORS
back at Django's) once ``validate_password("12345678")`` answers in Dutch
under ``translation.override("nl")`` with Django's own validator.
"""

from django.contrib.auth import password_validation
from django.utils.translation import ngettext


class MinimumLengthValidator(password_validation.MinimumLengthValidator):
    def get_error_message(self):
        return ngettext(
            "This password is too short. It must contain at least %(min_length)d character.",
            "This password is too short. It must contain at least %(min_length)d characters.",
            self.min_length,
        ) % {"min_length": self.min_length}
