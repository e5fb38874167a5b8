"""ORCID sign-in: allauth's ORCID provider, with its addresses read from the settings at each
request (``ORCID_OAUTH_URL``, ``ORCID_API_URL``) instead of fixed to https://orcid.org at import,
so the sandbox or a local stand-in can answer. Installed through ``SOCIALACCOUNT_PROVIDERS``
``provider_class``."""
