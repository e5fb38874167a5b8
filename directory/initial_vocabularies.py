"""The network's controlled vocabularies as first loaded: themes, methods, SDGs, regions, groups.

``sync(apps)`` creates or updates the rows (it runs in a data migration and may run again); admins
edit the rows afterwards. Labels are wrapped in ``gettext_noop`` so that ``makemessages`` collects
them; the models translate them when displayed. Countries and languages come from the CSV files in
``directory/data/`` (ISO 3166-1 with UN M49 sub-regions; ISO 639-1).
"""

import csv
from pathlib import Path

from django.utils.translation import gettext_noop as _

DATA_DIR = Path(__file__).resolve().parent / "data"

# (slug, label, [(slug, label), ...]): the seven focus areas and their leaf themes.
THEMES = [
    (
        "forced-migration",
        _("Forced migration"),
        [
            ("forced-migration-and-displacement", _("Forced migration and displacement")),
            ("refugees-and-asylum", _("Refugees and asylum")),
            ("internal-displacement", _("Internal displacement (IDPs)")),
            ("conflict-induced-migration", _("Conflict-induced migration")),
            ("statelessness", _("Statelessness")),
            ("environmental-migration", _("Environmental migration")),
            ("climate-mobility", _("Climate mobility")),
            ("disaster-displacement", _("Disaster displacement")),
            ("human-security", _("Human security")),
        ],
    ),
    (
        "migration-and-health",
        _("Migration and health"),
        [
            ("migrant-health", _("Migrant health")),
            ("mental-health", _("Mental health and psychosocial wellbeing")),
            ("access-to-health-care", _("Access to health care and universal health coverage")),
            ("climate-migration-and-health", _("Climate, migration and health")),
        ],
    ),
    (
        "migration-and-culture",
        _("Migration and culture"),
        [
            ("integration-and-inclusion", _("Integration and inclusion")),
            ("diasporas", _("Diasporas and diaspora engagement")),
            ("transnationalism", _("Transnationalism")),
            ("xenophobia-and-public-opinion", _("Xenophobia, discrimination and public opinion")),
            ("media-and-intercultural-dialogue", _("Media and intercultural dialogue")),
            ("citizenship-and-participation", _("Citizenship and political participation")),
            ("education-and-youth", _("Education, youth and international students")),
            ("families-care-and-ageing", _("Families, care and ageing")),
        ],
    ),
    (
        "migration-governance",
        _("Migration governance and policy"),
        [
            ("migration-governance-and-policy", _("Migration governance and policy")),
            ("global-compact-for-migration", _("Global Compact for Migration")),
            ("regional-integration-and-free-movement", _("Regional integration and free movement")),
            ("migration-law", _("Migration law and legal frameworks")),
            ("irregular-migration-and-transit", _("Irregular migration and transit")),
            ("migrant-smuggling", _("Migrant smuggling")),
            (
                "human-trafficking",
                _("Human trafficking, forced labour and modern slavery (SDG 8.7)"),
            ),
            ("migration-and-corruption", _("Migration and corruption")),
        ],
    ),
    (
        "migration-and-development",
        _("Migration and development"),
        [
            ("migration-and-development-nexus", _("Migration and development")),
            ("labour-migration-and-skills", _("Labour migration and skills")),
            ("remittances", _("Remittances (financial and social)")),
            ("return-and-reintegration", _("Return and reintegration")),
            ("circular-and-temporary-migration", _("Circular and temporary migration")),
            ("poverty-and-inequality", _("Poverty and inequality")),
            ("south-south-migration", _("South-South migration")),
            ("social-protection", _("Social protection")),
        ],
    ),
    (
        "places-and-mobility",
        _("Places and mobility"),
        [
            ("internal-migration", _("Internal migration and rural-urban mobility")),
            ("migration-and-cities", _("Migration and cities / urbanisation")),
        ],
    ),
    (
        "data-and-technology",
        _("Data and technology"),
        [
            ("migration-data-and-statistics", _("Migration data and statistics")),
            ("digital-technology", _("Digital technology and migration")),
            ("gender-and-migration", _("Gender and migration")),
            ("migration-and-the-sdgs", _("Migration and the SDGs")),
        ],
    ),
]

METHODS = [
    ("census-and-household-surveys", _("Census and household surveys")),
    ("administrative-data", _("Administrative and register data")),
    ("digital-trace-data", _("Digital trace data (mobile phone, social media, online search)")),
    ("remote-sensing-and-gis", _("Remote sensing and GIS")),
    ("econometrics", _("Econometrics and gravity models")),
    ("impact-evaluation", _("Impact evaluation")),
    ("forecasting-and-scenarios", _("Forecasting and scenarios")),
    ("policy-indices", _("Policy indices")),
    ("qualitative-interviews", _("Qualitative interviews")),
    ("ethnography", _("Ethnography")),
    ("multi-sited-research", _("Multi-sited research")),
    ("participatory-research", _("Participatory research")),
    ("comparative-case-studies", _("Comparative case studies")),
    ("legal-and-policy-analysis", _("Legal and policy analysis")),
    ("mixed-methods", _("Mixed methods")),
]

SDGS = [
    (1, _("No poverty")),
    (2, _("Zero hunger")),
    (3, _("Good health and well-being")),
    (4, _("Quality education")),
    (5, _("Gender equality")),
    (6, _("Clean water and sanitation")),
    (7, _("Affordable and clean energy")),
    (8, _("Decent work and economic growth")),
    (9, _("Industry, innovation and infrastructure")),
    (10, _("Reduced inequalities")),
    (11, _("Sustainable cities and communities")),
    (12, _("Responsible consumption and production")),
    (13, _("Climate action")),
    (14, _("Life below water")),
    (15, _("Life on land")),
    (16, _("Peace, justice and strong institutions")),
    (17, _("Partnerships for the goals")),
]

