"""The client of ``make bench BENCH_ARGS=server`` (run by ``bench/server.py`` through locust,
headless, as a process of its own): every simulated connection asks for one path, signed in with
the session cookie it is given, as fast as the server answers. No Django here."""

import os

from locust import FastHttpUser, constant, task

PATH = os.environ["SERVER_BENCH_PATH"]
HEADERS = (
    {"Cookie": os.environ["SERVER_BENCH_COOKIE"]} if os.environ.get("SERVER_BENCH_COOKIE") else {}
)


class Reader(FastHttpUser):
    wait_time = constant(0)

    @task
    def page(self):
        with self.client.get(PATH, headers=HEADERS, name=PATH, catch_response=True) as response:
            if response.status_code != 200:
                response.failure(f"status {response.status_code}")
