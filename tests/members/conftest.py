"""Members fixtures: the demo's directory page and quick ways to make profiles."""

from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from members import consent, profiles
from members.models import MemberDirectoryPage, Profile
from topics.models import Topic


@pytest.fixture
def directory(demo):
    return MemberDirectoryPage.objects.get(locale__language_code="nl")


@pytest.fixture
def url(directory):
    """url(route, **kwargs): a route of the Dutch directory page."""
    return lambda name="index", **kwargs: directory.url_for(name, **kwargs)


def profile_data(**changes):
    """Cleaned form data for a profile, as the form gives it to profiles.save."""
    data = {"job_title": "Aankoper", "bio": "Ik koop **circulair** in.", "expertise": [],
            "languages": ["nl"], "photo": None, "remove_photo": False,
            "consent_directory": True, "consent_email": False}
    data.update(changes)
    return data


@pytest.fixture
def make_profile(make_member, demo):
    """make_profile(member=None, listed=True, email=False, topics=(), **fields): a saved
    profile (and a new member when none is given); returns the member."""
    def make(member=None, listed=True, email=False, topics=(), **changes):
        member = member or make_member(organisation=changes.pop("organisation", "Stad Gent"))
        expertise = list(Topic.objects.filter(locale__language_code="nl", slug__in=topics))
        profiles.save(member, profile_data(consent_directory=listed, consent_email=email,
                                           expertise=expertise, **changes))
        return member
    return make


@pytest.fixture
def unlisted(make_member, demo):
    """A member with a profile they never agreed to show."""
    def make(**fields):
        member = make_member(**fields)
        Profile.objects.of(member)
        return member
    return make


def image_file(size=(600, 400), fmt="JPEG", name="me.jpg", exif=None):
    buffer = BytesIO()
    image = Image.new("RGB", size, (200, 120, 40))
    kwargs = {"exif": exif} if exif is not None else {}
    image.save(buffer, fmt, **kwargs)
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/jpeg")


@pytest.fixture
def consent_module():
    return consent


from tests.sitesearch.conftest import search_index  # noqa: E402, F401 - the search fixtures