# (M49 code, label, kind, parent code): regions, sub-regions (incl. the two intermediate
# groupings Sub-Saharan Africa and Latin America and the Caribbean), groups and "Global".
REGIONS = [
    ("002", _("Africa"), "region", None),
    ("019", _("Americas"), "region", None),
    ("142", _("Asia"), "region", None),
    ("150", _("Europe"), "region", None),
    ("009", _("Oceania"), "region", None),
    ("010", _("Antarctica"), "region", None),
    ("015", _("Northern Africa"), "subregion", "002"),
    ("202", _("Sub-Saharan Africa"), "subregion", "002"),
    ("014", _("Eastern Africa"), "subregion", "202"),
    ("017", _("Middle Africa"), "subregion", "202"),
    ("018", _("Southern Africa"), "subregion", "202"),
    ("011", _("Western Africa"), "subregion", "202"),
    ("021", _("Northern America"), "subregion", "019"),
    ("419", _("Latin America and the Caribbean"), "subregion", "019"),
    ("029", _("Caribbean"), "subregion", "419"),
    ("013", _("Central America"), "subregion", "419"),
    ("005", _("South America"), "subregion", "419"),
    ("143", _("Central Asia"), "subregion", "142"),
    ("030", _("Eastern Asia"), "subregion", "142"),
    ("035", _("South-eastern Asia"), "subregion", "142"),
    ("034", _("Southern Asia"), "subregion", "142"),
    ("145", _("Western Asia"), "subregion", "142"),
    ("151", _("Eastern Europe"), "subregion", "150"),
    ("154", _("Northern Europe"), "subregion", "150"),
    ("039", _("Southern Europe"), "subregion", "150"),
    ("155", _("Western Europe"), "subregion", "150"),
    ("053", _("Australia and New Zealand"), "subregion", "009"),
    ("054", _("Melanesia"), "subregion", "009"),
    ("057", _("Micronesia"), "subregion", "009"),
    ("061", _("Polynesia"), "subregion", "009"),
    ("199", _("Least Developed Countries (LDC)"), "group", None),
    ("432", _("Landlocked Developing Countries (LLDC)"), "group", None),
    ("722", _("Small Island Developing States (SIDS)"), "group", None),
    ("001", _("Global / multi-regional"), "global", None),
]

# Group membership (ISO alpha-2), from the UN-OHRLLS lists. LDC: the 44 countries on the list
# after São Tomé and Príncipe graduated in December 2024 (Bangladesh, Lao PDR and Nepal are
# scheduled to graduate in November 2026; admins update the rows when the list changes).
GROUP_MEMBERS = {
    "199": (
        "AO BJ BF BI CF TD KM CD DJ ER ET GM GN GW LS LR MG MW ML MR MZ NE RW SN SL SO SS SD TG "
        "UG TZ ZM AF BD KH LA MM NP TL YE HT KI SB TV"
    ),
    "432": (
        "AF AM AZ BT BO BW BF BI CF TD SZ ET KZ KG LA LS MW ML MN NP NE MK PY MD RW SS TJ TM UG "
        "UZ ZM ZW"
    ),
    "722": (
        "AG BS BB BZ CV KM CK CU DM DO FJ GD GW GY HT JM KI MV MH FM MU NR NU PW PG KN LC VC WS "
        "ST SC SG SB SR TL TO TT TV VU AS AI AW BM VG KY CW PF GP GU MQ MS NC MP PR SX TC VI TK"
    ),
}


def read_csv(name: str) -> list[dict]:
    with (DATA_DIR / name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def sync(apps) -> None:
    """Create or update every vocabulary row; uses only fields of the first migration."""
    Theme = apps.get_model("directory", "Theme")
    Method = apps.get_model("directory", "Method")
    SDG = apps.get_model("directory", "SDG")
    Region = apps.get_model("directory", "Region")
    Country = apps.get_model("directory", "Country")
    Language = apps.get_model("directory", "Language")

    for area_order, (slug, name, children) in enumerate(THEMES):
        area, _created = Theme.objects.update_or_create(
            slug=slug, defaults={"name": name, "parent": None, "order": area_order}
        )
        for order, (child_slug, child_name) in enumerate(children):
            Theme.objects.update_or_create(
                slug=child_slug, defaults={"name": child_name, "parent": area, "order": order}
            )
    for order, (slug, name) in enumerate(METHODS):
        Method.objects.update_or_create(slug=slug, defaults={"name": name, "order": order})
    for number, name in SDGS:
        SDG.objects.update_or_create(number=number, defaults={"name": name})

    regions = {}
    for order, (code, name, kind, parent_code) in enumerate(REGIONS):
        regions[code], _created = Region.objects.update_or_create(
            code=code,
            defaults={
                "name": name,
                "kind": kind,
                "parent": regions[parent_code] if parent_code else None,
                "order": order,
            },
        )
    countries = {}
    for row in read_csv("countries.csv"):
        countries[row["iso2"]], _created = Country.objects.update_or_create(
            code=row["iso2"],
            defaults={
                "iso3": row["iso3"],
                "m49": row["m49"],
                "name": row["name"],
                "subregion": regions[row["subregion_m49"]],
            },
        )
    for group_code, members in GROUP_MEMBERS.items():
        regions[group_code].group_countries.set([countries[code] for code in members.split()])
    for row in read_csv("languages.csv"):
        Language.objects.update_or_create(code=row["code"], defaults={"name": row["name"]})
