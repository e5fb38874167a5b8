"""A real OpenID Connect provider for tests: a tiny Django project of its own, built on
django-oauth-toolkit's OIDC support, run as a second server process (``serve()``). It stands
for an institute's identity provider: its people sign in with a password on its own page, and
it answers with an ID token and userinfo whose ``email_verified`` the test chooses."""
