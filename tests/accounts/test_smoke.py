import pytest


@pytest.mark.django_db
def test_landing_is_public(client):
    response = client.get("/")
    assert response.status_code == 200
    assert b"Join the network" in response.content


def test_member_home(login, member):
    response = login(member).get("/home/")
    assert response.status_code == 200
    assert "Alice Moreau" in response.content.decode()


def test_anonymous_home_redirects_to_login(client, db):
    response = client.get("/home/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
