"""The network's controlled vocabularies, as they were first loaded; admins edit the rows afterwards
and a later change to the vocabularies is a migration of its own.

Frozen: everything this migration needs is here, whatever the application's code becomes. Labels
are wrapped in ``gettext_noop`` so that ``makemessages`` collects them; the models translate them
when displayed (country and language names are listed for it in
``directory/country_and_language_names.py``).
Countries: ISO 3166-1 with UN M49 sub-regions; languages: ISO 639-1.
"""

import csv
import io

from django.db import migrations
from django.utils.translation import gettext_noop as _

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


COUNTRIES_CSV = """\
iso2,iso3,m49,name,subregion_m49
AF,AFG,004,Afghanistan,034
AX,ALA,248,Åland Islands,154
AL,ALB,008,Albania,039
DZ,DZA,012,Algeria,015
AS,ASM,016,American Samoa,061
AD,AND,020,Andorra,039
AO,AGO,024,Angola,017
AI,AIA,660,Anguilla,029
AQ,ATA,010,Antarctica,010
AG,ATG,028,Antigua and Barbuda,029
AR,ARG,032,Argentina,005
AM,ARM,051,Armenia,145
AW,ABW,533,Aruba,029
AU,AUS,036,Australia,053
AT,AUT,040,Austria,155
AZ,AZE,031,Azerbaijan,145
BS,BHS,044,Bahamas,029
BH,BHR,048,Bahrain,145
BD,BGD,050,Bangladesh,034
BB,BRB,052,Barbados,029
BY,BLR,112,Belarus,151
BE,BEL,056,Belgium,155
BZ,BLZ,084,Belize,013
BJ,BEN,204,Benin,011
BM,BMU,060,Bermuda,021
BT,BTN,064,Bhutan,034
BO,BOL,068,Bolivia,005
BQ,BES,535,"Bonaire, Sint Eustatius and Saba",029
BA,BIH,070,Bosnia and Herzegovina,039
BW,BWA,072,Botswana,018
BV,BVT,074,Bouvet Island,005
BR,BRA,076,Brazil,005
IO,IOT,086,British Indian Ocean Territory,014
VG,VGB,092,British Virgin Islands,029
BN,BRN,096,Brunei Darussalam,035
BG,BGR,100,Bulgaria,151
BF,BFA,854,Burkina Faso,011
BI,BDI,108,Burundi,014
CV,CPV,132,Cabo Verde,011
KH,KHM,116,Cambodia,035
CM,CMR,120,Cameroon,017
CA,CAN,124,Canada,021
KY,CYM,136,Cayman Islands,029
CF,CAF,140,Central African Republic,017
TD,TCD,148,Chad,017
CL,CHL,152,Chile,005
CN,CHN,156,China,030
CX,CXR,162,Christmas Island,053
CC,CCK,166,Cocos (Keeling) Islands,053
CO,COL,170,Colombia,005
KM,COM,174,Comoros,014
CG,COG,178,Congo Republic,017
CK,COK,184,Cook Islands,061
CR,CRI,188,Costa Rica,013
CI,CIV,384,Côte d'Ivoire,011
HR,HRV,191,Croatia,039
CU,CUB,192,Cuba,029
CW,CUW,531,Curaçao,029
CY,CYP,196,Cyprus,145
CZ,CZE,203,Czechia,151
DK,DNK,208,Denmark,154
DJ,DJI,262,Djibouti,014
DM,DMA,212,Dominica,029
DO,DOM,214,Dominican Republic,029
CD,COD,180,DR Congo,017
EC,ECU,218,Ecuador,005
EG,EGY,818,Egypt,015
SV,SLV,222,El Salvador,013
GQ,GNQ,226,Equatorial Guinea,017
ER,ERI,232,Eritrea,014
EE,EST,233,Estonia,154
SZ,SWZ,748,Eswatini,018
ET,ETH,231,Ethiopia,014
FO,FRO,234,Faroe Islands,154
FK,FLK,238,Falkland Islands,005
FJ,FJI,242,Fiji,054
FI,FIN,246,Finland,154
FR,FRA,250,France,155
GF,GUF,254,French Guiana,005
PF,PYF,258,French Polynesia,061
TF,ATF,260,French Southern Territories,014
GA,GAB,266,Gabon,017
GM,GMB,270,Gambia,011
GE,GEO,268,Georgia,145
DE,DEU,276,Germany,155
GH,GHA,288,Ghana,011
GI,GIB,292,Gibraltar,039
GR,GRC,300,Greece,039
GL,GRL,304,Greenland,021
GD,GRD,308,Grenada,029
GP,GLP,312,Guadeloupe,029
GU,GUM,316,Guam,057
GT,GTM,320,Guatemala,013
GG,GGY,831,Guernsey,154
GN,GIN,324,Guinea,011
GW,GNB,624,Guinea-Bissau,011
GY,GUY,328,Guyana,005
HT,HTI,332,Haiti,029
HM,HMD,334,Heard Island and McDonald Islands,053
HN,HND,340,Honduras,013
HK,HKG,344,Hong Kong,030
HU,HUN,348,Hungary,151
IS,ISL,352,Iceland,154
IN,IND,356,India,034
ID,IDN,360,Indonesia,035
IR,IRN,364,Iran,034
IQ,IRQ,368,Iraq,145
IE,IRL,372,Ireland,154
IM,IMN,833,Isle of Man,154
IL,ISR,376,Israel,145
IT,ITA,380,Italy,039
JM,JAM,388,Jamaica,029
JP,JPN,392,Japan,030
JE,JEY,832,Jersey,154
JO,JOR,400,Jordan,145
KZ,KAZ,398,Kazakhstan,143
KE,KEN,404,Kenya,014
KI,KIR,296,Kiribati,057
XK,XKX,412,Kosovo,039
KW,KWT,414,Kuwait,145
KG,KGZ,417,Kyrgyzstan,143
LA,LAO,418,Laos,035
LV,LVA,428,Latvia,154
LB,LBN,422,Lebanon,145
LS,LSO,426,Lesotho,018
LR,LBR,430,Liberia,011
LY,LBY,434,Libya,015
LI,LIE,438,Liechtenstein,155
LT,LTU,440,Lithuania,154
LU,LUX,442,Luxembourg,155
MO,MAC,446,Macau,030
MK,MKD,807,North Macedonia,039
MG,MDG,450,Madagascar,014
MW,MWI,454,Malawi,014
MY,MYS,458,Malaysia,035
MV,MDV,462,Maldives,034
ML,MLI,466,Mali,011
MT,MLT,470,Malta,039
MH,MHL,584,Marshall Islands,057
MQ,MTQ,474,Martinique,029
MR,MRT,478,Mauritania,011
MU,MUS,480,Mauritius,014
YT,MYT,175,Mayotte,014
MX,MEX,484,Mexico,013
FM,FSM,583,Micronesia (Federated States of),057
MD,MDA,498,Moldova,151
MC,MCO,492,Monaco,155
MN,MNG,496,Mongolia,030
ME,MNE,499,Montenegro,039
MS,MSR,500,Montserrat,029
MA,MAR,504,Morocco,015
MZ,MOZ,508,Mozambique,014
MM,MMR,104,Myanmar,035
NA,NAM,516,Namibia,018
NR,NRU,520,Nauru,061
NP,NPL,524,Nepal,034
NL,NLD,528,Netherlands,155
NC,NCL,540,New Caledonia,054
NZ,NZL,554,New Zealand,053
NI,NIC,558,Nicaragua,013
NE,NER,562,Niger,011
NG,NGA,566,Nigeria,011
NU,NIU,570,Niue,061
NF,NFK,574,Norfolk Island,053
KP,PRK,408,North Korea,030
MP,MNP,580,Northern Mariana Islands,057
NO,NOR,578,Norway,154
OM,OMN,512,Oman,145
PK,PAK,586,Pakistan,034
PW,PLW,585,Palau,057
PS,PSE,275,Palestine,145
PA,PAN,591,Panama,013
PG,PNG,598,Papua New Guinea,054
PY,PRY,600,Paraguay,005
PE,PER,604,Peru,005
PH,PHL,608,Philippines,035
PN,PCN,612,Pitcairn,061
PL,POL,616,Poland,151
PT,PRT,620,Portugal,039
PR,PRI,630,Puerto Rico,029
QA,QAT,634,Qatar,145
RE,REU,638,Réunion,014
RO,ROU,642,Romania,151
RU,RUS,643,Russia,151
RW,RWA,646,Rwanda,014
MF,MAF,663,Saint Martin (French part),029
WS,WSM,882,Samoa,061
SM,SMR,674,San Marino,039
ST,STP,678,Sao Tome and Principe,017
SA,SAU,682,Saudi Arabia,145
SN,SEN,686,Senegal,011
RS,SRB,688,Serbia,039
SC,SYC,690,Seychelles,014
SL,SLE,694,Sierra Leone,011
SG,SGP,702,Singapore,035
SX,SXM,534,Sint Maarten,029
SK,SVK,703,Slovakia,151
SI,SVN,705,Slovenia,039
SB,SLB,090,Solomon Islands,054
SO,SOM,706,Somalia,014
ZA,ZAF,710,South Africa,018
GS,SGS,239,South Georgia and the South Sandwich Islands,005
KR,KOR,410,South Korea,030
SS,SSD,728,South Sudan,014
ES,ESP,724,Spain,039
LK,LKA,144,Sri Lanka,034
BL,BLM,652,Saint Barthélemy,029
SH,SHN,654,Saint Helena,011
KN,KNA,659,Saint Kitts and Nevis,029
LC,LCA,662,Saint Lucia,029
PM,SPM,666,Saint Pierre and Miquelon,021
VC,VCT,670,Saint Vincent and the Grenadines,029
SD,SDN,729,Sudan,015
SR,SUR,740,Suriname,005
SJ,SJM,744,Svalbard and Jan Mayen Islands,154
SE,SWE,752,Sweden,154
CH,CHE,756,Switzerland,155
SY,SYR,760,Syria,145
TW,TWN,158,Taiwan,030
TJ,TJK,762,Tajikistan,143
TZ,TZA,834,Tanzania,014
TH,THA,764,Thailand,035
TL,TLS,626,Timor-Leste,035
TG,TGO,768,Togo,011
TK,TKL,772,Tokelau,061
TO,TON,776,Tonga,061
TT,TTO,780,Trinidad and Tobago,029
TN,TUN,788,Tunisia,015
TR,TUR,792,Türkiye,145
TM,TKM,795,Turkmenistan,143
TC,TCA,796,Turks and Caicos Islands,029
TV,TUV,798,Tuvalu,061
UG,UGA,800,Uganda,014
UA,UKR,804,Ukraine,151
AE,ARE,784,United Arab Emirates,145
GB,GBR,826,United Kingdom,154
US,USA,840,United States,021
UM,UMI,581,United States Minor Outlying Islands,057
VI,VIR,850,United States Virgin Islands,029
UY,URY,858,Uruguay,005
UZ,UZB,860,Uzbekistan,143
VU,VUT,548,Vanuatu,054
VA,VAT,336,Vatican,039
VE,VEN,862,Venezuela,005
VN,VNM,704,Vietnam,035
WF,WLF,876,Wallis and Futuna Islands,061
EH,ESH,732,Western Sahara,015
YE,YEM,887,Yemen,145
ZM,ZMB,894,Zambia,014
ZW,ZWE,716,Zimbabwe,014
"""

