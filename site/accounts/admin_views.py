"""Wagtail admin views for coordinators: the members list and invitations."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from wagtail.users.views.users import UserViewSet as WagtailUserViewSet

from .forms import AdminUserCreationForm, AdminUserEditForm, InvitationForm
from .invitations import send_invitation
from .models import OrganisationType

User = get_user_model()
INVITE_PERMISSION = "accounts.invite_member"


class UserViewSet(WagtailUserViewSet):
    def get_form_class(self, for_update=False):
        return AdminUserEditForm if for_update else AdminUserCreationForm


def _require_invite_permission(request):
    if not request.user.has_perm(INVITE_PERMISSION):
        raise PermissionDenied


def members(request):
    _require_invite_permission(request)
    people = User.objects.filter(is_active=True)
    totals = people.aggregate(
        total=Count("pk"),
        pending=Count("pk", filter=Q(password__startswith="!")),
    )
    per_type = dict(
        people.values_list("organisation_type").annotate(n=Count("pk")).order_by()
    )
    by_type = [(label, per_type.get(value, 0)) for value, label in OrganisationType.choices]
    page = Paginator(
        people.prefetch_related("groups").order_by("last_name", "first_name", "email"), 50
    ).get_page(request.GET.get("p"))
    return TemplateResponse(
        request,
        "accounts/admin/members.html",
        {
            "page_obj": page,
            "total": totals["total"],
            "pending": totals["pending"],
            "by_type": by_type,
        },
    )


def invite(request):
    _require_invite_permission(request)
    form = InvitationForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        user = form.save()
        send_invitation(user, invited_by=request.user)
        messages.success(
            request, _("Invitation sent to %(email)s.") % {"email": user.email}
        )
        return redirect("accounts_admin:members")
    return TemplateResponse(
        request,
        "accounts/admin/invite.html",
        {"form": form, "INVITATION_VALID_DAYS": settings.INVITATION_VALID_DAYS},
    )


@require_POST
def resend_invitation(request, user_id):
    _require_invite_permission(request)
    user = get_object_or_404(User, pk=user_id, is_active=True)
    if user.has_accepted_invitation:
        messages.error(
            request,
            _("%(email)s has already set a password; no invitation was sent.")
            % {"email": user.email},
        )
    else:
        send_invitation(user, invited_by=request.user)
        messages.success(request, _("Invitation sent again to %(email)s.") % {"email": user.email})
    return redirect("accounts_admin:members")
