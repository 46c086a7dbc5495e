"""Images obey the privacy of their collection exactly as documents do: the
original and every rendition under /media/, and every page that shows them
(Wagtail itself ignores collection privacy for images, wagtail#3880)."""

import pytest
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file

pytestmark = pytest.mark.django_db

LESSON = "/nl/leren/circulair-aankopen-de-basis/wat-is-circulair-aankopen/"
PACKAGE = "/nl/leren/circulair-aankopen-de-basis/"
LEARNING = "/nl/leren/"
DEMO_IMAGE_STEM = "kringlopen-sluiten"  # the demo's picture in that lesson and package








@pytest.fixture
def private_image(settings, tmp_path, private_collection):
    settings.MEDIA_ROOT = tmp_path
    return get_image_model().objects.create(title="Board photo", file=get_test_image_file(),
                                            collection=private_collection)


def test_a_private_images_original_and_rendition_are_refused_to_outsiders(
        client, board_members, private_image):
    """Outsiders get 404 for the original and a rendition; group members get them."""
    outsider, insider = board_members
    urls = [f"/media/{private_image.file.name}", private_image.get_rendition("width-100").url]
    client.force_login(outsider)
    for url in urls:
        assert client.get(url).status_code == 404, url
    client.force_login(insider)
    for url in urls:
        assert client.get(url).status_code == 200, url


def test_an_image_made_private_later_is_refused_at_once(client, board_members,
                                                        private_collection, settings, tmp_path):
    """Moving an image into a restricted collection closes its files on the next request."""
    outsider, _insider = board_members
    settings.MEDIA_ROOT = tmp_path
    image = get_image_model().objects.create(title="Open photo", file=get_test_image_file())
    rendition = image.get_rendition("width-100").url
    client.force_login(outsider)
    assert client.get(rendition).status_code == 200
    image.collection = private_collection
    image.save()
    assert client.get(rendition).status_code == 404
    assert client.get(f"/media/{image.file.name}").status_code == 404


def test_files_under_media_that_belong_to_no_image_are_not_served(member_client, settings,
                                                                  tmp_path):
    """A file no image or rendition claims has no privacy to check: refused."""
    settings.MEDIA_ROOT = tmp_path
    (tmp_path / "images").mkdir()
    (tmp_path / "images" / "stray.width-800.png").write_bytes(b"\x89PNG stray")
    assert member_client.get("/media/images/stray.width-800.png").status_code == 404


def test_a_lesson_shows_a_private_image_only_to_the_group(client, board_members,
                                                          private_collection, demo):
    """The lesson's blocks are kept as shared HTML: the insider's version must never
    reach the outsider, nor the reverse (both asked in turn)."""
    outsider, insider = board_members
    image = get_image_model().objects.get(file__contains=DEMO_IMAGE_STEM)
    client.force_login(outsider)
    assert DEMO_IMAGE_STEM in client.get(LESSON).content.decode()  # open for now, cached
    image.collection = private_collection
    image.save()
    for member, shown in ((insider, True), (outsider, False), (insider, True),
                          (outsider, False)):
        client.force_login(member)
        html = client.get(LESSON).content.decode()
        assert (DEMO_IMAGE_STEM in html) is shown, member


def test_a_private_cover_image_is_shown_only_to_the_group(client, board_members,
                                                          private_collection, demo):
    """Package cards and the package page leave out a cover the reader may not see."""
    outsider, insider = board_members
    image = get_image_model().objects.get(file__contains=DEMO_IMAGE_STEM)
    image.collection = private_collection
    image.save()
    for member, shown in ((insider, True), (outsider, False)):
        client.force_login(member)
        for url in (LEARNING, PACKAGE):
            assert (DEMO_IMAGE_STEM in client.get(url).content.decode()) is shown, (member, url)