LANGUAGES_CSV = """\
code,name
aa,Afar
ab,Abkhazian
ae,Avestan
af,Afrikaans
ak,Akan
am,Amharic
an,Aragonese
ar,Arabic
as,Assamese
av,Avaric
ay,Aymara
az,Azerbaijani
ba,Bashkir
be,Belarusian
bg,Bulgarian
bi,Bislama
bm,Bambara
bn,Bengali
bo,Tibetan
br,Breton
bs,Bosnian
ca,Catalan
ce,Chechen
ch,Chamorro
co,Corsican
cr,Cree
cs,Czech
cu,Church Slavic
cv,Chuvash
cy,Welsh
da,Danish
de,German
dv,Divehi
dz,Dzongkha
ee,Ewe
el,Modern Greek (1453-)
en,English
eo,Esperanto
es,Spanish
et,Estonian
eu,Basque
fa,Persian
ff,Fulah
fi,Finnish
fj,Fijian
fo,Faroese
fr,French
fy,Western Frisian
ga,Irish
gd,Scottish Gaelic
gl,Galician
gn,Guarani
gu,Gujarati
gv,Manx
ha,Hausa
he,Hebrew
hi,Hindi
ho,Hiri Motu
hr,Croatian
ht,Haitian
hu,Hungarian
hy,Armenian
hz,Herero
ia,Interlingua (International Auxiliary Language Association)
id,Indonesian
ie,Interlingue
ig,Igbo
ii,Sichuan Yi
ik,Inupiaq
io,Ido
is,Icelandic
it,Italian
iu,Inuktitut
ja,Japanese
jv,Javanese
ka,Georgian
kg,Kongo
ki,Kikuyu
kj,Kuanyama
kk,Kazakh
kl,Kalaallisut
km,Khmer
kn,Kannada
ko,Korean
kr,Kanuri
ks,Kashmiri
ku,Kurdish
kv,Komi
kw,Cornish
ky,Kirghiz
la,Latin
lb,Luxembourgish
lg,Ganda
li,Limburgan
ln,Lingala
lo,Lao
lt,Lithuanian
lu,Luba-Katanga
lv,Latvian
mg,Malagasy
mh,Marshallese
mi,Maori
mk,Macedonian
ml,Malayalam
mn,Mongolian
mr,Marathi
ms,Malay (macrolanguage)
mt,Maltese
my,Burmese
na,Nauru
nb,Norwegian Bokmål
nd,North Ndebele
ne,Nepali (macrolanguage)
ng,Ndonga
nl,Dutch
nn,Norwegian Nynorsk
no,Norwegian
nr,South Ndebele
nv,Navajo
ny,Chichewa
oc,Occitan (post 1500)
oj,Ojibwa
om,Oromo
or,Oriya (macrolanguage)
os,Ossetian
pa,Panjabi
pi,Pali
pl,Polish
ps,Pushto
pt,Portuguese
qu,Quechua
rm,Romansh
rn,Rundi
ro,Romanian
ru,Russian
rw,Kinyarwanda
sa,Sanskrit
sc,Sardinian
sd,Sindhi
se,Northern Sami
sg,Sango
sh,Serbo-Croatian
si,Sinhala
sk,Slovak
sl,Slovenian
sm,Samoan
sn,Shona
so,Somali
sq,Albanian
sr,Serbian
ss,Swati
st,Southern Sotho
su,Sundanese
sv,Swedish
sw,Swahili (macrolanguage)
ta,Tamil
te,Telugu
tg,Tajik
th,Thai
ti,Tigrinya
tk,Turkmen
tl,Tagalog
tn,Tswana
to,Tonga (Tonga Islands)
tr,Turkish
ts,Tsonga
tt,Tatar
tw,Twi
ty,Tahitian
ug,Uighur
uk,Ukrainian
ur,Urdu
uz,Uzbek
ve,Venda
vi,Vietnamese
vo,Volapük
wa,Walloon
wo,Wolof
xh,Xhosa
yi,Yiddish
yo,Yoruba
za,Zhuang
zh,Chinese
zu,Zulu
"""


def rows(text: str) -> list[dict]:
    return list(csv.DictReader(io.StringIO(text)))


def load_vocabularies(apps, schema_editor):
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
    for row in rows(COUNTRIES_CSV):
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
    for row in rows(LANGUAGES_CSV):
        Language.objects.update_or_create(code=row["code"], defaults={"name": row["name"]})


class Migration(migrations.Migration):
    dependencies = [("directory", "0001_vocabularies")]

    operations = [migrations.RunPython(load_vocabularies, migrations.RunPython.noop)]
