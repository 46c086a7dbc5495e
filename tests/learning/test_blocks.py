"""Lesson blocks: validation and privacy of external videos."""

import pytest
from wagtail.blocks.struct_block import StructBlockValidationError

from learning.blocks import LessonBodyBlock, SelfCheckBlock, VideoBlock
from pages.videos import parse_video_url


@pytest.mark.parametrize("url,provider,video_id", [
    ("https://www.youtube.com/watch?v=aqz-KE-bpKQ", "YouTube", "aqz-KE-bpKQ"),
    ("https://youtu.be/aqz-KE-bpKQ?t=10", "YouTube", "aqz-KE-bpKQ"),
    ("https://www.youtube.com/embed/aqz-KE-bpKQ", "YouTube", "aqz-KE-bpKQ"),
    ("https://m.youtube.com/shorts/aqz-KE-bpKQ", "YouTube", "aqz-KE-bpKQ"),
    ("https://vimeo.com/76979871", "Vimeo", "76979871"),
    ("https://player.vimeo.com/video/76979871?h=abc123", "Vimeo", "76979871"),
])
def test_video_links_are_recognised(url, provider, video_id):
    video = parse_video_url(url)
    assert (video.provider, video.video_id) == (provider, video_id)
    assert video.embed_url.startswith(("https://www.youtube-nocookie.com/embed/",
                                       "https://player.vimeo.com/video/"))


@pytest.mark.parametrize("url", [
    "", "not a url", "javascript:alert(1)", "https://example.org/video.mp4",
    "https://www.youtube.com/watch?v=short", "https://evil.example/youtube.com/watch?v=aqz-KE-bpKQ",
])
def test_other_links_are_refused(url):
    assert parse_video_url(url) is None


def test_vimeo_private_hash_is_kept():
    assert "h=abc123" in parse_video_url("https://vimeo.com/76979871/abc123").embed_url


def _clean(block, value):
    return block.clean(block.to_python(value))


def test_video_needs_exactly_one_source(db):
    block = VideoBlock()
    with pytest.raises(StructBlockValidationError):
        _clean(block, {"title": "Video", "video_file": None, "external_url": ""})
    with pytest.raises(StructBlockValidationError) as error:
        _clean(block, {"title": "Video", "external_url": "https://example.org/clip"})
    assert "external_url" in error.value.block_errors


def test_video_file_must_be_a_video(db, media):
    block = VideoBlock()
    with pytest.raises(StructBlockValidationError) as error:
        _clean(block, {"title": "Video", "video_file": media["document"].pk, "external_url": ""})
    assert "video_file" in error.value.block_errors


def test_self_check_needs_a_correct_option():
    block = SelfCheckBlock()
    value = {"question": "Vraag?", "options": [
        {"text": "A", "correct": False, "feedback": ""},
        {"text": "B", "correct": False, "feedback": ""},
    ]}
    with pytest.raises(StructBlockValidationError):
        _clean(block, value)


def test_external_video_renders_without_loading_the_provider():
    block = VideoBlock()
    html = block.render(block.to_python({
        "title": "Draagvlak", "external_url": "https://www.youtube.com/watch?v=aqz-KE-bpKQ",
    }))
    assert "<iframe" not in html
    assert 'src="https://' not in html
    assert 'data-video-embed="https://www.youtube-nocookie.com/embed/aqz-KE-bpKQ' in html
    assert 'href="https://www.youtube.com/watch?v=aqz-KE-bpKQ"' in html


def test_every_block_has_icon_template_and_preview():
    for name, block in LessonBodyBlock().child_blocks.items():
        assert block.meta.icon not in (None, "placeholder"), name
        assert block.meta.template, name
        assert block.get_preview_value() is not None, name
