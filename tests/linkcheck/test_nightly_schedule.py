"""The nightly check is scheduled next to the other jobs in deploy/, with a command that exists."""

import re
from pathlib import Path

from django.core.management import get_commands

DEPLOY = Path(__file__).resolve().parents[2] / "deploy"


def test_the_systemd_timer_and_the_cron_line_run_check_links_nightly():
    timer = (DEPLOY / "systemd" / "landsbygd-check-links.timer").read_text()
    assert re.search(r"^OnCalendar=\*-\*-\* 02:30:00$", timer, re.M)
    assert re.search(r"^Unit=landsbygd-manage@check_links\.service$", timer, re.M)
    assert (DEPLOY / "systemd" / "landsbygd-manage@.service").exists()
    cron = (DEPLOY / "crontab.example").read_text()
    assert re.search(r'^30 2 \* \* \*\s+eval "\$RUN check_links"$', cron, re.M)
    assert get_commands()["check_links"] == "linkcheck"
