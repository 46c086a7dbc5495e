"""The catalogue's part of a member's data (accounts.personal_data).

Download: the projects they own (contact details only when their own,
co-owners counted, not named), the consents they recorded, the messages
they had relayed (that and when, never the text: it is not kept), and the
co-owner invitations they sent and received.

Erasure: projects they alone own are deleted; from shared ones they leave,
and the consents they gave end (projects.leave). Their consent records stay
without the person, as proof. Invitations to their address and the log of
relayed messages go; invitations they sent stay with the project, unsigned.
"""

from accounts.personal_data import Section, iso

from . import consent, invitations, projects
from .models.records import ConsentRecord, ContactMessage, CoOwnerInvitation


def collect(user):
    owned = consent.with_consent(user.catalogue_projects.all()).select_related(
        "product_group").prefetch_related("themes", "owners", "documents").order_by("pk")
    return {
        "projects": [{
            "id": p.pk, "title": p.title, "language": p.language,
            "organisation": p.organisation, "organisation_type": p.organisation_type,
            "product_group": p.product_group.name if p.product_group else None,
            "themes": [t.name for t in p.themes.all()], "strategies": p.strategies,
            "phase": p.phase, "year": p.year,
            "phase_texts": {"baseline": p.baseline_text, "ambition": p.ambition_text,
                            "contract": p.contract_text, "impact": p.impact_text},
            "description": p.description_markdown, "lessons_learned": p.lessons_markdown,
            # Contact details only when they are the member's own.
            "contact": {"name": p.contact_name, "email": p.contact_email,
                        "phone": p.contact_phone} if p.contact_email == user.email else None,
            "co_owner_count": len([o for o in p.owners.all() if o.pk != user.pk]),
            "documents": [d.title for d in p.documents.all()],
            "shown_to_participants": bool(p.listed),
            "contact_details_shown": bool(p.contact_consented),
            "created_at": iso(p.created_at), "updated_at": iso(p.updated_at),
        } for p in owned],
        "consents": [{
            "project": r.project_title, "consent": r.kind, "granted": r.granted,
            "text_version": r.text.version, "at": iso(r.created_at),
        } for r in ConsentRecord.objects.filter(user=user).select_related("text")
            .order_by("pk")],
        "contact_messages": [{
            "project": m.project.title if m.project else None, "at": iso(m.sent_at),
        } for m in ContactMessage.objects.filter(sender=user).select_related("project")
            .order_by("pk")],
        "co_owner_invitations": {
            "sent": [{"project": i.project.title, "address": i.email, "at": iso(i.created_at)}
                     for i in CoOwnerInvitation.objects.filter(invited_by=user)
                     .select_related("project").order_by("pk")],
            "received": [{"project": i.project.title, "at": iso(i.created_at)}
                         for i in CoOwnerInvitation.objects.filter(email=user.email)
                         .select_related("project").order_by("pk")],
        },
    }


def erase(user):
    for project in list(user.catalogue_projects.prefetch_related("owners")):
        projects.leave(user, project)
    invitations.forget(user)


SECTION = Section(order=40, collect=collect, erase=erase, covers=(
    "catalogue.Project.owners", "catalogue.Project.contact_email", "catalogue.ConsentRecord.user",
    "catalogue.ContactMessage.sender", "catalogue.CoOwnerInvitation.invited_by",
    "catalogue.CoOwnerInvitation.email"))
