import pytest
from django.core.files.uploadedfile import SimpleUploadedFile


@pytest.fixture
def upload():
    """upload(name, content) -> an uploaded file, as a browser would send it."""
    def make(name, content):
        return SimpleUploadedFile(name, content)
    return make
