from django.core.exceptions import PermissionDenied
from wagtail import hooks

from .visibility import user_can_view_document


@hooks.register("before_serve_document", order=-1)
def refuse_documents_of_closed_collections(document, request):
    """A member outside a collection's groups gets "no access", not a login form.

    Wagtail answers every refused document with a redirect to the login page;
    for someone already logged in that page would send them straight back.
    """
    if request.user.is_authenticated and not user_can_view_document(request.user, document):
        raise PermissionDenied
