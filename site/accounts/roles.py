"""The roles of the community, as Django groups.

The groups and their permissions are created by data migrations; this module
names them once so code, migrations and tests agree.
"""

PARTICIPANTS = "Participants"
EDITORS = "Editors"
MODERATORS = "Moderators"
TRANSLATORS = "Translators"
COORDINATORS = "Coordinators"

ROLE_GROUPS = [PARTICIPANTS, EDITORS, MODERATORS, TRANSLATORS, COORDINATORS]
