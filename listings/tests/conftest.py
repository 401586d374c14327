import pytest


@pytest.fixture(autouse=True)
def _media_root(request, settings, tmp_path):
    """Keep uploaded photos of each test in its own folder.

    Browser tests keep the configured root: the live server's /media/ view was bound to it
    when the URLconf was imported, and a photo it cannot find is a console error. Tests
    with a Celery worker keep it too: the worker, another process, reads the files there.
    """
    marker = request.node.get_closest_marker
    if not marker("browser") and not marker("celery_worker"):
        settings.MEDIA_ROOT = tmp_path / "media"
