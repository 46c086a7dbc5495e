"""What the reminders app adds to the site shell's registries: its kind of
notification and the member's data."""

from wagtail import hooks

from notices.kinds import HOOK

from . import personal_data, sending


@hooks.register(HOOK)
def notice_kinds():
    return [sending.NOTICE_KIND]


@hooks.register("leerkring_personal_data")
def reminder_data():
    return personal_data.SECTION
