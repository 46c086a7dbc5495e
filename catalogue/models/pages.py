"""The catalogue page (/nl/projecten/, /en/projects/): one per language tree.

Its pages (list, a project, the forms, coordination) are routes of this
page; each hands over to a view in views.py.
"""

from django.utils.translation import gettext_lazy as _
from wagtail.contrib.routable_page.models import RoutablePageMixin, path

from pages.models import SectionIndexPage

from .. import views


class CatalogueIndexPage(RoutablePageMixin, SectionIndexPage):
    """The catalogue: consented projects of all participants, in both languages."""

    class Meta:
        verbose_name = _("project catalogue")

    def url_for(self, name, **kwargs):
        return self.url + self.reverse_subpage(name, kwargs=kwargs or None)

    # --- The catalogue -------------------------------------------------------------

    @path("", name="index")
    def index(self, request):
        return views.index(request, self)

    # --- One project -----------------------------------------------------------------

    @path("project/<int:pk>/", name="project")
    def project(self, request, pk):
        return views.project(request, self, pk)

    @path("project/<int:pk>/document/<int:document_pk>/", name="document")
    def document(self, request, pk, document_pk):
        return views.document(request, self, pk, document_pk)

    # --- Writing --------------------------------------------------------------------------

    @path("new/", name="new")
    def new(self, request):
        return views.new(request, self)

    @path("project/<int:pk>/edit/", name="edit")
    def edit(self, request, pk):
        return views.edit(request, self, pk)

    # Not named delete: that would hide Model.delete.
    @path("project/<int:pk>/delete/", name="delete")
    def delete_project(self, request, pk):
        return views.delete(request, self, pk)

    @path("project/<int:pk>/consent/", name="consent")
    def consent(self, request, pk):
        return views.project_consent(request, self, pk)

    @path("project/<int:pk>/confirm-listing/", name="confirm_listing")
    def confirm_listing(self, request, pk):
        return views.confirm_listing(request, self, pk)

    @path("mine/", name="mine")
    def mine(self, request):
        return views.mine(request, self)

    @path("invitation/<int:pk>/accept/", name="accept_invitation")
    def accept_invitation(self, request, pk):
        return views.accept_invitation(request, self, pk)

    @path("invitation/<int:pk>/decline/", name="decline_invitation")
    def decline_invitation(self, request, pk):
        return views.decline_invitation(request, self, pk)

    # --- Contact ---------------------------------------------------------------------------

    @path("project/<int:pk>/contact/", name="contact")
    def contact(self, request, pk):
        return views.contact(request, self, pk)

    # --- Coordination -----------------------------------------------------------------------

    @path("coordination/", name="coordination")
    def coordination(self, request):
        return views.coordination(request, self)

    @path("coordination/export/", name="export")
    def export(self, request):
        return views.export(request, self)
