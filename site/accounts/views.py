import json

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth import views as auth_views
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.template.response import TemplateResponse
from django.urls import reverse, reverse_lazy
from django.utils import translation
from django.utils.translation import gettext as _
from wagtail import hooks
from wagtail.admin.views import account as wagtail_account

from pages.languages import url_in_language

from . import personal_data
from .forms import DeleteAccountForm, EmailLoginForm, ProfileForm
from .password_reset import LimitedResetMixin
from .tokens import invitation_token_generator


def _remember_language(response, language):
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        language,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        samesite="Lax",
        secure=getattr(settings, "LANGUAGE_COOKIE_SECURE", False),
        httponly=True,
    )
    return response


class LoginView(auth_views.LoginView):
    """Log in with an email address; continue in the member's own language."""

    form_class = EmailLoginForm
    template_name = "accounts/login.html"
    redirect_authenticated_user = True

    def form_valid(self, form):
        response = super().form_valid(form)
        language = form.get_user().preferred_language
        response["Location"] = url_in_language(self.request, response["Location"], language)
        return _remember_language(response, language)


class AcceptInvitationView(auth_views.PasswordResetConfirmView):
    """The invitee chooses a password, is logged in and lands on the home page."""

    token_generator = invitation_token_generator
    template_name = "accounts/accept_invitation.html"
    post_reset_login = True
    post_reset_login_backend = "accounts.backends.CachedPermissionsBackend"
    reset_url_token = "set-password"

    def get_success_url(self):
        return url_in_language(self.request, "/", self.user.preferred_language)

    def form_valid(self, form):
        response = super().form_valid(form)
        messages.success(self.request, _("Welcome! Your password is set."))
        return response


class PasswordResetView(LimitedResetMixin, auth_views.PasswordResetView):
    """A link to choose a new password, a few times per hour (accounts.password_reset)."""

    template_name = "accounts/password_reset_form.html"
    email_template_name = "accounts/email/password_reset_body.txt"
    subject_template_name = "accounts/email/password_reset_subject.txt"
    success_url = reverse_lazy("password_reset_done")

    def get_form(self, form_class=None):
        form = super().get_form(form_class)
        form.fields["email"].label = _("Email address")
        return form


class AdminPasswordResetView(LimitedResetMixin, wagtail_account.PasswordResetView):
    """Wagtail's admin form for the same link, under the same limits."""


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "accounts/password_reset_confirm.html"
    success_url = reverse_lazy("password_reset_complete")


def account_panels(request):
    """What content apps add to My account (the profile the directory shows), through
    the ``leerkring_account_panels`` hook: each returns a dict with a ``template``
    and an ``order`` (or None), as home cards do; the site knows none of them."""
    panels = [panel for hook in hooks.get_hooks("leerkring_account_panels")
              if (panel := hook(request))]
    return sorted(panels, key=lambda panel: panel.get("order", 100))


def profile(request):
    """The member's own account: name, organisation and preferred language."""
    # A POST without fields is a bound, invalid form (not a fresh one), so it gets errors.
    form = ProfileForm(request.POST if request.method == "POST" else None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        user = form.save()
        messages.success(request, _("Your account details are saved."))
        with translation.override(user.preferred_language):
            response = redirect(reverse("profile"))
        return _remember_language(response, user.preferred_language)
    return TemplateResponse(request, "accounts/profile.html",
                            {"form": form, "panels": account_panels(request)})


def my_data(request):
    """What we keep about you: download it, or delete your account."""
    return TemplateResponse(request, "accounts/my_data.html",
                            {"form": DeleteAccountForm(user=request.user)})


def download_my_data(request):
    """Everything the platform holds about the member, as a JSON file (accounts.personal_data)."""
    data = personal_data.collect(request.user)
    response = HttpResponse(json.dumps(data, ensure_ascii=False, indent=2),
                            content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="leerkring-my-data.json"'
    response["Cache-Control"] = "private, no-store"
    return response


def delete_account(request):
    """Delete the account after the member confirms with their password."""
    if request.method != "POST":
        return redirect(reverse("my_data"))
    form = DeleteAccountForm(request.POST, user=request.user)
    if not form.is_valid():
        return TemplateResponse(request, "accounts/my_data.html", {"form": form})
    user = request.user
    logout(request)
    personal_data.delete_account(user)
    messages.success(request, _("Your account is deleted. Thank you for taking part."))
    return redirect(reverse("login"))


def locked_out(request, original_response=None, credentials=None):
    """What django-axes shows after too many failed logins (AXES_LOCKOUT_CALLABLE)."""
    return render(
        request,
        "accounts/locked_out.html",
        {"cooloff_minutes": settings.LOGIN_COOLOFF_MINUTES},
        status=429,
    )
