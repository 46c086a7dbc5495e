from django.core.exceptions import PermissionDenied
from django.utils.html import escape
from wagtail import hooks
from wagtail.documents.rich_text import DocumentLinkHandler

from .visibility import (
    in_open_collection,
    open_to_every_member,
    reader_request,
    user_can_view_document,
)


@hooks.register("before_serve_document", order=-1)
def refuse_documents_of_closed_collections(document, request):
    """A member outside a collection's groups gets "no access", not a login form.

    Wagtail answers every refused document with a redirect to the login page;
    for someone already logged in that page would send them straight back.
    """
    if request.user.is_authenticated and not user_can_view_document(request.user, document):
        raise PermissionDenied


class MembersDocumentLinkHandler(DocumentLinkHandler):
    """Document links in rich text, leading nowhere for a reader who may not open
    the document (its collection is private): the editor's words stay, the
    document's address does not. Rich text is expanded without a request, so
    the reader comes from visibility.ReaderMiddleware; without one (an email,
    a task), only documents open to every member are linked."""

    @classmethod
    def expand_db_attributes_many(cls, attrs_list):
        request = reader_request()
        return [f'<a href="{escape(document.url)}">'
                if document is not None and cls._may_open(request, document) else "<a>"
                for document in cls.get_many(attrs_list)]

    @staticmethod
    def _may_open(request, document):
        if request is not None and request.user.is_authenticated:
            return in_open_collection(request.user, document, request)
        return open_to_every_member(document)


@hooks.register("register_rich_text_features", order=10)
def document_links_follow_collection_privacy(features):
    # After Wagtail's own registration (order 0), which this replaces.
    features.register_link_type(MembersDocumentLinkHandler)
