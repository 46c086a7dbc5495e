"""The site shell's part of a member's data (accounts.personal_data): the account,
their logins, and their traces in Wagtail's and wagtail-localize's own models.

Erasure: the profile, sessions, failed-login records, admin comments and
replies, comment subscriptions, editing sessions, saved form states and API
tokens go (most by cascade). Editorial work stays without the person: pages,
revisions, files, workflow steps and translations lose their link by
``on_delete=SET_NULL``; Wagtail's log entries keep a bare user id
(``DO_NOTHING``), so it is emptied here.
"""

from django.contrib.auth import get_user_model
from django.contrib.sessions.models import Session
from wagtail.documents import get_document_model
from wagtail.documents.models import Document
from wagtail.images import get_image_model
from wagtail.images.models import Image
from wagtail.models import (
    APIToken,
    Comment,
    CommentReply,
    ModelLogEntry,
    Page,
    PageLogEntry,
    PageSubscription,
    Revision,
    TaskState,
    UploadedFile,
    WorkflowState,
)

from .personal_data import Section, iso


def _label(model, name):
    return f"{model._meta.label}.{name}"


def _uploaded_models():
    return sorted({Document, get_document_model(), Image, get_image_model()},
                  key=lambda m: m._meta.label)


# --- The account and its logins -------------------------------------------------------

def _axes_models():
    from axes.models import AccessAttempt, AccessFailureLog, AccessLog

    return [AccessAttempt, AccessLog, AccessFailureLog]


def _sessions_of(user):
    """The member's stored sessions (every device where they are or were logged in)."""
    return [s for s in Session.objects.all()
            if str(s.get_decoded().get("_auth_user_id")) == str(user.pk)]


def collect_account(user):
    from wagtail.users.models import UserProfile

    account = {f.name: getattr(user, f.attname) for f in get_user_model()._meta.concrete_fields
               if f.name != "password"}
    for name in ("date_joined", "last_login"):
        account[name] = iso(account[name])
    account["roles"] = sorted(user.groups.values_list("name", flat=True))
    account["permissions"] = sorted(user.user_permissions.values_list("codename", flat=True))
    profile = UserProfile.objects.filter(user=user).first()
    admin_settings = None
    if profile is not None:
        admin_settings = {f.name: getattr(profile, f.attname)
                          for f in UserProfile._meta.concrete_fields
                          if f.name not in ("id", "user")}
        admin_settings["avatar"] = profile.avatar.name or None
    failed = []
    for model in _axes_models():
        failed += [{"ip_address": a.ip_address, "at": iso(a.attempt_time),
                    "failures": getattr(a, "failures_since_start", None)}
                   for a in model.objects.filter(username__iexact=user.email)
                   .order_by("attempt_time")]
    return {
        "account": account,
        "admin_settings": admin_settings,
        "logins": {
            "failed_attempts": failed,
            "sessions": [{"expires_at": iso(s.expire_date)} for s in _sessions_of(user)],
        },
    }


def erase_account(user):
    from django.contrib.sessions.backends.cached_db import SessionStore

    for model in _axes_models():
        model.objects.filter(username__iexact=user.email).delete()
    for session in _sessions_of(user):
        SessionStore(session_key=session.session_key).delete()  # the cache copy too


def account_section():
    from wagtail.users.models import UserProfile

    axes = [_label(m, name) for m in _axes_models() for name in ("username", "ip_address")]
    return Section(order=0, collect=collect_account, erase=erase_account, covers=(
        _label(UserProfile, "user"), "sessions.Session.session_data", *axes,
        *[_label(get_user_model(), f.name) for f in get_user_model()._meta.concrete_fields
          if "email" in f.name]))


# --- Editorial traces in Wagtail ---------------------------------------------------------

