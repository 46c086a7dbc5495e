"""Demo accounts, one per role. Loaded by ``manage.py load_demo`` only."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from .models import OrganisationType
from .roles import COORDINATORS, EDITORS, MODERATORS, PARTICIPANTS, TRANSLATORS

DEMO_PASSWORD = "leerkring-demo"

DEMO_USERS = [
    # email, first name, last name, organisation, type, language, roles
    ("participant@example.org", "Sofie", "Peeters", "Stad Gent",
     OrganisationType.PUBLIC_BUYER, "nl", [PARTICIPANTS]),
    ("editor@example.org", "Jonas", "Maes", "Leerkring",
     OrganisationType.FACILITATOR, "nl", [PARTICIPANTS, EDITORS]),
    ("moderator@example.org", "Amira", "El Idrissi", "Expertisecentrum Circulair Aankopen",
     OrganisationType.FACILITATOR, "nl", [PARTICIPANTS, MODERATORS]),
    ("translator@example.org", "Emma", "Wilson", "Leerkring",
     OrganisationType.OTHER, "en", [PARTICIPANTS, TRANSLATORS]),
    ("coordinator@example.org", "Pieter", "Janssens", "Leerkring",
     OrganisationType.FACILITATOR, "nl", [PARTICIPANTS, EDITORS, COORDINATORS]),
]


def load(command):
    User = get_user_model()
    for email, first, last, organisation, org_type, language, roles in DEMO_USERS:
        if User.objects.filter(email=email).exists():
            continue
        user = User.objects.create_user(
            email=email, password=DEMO_PASSWORD, first_name=first, last_name=last,
            organisation=organisation, organisation_type=org_type, preferred_language=language,
        )
        user.groups.set(Group.objects.filter(name__in=roles))
    command.stdout.write(f"Demo logins (password: {DEMO_PASSWORD}):")
    for email, *_rest, roles in DEMO_USERS:
        command.stdout.write(f"  {email:<26} {', '.join(roles)}")
