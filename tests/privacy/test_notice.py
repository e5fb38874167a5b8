import re

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

URL = reverse("privacy:notice")


def test_the_notice_is_public_and_its_url_says_privacy(client):
    assert "privacy" in URL
    page = client.get(URL)
    assert page.status_code == 200
    assert "Privacy notice" in page.content.decode()


def test_it_states_the_retention_periods_the_settings_apply(client, settings):
    settings.SESSION_COOKIE_AGE = 3 * 86400
    settings.PRIVACY_EXPORT_HOURS = 48
    settings.PRIVACY_DELETION_GRACE_DAYS = 9
    settings.PRIVACY_RETENTION_DAYS = {"tasks": 21, "notifications": 200, "audit": 400}
    text = re.sub(r"\s+", " ", client.get(URL).content.decode())
    for what, kept in [
        ("A sign-in session", "3 days"),
        ("Emails to you, sent or not yet sent", "21 days"),
        ("Notifications", "200 days"),
        ("Membership history and the audit log", "400 days"),
        ("A download of your data", "48 hours"),
        ("An account you asked us to delete", "9 days"),
    ]:
        assert re.search(re.escape(what) + r"[^<]*</th><td>" + kept + "</td>", text), what


def test_every_footer_links_to_it(client, login, member):
    assert URL in client.get(reverse("landing")).content.decode()
    assert URL in client.get(reverse("portal:about")).content.decode()
    assert URL in login(member).get(reverse("home")).content.decode()


def test_sign_up_links_to_it(client):
    page = client.get(reverse("account_signup")).content.decode()
    main = page[page.index("<main") : page.index("</main>")]
    assert URL in main
