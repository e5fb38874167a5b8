"""Institutional sign-in through SAML 2.0 (allauth's saml provider, accounts/institutional.py)."""

import json

from config.settings import institute_saml_apps


def test_saml_institutes_are_configured_from_the_environment():
    apps = institute_saml_apps(
        json.dumps(
            [
                {
                    "institute": "UNU-EHS",
                    "id": "ehs",
                    "entity_id": "https://idp.ehs.example/saml",
                    "sso_url": "https://idp.ehs.example/saml/sso",
                    "x509cert": "MIIC...",
                    "verified_email": ["ehs.example"],
                },
                {
                    "institute": "UNU-GCM",
                    "id": "gcm",
                    "name": "GCM staff",
                    "entity_id": "https://login.gcm.example/idp",
                    "metadata_url": "https://login.gcm.example/idp/metadata",
                },
            ]
        )
    )
    assert apps == [
        {
            "provider_id": "https://idp.ehs.example/saml",
            "client_id": "ehs",
            "name": "UNU-EHS",
            "settings": {
                "idp": {
                    "entity_id": "https://idp.ehs.example/saml",
                    "sso_url": "https://idp.ehs.example/saml/sso",
                    "x509cert": "MIIC...",
                },
                "institute": "UNU-EHS",
                "verified_email": ["ehs.example"],
            },
        },
        {
            "provider_id": "https://login.gcm.example/idp",
            "client_id": "gcm",
            "name": "GCM staff",
            "settings": {
                "idp": {
                    "entity_id": "https://login.gcm.example/idp",
                    "metadata_url": "https://login.gcm.example/idp/metadata",
                },
                "institute": "UNU-GCM",
            },
        },
    ]
    assert institute_saml_apps("") == []
