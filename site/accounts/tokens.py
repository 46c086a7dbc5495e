"""Set-password links for invitations, valid longer than password-reset links.

Like a reset link, an invitation link stops working once used: the token
hashes the password and last login, which change when the invitee sets a
password and logs in.
"""

from django.conf import settings
from django.contrib.auth.tokens import PasswordResetTokenGenerator
from django.utils.crypto import constant_time_compare
from django.utils.http import base36_to_int


class InvitationTokenGenerator(PasswordResetTokenGenerator):
    key_salt = "accounts.tokens.InvitationTokenGenerator"

    @property
    def valid_seconds(self):
        return settings.INVITATION_VALID_DAYS * 24 * 60 * 60

    def check_token(self, user, token):
        if not (user and token):
            return False
        try:
            ts_b36, _hash = token.split("-")
            ts = base36_to_int(ts_b36)
        except ValueError:
            return False
        for secret in [self.secret, *self.secret_fallbacks]:
            if constant_time_compare(self._make_token_with_timestamp(user, ts, secret), token):
                break
        else:
            return False
        return (self._num_seconds(self._now()) - ts) <= self.valid_seconds


invitation_token_generator = InvitationTokenGenerator()
