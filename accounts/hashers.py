"""Password hashing: Argon2id, memory-hard, and cheap enough in CPU not to starve a server.

OWASP's first Argon2id setting (19 MiB, two passes, one lane) costs about 30 ms of CPU here, against
about 580 ms for PBKDF2 at Django's 1,000,000 rounds. Hashes stored with other parameters or
another hasher are rewritten at the next successful sign-in (Django's ``must_update``). At most
``PASSWORD_HASHES_AT_ONCE`` hashes run at once in a process, so a burst of sign-ins queues instead
of taking every core and 19 MiB each.
"""

import threading

from django.conf import settings
from django.contrib.auth import hashers

_slots = threading.BoundedSemaphore(settings.PASSWORD_HASHES_AT_ONCE)


class BoundedArgon2PasswordHasher(hashers.Argon2PasswordHasher):
    time_cost = 2
    memory_cost = 19 * 1024  # KiB
    parallelism = 1

    def encode(self, password, salt):
        with _slots:
            return super().encode(password, salt)

    def verify(self, password, encoded):
        with _slots:
            return super().verify(password, encoded)
