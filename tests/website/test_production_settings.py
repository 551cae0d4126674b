"""Production settings refuse to start unless the secrets and the database come from the environment."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

PROJECT_DIR = Path(__file__).resolve().parents[2]
REQUIRED = {
    "SECRET_KEY": "a-long-random-secret-for-this-test-only-0123456789abcdef",
    "ALLOWED_HOSTS": "www.example.se",
    "DATABASE_URL": "postgresql://site:site@127.0.0.1/site_production_test",
}


def start_production(**overrides):
    env = {key: value for key, value in os.environ.items() if key not in REQUIRED and key != "DJANGO_SETTINGS_MODULE"}
    env.update(REQUIRED)
    env["DJANGO_SETTINGS_MODULE"] = "website.settings.production"
    for name, value in overrides.items():
        if value is None:
            env.pop(name, None)
        else:
            env[name] = value
    return subprocess.run(
        [sys.executable, "-c", "import django; django.setup(); print('started')"],
        cwd=PROJECT_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_starts_with_everything_set():
    result = start_production()
    assert result.returncode == 0, result.stderr
    assert "started" in result.stdout


@pytest.mark.parametrize("name", sorted(REQUIRED))
@pytest.mark.parametrize("value", [None, "", "   "], ids=["missing", "empty", "blank"])
def test_production_refuses_to_start_without(name, value):
    result = start_production(**{name: value})

    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert name in result.stderr.strip().splitlines()[-1], "the last line names the missing variable"
    assert "started" not in result.stdout


def test_production_refuses_allowed_hosts_of_only_commas():
    result = start_production(ALLOWED_HOSTS=" , ")

    assert result.returncode != 0
    assert "ALLOWED_HOSTS" in result.stderr.strip().splitlines()[-1]
