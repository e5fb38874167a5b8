"""A local stand-in for ORCID's sign-in (OAuth 2.0 authorization code flow): its authorize page,
its token endpoint and the public record, served over HTTP from a thread, so allauth's whole
flow runs against it. The test chooses who is signed in at ORCID (``signed_in``) and whether they
deny the request."""

import contextlib
import json
import secrets
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlencode, urlsplit

CLIENT_ID = "APP-LOCALTEST000001"
CLIENT_SECRET = "local-orcid-secret"


@dataclass
class Person:
    orcid: str
    given: str
    family: str
    email: str = ""


@dataclass
class FakeOrcid:
    signed_in: Person | None = None
    deny: bool = False
    codes: dict = field(default_factory=dict)
    tokens: set = field(default_factory=set)
    log: list = field(default_factory=list)
    url: str = ""

    def record(self, orcid: str) -> dict | None:
        person = self.signed_in if self.signed_in and self.signed_in.orcid == orcid else None
        if person is None:
            return None
        emails = [{"email": person.email, "verified": True}] if person.email else []
        return {
            "orcid-identifier": {
                "uri": f"https://orcid.org/{orcid}",
                "path": orcid,
                "host": "orcid.org",
            },
            "person": {
                "name": {
                    "given-names": {"value": person.given},
                    "family-name": {"value": person.family},
                },
                "emails": {"email": emails},
            },
        }


class Handler(BaseHTTPRequestHandler):
    orcid: FakeOrcid

    def _send(self, status: int, body: dict | None = None, headers: dict | None = None):
        data = json.dumps(body).encode() if body is not None else b""
        self.send_response(status)
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        if body is not None:
            self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            self.wfile.write(data)

    def do_GET(self):
        parts = urlsplit(self.path)
        query = {k: v[0] for k, v in parse_qs(parts.query).items()}
        self.orcid.log.append(("GET", parts.path))
        if parts.path == "/oauth/authorize":
            return self._authorize(query)
        segments = parts.path.strip("/").split("/")
        if len(segments) == 3 and segments[0] == "v3.0" and segments[2] == "record":
            record = self.orcid.record(segments[1])
            if "orcid" not in self.headers.get("Accept", ""):
                return self._send(406, {"error": "accept application/orcid+json"})
            return self._send(200, record) if record else self._send(404, {"error": "not found"})
        return self._send(404, {"error": "no such page"})

    def _authorize(self, query):
        if query.get("client_id") != CLIENT_ID or query.get("response_type") != "code":
            return self._send(400, {"error": "invalid_client"})
        if query.get("scope") != "/authenticate":
            return self._send(400, {"error": "invalid_scope"})
        back = query["redirect_uri"]
        if self.orcid.deny or self.orcid.signed_in is None:
            answer = {"error": "access_denied", "error_description": "User denied access"}
        else:
            code = secrets.token_urlsafe(6)
            self.orcid.codes[code] = (self.orcid.signed_in, back)
            answer = {"code": code}
        answer["state"] = query.get("state", "")
        return self._send(302, headers={"Location": f"{back}?{urlencode(answer)}"})

    def do_POST(self):
        length = int(self.headers.get("Content-Length") or 0)
        form = {k: v[0] for k, v in parse_qs(self.rfile.read(length).decode()).items()}
        self.orcid.log.append(("POST", self.path))
        if self.path != "/oauth/token":
            return self._send(404, {"error": "no such page"})
        if (form.get("client_id"), form.get("client_secret")) != (CLIENT_ID, CLIENT_SECRET):
            return self._send(401, {"error": "invalid_client"})
        person, back = self.orcid.codes.pop(form.get("code", ""), (None, None))  # used once
        if person is None or form.get("redirect_uri") != back:
            return self._send(400, {"error": "invalid_grant"})
        token = secrets.token_urlsafe(12)
        self.orcid.tokens.add(token)
        return self._send(
            200,
            {
                "access_token": token,
                "token_type": "bearer",
                "refresh_token": secrets.token_urlsafe(12),
                "expires_in": 631138518,
                "scope": "/authenticate",
                "name": f"{person.given} {person.family}",
                "orcid": person.orcid,
            },
        )

    def log_message(self, *args):
        pass


@contextlib.contextmanager
def running(host: str = "127.0.0.1"):
    """A FakeOrcid serving on a free port until the block ends."""
    orcid = FakeOrcid()
    server = ThreadingHTTPServer((host, 0), type("OrcidOAuthHandler", (Handler,), {"orcid": orcid}))
    orcid.url = f"http://{host}:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield orcid
    finally:
        server.shutdown()
        server.server_close()
