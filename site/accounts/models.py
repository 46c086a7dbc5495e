from django.conf import settings
from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.db import models
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _

from .identity import normalise_email


class OrganisationType(models.TextChoices):
    PUBLIC_BUYER = "public_buyer", _("Public buyer")
    PRIVATE_BUYER = "private_buyer", _("Private buyer")
    FACILITATOR = "facilitator", _("Facilitator")
    OTHER = "other", _("Other")


class UserManager(BaseUserManager):
    use_in_migrations = True

    def get_by_natural_key(self, username):
        # Addresses are stored normalised: the login finds exactly the account
        # whose address the lockout counts against (accounts.identity).
        return self.get(email=normalise_email(username))

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError("An email address is required.")
        user = self.model(email=normalise_email(email), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        return self._create_user(email, password, **extra_fields)


class User(AbstractUser):
    """A member of the community: logs in with an email address.

    First and last name stay separate fields because Wagtail's user forms
    require them; ``full_name`` is what the site shows.
    """

    username = None
    email = models.EmailField(_("email address"), unique=True)
    organisation = models.CharField(_("organisation"), max_length=200, blank=True)
    organisation_type = models.CharField(
        _("organisation type"),
        max_length=20,
        choices=OrganisationType.choices,
        default=OrganisationType.OTHER,
    )
    preferred_language = models.CharField(
        _("preferred language"),
        max_length=8,
        choices=settings.LANGUAGES,
        default=settings.LANGUAGE_CODE,
        help_text=_("The site opens in this language after you log in."),
    )
    analytics_opt_out = models.BooleanField(
        _("leave me out of the usage statistics"),
        default=False,
        help_text=_("The platform counts page views per topic, without names, to see which "
                    "topics draw interest. Tick this box and nothing you do is counted."),
    )

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["first_name", "last_name"]

    objects = UserManager()

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        ordering = ["first_name", "last_name", "email"]
        permissions = [("invite_member", _("Can invite new members"))]
        constraints = [
            # Two accounts whose addresses differ only in case would be one
            # person to the login; save() stores addresses normalised, and
            # this holds for rows written around it (update(), raw loads).
            models.UniqueConstraint(Lower("email"), name="accounts_user_email_ci_unique"),
        ]

    def __str__(self):
        return self.full_name

    def clean(self):
        super().clean()
        # Before the form checks uniqueness, so that "Someone@x" is found to
        # be taken by "someone@x" (a form error, not a database error).
        self.email = normalise_email(self.email)

    def save(self, *args, **kwargs):
        self.email = normalise_email(self.email)
        super().save(*args, **kwargs)

    @property
    def full_name(self):
        return self.get_full_name() or self.email

    @property
    def has_accepted_invitation(self):
        return self.has_usable_password()


class UsageCounter(models.Model):
    """How often something was done in the current window (accounts.limits.take).

    ``key`` is a keyed hash of what is limited (e.g. an address typed into
    the password-reset form): the table holds no address in clear.
    """

    key = models.CharField(max_length=64, unique=True)
    count = models.PositiveIntegerField(default=0)
    expires_at = models.DateTimeField(db_index=True)

    def __str__(self):
        return f"{self.key[:8]}…: {self.count}"
