"""Start and stop the stand-in SAML identity provider as a second server process, add people,
and register a service provider's metadata with it."""

import datetime
import hashlib
import json
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import NameOID

from tests import services
from tests.ops import processes

ROOT = Path(__file__).resolve().parents[2]

# The attributes the IdP releases, by pysaml2's local names: sent as their standard URIs
# (urn:oid:..., the names allauth's saml provider reads by default).
MAIL, GIVEN_NAME, SURNAME = "mail", "givenName", "sn"


def xmlsec1() -> str:
    """The xmlsec1 program pysaml2 signs with; a loud skip without it (a failure in CI)."""
    path = shutil.which("xmlsec1")
    if path is None:
        services._missing(
            "xmlsec1 is not installed (Debian's xmlsec1 package): the SAML identity provider "
            "of these tests signs with it",
            "REQUIRE_SERVICES",
        )
    return path


def key_and_certificate(common_name: str) -> tuple[bytes, bytes]:
    """A throwaway RSA key and a self-signed certificate for it, as PEM."""
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, common_name)])
    now = datetime.datetime.now(datetime.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(days=1))
        .not_valid_after(now + datetime.timedelta(days=30))
        .sign(key, hashes.SHA256())
    )
    return (
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        ),
        cert.public_bytes(serialization.Encoding.PEM),
    )


def certificate_body(pem: bytes) -> str:
    """The base64 body of a PEM certificate: what an IdP's metadata shows and admins paste."""
    return "".join(line for line in pem.decode().splitlines() if "-----" not in line)


@dataclass
class IdentityProvider:
    url: str
    var: Path
    process: subprocess.Popen
    log: Path
    certificate: str

    @property
    def entity_id(self) -> str:
        return self.url + "/metadata"

    @property
    def metadata_url(self) -> str:
        return self.url + "/metadata"

    @property
    def sso_url(self) -> str:
        return self.url + "/sso/redirect"

    def idp_settings(self) -> dict:
        """The ``idp`` part of the product's SocialApp settings for this provider."""
        return {"entity_id": self.entity_id, "sso_url": self.sso_url, "x509cert": self.certificate}

    def add_person(self, email, password, first, last, *, answer="assertion", **attributes) -> None:
        """Someone who may sign in here (with ``email`` as the username). ``answer="error"``:
        the IdP answers their sign-in with a failed status instead of an assertion."""
        path = self.var / "people.json"
        people = json.loads(path.read_text()) if path.exists() else {}
        people[email] = {
            "id": hashlib.sha256(email.encode()).hexdigest()[:24],
            "password": password,
            "answer": answer,
            "attributes": {
                MAIL: [email],
                GIVEN_NAME: [first],
                SURNAME: [last],
                **{name: [value] for name, value in attributes.items()},
            },
        }
        path.write_text(json.dumps(people))

    def register(self, name: str, sp_metadata: bytes) -> None:
        """Trust a service provider: its metadata, as the product serves it."""
        (self.var / f"sp-{name}.xml").write_bytes(sp_metadata)

    def stop(self) -> None:
        processes.stop(self.process)


def start(var: Path) -> IdentityProvider:
    binary = xmlsec1()
    var.mkdir(parents=True, exist_ok=True)
    port = processes.free_port()
    url = f"http://127.0.0.1:{port}"
    key, cert = key_and_certificate(f"idp-{port}.test")
    (var / "idp.key").write_bytes(key)
    (var / "idp.crt").write_bytes(cert)
    (var / "idp.json").write_text(
        json.dumps(
            {
                "url": url,
                "entity_id": url + "/metadata",
                "xmlsec_binary": binary,
                "key_file": str(var / "idp.key"),
                "cert_file": str(var / "idp.crt"),
            }
        )
    )
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "REDIS_URL"}}
    env.update(PYTHONPATH=str(ROOT), PYTHONUNBUFFERED="1")
    env.pop("DJANGO_SETTINGS_MODULE", None)
    log = var / f"idp-{port}.log"
    process = processes.serve(
        [sys.executable, "-m", "tests.saml_idp.idp", str(var), str(port)],
        port=port, env=env, log=log, what="identity provider",
    )  # fmt: skip
    return IdentityProvider(
        url=url, var=var, process=process, log=log, certificate=certificate_body(cert)
    )
