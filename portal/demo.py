"""Demo portal: research outputs and policy briefs, events around the institutes' time zones,
public practices and public profiles.

Idempotent: outputs and events are matched by title, and the choices of which practices and
profiles are public are made once, on the first load, so a second run keeps what you changed.
"""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from django.core.cache import cache
from django.utils import timezone

from accounts.models import Institute
from directory.models import SDG, Country, Profile, Region, Theme
from forum.models import Practice

from . import actions
from .models import Event, Output, Status

WEBSITES = {
    "UNU-GCM": "https://gcm.unu.edu",
    "UNU-MERIT": "https://www.merit.unu.edu",
    "UNU-CRIS": "https://cris.unu.edu",
    "UNU-EHS": "https://ehs.unu.edu",
    "UNU-IIGH": "https://iigh.unu.edu",
    "UNU-WIDER": "https://www.wider.unu.edu",
    "UNU-CPR": "https://cpr.unu.edu",
    "UNU Macau": "https://macau.unu.edu",
}

# kind, title, date, institutes, themes, regions, countries, SDGs, abstract, recommendations
OUTPUTS = [
    (
        "policy_brief",
        "Planning for people who move ahead of rising water",
        date(2026, 10, 14),
        ["UNU-EHS"],
        ["climate-mobility", "environmental-migration"],
        ["034"],
        ["BD"],
        [11, 13],
        "Households in low-lying districts leave in stages: one member first, the rest after "
        "the next flood. Planning that waits for a single evacuation misses most of them.",
        "Count staged departures in local registers, not only evacuations\n"
        "Give receiving towns a budget line for newcomers from flood-prone districts\n"
        "Keep land titles valid for households who leave and may return",
    ),
    (
        "policy_brief",
        "Recognising skills brought by refugees in the labour market",
        date(2026, 9, 2),
        ["UNU-MERIT", "UNU-GCM"],
        ["labour-migration-and-skills", "integration-and-inclusion"],
        ["150"],
        [],
        [8, 10],
        "Refugees with a degree often wait years for it to count. Employers and authorities "
        "can assess what people can do, not only what papers they carry.",
        "Accept skills tests where diplomas cannot be obtained\n"
        "Let people work while their qualifications are assessed\n"
        "Publish how long recognition takes, per profession",
    ),
    (
        "policy_brief",
        "Health care for migrants without papers: what cities can do",
        date(2026, 6, 20),
        ["UNU-IIGH"],
        ["access-to-health-care", "migrant-health"],
        ["035"],
        ["MY", "TH"],
        [3],
        "Clinics that do not share patient data with immigration authorities see people earlier, "
        "when treatment is cheaper and infections have not spread.",
        "Separate health data from immigration enforcement by law\n"
        "Fund community health workers who speak migrants' languages",
    ),
    (
        "policy_brief",
        "Cheaper remittances through digital channels",
        date(2026, 3, 11),
        ["UNU-WIDER", "UNU-MERIT"],
        ["remittances", "digital-technology"],
        ["202"],
        ["KE", "NG"],
        [10, 17],
        "Fees on small transfers fall where mobile money and bank accounts interoperate. "
        "Rules written for cash agents keep costs high elsewhere.",
        "Let mobile money providers receive international transfers\n"
        "Report the full cost of a transfer, exchange margin included\n"
        "Track progress towards the 3 per cent cost target of SDG 10.c",
    ),
    (
        "policy_brief",
        "Regional free movement agreements that work in practice",
        date(2025, 11, 28),
        ["UNU-CRIS"],
        ["regional-integration-and-free-movement", "migration-governance-and-policy"],
        ["011", "005"],
        [],
        [16, 17],
        "Free movement protocols exist on paper in several regions. Where border officials "
        "were trained and residence permits simplified, the agreements changed daily life.",
        "Train border officials on the protocol they apply\n"
        "Issue residence permits on the spot at regional borders",
    ),
    (
        "report",
        "Climate, conflict and displacement in the Sahel: ten years of household data",
        date(2026, 8, 5),
        ["UNU-EHS", "UNU-CPR"],
        ["conflict-induced-migration", "climate-mobility"],
        ["011"],
        ["ML", "NE", "BF"],
        [13, 16],
        "Drawing on four survey waves, the report traces how drought and insecurity together "
        "shape who leaves, who stays and who returns.",
        "",
    ),
    (
        "report",
        "Cities of arrival: local integration policies compared",
        date(2026, 4, 17),
        ["UNU-GCM"],
        ["migration-and-cities", "integration-and-inclusion"],
        ["039", "155"],
        ["ES", "DE", "IT"],
        [11],
        "Twelve cities, four languages, one question: which local services make the first "
        "year easier for newcomers, and which only look good in a brochure.",
        "",
    ),
    (
        "report",
        "Migration data in the Global Compact review: gaps and options",
        date(2025, 12, 9),
        ["UNU-CPR"],
        ["global-compact-for-migration", "migration-data-and-statistics"],
        [],
        [],
        [17],
        "Countries reporting on the Global Compact rely on data that are often old or "
        "incomparable. The report lists the gaps and what it would cost to close them.",
        "",
    ),
    (
        "working_paper",
        "Return and reintegration after labour migration to the Gulf",
        date(2026, 7, 1),
        ["UNU-MERIT"],
        ["return-and-reintegration", "labour-migration-and-skills"],
        ["034", "145"],
        ["NP", "IN"],
        [8],
        "Returnees bring savings and skills, but few find work that uses them. The paper "
        "follows 1,200 workers in the year after their return.",
        "",
    ),
    (
        "working_paper",
        "Mobile phone data to estimate displacement after earthquakes",
        date(2026, 2, 23),
        ["UNU Macau", "UNU-EHS"],
        ["disaster-displacement", "digital-technology"],
        ["145"],
        [],
        [11, 17],
        "Aggregated, anonymised call records gave displacement estimates within days, close "
        "to the figures surveys produced weeks later.",
        "",
    ),
    (
        "article",
        "Public opinion on migration and the media: evidence from five countries",
        date(2025, 10, 15),
        ["UNU-GCM"],
        ["xenophobia-and-public-opinion", "media-and-intercultural-dialogue"],
        ["150"],
        [],
        [10, 16],
        "Attitudes moved less than headlines suggest. Local contact mattered more than national "
        "news coverage.",
        "",
    ),
    (
        "dataset",
        "Internal migration flows by district, 2000 to 2025",
        date(2026, 5, 30),
        ["UNU-WIDER"],
        ["internal-migration", "migration-data-and-statistics"],
        ["202", "034"],
        [],
        [11],
        "District-level estimates of internal moves for 14 countries, harmonised from censuses "
        "and household surveys, with documentation of every source.",
        "",
    ),
    (
        "book",
        "Migration and health across the life course",
        date(2025, 9, 1),
        ["UNU-IIGH", "UNU-GCM"],
        ["migrant-health", "families-care-and-ageing"],
        [],
        [],
        [3, 5],
        "An edited volume on how migration shapes health from childhood to old age, with "
        "chapters from researchers in eleven countries.",
        "",
    ),
]

