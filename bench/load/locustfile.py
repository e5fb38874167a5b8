"""The simulated members of ``make load`` (run by ``bench/load/run.py`` through locust, headless).

Each simulated member signs in with its own seeded account from its own address (the plan's
``X-Forwarded-For``, believed because the load comes from the trusted proxy address 127.0.0.1),
then, with a pause of ``LOAD_WAIT_MIN``..``LOAD_WAIT_MAX`` seconds between steps, browses (home,
directory, a thread of the run, good practices), searches, replies, reacts and reads its
notifications. Every reply carries a token unique to it; the ones the site accepted (302 to the
post) are written to the plan's ``out`` file at the end, with every request's latency and status,
for the orchestrator to verify and summarise. No Django here: locust's gevent stays in this
process.
"""

import itertools
import json
import os
import random
import re
import threading
import uuid
from collections import defaultdict
from pathlib import Path

from locust import HttpUser, between, events, task

PLAN = json.loads(Path(os.environ["LOAD_PLAN"]).read_text())
WAIT_MIN = float(os.environ.get("LOAD_WAIT_MIN", "1"))
WAIT_MAX = float(os.environ.get("LOAD_WAIT_MAX", "3"))
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
NOTIFICATION = re.compile(r'action="/notifications/(\d+)/read/"')

_accounts = itertools.count()
_lock = threading.Lock()
LATENCIES: dict[str, list[float]] = defaultdict(list)
STATUSES: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
ACCEPTED: list[dict] = []
REFUSED: list[dict] = []


@events.request.add_listener
def _record(request_type, name, response_time, response_length, response=None, **kw):
    code = getattr(response, "status_code", 0)
    status = str(code) if code else "error"  # no answer at all: refused, reset, timed out
    LATENCIES[name].append(response_time)
    STATUSES[name][status] += 1


@events.test_stop.add_listener
def _write(environment, **kw):
    Path(PLAN["out"]).write_text(
        json.dumps(
            {
                "latencies_ms": LATENCIES,
                "statuses": {name: dict(counts) for name, counts in STATUSES.items()},
                "accepted": ACCEPTED,
                "refused": REFUSED,
                "members_signed_in": next(_accounts),
            }
        )
    )


class Member(HttpUser):
    wait_time = between(WAIT_MIN, WAIT_MAX)

    def on_start(self):
        index = next(_accounts)
        members = PLAN["members"]
        self.email = members[index % len(members)]
        # 198.18.0.0/15 is the range set aside for benchmarks: an address per member, as people
        # signing in from their own machines have.
        self.client.headers["X-Forwarded-For"] = f"198.18.{index // 250}.{index % 250 + 1}"
        self.csrf = ""
        self.signed_in = False
        self.sign_in()

    def _keep_csrf(self, response) -> None:
        found = CSRF.search(response.text or "")
        if found:
            self.csrf = found.group(1)

    def _get(self, path: str, name: str):
        with self.client.get(path, name=name, allow_redirects=False, catch_response=True) as r:
            if r.status_code != 200:
                r.failure(f"status {r.status_code}")
            else:
                self._keep_csrf(r)
            return r

    def _post(self, path: str, name: str, data: dict):
        data = {"csrfmiddlewaretoken": self.csrf, **data}
        headers = {"Referer": self.host + path}
        with self.client.post(
            path, data=data, name=name, headers=headers, allow_redirects=False, catch_response=True
        ) as r:
            location = r.headers.get("Location", "")
            if r.status_code not in (201, 302) or "/accounts/login/" in location:
                r.failure(f"status {r.status_code} {location}")
            return r

    def sign_in(self) -> None:
        self._get("/accounts/login/", "sign in (form)")
        response = self._post(
            "/accounts/login/",
            "sign in (POST)",
            {"login": self.email, "password": PLAN["password"]},
        )
        self.signed_in = response.status_code == 302 and "/accounts/" not in response.headers.get(
            "Location", ""
        )
        if self.signed_in:
            self._get("/home/", "home")  # where sign-in leads; its forms carry the new token

    @task(3)
    def home(self):
        self._get("/home/", "home")

    @task(2)
    def directory(self):
        self._get("/directory/", "directory")

    @task(3)
    def thread(self):
        self._get(f"/forum/t/{random.choice(PLAN['threads'])['pk']}/", "thread")

    @task(1)
    def practices(self):
        self._get("/forum/practices/", "practices")

    @task(1)
    def search(self):
        self._get(f"/search/?q={random.choice(PLAN['queries'])}", "search")

    @task(1)
    def forum_search(self):
        self._get(f"/forum/search/?q={random.choice(PLAN['queries'])}", "forum search")

    @task(2)
    def reply(self):
        thread = random.choice(PLAN["threads"])
        token = f"{PLAN['run']}-{uuid.uuid4().hex}"
        data = {"body": f"A reply under load, token {token}, on remittances and mobility."}
        if random.random() < 0.3:  # an answer to the opening post: its author hears "reply"
            data["reply_to"] = str(thread["first_post"])
        response = self._post(f"/forum/t/{thread['pk']}/reply/", "reply (POST)", data)
        location = response.headers.get("Location", "")
        entry = {"token": token, "thread": thread["pk"], "status": response.status_code}
        with _lock:
            if response.status_code in (201, 302) and "/accounts/login/" not in location:
                ACCEPTED.append(entry)
            else:
                REFUSED.append(entry)

    @task(1)
    def react(self):
        thread = random.choice(PLAN["threads"])
        path = f"/forum/p/{thread['first_post']}/react/"
        self._post(path, "react (POST)", {"kind": random.choice(PLAN["reactions"])})

    @task(2)
    def notifications(self):
        response = self._get("/notifications/", "notifications")
        unread = NOTIFICATION.findall(response.text or "")
        if unread:
            self._post(f"/notifications/{unread[0]}/read/", "notification read (POST)", {})
