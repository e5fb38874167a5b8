"""An email backend for the worker fault tests: Django's file backend, each message taking
SLOW_MAIL_SECONDS to send (a mail server's pace), so a worker can be killed mid-batch."""

import os
import time

from django.core.mail.backends.filebased import EmailBackend as FileBackend


class EmailBackend(FileBackend):
    def send_messages(self, email_messages):
        time.sleep(float(os.environ.get("SLOW_MAIL_SECONDS", "0.2")))
        return super().send_messages(email_messages)
