"""Invitations: there is no open registration; coordinators invite people."""

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from .tokens import invitation_token_generator


def invitation_url(user):
    """The set-password link, in the invitee's language."""
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = invitation_token_generator.make_token(user)
    with translation.override(user.preferred_language):
        path = reverse("accept_invitation", kwargs={"uidb64": uid, "token": token})
    return settings.BASE_URL + path


def send_invitation(user, invited_by):
    context = {
        "user": user,
        "invited_by": invited_by,
        "url": invitation_url(user),
        "valid_days": settings.INVITATION_VALID_DAYS,
        "site_name": settings.WAGTAIL_SITE_NAME,
    }
    with translation.override(user.preferred_language):
        subject = render_to_string("accounts/email/invitation_subject.txt", context)
        body = render_to_string("accounts/email/invitation_body.txt", context)
    send_mail(" ".join(subject.split()), body, None, [user.email])