def collect_editorial(user):
    from wagtail.admin.models import EditingSession
    from wagtail_localize.models import SegmentOverride, StringTranslation

    def pages(**where):
        return [{"id": p.pk, "title": p.title} for p in
                Page.objects.filter(**where).only("pk", "title").order_by("pk")]

    def log(model):
        return [{"action": e.action, "object": e.label, "at": iso(e.timestamp)}
                for e in model.objects.filter(user_id=user.pk).order_by("timestamp", "pk")]

    return {"editorial": {
        "pages_created": pages(owner=user),
        "pages_locked": pages(locked_by=user),
        "revisions": [{"object": r.object_str, "at": iso(r.created_at)}
                      for r in Revision.objects.filter(user=user).order_by("created_at", "pk")],
        "log_entries": log(PageLogEntry) + log(ModelLogEntry),
        "comments": [{"page": c.page_id, "text": c.text, "at": iso(c.created_at)}
                     for c in Comment.objects.filter(user=user).order_by("pk")],
        "comments_resolved": [c.pk for c in Comment.objects.filter(resolved_by=user)],
        "comment_replies": [{"comment": r.comment_id, "text": r.text, "at": iso(r.created_at)}
                            for r in CommentReply.objects.filter(user=user).order_by("pk")],
        "page_subscriptions": [{"page": s.page_id, "comments": s.comment_notifications}
                               for s in PageSubscription.objects.filter(user=user)],
        "files_uploaded": [{"title": f.title, "at": iso(f.created_at)}
                           for model in _uploaded_models()
                           for f in model.objects.filter(uploaded_by_user=user).order_by("pk")],
        "uploads_in_progress": [u.file.name for u in
                                UploadedFile.objects.filter(uploaded_by_user=user)],
        "workflows_requested": [{"status": w.status, "at": iso(w.created_at)}
                                for w in WorkflowState.objects.filter(requested_by=user)],
        "tasks_finished": [{"status": t.status, "comment": t.comment,
                            "at": iso(t.finished_at)}
                           for t in TaskState.objects.filter(finished_by=user)],
        "strings_translated": StringTranslation.objects.filter(
            last_translated_by=user).count(),
        "segments_overridden": SegmentOverride.objects.filter(
            last_translated_by=user).count(),
        "editing_sessions": [{"object": f"{s.content_type_id}:{s.object_id}",
                              "last_seen_at": iso(s.last_seen_at)}
                             for s in EditingSession.objects.filter(user=user)],
        "unsaved_forms": _form_states(user),
        "api_tokens": [{"name": t.name, "created_at": iso(t.created),
                        "last_used_at": iso(t.last_used_at)}
                       for t in APIToken.objects.filter(user=user)],
    }}


def _form_states(user):
    from wagtail.admin.models import FormState

    return [{"object": f"{s.content_type_id}:{s.object_id}", "data": s.data,
             "at": iso(s.last_updated_at)} for s in FormState.objects.filter(user=user)]


def erase_editorial(user):
    # Wagtail's log entries hold the id without a constraint (DO_NOTHING): the
    # log stays, without the person.
    PageLogEntry.objects.filter(user_id=user.pk).update(user=None)
    ModelLogEntry.objects.filter(user_id=user.pk).update(user=None)


def editorial_section():
    from wagtail.admin.models import EditingSession, FormState
    from wagtail_localize.models import SegmentOverride, StringTranslation

    return Section(order=90, collect=collect_editorial, erase=erase_editorial, covers=(
        _label(Page, "owner"), _label(Page, "locked_by"), _label(Revision, "user"),
        _label(PageLogEntry, "user"), _label(ModelLogEntry, "user"),
        _label(Comment, "user"), _label(Comment, "resolved_by"), _label(CommentReply, "user"),
        _label(PageSubscription, "user"), _label(UploadedFile, "uploaded_by_user"),
        _label(WorkflowState, "requested_by"), _label(TaskState, "finished_by"),
        _label(StringTranslation, "last_translated_by"),
        _label(SegmentOverride, "last_translated_by"), _label(EditingSession, "user"),
        _label(FormState, "user"), _label(APIToken, "user"),
        *[_label(model, "uploaded_by_user") for model in _uploaded_models()]))
