"""``python -m tests.oidc_provider.register CLIENT_ID SECRET REDIRECT_URI``: migrate the provider's
database and register the product as its client (run with its settings)."""

import sys

import django
from django.core.management import call_command


def main(client_id: str, secret: str, redirect_uri: str) -> None:
    django.setup()
    call_command("migrate", verbosity=0)
    from oauth2_provider.models import Application

    Application.objects.update_or_create(
        client_id=client_id,
        defaults={
            "name": "Migration Network",
            "client_secret": secret,
            "client_type": Application.CLIENT_CONFIDENTIAL,
            "authorization_grant_type": Application.GRANT_AUTHORIZATION_CODE,
            "redirect_uris": redirect_uri,
            "algorithm": Application.RS256_ALGORITHM,
            "skip_authorization": True,
        },
    )


if __name__ == "__main__":
    main(*sys.argv[1:4])
