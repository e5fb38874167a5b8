"""``python -m tests.saml_idp.idp VAR_DIR PORT``: the identity provider's process.

Everything it knows is read from ``VAR_DIR`` at each request, so the test can change it while
it runs: ``idp.json`` (its entity ID, key and certificate files), ``people.json`` (who may sign
in, with their attributes) and ``sp-*.xml`` (the metadata of the service providers it trusts,
as a real IdP's administrator registers them).
"""

import html
import json
import sys
from pathlib import Path
from socketserver import ThreadingMixIn
from urllib.parse import parse_qs
from wsgiref.simple_server import WSGIServer, make_server

from saml2 import BINDING_HTTP_POST, BINDING_HTTP_REDIRECT, samlp
from saml2.config import IdPConfig
from saml2.metadata import create_metadata_string
from saml2.saml import AUTHN_PASSWORD_PROTECTED, NAME_FORMAT_URI, NAMEID_FORMAT_PERSISTENT, NameID
from saml2.server import Server
from saml2.xmldsig import DIGEST_SHA256, SIG_RSA_SHA256

VAR = Path(sys.argv[1]) if __name__ == "__main__" else None


def config() -> IdPConfig:
    settings = json.loads((VAR / "idp.json").read_text())
    url = settings["url"]
    conf = IdPConfig()
    conf.load(
        {
            "entityid": settings["entity_id"],
            "xmlsec_binary": settings["xmlsec_binary"],
            "key_file": settings["key_file"],
            "cert_file": settings["cert_file"],
            "metadata": {"local": sorted(str(p) for p in VAR.glob("sp-*.xml"))},
            "service": {
                "idp": {
                    "name": "Institute identity provider",
                    "endpoints": {
                        "single_sign_on_service": [
                            (f"{url}/sso/redirect", BINDING_HTTP_REDIRECT),
                        ]
                    },
                    "name_id_format": [NAMEID_FORMAT_PERSISTENT],
                    "policy": {
                        "default": {
                            "lifetime": {"minutes": 15},
                            "attribute_restrictions": None,
                            "name_form": NAME_FORMAT_URI,
                        }
                    },
                }
            },
        }
    )
    return conf


def people() -> dict:
    path = VAR / "people.json"
    return json.loads(path.read_text()) if path.exists() else {}


def page(body: str, status="200 OK"):
    document = (
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
        "<title>Institute sign-in</title></head><body><main>"
        f"<h1>Institute identity provider</h1>{body}</main></body></html>"
    )
    return status, [("Content-Type", "text/html; charset=utf-8")], document


def login_form(saml_request: str, relay_state: str, error: str = ""):
    notice = f'<p role="alert">{html.escape(error)}</p>' if error else ""
    return page(
        f'{notice}<form method="post" action="/sso/login">'
        f'<input type="hidden" name="SAMLRequest" value="{html.escape(saml_request)}">'
        f'<input type="hidden" name="RelayState" value="{html.escape(relay_state)}">'
        '<p><label for="username">Username</label> '
        '<input id="username" name="username" autocomplete="username"></p>'
        '<p><label for="password">Password</label> '
        '<input id="password" name="password" type="password"></p>'
        '<button type="submit">Sign in at the institute</button></form>'
    )


def answer(form: dict):
    """The person signed in here: a signed answer posted back to the service provider's ACS
    (without a SAMLRequest, an IdP-initiated one to the SP whose entity ID is ``sp``)."""
    saml_request, relay_state = form.get("SAMLRequest", ""), form.get("RelayState", "")
    person = people().get(form.get("username", ""))
    if person is None or person["password"] != form.get("password"):
        return login_form(saml_request, relay_state, "Wrong username or password.")
    idp = Server(config=config())
    if saml_request:
        request = idp.parse_authn_request(saml_request, BINDING_HTTP_REDIRECT)
        # Where to answer comes from the SP's registered metadata, checked against the request.
        args = idp.response_args(request.message, [BINDING_HTTP_POST])
    else:  # IdP-initiated: an answer to no request, sent to the SP named in the form
        sp = form["sp"]
        acs = idp.metadata.assertion_consumer_service(sp, BINDING_HTTP_POST)[0]["location"]
        args = {"in_response_to": None, "destination": acs, "sp_entity_id": sp}
    signing = {"sign_alg": SIG_RSA_SHA256, "digest_alg": DIGEST_SHA256}
    if person.get("answer") == "error":
        response = idp.create_error_response(
            args["in_response_to"],
            args["destination"],
            (samlp.STATUS_AUTHN_FAILED, "This account is locked."),
            sign=True,
            **signing,
        )
    else:
        response = idp.create_authn_response(
            person["attributes"],
            args["in_response_to"],
            args["destination"],
            args["sp_entity_id"],
            name_id=NameID(
                format=NAMEID_FORMAT_PERSISTENT,
                sp_name_qualifier=args["sp_entity_id"],
                name_qualifier=idp.config.entityid,
                text=person["id"],
            ),
            authn={"class_ref": AUTHN_PASSWORD_PROTECTED, "authn_auth": idp.config.entityid},
            sign_assertion=True,
            sign_response=False,
            **signing,
        )
    http = idp.apply_binding(
        BINDING_HTTP_POST, str(response), args["destination"], relay_state, response=True
    )
    return "200 OK", [("Content-Type", "text/html; charset=utf-8")], http["data"]


def route(environ):
    path, method = environ["PATH_INFO"], environ["REQUEST_METHOD"]
    if path == "/metadata" and method == "GET":
        metadata = create_metadata_string(None, config=config(), sign=False)
        return "200 OK", [("Content-Type", "application/samlmetadata+xml")], metadata.decode()
    if path == "/sso/redirect" and method == "GET":
        query = {k: v[0] for k, v in parse_qs(environ.get("QUERY_STRING", "")).items()}
        return login_form(query.get("SAMLRequest", ""), query.get("RelayState", ""))
    if path == "/sso/login" and method == "POST":
        length = int(environ.get("CONTENT_LENGTH") or 0)
        form = {
            k: v[0] for k, v in parse_qs(environ["wsgi.input"].read(length).decode("utf-8")).items()
        }
        return answer(form)
    return page("<p>Not found.</p>", "404 Not Found")


def application(environ, start_response):
    try:
        status, headers, body = route(environ)
    except Exception as exc:  # shown to the test, which reads the log
        print(f"identity provider error: {exc!r}", file=sys.stderr, flush=True)
        status, headers, body = page(f"<p>Error: {html.escape(repr(exc))}</p>", "400 Bad Request")
    start_response(status, headers)
    return [body.encode("utf-8")]


class ThreadingServer(ThreadingMixIn, WSGIServer):
    daemon_threads = True


if __name__ == "__main__":
    port = int(sys.argv[2])
    with make_server("127.0.0.1", port, application, server_class=ThreadingServer) as httpd:
        httpd.serve_forever()
