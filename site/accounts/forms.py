from django import forms
from django.contrib.auth import get_user_model
from django.contrib.auth.forms import AuthenticationForm
from django.contrib.auth.models import Group
from django.utils.translation import gettext_lazy as _
from wagtail.users.forms import UserCreationForm, UserEditForm

from usertext.fields import LineField

from .identity import normalise_email
from .roles import ROLE_GROUPS

User = get_user_model()
PROFILE_FIELDS = ["organisation", "organisation_type", "preferred_language"]
# Names are shown beside posts and in emails: one line, something visible, no
# direction overrides (usertext.fields).
NAME_FIELDS = {"first_name": LineField, "last_name": LineField, "organisation": LineField}


def _names_as_lines(form):
    """Wagtail's user forms declare their name fields: give them the same rule."""
    for name in NAME_FIELDS:
        field = form.fields.get(name)
        if field is not None and not isinstance(field, LineField):
            form.fields[name] = LineField(
                label=field.label, required=field.required, max_length=field.max_length,
                help_text=field.help_text, initial=field.initial)


class EmailLoginForm(AuthenticationForm):
    """Django's login form, labelled for an email address."""

    username = forms.EmailField(
        label=_("Email address"),
        # As long as the address on an account (254); Django's default of 320
        # would let a longer address through to axes' 255-character columns.
        max_length=User._meta.get_field("email").max_length,
        widget=forms.EmailInput(attrs={"autocomplete": "email", "autofocus": True}),
    )
    error_messages = {
        "invalid_login": _(
            "That email address and password do not match an account. "
            "Check both and try again; the password is case-sensitive."
        ),
        "inactive": _("This account is inactive. Please contact a coordinator."),
    }

    def clean_username(self):
        # The same reading of the address as the lockout's (accounts.identity).
        return normalise_email(self.cleaned_data["username"])


class ProfileForm(forms.ModelForm):
    """What a member may change about themselves on the site."""

    class Meta:
        model = User
        fields = ["first_name", "last_name", "organisation", "organisation_type",
                  "preferred_language", "analytics_opt_out"]
        field_classes = NAME_FIELDS


class AdminUserCreationForm(UserCreationForm):
    class Meta(UserCreationForm.Meta):
        fields = UserCreationForm.Meta.fields | set(PROFILE_FIELDS)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _names_as_lines(self)


class AdminUserEditForm(UserEditForm):
    class Meta(UserEditForm.Meta):
        fields = UserEditForm.Meta.fields | set(PROFILE_FIELDS)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _names_as_lines(self)


class InvitationForm(forms.ModelForm):
    """A coordinator invites someone: the account exists, the password is theirs to set."""

    roles = forms.ModelMultipleChoiceField(
        label=_("Roles"),
        queryset=Group.objects.filter(name__in=ROLE_GROUPS).order_by("name"),
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Most people are participants only."),
    )

    class Meta:
        model = User
        fields = ["email", "first_name", "last_name", "organisation", "organisation_type",
                  "preferred_language"]
        labels = {"preferred_language": _("Language of the invitation")}
        field_classes = NAME_FIELDS

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("first_name", "last_name"):
            self.fields[name].required = True
        participants = self.fields["roles"].queryset.filter(name="Participants")
        self.fields["roles"].initial = list(participants)

    def clean_email(self):
        email = normalise_email(self.cleaned_data["email"])
        if User.objects.filter(email__iexact=email).exists():
            raise forms.ValidationError(
                _("%(email)s already has an account. Use “Send invitation again” "
                  "on the members list if they never set a password."),
                params={"email": email},
            )
        return email

    def save(self, commit=True):
        user = super().save(commit=False)
        user.set_unusable_password()
        if commit:
            user.save()
            user.groups.set(self.cleaned_data["roles"])
        return user


class DeleteAccountForm(forms.Form):
    """Deleting an account cannot be undone: the member confirms with their password."""

    password = forms.CharField(
        label=_("Your password, to confirm"), max_length=128,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}))

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_password(self):
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(_("That is not your password. Nothing was deleted."))
        return password
