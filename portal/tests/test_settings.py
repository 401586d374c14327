import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _manage(*args, **env):
    # A production-like environment: none of the variables pytest.ini sets for tests.
    base = {"PATH": os.environ["PATH"], "HOME": os.environ.get("HOME", "/tmp")}
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**base, "DATABASE_URL": "sqlite:///:memory:", **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_debug_off_without_secret_key_stops_with_a_message_naming_it():
    result = _manage("check", DJANGO_DEBUG="0")

    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr


def test_debug_off_without_a_privacy_hash_key_stops_with_a_message_naming_it():
    result = _manage("check", DJANGO_DEBUG="0", SECRET_KEY="a-real-looking-secret-key-0123456789")

    assert result.returncode != 0
    assert "PRIVACY_HASH_KEY is not set" in result.stderr


def test_deploy_check_is_clean_with_production_settings():
    result = _manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DJANGO_DEBUG="0",
        SECRET_KEY="x7#kP2q!vN9m@L4w$Z8r^T1y&B6u*C3e(H5j)F0o-sd_dep-9Qa!",
        PRIVACY_HASH_KEY="Wq3!zR8@pL5#vN2$kT7^mB4&cX9*hJ6(-privacy-hash-key",
        ALLOWED_HOSTS="example.kz",
    )

    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


def test_the_local_cache_keeps_nothing_longer_than_its_max_age():
    from django.core.cache import caches

    local = caches["local"]
    now = time.time()

    assert local.get_backend_timeout(3600) <= now + 61  # the cookie consent app asks an hour
    assert local.get_backend_timeout(None) <= now + 61  # "forever"
    assert now + 9 <= local.get_backend_timeout(10) <= now + 11
