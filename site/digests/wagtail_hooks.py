"""What the digests app adds to the site shell's registries: the member's data."""

from wagtail import hooks

from . import personal_data


@hooks.register("leerkring_personal_data")
def digest_data():
    return personal_data.SECTION
