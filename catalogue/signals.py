"""What the catalogue tells other apps (the search index): hook these, not model signals.

Each is sent with ``sender=Project`` and ``project=`` the project, after the
change is saved (``project_deleted`` just before the row goes, with the
project's pk still set).
"""

from django.dispatch import Signal

consent_changed = Signal()
project_changed = Signal()
project_deleted = Signal()
