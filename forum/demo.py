"""Demo forum content: categories, discussions with nested replies, an initiative with its
private workspace, practices.

Idempotent: categories are matched by slug and threads by title, so a second run adds nothing.
"""

from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile

from accounts.models import Institute
from attachments.forms import prepare
from directory.models import SDG, Method, Theme

from . import actions
from .models import Category, Initiative, Participation, Practice, Thread

CATEGORIES = [
    ("announcements", "Announcements", "News from the network's coordinators.", True),
    ("general", "General discussion", "Questions, ideas and news from members.", False),
    ("initiatives", "Initiatives", "Joint proposals looking for partners.", False),
    (
        "practices",
        "Good practices",
        "Local practices that worked, for others to learn from.",
        False,
    ),
    (
        "methods",
        "Methods and data",
        "Data sources, tools and methods for migration research.",
        False,
    ),
]


def _categories() -> dict[str, Category]:
    found = {}
    for order, (slug, name, description, moderators_only) in enumerate(CATEGORIES):
        found[slug], _created = Category.objects.get_or_create(
            slug=slug,
            defaults={
                "name": name,
                "description": description,
                "order": order,
                "moderators_only": moderators_only,
            },
        )
    return found


ROUNDS_CSV = (
    "country,survey,rounds,last_round\n"
    "Burkina Faso,EHCVM,2,2022\n"
    "Mali,LSMS-ISA,3,2021\n"
    "Niger,LSMS-ISA,4,2022\n"
    "Nigeria,LSMS-ISA,5,2023\n"
)


def _note_pdf(title: str, lines: list[str]) -> bytes:
    """A one-page PDF of a few lines of text, written by hand (a demo attachment)."""
    text = " ".join(f"({line}) Tj 0 -18 Td" for line in [title, "", *lines] if "(" not in line)
    stream = f"BT /F1 12 Tf 72 760 Td {text} ET".encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


def _demo_files() -> list:
    note = _note_pdf(
        "Climate mobility in the Sahel: data note",
        [
            "LSMS-ISA panels joined with rainfall anomalies (CHIRPS), 2010-2023.",
            "Code and variable list on request.",
        ],
    )
    return [
        prepare(SimpleUploadedFile("sahel-data-note.pdf", note, "application/pdf")),
        prepare(SimpleUploadedFile("lsms-isa-rounds.csv", ROUNDS_CSV.encode(), "text/csv")),
    ]


def _exists(title: str) -> bool:
    return Thread.objects.filter(title=title).exists()


def load(people) -> None:
    moderator, amina, tomas, *others = people[1:]
    leila, kwame, ingrid = others[:3]
    categories = _categories()

    title = "Welcome to the network forum"
    if not _exists(title):
        actions.create_thread(
            moderator,
            category=categories["announcements"],
            title=title,
            body="Welcome! Start discussions in **General discussion**, propose joint work in "
            "**Initiatives**, and share what worked in **Good practices**.\n\n"
            "Mention a colleague with `@[Their Name]`; they will be notified.",
        )

    title = "Data sources on climate mobility in the Sahel"
    if not _exists(title):
        thread = actions.create_thread(
            amina,
            category=categories["methods"],
            title=title,
            body="Which data sources do you use for climate-related mobility in the Sahel? "
            "I am comparing household surveys with mobile phone data.",
        )
        opening = thread.posts.get(position=1)
        first = actions.reply(
            tomas,
            thread,
            "We combine the LSMS-ISA panels with rainfall anomalies. Happy to share code; "
            "our data note and the survey rounds are attached.",
            reply_to=opening,
            files=_demo_files(),
        )
        second = actions.reply(
            leila,
            thread,
            f"@[{amina.display_name}] have you looked at displacement tracking data too?",
            reply_to=first,
        )
        actions.reply(
            amina,
            thread,
            "Yes: it is good for sudden-onset events, less for slow-onset drought.",
            reply_to=second,
        )
        actions.reply(kwame, thread, "| Source | Coverage |\n|---|---|\n| LSMS-ISA | 8 countries |")

    title = "Joint survey on remittances and climate adaptation"
    if not _exists(title):
        initiative = actions.propose_initiative(
            amina,
            category=categories["initiatives"],
            title=title,
            summary="A coordinated household survey in three countries on how remittances "
            "finance adaptation to climate change.",
            objectives="- A shared questionnaire\n- Fieldwork in 2027\n- A joint policy brief",
            institutes=list(Institute.objects.filter(acronym__in=["UNU-GCM", "UNU-EHS"])),
            thread_vocab={"themes": Theme.objects.filter(slug__in=["remittances"])},
            sdgs=SDG.objects.filter(number__in=[10, 13]),
            sought_themes=Theme.objects.filter(slug__in=["climate-mobility", "remittances"]),
            sought_methods=Method.objects.filter(slug="census-and-household-surveys"),
        )
        actions.change_initiative_status(amina, initiative, Initiative.Status.DISCUSSION)
        actions.join_initiative(tomas, initiative, Participation.Kind.PARTICIPANT)
        actions.join_initiative(ingrid, initiative, Participation.Kind.INTERESTED)
    _workspace(amina, tomas, leila)

    practices = [
        (
            "Municipal welcome desks for newly arrived families",
            "Barcelona",
            "UNU-GCM",
            "One desk in each district hall answers questions on schooling, health cards "
            "and registration in six languages.",
            "Volunteers from earlier arrivals staff the desks with social workers.",
            True,
        ),
        (
            "Early warning by text message before seasonal floods",
            "Sylhet, Bangladesh",
            "UNU-EHS",
            "Households at risk receive a text message three days before expected floods, "
            "with the nearest shelter.",
            "Messages in the local dialect, tested with community leaders.",
            False,
        ),
    ]
    for title, place, acronym, summary, worked, featured in practices:
        if _exists(title):
            continue
        practice = actions.submit_practice(
            tomas if featured else amina,
            category=categories["practices"],
            title=title,
            summary=summary,
            what_worked=worked,
            place=place,
            institute=Institute.objects.filter(acronym=acronym).first(),
        )
        actions.review_practice(moderator, practice, Practice.Status.CURATED, featured=featured)
    title = "Language cafés run by students"
    if not _exists(title):
        actions.submit_practice(
            kwame,
            category=categories["practices"],
            title=title,
            summary="Weekly informal conversation sessions pairing students with newcomers.",
            what_worked="Fixed time and place; no registration needed.",
            place="Maastricht",
        )
    cache.clear()  # the demo's writes counted against rate limits; members start afresh


def _workspace(amina, tomas, leila) -> None:
    """The survey's private workspace: a thread under embargo, Tomás in it, Leila invited."""
    title = "Questionnaire draft (under embargo)"
    initiative = Initiative.objects.filter(
        thread__title="Joint survey on remittances and climate adaptation"
    ).first()
    if initiative is None or _exists(title):
        return
    workspace = actions.open_workspace(amina, initiative)
    thread = actions.start_workspace_thread(
        amina,
        workspace,
        title=title,
        body="The first draft of the shared questionnaire, for the team only until the funder "
        "has seen it. Sections: household, remittances received, adaptation spending.",
    )
    actions.reply(tomas, thread, "Section 3 needs a recall period; I suggest twelve months.")
    actions.invite(amina, workspace, leila)
