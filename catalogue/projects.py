"""Writing projects: create, update, delete, relay a contact message.

Views call these. The search index follows the saved rows by itself
(sitesearch/signals.py).
"""

from datetime import timedelta

from django.conf import settings
from django.core.mail import BadHeaderError, EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from accounts.limits import lock_member
from pages.sections import subpage_url
from usertext.render import render_markdown

from . import consent, invitations
from .models.records import ContactMessage, Project, ProjectDocument

FIELDS = ["title", "language", "organisation", "organisation_type", "product_group", "phase",
          "baseline_text", "ambition_text", "contract_text", "impact_text", "year",
          "contact_name", "contact_email", "contact_phone"]


class Refused(Exception):
    """Something the member may not do now; the message says why, in their language."""


def initial_for(user, project=None):
    """What the form shows first: the project's values, or the member's own details."""
    if project is None:
        return {"organisation": user.organisation, "organisation_type": user.organisation_type,
                "contact_name": user.full_name, "contact_email": user.email,
                "year": timezone.now().year,
                "language": "en" if translation.get_language() == "en" else "nl"}
    initial = {name: getattr(project, name) for name in FIELDS}
    initial.update({
        "product_group": project.product_group,
        "themes": list(project.themes.all()),
        "strategies": project.strategies,
        "description": project.description_markdown,
        "lessons": project.lessons_markdown,
        "co_owners": "\n".join([u.email for u in project.owners.all() if u.pk != user.pk]
                               + invitations.pending_for_project(project)),
    })
    current = consent.state(project)
    initial["consent_listing"] = current[consent.LISTING]
    initial["consent_contact"] = current[consent.CONTACT]
    return initial


@transaction.atomic
def save(user, data, project=None):
    """Create (``project`` None) or update a project from a form's cleaned data."""
    creating = project is None
    if creating:
        project = Project()
    elif not consent.may_edit(user, project):
        raise Refused
    contact_before = (project.contact_name, project.contact_email, project.contact_phone)
    for name in FIELDS:
        if name != "product_group":
            setattr(project, name, data[name] if data[name] is not None else "")
    project.product_group = data["product_group"]
    project.strategies = data["strategies"]
    project.description_markdown = data["description"]
    project.description_html = render_markdown(data["description"])
    project.lessons_markdown = data["lessons"]
    project.lessons_html = render_markdown(data["lessons"]) if data["lessons"] else ""
    project.save()
    project.themes.set(data["themes"])
    # Listed addresses that are owners stay owners; any other becomes an
    # invitation (invitations.py): nobody becomes an owner without accepting.
    wanted = {getattr(a, "email", a).strip().lower() for a in data["co_owners"]} - {user.email}
    kept = [] if creating else [o for o in project.owners.all() if o.email in wanted]
    project.owners.set([user, *kept])
    project._owner_ids = None
    invitations.set_invited(project, user, wanted - {o.email for o in kept})
    for pk in data.get("remove_documents") or []:
        document = project.documents.filter(pk=pk).first()
        if document:
            document.file.delete(save=False)
            document.delete()
    if data.get("document"):
        ProjectDocument.objects.create(project=project, title=data["document_title"],
                                       file=data["document"])
    if not creating and contact_before != (project.contact_name, project.contact_email,
                                           project.contact_phone):
        consent.end_for_new_contact(project)
    consent.set_consents(user, project, {consent.LISTING: data["consent_listing"],
                                         consent.CONTACT: data["consent_contact"]})
    return project


def leave(user, project):
    """``user``'s account is being deleted: they stop owning ``project``.

    Alone, the project goes with them. Shared, it stays with the others:
    the consents the leaving owner gave end (consent.owner_leaves), their
    own contact details are removed (nobody else's are put in their place)
    and the remaining owners are told, by email and on the project, that
    they may confirm showing it again. Returns True when the project was deleted.
    """
    others = [o for o in project.owners.all() if o.pk != user.pk]
    if not others:
        delete(project)
        return True
    ended = consent.owner_leaves(user, project)
    project.owners.remove(user)
    project._owner_ids = None
    if project.contact_email.lower() == user.email:
        project.contact_name = project.contact_email = project.contact_phone = ""
        project.save(update_fields=["contact_name", "contact_email", "contact_phone",
                                    "updated_at"])
    if ended:
        _tell_remaining_owners(project, others, ended)
    return False


def _tell_remaining_owners(project, owners, ended):
    for owner in owners:
        with translation.override(owner.preferred_language):
            # By label: the page class imports the views, which import this module.
            url = subpage_url("catalogue.CatalogueIndexPage", owner.preferred_language,
                              "project", absolute=True, pk=project.pk)
            context = {"owner": owner, "project": project, "url": url,
                       "listing_ended": consent.LISTING in ended,
                       "contact_ended": consent.CONTACT in ended}
            subject = render_to_string("catalogue/email/owner_left_subject.txt", context)
            body = render_to_string("catalogue/email/owner_left_body.txt", context)
            email = EmailMessage(subject=" ".join(subject.split()), body=body,
                                 to=[owner.email])
        transaction.on_commit(email.send)


def delete(project):
    """Remove a project with its files; its consent records stay (with its title) as proof."""
    for document in project.documents.all():
        document.file.delete(save=False)
    project.delete()


def messages_left(user):
    since = timezone.now() - timedelta(days=1)
    sent = ContactMessage.objects.filter(sender=user, sent_at__gte=since).count()
    return max(settings.CATALOGUE_CONTACT_MESSAGES_PER_DAY - sent, 0)


@transaction.atomic
def relay(sender, project, subject, message, project_url):
    """Email ``message`` to the project's contact without showing the sender the address.

    The sender's address is the Reply-To, so the answer reaches them directly.
    The sender's messages are counted and recorded one at a time
    (accounts.limits), so messages sent at once cannot pass the daily limit.
    """
    lock_member(sender)
    if messages_left(sender) <= 0:
        raise Refused(_("You have sent the most messages allowed in one day. Try again "
                        "tomorrow."))
    recipient = project.contact_email or next(
        (u.email for u in project.owners.all()), None)
    if recipient is None:
        raise Refused(_("This project has no contact person any more."))
    language = next((u.preferred_language for u in project.owners.all()
                     if u.email == recipient), settings.LANGUAGE_CODE)
    with translation.override(language):
        body = render_to_string("catalogue/email/contact.txt", {
            "sender": sender, "project": project, "message": message,
            "project_url": settings.BASE_URL + project_url, "subject": subject})
        email = EmailMessage(
            subject=f"[Leerkring] {subject}", body=body, to=[recipient],
            reply_to=[sender.email])
    try:
        # Build the message now: a header Django refuses to send (a line break
        # in the subject) must fail here, before the day's count is used.
        email.message()
    except BadHeaderError:
        raise Refused(_("Write the subject on one line.")) from None
    ContactMessage.objects.create(sender=sender, project=project)
    transaction.on_commit(email.send)
