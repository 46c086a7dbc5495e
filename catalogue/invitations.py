"""Co-owner invitations: a project gets a new owner only when that person accepts.

An owner lists colleagues' addresses in the project form. Each new address
becomes a pending invitation, whether or not a member has it: the owner gets
the same answer either way, so the form never tells who is on Leerkring. A
member with that address is emailed and sees the invitation on their "my
projects" page, where they accept (and become an owner) or decline. Until
then they have no access at all. Invitations lapse after
INVITATION_VALID_DAYS, like invitations to join Leerkring.
"""

from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation

from pages.sections import subpage_url

from .models.records import CoOwnerInvitation, Project


def _valid():
    return CoOwnerInvitation.objects.filter(
        created_at__gte=timezone.now() - timedelta(days=settings.INVITATION_VALID_DAYS))


def pending_for_project(project):
    """The addresses invited to ``project`` and not yet answered, oldest first."""
    return list(_valid().filter(project=project).values_list("email", flat=True))


def pending_for(user):
    """The invitations waiting for ``user`` (by their address), with their projects."""
    return list(_valid().filter(email=user.email).select_related("project", "invited_by")
                .order_by("created_at", "pk"))


def set_invited(project, inviter, addresses):
    """Make ``addresses`` the pending invitations of ``project``: new ones are created
    (and their members told), ones no longer listed are withdrawn."""
    addresses = {a.strip().lower() for a in addresses}
    CoOwnerInvitation.objects.filter(project=project).exclude(
        pk__in=_valid().filter(project=project, email__in=addresses).values("pk")).delete()
    existing = set(CoOwnerInvitation.objects.filter(project=project)
                   .values_list("email", flat=True))
    new = sorted(addresses - existing)
    CoOwnerInvitation.objects.bulk_create([
        CoOwnerInvitation(project=project, email=address, invited_by=inviter)
        for address in new])
    for invitee in get_user_model().objects.filter(email__in=new, is_active=True):
        _tell(invitee, inviter, project)


def _tell(invitee, inviter, project):
    with translation.override(invitee.preferred_language):
        # By label: the page class imports the views, which import this module.
        mine = subpage_url("catalogue.CatalogueIndexPage", invitee.preferred_language,
                           "mine", absolute=True)
        context = {"invitee": invitee, "inviter": inviter, "project": project, "url": mine}
        subject = render_to_string("catalogue/email/invitation_subject.txt", context)
        body = render_to_string("catalogue/email/invitation_body.txt", context)
    transaction.on_commit(lambda: send_mail(" ".join(subject.split()), body, None,
                                            [invitee.email]))


def _invitation(user, project_pk):
    return _valid().filter(email=user.email, project_id=project_pk).first()


@transaction.atomic
def accept(user, project_pk):
    """``user`` accepts: they become an owner. Returns the project, or None."""
    invitation = _invitation(user, project_pk)
    if invitation is None or not user.is_active:
        return None
    project = Project.objects.get(pk=project_pk)
    project.owners.add(user)
    project._owner_ids = None
    CoOwnerInvitation.objects.filter(project=project, email=user.email).delete()
    return project


def decline(user, project_pk):
    """``user`` declines: the invitation goes. True when there was one."""
    return CoOwnerInvitation.objects.filter(email=user.email,
                                            project_id=project_pk).delete()[0] > 0


def forget(user):
    """``user``'s account goes: invitations to their address go with it."""
    CoOwnerInvitation.objects.filter(email=user.email).delete()
