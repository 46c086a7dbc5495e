"""Asking for a password-reset link: limited, and silent about who has an account.

Each request counts against the typed address (normalised, accounts.identity)
and against the IP address, whether or not an account has that address: at
most PASSWORD_RESET_LINKS_PER_HOUR links per address and
PASSWORD_RESET_REQUESTS_PER_HOUR_PER_IP requests per network, so the form
cannot flood someone's mailbox or probe addresses by the thousand. The
counts are taken atomically (accounts.limits.take), so parallel requests
cannot pass them.

The answer never tells whether an account exists: the same page, and the
same work before it is sent; the email (only for an account) leaves after
the response is complete, so the answer's timing does not tell either.
Used by the site's form and by Wagtail's admin form (both views below).
"""

import logging
from datetime import timedelta

from axes.helpers import get_client_ip_address
from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template import loader
from django.utils.translation import gettext as _
from wagtail.admin.forms.auth import PasswordResetForm as WagtailPasswordResetForm

from . import limits
from .identity import normalise_email

logger = logging.getLogger(__name__)
WINDOW = timedelta(hours=1)


def allowed(request, email):
    """Count this request; False if the address or the network has asked too often."""
    limits.forget_expired()
    ip = get_client_ip_address(request) or "unknown"
    return (limits.take(f"password-reset:ip:{ip}",
                        settings.PASSWORD_RESET_REQUESTS_PER_HOUR_PER_IP, WINDOW)
            and limits.take(f"password-reset:address:{normalise_email(email)}",
                            settings.PASSWORD_RESET_LINKS_PER_HOUR, WINDOW))


def refusal():
    return _("Several links were asked for in a short time, so no new one was sent. Use the "
             "link in the last email (look in your spam folder too), or try again in an hour.")


class PasswordResetForm(WagtailPasswordResetForm):
    """Django's reset form; the emails wait in ``outgoing`` until the answer is sent."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.outgoing = []

    def clean_email(self):
        return normalise_email(self.cleaned_data["email"])

    def send_mail(self, subject_template_name, email_template_name, context, from_email,
                  to_email, html_email_template_name=None):
        subject = "".join(loader.render_to_string(subject_template_name, context).splitlines())
        body = loader.render_to_string(email_template_name, context)
        message = EmailMultiAlternatives(subject, body, from_email, [to_email])
        if html_email_template_name is not None:
            message.attach_alternative(
                loader.render_to_string(html_email_template_name, context), "text/html")
        self.outgoing.append((message, context["user"].pk))


def _send(message, user_pk):
    try:
        message.send()
    except Exception:
        logger.exception("Failed to send password reset email to %s", user_pk)


class LimitedResetMixin:
    """For Django's PasswordResetView and Wagtail's: the limit, then mail after the answer."""

    form_class = PasswordResetForm

    def get_form_class(self):
        return PasswordResetForm

    def form_valid(self, form):
        if not allowed(self.request, form.cleaned_data["email"]):
            form.add_error(None, refusal())
            return self.form_invalid(form)
        response = super().form_valid(form)
        # Django calls a response's closers once the server has sent it
        # (HttpResponseBase.close); private but stable since Django 3.0.
        for message, user_pk in form.outgoing:
            response._resource_closers.append(lambda m=message, pk=user_pk: _send(m, pk))
        return response
