"""The catalogue's models, for Django and other apps: the data (records.py) and
the catalogue page (pages.py). Modules of this app import those two directly."""

from .pages import CatalogueIndexPage
from .records import (
    PHASE_ORDER,
    ConsentKind,
    ConsentRecord,
    ConsentText,
    ContactMessage,
    CoOwnerInvitation,
    Phase,
    Project,
    ProjectDocument,
    document_path,
)

__all__ = [
    "PHASE_ORDER", "CatalogueIndexPage", "ConsentKind", "ConsentRecord", "ConsentText",
    "ContactMessage", "CoOwnerInvitation", "Phase", "Project", "ProjectDocument",
    "document_path",
]