# kind, title, start offset in days from now, local start hour, hours, time zone, place,
# online link, institutes, themes, capacity, registration link, description
EVENTS = [
    (
        "conference",
        "Annual conference of the Migration Network",
        40,
        9,
        56,
        "Europe/Brussels",
        "Bruges, Belgium",
        "",
        ["UNU-CRIS", "UNU-GCM"],
        ["migration-governance-and-policy"],
        120,
        "",
        "Three days of panels on regional cooperation, with a session for stakeholders on the "
        "network's policy briefs.",
    ),
    (
        "webinar",
        "Webinar: counting people displaced by disasters",
        9,
        15,
        2,
        "Europe/Berlin",
        "",
        "https://meet.example.org/displacement-data",
        ["UNU-EHS"],
        ["disaster-displacement", "migration-data-and-statistics"],
        300,
        "",
        "How survey, administrative and mobile phone data can be combined, and where they fail.",
    ),
    (
        "seminar",
        "Seminar on migrant health in South-East Asia",
        16,
        14,
        3,
        "Asia/Kuala_Lumpur",
        "Kuala Lumpur, Malaysia",
        "",
        ["UNU-IIGH"],
        ["migrant-health", "access-to-health-care"],
        2,
        "",
        "Clinicians and researchers discuss access to care for workers without papers.",
    ),
    (
        "symposium",
        "Symposium: remittances, technology and inclusion",
        70,
        10,
        7,
        "Europe/Helsinki",
        "Helsinki, Finland",
        "https://meet.example.org/remittances",
        ["UNU-WIDER", "UNU-MERIT"],
        ["remittances", "digital-technology"],
        None,
        "https://events.example.org/remittances-symposium",
        "Researchers, regulators and providers on the cost of sending money home.",
    ),
    (
        "network_meeting",
        "Network meeting of the institutes' migration teams",
        -1,
        9,
        55,
        "America/New_York",
        "New York, United States",
        "https://meet.example.org/network-meeting",
        ["UNU-CPR", "UNU-GCM", "UNU-EHS", "UNU-MERIT"],
        [],
        None,
        "",
        "The institutes plan joint work for next year and review the research agenda.",
    ),
    (
        "seminar",
        "Seminar: digital traces of migration",
        0,
        0,
        14 * 24,
        "Asia/Macau",
        "",
        "https://meet.example.org/digital-traces",
        ["UNU Macau"],
        ["digital-technology"],
        None,
        "",
        "An online seminar series over two weeks: one talk every working day, recorded.",
    ),
    (
        "conference",
        "Conference on cities of arrival",
        -45,
        9,
        32,
        "Europe/Madrid",
        "Barcelona, Spain",
        "",
        ["UNU-GCM"],
        ["migration-and-cities", "integration-and-inclusion"],
        None,
        "",
        "Mayors' offices and researchers compared what helps newcomers in their first year.",
    ),
    (
        "webinar",
        "Webinar: the Global Compact review and data",
        -20,
        11,
        2,
        "America/New_York",
        "",
        "https://meet.example.org/gcm-review",
        ["UNU-CPR"],
        ["global-compact-for-migration"],
        None,
        "",
        "What countries reported, and what the data can and cannot show.",
    ),
    (
        "symposium",
        "Symposium on skills and labour mobility",
        -90,
        13,
        5,
        "Europe/Amsterdam",
        "Maastricht, the Netherlands",
        "",
        ["UNU-MERIT"],
        ["labour-migration-and-skills"],
        None,
        "",
        "Recognition of qualifications, skills partnerships and the employers' view.",
    ),
]

