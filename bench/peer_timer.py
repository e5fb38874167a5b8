"""Times one Django site's pages inside its own process, for ``bench/peers.py``.

Standalone on purpose: it runs under our interpreter for our site and under a peer forum's own
virtual environment for theirs, so both are timed the same way (Django's test client, signed in,
DEBUG off) without either importing the other. Protocol on stdin/stdout, one line each:
``GET <path>`` answers ``<milliseconds> <queries> <status>``; ``QUIT`` ends.

Usage: ``python bench/peer_timer.py <settings module> <user pk>`` (``DJANGO_SETTINGS_MODULE`` and
the database come from the environment the caller sets up).
"""

import gc
import os
import sys
import time


def main() -> int:
    # This file's folder (bench/) holds modules named like our apps: the caller's PYTHONPATH says
    # where the site's code is.
    sys.path.pop(0)
    settings_module, user_pk = sys.argv[1], int(sys.argv[2])
    os.environ["DJANGO_SETTINGS_MODULE"] = settings_module
    import django

    django.setup()
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext, setup_test_environment

    settings.DEBUG = False
    setup_test_environment()
    client = Client()
    client.force_login(get_user_model().objects.get(pk=user_pk))
    gc.freeze()
    print("READY", flush=True)
    for line in sys.stdin:
        command, _, path = line.strip().partition(" ")
        if command != "GET":
            break
        with CaptureQueriesContext(connection) as queries:
            started = time.perf_counter()
            response = client.get(path)
            elapsed = (time.perf_counter() - started) * 1000
        print(f"{elapsed:.3f} {len(queries)} {response.status_code}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
