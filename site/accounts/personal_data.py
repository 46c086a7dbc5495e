"""What the platform holds about one member, and what deleting their account does.

The one place for the GDPR rules on a member's own data:

* ``collect(user)`` gathers everything kept about them (account, projects
  they own, consents they recorded, forum posts, followed topics and
  questions, reports, learning progress, self-check answers and webinar
  registrations), and nothing about anyone else: co-owners are counted, not
  named, and a project's contact details are included only when they are
  the member's own.
* ``delete_account(user)`` removes the account. Projects they alone own are
  deleted; projects shared with co-owners stay, without them. Forum posts
  stay, shown as written by "a former member". Consent records stay without
  the person, as proof of what was agreed.

Content apps are imported inside the functions: the site shell stays usable
without them in its own tests.
"""

from django.db import transaction
from django.utils import timezone


def _iso(value):
    return value.isoformat() if value else None


def collect(user):
    """Everything about ``user``, as plain JSON-ready data."""
    from catalogue import consent
    from catalogue.models import ConsentRecord
    from forum.models import Answer, Flag, Follow, Question
    from learning.models import LessonProgress, SelfCheckAnswer
    from webinars.models import Registration

    projects = consent.with_consent(user.catalogue_projects.all()).select_related(
        "product_group").prefetch_related("themes", "owners", "documents").order_by("pk")
    return {
        "exported_at": _iso(timezone.now()),
        "account": {
            "email": user.email, "first_name": user.first_name, "last_name": user.last_name,
            "organisation": user.organisation, "organisation_type": user.organisation_type,
            "preferred_language": user.preferred_language,
            "date_joined": _iso(user.date_joined), "last_login": _iso(user.last_login),
            "roles": sorted(user.groups.values_list("name", flat=True)),
        },
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
            "created_at": _iso(p.created_at), "updated_at": _iso(p.updated_at),
        } for p in projects],
        "consents": [{
            "project": r.project_title, "consent": r.kind, "granted": r.granted,
            "text_version": r.text.version, "at": _iso(r.created_at),
        } for r in ConsentRecord.objects.filter(user=user).select_related("text")
            .order_by("pk")],
        "forum": {
            "questions": [{
                "title": q.title, "text": q.body_markdown, "language": q.language,
                "status": q.status, "anonymous": q.anonymous, "created_at": _iso(q.created_at),
            } for q in Question.objects.filter(author=user).order_by("pk")],
            "answers": [{
                "question": a.question.title, "text": a.body_markdown, "language": a.language,
                "status": a.status, "created_at": _iso(a.created_at),
            } for a in Answer.objects.filter(author=user).select_related("question")
                .order_by("pk")],
            "follows": [{"question": f.question.title if f.question else None,
                         "topic_key": str(f.topic_key) if f.topic_key else None}
                        for f in Follow.objects.filter(user=user).select_related("question")],
            "reports": [{"reason": f.reason, "note": f.note, "at": _iso(f.created_at)}
                        for f in Flag.objects.filter(user=user)],
        },
        "learning": {
            "lessons": [{
                "lesson_key": str(p.lesson_key), "package_key": str(p.package_key),
                "first_visited_at": _iso(p.first_visited_at),
                "last_visited_at": _iso(p.last_visited_at),
                "completed_at": _iso(p.completed_at),
            } for p in LessonProgress.objects.filter(user=user).order_by("pk")],
            "self_checks": [{
                "lesson_key": str(a.lesson_key), "question": a.question_id,
                "selected": a.selected, "correct": a.correct, "at": _iso(a.answered_at),
            } for a in SelfCheckAnswer.objects.filter(user=user).order_by("pk")],
        },
        "webinars": [{"webinar_key": str(r.webinar_key), "status": r.status,
                      "at": _iso(r.created_at)}
                     for r in Registration.objects.filter(user=user).order_by("pk")],
    }


@transaction.atomic
def delete_account(user):
    """Delete ``user`` by the rules above; returns how many projects went with them."""
    from catalogue import projects as catalogue_projects

    deleted = 0
    for project in list(user.catalogue_projects.prefetch_related("owners")):
        others = [o for o in project.owners.all() if o.pk != user.pk]
        if not others:
            catalogue_projects.delete(project)
            deleted += 1
            continue
        project.owners.remove(user)
        if project.contact_email.lower() == user.email:
            # The contact person leaves: the next owner becomes the contact.
            project.contact_name, project.contact_email = others[0].full_name, others[0].email
            project.contact_phone = ""
            project.save()
        catalogue_projects.project_changed.send(sender=type(project), project=project)
    # Forum posts and consent records point at the user with SET_NULL: they
    # stay, anonymised. Progress, follows and registrations go with the account.
    user.delete()
    return deleted
