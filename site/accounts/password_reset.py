"""Asking for a password-reset link: limited, and silent about who has an account.

Each request counts against the typed address (normalised, accounts.identity)
and against the IP address, whether or not an account has that address: at
most PASSWORD_RESET_LINKS_PER_HOUR links per address and
PASSWORD_RESET_REQUESTS_PER_HOUR_PER_IP requests per network, so the form
cannot flood someone's mailbox or probe addresses by the thousand. The
counts are taken atomically (accounts.limits.take), so parallel requests
cannot pass them.

The answer never tells whether an account exists: the same page, and the
same work before it is sent. Every accepted request queues the same
background task with the typed address (accounts/tasks.py); the worker looks
the account up and sends the email only for an account, so the answer's
timing does not tell either. Used by the site's form and by Wagtail's admin
form (both views below).
"""

from datetime import timedelta

from axes.helpers import get_client_ip_address
from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.contrib.sites.shortcuts import get_current_site
from django.utils import translation
from django.utils.translation import gettext as _
from wagtail.admin.forms.auth import PasswordResetForm as WagtailPasswordResetForm

from . import limits
from .identity import normalise_email
from .tasks import send_password_reset_link

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
    """Django's reset form; ``save`` queues the email instead of sending it."""

    def clean_email(self):
        return normalise_email(self.cleaned_data["email"])

    def save(self, domain_override=None, subject_template_name=None, email_template_name=None,
             use_https=False, token_generator=default_token_generator, from_email=None,
             request=None, html_email_template_name=None, extra_email_context=None):
        if token_generator is not default_token_generator:
            raise ValueError("The reset task makes its tokens with default_token_generator.")
        send_password_reset_link.enqueue(
            self.cleaned_data["email"], translation.get_language(),
            domain=domain_override or get_current_site(request).domain, use_https=use_https,
            subject_template_name=subject_template_name,
            email_template_name=email_template_name,
            html_email_template_name=html_email_template_name, from_email=from_email,
            extra_email_context=extra_email_context)


class LimitedResetMixin:
    """For Django's PasswordResetView and Wagtail's: the limits, then the queued email."""

    form_class = PasswordResetForm

    def get_form_class(self):
        return PasswordResetForm

    def form_valid(self, form):
        if not allowed(self.request, form.cleaned_data["email"]):
            form.add_error(None, refusal())
            return self.form_invalid(form)
        return super().form_valid(form)
