"""A local stand-in for Crossref's REST API (``/works/{doi}``), serving answers of its shape
from a thread."""

import contextlib
import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import unquote

ARTICLE = {
    "status": "ok",
    "message-type": "work",
    "message": {
        "DOI": "10.5555/jms.2024.17",
        "type": "journal-article",
        "title": ["Remittances and resilience after the floods"],
        "author": [
            {"given": "Amina", "family": "Diallo", "sequence": "first"},
            {"given": "Bob", "family": "Mensah", "sequence": "additional"},
            {"name": "Sahel Research Consortium", "sequence": "additional"},
        ],
        "container-title": ["Journal of Migration Studies"],
        "publisher": "Example Press",
        "issued": {"date-parts": [[2024, 3]]},
        "published-online": {"date-parts": [[2024, 2, 14]]},
        "abstract": (
            "<jats:title>Abstract</jats:title><jats:p>Households that receive "
            "<jats:italic>remittances</jats:italic> recover faster &amp; more fully.</jats:p>"
            "<jats:p>We follow 1,200 households.</jats:p>"
        ),
    },
}
SPARSE = {"status": "ok", "message": {"title": ["A dataset with little else"], "type": "dataset"}}


class CrossrefHandler(BaseHTTPRequestHandler):
    routes: dict = {}
    release: threading.Event
    requests: list

    def do_GET(self):
        self.requests.append((self.path, self.headers.get("User-Agent", "")))
        prefix = "/works/"
        doi = unquote(self.path[len(prefix) :]).lower() if self.path.startswith(prefix) else ""
        behaviour = self.routes.get(doi, "not_found")
        if behaviour == "hang":  # answers only when the test ends: the client's timeout decides
            self.release.wait(timeout=60)
            return
        if behaviour == "not_found":
            self.send_response(404)
            self.end_headers()
            return
        if behaviour == "error":
            self.send_response(503)
            self.end_headers()
            return
        body = behaviour if isinstance(behaviour, bytes) else json.dumps(behaviour).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            self.wfile.write(body)

    def log_message(self, *args):
        pass


@contextlib.contextmanager
def running(routes: dict):
    """The server's base URL while the block runs, and the (path, User-Agent) it was asked."""
    release = threading.Event()
    asked: list = []
    handler = type(
        "Handler", (CrossrefHandler,), {"routes": routes, "release": release, "requests": asked}
    )
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", asked
    finally:
        release.set()
        server.shutdown()
        server.server_close()
