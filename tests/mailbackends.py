"""Mail backends for tests: Django's locmem outbox, but failing the first sends as a broken server would."""

import smtplib

from django.core.mail.backends.locmem import EmailBackend


class FailingFirstBackend(EmailBackend):
    """Fails `failures` sends (class-wide, set by the test) with a dropped connection, then delivers."""

    failures = 0

    def send_messages(self, messages):
        if type(self).failures > 0:
            type(self).failures -= 1
            raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")
        return super().send_messages(messages)