# A policy brief written in French and its English translation, linked to each other.
TRANSLATED_BRIEF = {
    "fr": (
        "Les villes sahéliennes face aux départs saisonniers",
        "Chaque saison sèche, des jeunes quittent les villages du Sahel pour les villes "
        "côtières et reviennent avec les pluies. Les municipalités qui les comptent peuvent "
        "adapter l'eau, le logement et l'emploi à ces allers-retours.",
        "Compter les départs saisonniers dans les registres communaux\n"
        "Ouvrir des logements temporaires dans les quartiers d'arrivée\n"
        "Faciliter l'envoi d'argent vers les villages d'origine",
    ),
    "en": (
        "Sahelian cities and seasonal departures",
        "Every dry season, young people leave Sahel villages for coastal cities and return "
        "with the rains. Municipalities that count them can fit water, housing and work to "
        "these round trips.",
        "Count seasonal departures in municipal registers\n"
        "Open temporary housing in the neighbourhoods people arrive in\n"
        "Make it easy to send money home to the villages",
    ),
}

EXTERNAL_AUTHORS = ["Nora Lindqvist", "Tariq Benali", "Ana Paula Ribeiro", "Chen Wei-Lun"]


def _start(days: int, hour: int, zone_name: str) -> datetime:
    zone = ZoneInfo(zone_name)
    day = (timezone.now().astimezone(zone) + timedelta(days=days)).date()
    return datetime(day.year, day.month, day.day, hour, tzinfo=zone)


def _institutes(acronyms):
    return list(Institute.objects.filter(acronym__in=acronyms))


