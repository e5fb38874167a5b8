"""A local stand-in for the ORCID public API, serving recorded-shape answers from a thread."""

import contextlib
import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

WORKS = {
    "group": [
        {
            "external-ids": {"external-id": []},
            "work-summary": [
                {
                    "put-code": 1001,
                    "type": "journal-article",
                    "title": {"title": {"value": "Remittances and resilience in Kenya"}},
                    "journal-title": {"value": "Journal of Migration Studies"},
                    "publication-date": {"year": {"value": "2021"}, "month": None, "day": None},
                    "url": {"value": "https://example.org/remittances"},
                    "external-ids": {
                        "external-id": [
                            {
                                "external-id-type": "doi",
                                "external-id-value": "10.1234/JMS.2021.1",
                                "external-id-relationship": "self",
                            }
                        ]
                    },
                },
                {
                    "put-code": 1002,
                    "title": {"title": {"value": "Duplicate summary of the same work"}},
                },
            ],
        },
        {
            "work-summary": [
                {
                    "put-code": 1003,
                    "type": "report",
                    "title": {"title": {"value": "Climate mobility in the Sahel"}},
                    "journal-title": None,
                    "publication-date": None,
                    "url": None,
                    "external-ids": {"external-id": []},
                }
            ],
        },
        {
            "work-summary": [
                {
                    "put-code": 1004,
                    "title": {"title": {"value": "Same DOI, another record"}},
                    "external-ids": {
                        "external-id": [
                            {"external-id-type": "doi", "external-id-value": "10.1234/jms.2021.1"}
                        ]
                    },
                }
            ],
        },
    ]
}


class OrcidHandler(BaseHTTPRequestHandler):
    routes: dict = {}

    def do_GET(self):
        orcid = self.path.split("/")[2] if self.path.count("/") >= 3 else ""
        behaviour = self.routes.get(orcid, "not_found")
        if behaviour == "slow":
            time.sleep(2)
            behaviour = WORKS
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


def start(routes: dict):
    handler = type("Handler", (OrcidHandler,), {"routes": routes})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    return server
