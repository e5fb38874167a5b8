"""Helpers for tests against real ASGI servers: sign in over HTTP, open sockets, reply."""

import json
import re
import shutil
import socket
import subprocess
import time
from urllib.parse import urlsplit

import requests
from websockets.sync.client import connect

from tests import services

PASSWORD = "network-demo-2026"
AMINA = "amina.haddad@gcm.unu.example"
TOMAS = "tomas.okonkwo@ehs.unu.example"
DEMO_THREAD = "Data sources on climate mobility in the Sahel"


def csrf_token(html: str) -> str:
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)


def signed_in(base_url: str, email: str) -> requests.Session:
    session = requests.Session()
    page = session.get(base_url + "/accounts/login/", timeout=10)
    response = session.post(
        base_url + "/accounts/login/",
        data={"csrfmiddlewaretoken": csrf_token(page.text), "login": email, "password": PASSWORD},
        headers={"Referer": base_url + "/accounts/login/"},
        timeout=10,
    )
    assert response.ok and "sessionid" in session.cookies, response.text[:500]
    return session


def open_socket(base_url: str, session: requests.Session, path: str, **kwargs):
    parts = urlsplit(base_url)
    return connect(
        f"ws://{parts.netloc}{path}",
        origin=base_url,
        additional_headers={"Cookie": f"sessionid={session.cookies['sessionid']}"},
        open_timeout=5,
        **kwargs,
    )


def hello(ws, last_id: int = 0) -> dict:
    ws.send(json.dumps({"type": "hello", "last_id": last_id}))
    answer = json.loads(ws.recv(timeout=5))
    assert answer["type"] == "sync", answer
    return answer


def demo_thread_ids(server) -> tuple[int, int]:
    """(thread id, id of its opening post by Amina)."""
    out = server.manage(
        "shell",
        "-c",
        "from forum.models import Thread; "
        f"t = Thread.objects.get(title={DEMO_THREAD!r}); "
        "print(t.pk, t.posts.get(position=1).pk)",
    )
    thread_id, post_id = out.split()[-2:]
    return int(thread_id), int(post_id)


def fresh_thread(server, title: str) -> int:
    """A new thread by Amina in the demo thread's category, for a test that removes or changes
    its thread: the demo thread is shared by every browser test on the session's server."""
    out = server.manage(
        "shell",
        "-c",
        "from forum.actions.threads import create_thread; "
        "from forum.models import Thread; "
        f"demo = Thread.objects.get(title={DEMO_THREAD!r}); "
        f"t = create_thread(demo.author, category=demo.category, title={title!r}, "
        "body='A thread of its own for this test.'); "
        "print(t.pk)",
    )
    return int(out.split()[-1])


def reply(base_url: str, session: requests.Session, thread_id: int, post_id: int, body: str):
    url = f"{base_url}/forum/t/{thread_id}/reply/?to={post_id}"
    form = session.get(url, timeout=10)
    return session.post(
        url,
        data={"csrfmiddlewaretoken": csrf_token(form.text), "body": body, "reply_to": post_id},
        headers={"Referer": url},
        timeout=10,
        allow_redirects=False,
    )


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class OwnRedis:
    """A private, throw-away redis-server: the machine's shared Redis is never stopped."""

    def __init__(self):
        if not shutil.which("redis-server"):
            services._missing("redis-server is not installed", "REQUIRE_SERVICES")
        self.port = free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.process = None

    def start(self):
        self.process = subprocess.Popen(
            ["redis-server", "--port", str(self.port), "--save", "", "--appendonly", "no"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=0.2):
                    return
            except OSError:
                time.sleep(0.05)
        raise RuntimeError("redis-server did not start")

    def stop(self):
        if self.process is not None:
            self.process.kill()
            self.process.wait(timeout=10)
            self.process = None
