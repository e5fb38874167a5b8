"""Demo institutes and invented people. No real person's name is used."""

from allauth.account.models import EmailAddress
from django.contrib.auth.models import Group

from accounts import actions
from accounts.models import Application, Institute, InstituteDomain, User

PASSWORD = "network-demo-2026"  # noqa: S105 - printed on purpose for the local demo

INSTITUTES = [
    # acronym, name, city, country, demo email domain
    (
        "UNU-GCM",
        "Institute on Globalization, Culture and Mobility",
        "Barcelona",
        "ES",
        "gcm.unu.example",
    ),
    (
        "UNU-MERIT",
        "Maastricht Economic and Social Research Institute on Innovation and Technology",
        "Maastricht",
        "NL",
        "merit.unu.example",
    ),
    (
        "UNU-CRIS",
        "Institute on Comparative Regional Integration Studies",
        "Bruges",
        "BE",
        "cris.unu.example",
    ),
    ("UNU-EHS", "Institute for Environment and Human Security", "Bonn", "DE", "ehs.unu.example"),
    (
        "UNU-IIGH",
        "International Institute for Global Health",
        "Kuala Lumpur",
        "MY",
        "iigh.unu.example",
    ),
    (
        "UNU-WIDER",
        "World Institute for Development Economics Research",
        "Helsinki",
        "FI",
        "wider.unu.example",
    ),
    ("UNU-CPR", "Centre for Policy Research", "New York", "US", "cpr.unu.example"),
    ("UNU Macau", "UNU Institute in Macau (formerly UNU-CS)", "Macau", "MO", "macau.unu.example"),
]

FIRST = [
    "Amina",
    "Tomás",
    "Leila",
    "Kwame",
    "Ingrid",
    "Ravi",
    "Sofia",
    "Mateo",
    "Yuki",
    "Nadia",
    "Olu",
    "Elif",
    "Joaquim",
    "Mei",
    "Farid",
    "Hanna",
    "Diego",
    "Aisha",
    "Lukas",
    "Priya",
    "Samir",
    "Chiara",
    "Tendai",
    "Marta",
    "Kenji",
    "Zeynep",
    "Andrés",
    "Fatou",
    "Pieter",
    "Lina",
    "Omar",
    "Ewa",
    "Thandiwe",
    "Hugo",
    "Ana",
    "Bilal",
    "Noor",
    "Jonas",
    "Carmen",
    "Ife",
    "Mariam",
    "Viktor",
    "Rosa",
    "Daniel",
]
LAST = [
    "Haddad",
    "Okonkwo",
    "Virtanen",
    "Moreau",
    "Castillo",
    "Nakamura",
    "Rahman",
    "Kowalska",
    "Mensah",
    "Ferreira",
    "Lindqvist",
    "Demir",
    "Achterberg",
    "Tan",
    "Osei",
    "Barros",
    "Sato",
    "Nyambura",
    "Gallo",
    "Petrov",
    "Qureshi",
    "Van Damme",
    "Mbeki-Lowe",
    "Serrano",
]

# Fixed logins the README and the demo print.
ADMIN = ("admin@gcm.unu.example", "Ada Kestrel-Nunez", "UNU-GCM")
MODERATOR = ("moderator@merit.unu.example", "Moritz Adeyemi", "UNU-MERIT")
MEMBER_A = ("amina.haddad@gcm.unu.example", "Amina Haddad", "UNU-GCM")
MEMBER_B = ("tomas.okonkwo@ehs.unu.example", "Tomás Okonkwo", "UNU-EHS")
APPLICANT = ("applicant@university.example", "Rui Valdés-Hartmann", None)

LOGINS = [
    ("admin", ADMIN[0]),
    ("moderator", MODERATOR[0]),
    ("member", MEMBER_A[0]),
    ("member (second)", MEMBER_B[0]),
    ("applicant (pending)", APPLICANT[0]),
]
MEMBER_COUNT = 44


def _user(email: str, name: str, **extra) -> User:
    user = User.objects.filter(email=email).first()
    if user is None:
        user = User.objects.create_user(email, PASSWORD, display_name=name, **extra)
        EmailAddress.objects.create(user=user, email=email, primary=True, verified=True)
    return user


def invented_people():
    """A stable list of (email, name, institute acronym), spread over all institutes."""
    people = [MEMBER_A, MEMBER_B]
    seen = {MEMBER_A[1], MEMBER_B[1]}
    i = 0
    while len(people) < MEMBER_COUNT:
        name = f"{FIRST[i % len(FIRST)]} {LAST[(i * 7) % len(LAST)]}"
        i += 1
        if name in seen:
            continue
        seen.add(name)
        acronym, *_, domain = INSTITUTES[len(people) % len(INSTITUTES)]
        local = name.lower().replace(" ", ".").replace("'", "")
        local = (
            "".join(ch for ch in local if ch.isascii() and (ch.isalnum() or ch in ".-"))
            or f"member{i}"
        )
        people.append((f"{local}@{domain}", name, acronym))
    return people


def load() -> list[User]:
    for acronym, name, city, country, domain in INSTITUTES:
        institute, _ = Institute.objects.get_or_create(
            acronym=acronym, defaults={"name": name, "city": city, "country": country}
        )
        InstituteDomain.objects.get_or_create(domain=domain, defaults={"institute": institute})

    people = []
    for email, name, _acronym in [ADMIN, MODERATOR, *invented_people()]:
        user = _user(email, name)
        actions.admit_by_verified_email(user, email)
        people.append(user)

    admin = people[0]
    if not admin.is_superuser:
        admin.is_superuser = admin.is_staff = True
        admin.save(update_fields=["is_superuser", "is_staff"])
    people[1].groups.add(Group.objects.get(name=actions.MODERATORS_GROUP))

    applicant = _user(APPLICANT[0], APPLICANT[1])
    if (
        applicant.status == User.Status.NEW
        and not Application.objects.filter(user=applicant).exists()
    ):
        actions.apply_for_membership(
            applicant,
            affiliation="Independent researcher, formerly at a university migration centre",
            statement="I study seasonal labour migration between West Africa and southern Europe "
            "and would like to connect with colleagues working on circular migration.",
        )
    return [User.objects.get(pk=p.pk) for p in people]
