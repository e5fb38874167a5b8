"""The access rule, in one place: which URLs the public and non-members may reach.

Everything else requires an approved, active member. ``tests/accounts/test_access.py`` walks every
URL the project routes, so a page added without thought is closed, not open.
"""

# Reachable by anyone, signed in or not.
PUBLIC_URL_NAMES = frozenset(
    {
        "landing",
        "healthz",
        "notifications:unsubscribe",
        "directory:public_profile",
        "directory:public_photo",
        # The profile card on hover: visitors get the cards of public profiles only.
        "directory:card",
        "forum:feed_category",
        "forum:feed_practices",
        # allauth: signing in and up, verifying the address, resetting the password.
        "account_login",
        "account_signup",
        "account_logout",
        "account_confirm_email",
        "account_email_verification_sent",
        "account_inactive",
        "account_reset_password",
        "account_reset_password_done",
        "account_reset_password_from_key",
        "account_reset_password_from_key_done",
        "account_request_login_code",
        "account_confirm_login_code",
        "account_login_code",
        "mfa_authenticate",
        "orcid_login",
        "orcid_callback",
        # Institutional sign-in (accounts/institutional.py), one provider per institute.
        "openid_connect_login",
        "openid_connect_callback",
        # ... or SAML 2.0: the identity provider posts its answer to acs/, reads metadata/.
        "saml_login",
        "saml_acs",
        "saml_finish_acs",
        "saml_metadata",
        "saml_sls",
        "socialaccount_signup",
        "socialaccount_login_error",
        "socialaccount_login_cancelled",
        "socialaccount_connections",
        "account_reauthenticate",
        "mfa_reauthenticate",
        "mfa_reauthenticate_webauthn",
        # Signing in with a passkey instead of a password.
        "mfa_login_webauthn",
        "javascript-catalog",
        "set_language",
        # The link in an invitation email, opened before the account exists.
        "invitations:accept",
        # The public portal: the network's outputs, events, institutes, practices and experts.
        "portal:about",
        "portal:contact",
        "portal:search",
        "portal:institutes",
        "portal:institute",
        "portal:outputs",
        "portal:output",
        "portal:output_pdf",
        "portal:events",
        "portal:calendar",
        "portal:event",
        "portal:event_ics",
        "portal:register",
        "portal:cancel_registration",
        "portal:practices",
        "portal:practice",
        "portal:experts",
        "portal:robots",
        "portal:subscribe",
        "portal:confirm_subscription",
        "portal:unsubscribe",
        # The public read API (portal/api.py), published content only.
        "api:openapi-json",
        "api:outputs",
        "api:output",
        "api:events",
        "api:event",
        "api:institutes",
        "api:experts",
        "api:practices",
        "portal:outputs_feed",
        "portal:events_feed",
        "portal:sitemap",
        "privacy:notice",
        # Network insight's public versions (insight/public_urls.py): public content only.
        "network:bridges",
        "network:collaboration",
        "network:sdgs",
        "network:regions",
        "network:region",
        "network:compare_regions",
    }
)

# Reachable by people who are signed in but not (yet, or no longer) members: their own status,
# their application, and managing the address that decides it.
NON_MEMBER_URL_NAMES = frozenset(
    {
        "accounts:status",
        "account_email",
        "account_change_password",
        "account_set_password",
        # Their personal data: a download, the deletion of the account (privacy/).
        "privacy:data",
        "privacy:request_export",
        "privacy:download",
        "privacy:delete",
        "privacy:cancel_deletion",
    }
)

# Paths served outside Django's URL resolver or by the development server.
PUBLIC_PATH_PREFIXES = ("/static/", "/media/", "/favicon.ico")