def _translated_brief(moderator, colleagues) -> None:
    """The French brief, then its English translation naming it as the original."""
    original = None
    for language, (title, abstract, advice) in TRANSLATED_BRIEF.items():
        found = Output.objects.filter(title=title).first()
        if found is None:
            found = actions.save_output(
                colleagues[0],
                Output(
                    kind=Output.Kind.POLICY_BRIEF,
                    title=title,
                    language=language,
                    translation_of=original,
                    date=date(2026, 11, 5),
                    abstract=abstract,
                    recommendations=advice,
                ),
                relations={
                    "institutes": _institutes(["UNU-CRIS", "UNU-GCM"]),
                    "themes": Theme.objects.filter(slug__in=["internal-migration", "remittances"]),
                    "regions": Region.objects.filter(code__in=["011"]),
                    "countries": Country.objects.filter(code__in=["ML", "SN"]),
                    "sdgs": SDG.objects.filter(number__in=[11]),
                },
                authors=[colleagues[0], "Aïssata Diallo"],
                submit=True,
            )
            actions.review(moderator, found, Status.PUBLISHED)
        original = original or found


def load(people) -> None:
    moderator, *members = people[1:]
    first_load = not Output.objects.filter(title=OUTPUTS[0][1]).exists()
    for acronym, website in WEBSITES.items():
        Institute.objects.filter(acronym=acronym, website="").update(website=website)
    by_institute = {}
    for person in members:
        by_institute.setdefault(person.institute.acronym if person.institute else "", []).append(
            person
        )
    for number, row in enumerate(OUTPUTS):
        kind, title, day, acronyms, themes, regions, countries, sdgs, abstract, advice = row
        if Output.objects.filter(title=title).exists():
            continue
        colleagues = by_institute.get(acronyms[0]) or members
        submitter = colleagues[number % len(colleagues)]
        authors = [submitter, EXTERNAL_AUTHORS[number % len(EXTERNAL_AUTHORS)]]
        if len(colleagues) > 1:
            authors.insert(1, colleagues[(number + 1) % len(colleagues)])
        output = actions.save_output(
            submitter,
            Output(
                kind=kind,
                title=title,
                date=day,
                abstract=abstract,
                recommendations=advice,
                doi=f"10.99999/mn.demo.{number + 1}",
            ),
            relations={
                "institutes": _institutes(acronyms),
                "themes": Theme.objects.filter(slug__in=themes),
                "regions": Region.objects.filter(code__in=regions),
                "countries": Country.objects.filter(code__in=countries),
                "sdgs": SDG.objects.filter(number__in=sdgs),
            },
            authors=authors,
            submit=True,
        )
        actions.review(moderator, output, Status.PUBLISHED)
    _translated_brief(moderator, by_institute.get("UNU-CRIS") or members)
    for row in EVENTS:
        (kind, title, days, hour, hours, zone, place, online, acronyms, themes, capacity,
         link, description) = row  # fmt: skip
        if Event.objects.filter(title=title).exists():
            continue
        colleagues = by_institute.get(acronyms[0]) or members
        start = _start(days, hour, zone)
        event = actions.save_event(
            colleagues[0],
            Event(
                kind=kind,
                title=title,
                start=start,
                end=start + timedelta(hours=hours),
                time_zone=zone,
                place=place,
                online_url=online,
                description=description,
                capacity=capacity,
                registration_url=link,
            ),
            relations={
                "institutes": _institutes(acronyms),
                "themes": Theme.objects.filter(slug__in=themes),
            },
            submit=True,
        )
        actions.review(moderator, event, Status.PUBLISHED)
    proposal = "Workshop on statelessness and civil registration"
    if not Event.objects.filter(title=proposal).exists():
        start = _start(60, 10, "Europe/Brussels")
        actions.save_event(
            members[1],
            Event(
                kind=Event.Kind.SEMINAR,
                title=proposal,
                start=start,
                end=start + timedelta(hours=4),
                time_zone="Europe/Brussels",
                place="Bruges, Belgium",
                description="A proposal awaiting a moderator's review.",
            ),
            relations={},
            submit=True,
        )
    if first_load:
        for practice in Practice.objects.curated().select_related("thread"):
            actions.set_practice_public(moderator, practice, True)
        # one or two public profiles in each institute, the demo logins' own left as they are
        logins = {"amina.haddad@gcm.unu.example", "tomas.okonkwo@ehs.unu.example"}
        public = [
            person.pk
            for people_there in by_institute.values()
            for person in [one for one in people_there if one.email not in logins][1:3]
        ]
        Profile.objects.filter(user_id__in=public).update(visibility=Profile.Visibility.PUBLIC)
    cache.clear()  # the demo's writes counted against rate limits; members start afresh
