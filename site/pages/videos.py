"""Videos hosted elsewhere (YouTube, Vimeo), shown without contacting them first.

A lesson page only knows the link an editor pasted: the player is loaded
from the provider when the member presses play, never at render time, so no
network call slows the page and no third party sees a visit that did not
ask for it.
"""

import re
from dataclasses import dataclass
from urllib.parse import parse_qs, urlencode, urlsplit

_YOUTUBE_ID = r"(?P<id>[A-Za-z0-9_-]{11})"
_YOUTUBE_PATHS = [
    re.compile(rf"^/(?:embed|shorts|live|v)/{_YOUTUBE_ID}"),
]
_VIMEO_PATH = re.compile(
    r"^/(?:video/|channels/[\w-]+/|groups/[\w-]+/videos/)?(?P<id>\d+)(?:/(?P<hash>[0-9a-f]+))?"
)


@dataclass(frozen=True)
class ExternalVideo:
    provider: str
    video_id: str
    watch_url: str
    embed_url: str

    def watch_url_at(self, seconds):
        """The provider's page, starting at ``seconds`` (for chapter links)."""
        if self.provider == "YouTube":
            return f"{self.watch_url}&t={seconds}s"
        return f"{self.watch_url}#t={seconds}s"

    def embed_url_at(self, seconds):
        if self.provider == "YouTube":
            return f"{self.embed_url}&start={seconds}"
        return f"{self.embed_url}#t={seconds}s"


def _youtube(video_id):
    return ExternalVideo(
        provider="YouTube",
        video_id=video_id,
        watch_url=f"https://www.youtube.com/watch?v={video_id}",
        # The privacy-enhanced domain sets no cookies until playback starts.
        embed_url=f"https://www.youtube-nocookie.com/embed/{video_id}?autoplay=1&rel=0",
    )


def _vimeo(video_id, private_hash=None):
    params = {"autoplay": 1, "dnt": 1}
    if private_hash:
        params["h"] = private_hash
    return ExternalVideo(
        provider="Vimeo",
        video_id=video_id,
        watch_url=f"https://vimeo.com/{video_id}" + (f"/{private_hash}" if private_hash else ""),
        embed_url=f"https://player.vimeo.com/video/{video_id}?{urlencode(params)}",
    )


def parse_video_url(url):
    """The video a YouTube or Vimeo link points at, or None for anything else."""
    try:
        parts = urlsplit((url or "").strip())
    except ValueError:
        return None
    if parts.scheme not in ("http", "https"):
        return None
    host = (parts.hostname or "").lower().removeprefix("www.").removeprefix("m.")
    if host in ("youtube.com", "youtube-nocookie.com", "music.youtube.com"):
        if parts.path == "/watch":
            ids = parse_qs(parts.query).get("v", [])
            if ids and re.fullmatch(_YOUTUBE_ID, ids[0]):
                return _youtube(ids[0])
            return None
        for pattern in _YOUTUBE_PATHS:
            match = pattern.match(parts.path)
            if match:
                return _youtube(match["id"])
        return None
    if host == "youtu.be":
        match = re.match(rf"^/{_YOUTUBE_ID}", parts.path)
        return _youtube(match["id"]) if match else None
    if host in ("vimeo.com", "player.vimeo.com"):
        match = _VIMEO_PATH.match(parts.path)
        if match:
            private_hash = match["hash"] or parse_qs(parts.query).get("h", [None])[0]
            return _vimeo(match["id"], private_hash)
    return None
