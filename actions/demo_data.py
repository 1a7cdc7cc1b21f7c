"""Deterministic demo data for requests, the Steering Committee and Actions, read by actions.demo.

Pure Python constants (no Django imports), like partners.demo_data, whose institutions they name by
(country, acronym). The portfolio resembles the published programme (DOMAIN.md): about 190 requests
from 2009 to 2024, 138 Actions over the four phases in more than 100 countries, follow-up chains,
MIEUX+ Actions of all three types. The Actions listed in FEATURED_ACTIONS are written out by hand
(the demo accounts' institutions, follow-up chains, MIEUX+); actions.demo draws the others with a
seeded random generator, so that every partner country of the registry has at least one Action.

People on the Steering Committee and programme staff are invented.
"""

from __future__ import annotations

from datetime import date
from typing import NamedTuple

# The demo world's "today": what happened before it is held, reported or closed; the rest is planned.
AS_OF = date(2024, 6, 30)

# The very first request the programme received; it was rejected (DOMAIN.md).
FIRST_REQUEST_ON = date(2009, 1, 12)

# Actions per phase (DOMAIN.md: 138 in all, 61 of them in MIEUX III).
ACTIONS_PER_PHASE = {"MIEUX_I": 24, "MIEUX_II": 33, "MIEUX_III": 61, "MIEUX_PLUS": 20}
# MIEUX I Actions agreed before requests were recorded: a manager adds them directly.
DIRECT_MIEUX_I_ACTIONS = 10

# Requests that did not become Actions (the rest of the 190 or so): rejected, withdrawn, deferred and
# still waiting, and the ones still open on AS_OF by status.
REJECTED_REQUESTS = 37
WITHDRAWN_REQUESTS = 14
DEFERRED_REQUESTS = 3
OPEN_REQUESTS = {"received": 3, "screening": 2, "clarification_requested": 2, "submitted": 3}

CLASSIC = "classic"
HOLISTIC = "holistic"
REGIONAL = "regional"


# --- Programme staff ------------------------------------------------------------------------------------


class StaffAccount(NamedTuple):
    """A programme officer and the years they handled requests and Actions. Accounts already made by
    the partner demo (officer@mieux.test) are listed with `create=False`."""

    email: str
    full_name: str
    language: str
    first_year: int
    last_year: int
    create: bool = True


OFFICER_ROLE = "programme_officer"

STAFF_ACCOUNTS: tuple[StaffAccount, ...] = (
    StaffAccount("s.bakker@mieux.test", "Sanne Bakker", "en", 2009, 2013),
    StaffAccount("d.ferreira@mieux.test", "Daniel Ferreira", "en", 2011, 2017),
    StaffAccount("a.kowalska@mieux.test", "Agnieszka Kowalska", "en", 2015, 2024),
    StaffAccount("l.haddad@mieux.test", "Leila Haddad", "fr", 2018, 2024),
    StaffAccount("officer@mieux.test", "Julien Moreau", "en", 2020, 2024, create=False),
)
MANAGER_EMAIL = "manager@mieux.test"
ADMIN_EMAIL = "admin@mieux.test"
# Institution B's focal point withdraws one of its requests herself (a focal point may, before a decision).
FOCAL_POINT_B_EMAIL = "focal.b@mieux.test"


# --- Steering Committee ---------------------------------------------------------------------------------

# Months of the meetings, year by year (2–4 a year). The day is drawn.
MEETING_MONTHS: dict[int, tuple[int, ...]] = {
    2009: (3, 6, 10),
    2010: (2, 6, 10),
    2011: (2, 5, 9, 12),
    2012: (3, 7, 11),
    2013: (2, 6, 10),
    2014: (3, 6, 10),
    2015: (2, 6, 11),
    2016: (2, 5, 9, 12),
    2017: (3, 6, 10),
    2018: (2, 6, 10),
    2019: (3, 6, 11),
    2020: (2, 6, 10),
    2021: (3, 6, 10),
    2022: (3, 6, 10),
    2023: (3, 6, 11),
    2024: (1, 3),
}
# The Committee met online from the pandemic until the end of 2021.
ONLINE_MEETINGS = (date(2020, 4, 1), date(2021, 12, 31))


class CommitteeSeat(NamedTuple):
    """Who represented an organisation on the Committee, and when. The services changed over the
    years: DG JLS split into DG HOME in 2010, the EEAS started in 2011, DG NEAR was created in 2015 and
    DG DEVCO became DG INTPA in 2021."""

    organisation: str
    name: str
    first_year: int
    last_year: int


COMMITTEE: tuple[CommitteeSeat, ...] = (
    CommitteeSeat("DG DEVCO", "Anneke Visser", 2009, 2013),
    CommitteeSeat("DG DEVCO", "Pierre Lemaire", 2014, 2020),
    CommitteeSeat("DG INTPA", "Pierre Lemaire", 2021, 2022),
    CommitteeSeat("DG INTPA", "Marta Ferrer", 2023, 2024),
    CommitteeSeat("DG JLS", "Thomas Weber", 2009, 2009),
    CommitteeSeat("DG HOME", "Thomas Weber", 2010, 2014),
    CommitteeSeat("DG HOME", "Ioana Marinescu", 2015, 2024),
    CommitteeSeat("EEAS", "Henrik Dahl", 2011, 2017),
    CommitteeSeat("EEAS", "Chiara Benedetti", 2018, 2024),
    CommitteeSeat("DG NEAR", "Katarzyna Nowak", 2015, 2019),
    CommitteeSeat("DG NEAR", "Jan de Vries", 2020, 2024),
    CommitteeSeat("ICMPD", "Nathalie Dubois", 2009, 2015),
    CommitteeSeat("ICMPD", "Elena Rossi", 2016, 2024),
)
# Seats that every meeting has; the others miss about one meeting in ten.
ALWAYS_PRESENT = frozenset({"ICMPD"})


# --- Thematic texts -------------------------------------------------------------------------------------


class AreaText(NamedTuple):
    """What an Action of a specific area is about, for titles, summaries, requests and activities.
    `titles` holds (English, French, Spanish) variants."""

    topic: str
    deliverable: str
    needs: str
    objective: str
    titles: tuple[tuple[str, str, str], ...]
    # Global Compact objectives: the main one first, then related ones an Action may add.
    gcm: tuple[int, ...]


AREA_TEXTS: dict[str, AreaText] = {
    "IMT-THB": AreaText(
        "the identification and referral of victims of trafficking",
        "standard operating procedures for victim identification and referral",
        "Front-line officials lack common indicators and procedures to identify presumed victims of "
        "trafficking and refer them to protection services.",
        "Front-line officials identify presumed victims of trafficking with common indicators and refer "
        "them to protection services under agreed procedures.",
        (
            (
                "Strengthening the identification, referral and protection of victims of trafficking in "
                "human beings",
                "Renforcement de l'identification, de l'orientation et de la protection des victimes de la "
                "traite des êtres humains",
                "Fortalecimiento de la identificación, la derivación y la protección de las víctimas de "
                "trata de personas",
            ),
            (
                "Support to the investigation and prosecution of trafficking in human beings",
                "Appui aux enquêtes et aux poursuites en matière de traite des êtres humains",
                "Apoyo a la investigación y el enjuiciamiento de la trata de personas",
            ),
        ),
        (10, 7, 3, 23),
    ),
    "IMT-SOM": AreaText(
        "the investigation of migrant smuggling networks",
        "a handbook on investigating the smuggling of migrants",
        "Investigators and prosecutors need specialised skills to gather evidence against smuggling "
        "networks while protecting the rights of smuggled migrants.",
        "Investigators and prosecutors apply a shared methodology to investigate smuggling networks and "
        "protect smuggled migrants.",
        (
            (
                "Enhancing the capacity to detect and investigate the smuggling of migrants",
                "Renforcement des capacités de détection et d'enquête en matière de trafic illicite de "
                "migrants",
                "Fortalecimiento de la capacidad para detectar e investigar el tráfico ilícito de migrantes",
            ),
            (
                "Protecting smuggled migrants while dismantling smuggling networks",
                "Protéger les migrants objet d'un trafic tout en démantelant les réseaux de passeurs",
                "Proteger a las personas migrantes objeto de tráfico y desarticular las redes de tráfico",
            ),
        ),
        (9, 11, 7, 8),
    ),
    "IMT-BM": AreaText(
        "integrated border management",
        "a national integrated border management strategy",
        "The agencies present at the border work without a common strategy, shared risk analysis or "
        "coordination procedures.",
        "Border agencies share risk analysis and coordinate their work under an agreed integrated border "
        "management strategy.",
        (
            (
                "Support to the development of an integrated border management strategy",
                "Appui à l'élaboration d'une stratégie de gestion intégrée des frontières",
                "Apoyo a la elaboración de una estrategia de gestión integrada de fronteras",
            ),
            (
                "Strengthening risk analysis and inter-agency cooperation at border crossing points",
                "Renforcement de l'analyse des risques et de la coopération interservices aux points de "
                "passage frontaliers",
                "Fortalecimiento del análisis de riesgos y la cooperación interinstitucional en los puestos "
                "fronterizos",
            ),
        ),
        (11, 4, 9, 12),
    ),
    "IMT-RET": AreaText(
        "return and readmission procedures",
        "operational guidelines for readmission cases",
        "The authority needs procedures and trained staff to process readmission requests within the "
        "deadlines agreed with its partners.",
        "Readmission requests are processed within the agreed deadlines under written procedures that "
        "respect migrants' rights.",
        (
            (
                "Strengthening the capacity to implement readmission agreements",
                "Renforcement des capacités de mise en œuvre des accords de réadmission",
                "Fortalecimiento de la capacidad para aplicar los acuerdos de readmisión",
            ),
            (
                "Support to rights-based procedures for the return of migrants",
                "Appui à des procédures de retour des migrants respectueuses des droits",
                "Apoyo a procedimientos de retorno de personas migrantes basados en los derechos",
            ),
        ),
        (21, 13, 4, 23),
    ),
    "IMT-DOC": AreaText(
        "document security and identity verification",
        "a training module on the detection of document fraud",
        "Officials need up-to-date skills and reference material to detect forged and fraudulently "
        "obtained documents.",
        "Officials detect forged documents with up-to-date techniques and reference material.",
        (
            (
                "Strengthening document security and the detection of document fraud",
                "Renforcement de la sécurité des documents et de la détection de la fraude documentaire",
                "Fortalecimiento de la seguridad documental y la detección del fraude documental",
            ),
            (
                "Support to a secure and reliable identity management system",
                "Appui à un système de gestion de l'identité sûr et fiable",
                "Apoyo a un sistema de gestión de la identidad seguro y fiable",
            ),
        ),
        (4, 11, 12),
    ),
    "LM-LAB": AreaText(
        "labour migration governance",
        "a national labour migration policy",
        "The ministry needs a policy framework and trained staff to manage labour migration and protect "
        "its nationals working abroad.",
        "A labour migration policy is drafted with all concerned ministries, and staff apply fair "
        "recruitment standards.",
        (
            (
                "Support to the development of a national labour migration policy",
                "Appui à l'élaboration d'une politique nationale de migration de travail",
                "Apoyo a la elaboración de una política nacional de migración laboral",
            ),
            (
                "Strengthening the protection of migrant workers and fair recruitment",
                "Renforcement de la protection des travailleurs migrants et du recrutement équitable",
                "Fortalecimiento de la protección de las personas trabajadoras migrantes y de la "
                "contratación equitativa",
            ),
        ),
        (6, 5, 22, 18),
    ),
    "LM-VISA": AreaText(
        "visa procedures and consular services",
        "a consular handbook on visa procedures",
        "Consular staff need harmonised procedures and training to process visas and assist nationals "
        "abroad consistently.",
        "Consular staff apply the harmonised visa procedures set out in a consular handbook.",
        (
            (
                "Modernising visa procedures and consular services",
                "Modernisation des procédures de visa et des services consulaires",
                "Modernización de los procedimientos de visado y los servicios consulares",
            ),
            (
                "Strengthening consular assistance to nationals abroad",
                "Renforcement de l'assistance consulaire aux ressortissants à l'étranger",
                "Fortalecimiento de la asistencia consular a los nacionales en el exterior",
            ),
        ),
        (5, 14, 12),
    ),
    "LM-INT": AreaText(
        "the integration of migrants in host communities",
        "a local integration plan",
        "Growing numbers of migrants settle in the territory; the authority needs a plan and the skills "
        "to include them in public services.",
        "The authority adopts an integration plan and its front-office staff serve migrants in line with it.",
        (
            (
                "Support to the socio-economic integration of migrants",
                "Appui à l'intégration socio-économique des migrants",
                "Apoyo a la integración socioeconómica de las personas migrantes",
            ),
            (
                "Strengthening local authorities' capacity to include migrants in public services",
                "Renforcement des capacités des autorités locales à inclure les migrants dans les services "
                "publics",
                "Fortalecimiento de la capacidad de las autoridades locales para incluir a las personas "
                "migrantes en los servicios públicos",
            ),
        ),
        (16, 15, 17),
    ),
    "LM-SKL": AreaText(
        "skills development and the recognition of qualifications",
        "a procedure for recognising migrant workers' qualifications",
        "Departing and returning workers' skills are not recognised; the institution needs procedures and "
        "partnerships to change this.",
        "A procedure to recognise migrant workers' skills is agreed and piloted.",
        (
            (
                "Support to the recognition of skills and qualifications of migrant workers",
                "Appui à la reconnaissance des compétences et des qualifications des travailleurs migrants",
                "Apoyo al reconocimiento de las competencias y cualificaciones de las personas "
                "trabajadoras migrantes",
            ),
            (
                "Strengthening pre-departure training and skills partnerships",
                "Renforcement de la formation avant le départ et des partenariats pour les compétences",
                "Fortalecimiento de la formación previa a la partida y de las alianzas de competencias",
            ),
        ),
        (18, 5, 6),
    ),
    "IP-ASY": AreaText(
        "asylum procedures and refugee status determination",
        "guidelines on refugee status determination",
        "A growing number of asylum applications calls for fair and efficient procedures and trained "
        "eligibility officers.",
        "Eligibility officers decide asylum claims with agreed guidelines and quality checks.",
        (
            (
                "Strengthening the national asylum system and refugee status determination",
                "Renforcement du système national d'asile et de la détermination du statut de réfugié",
                "Fortalecimiento del sistema nacional de asilo y de la determinación de la condición de "
                "refugiado",
            ),
            (
                "Support to quality and efficiency in asylum procedures",
                "Appui à la qualité et à l'efficacité des procédures d'asile",
                "Apoyo a la calidad y la eficiencia de los procedimientos de asilo",
            ),
        ),
        (12, 7, 13),
    ),
    "IP-REC": AreaText(
        "the reception of asylum seekers and refugees",
        "minimum standards for reception centres",
        "Reception facilities operate without common standards; staff need guidance on running them and "
        "on identifying special needs.",
        "Reception centres apply common minimum standards and identify persons with special needs.",
        (
            (
                "Improving reception conditions for asylum seekers and refugees",
                "Amélioration des conditions d'accueil des demandeurs d'asile et des réfugiés",
                "Mejora de las condiciones de acogida de solicitantes de asilo y personas refugiadas",
            ),
            (
                "Support to the management of reception centres",
                "Appui à la gestion des centres d'accueil",
                "Apoyo a la gestión de los centros de acogida",
            ),
        ),
        (7, 15, 13),
    ),
    "IP-VUL": AreaText(
        "the protection of unaccompanied children and migrants in vulnerable situations",
        "a protocol for the care of unaccompanied migrant children",
        "Officials meet unaccompanied children and other migrants in vulnerable situations without clear "
        "procedures to protect and refer them.",
        "Officials apply a protocol to protect and refer unaccompanied children and other migrants in "
        "vulnerable situations.",
        (
            (
                "Strengthening the protection of unaccompanied and separated migrant children",
                "Renforcement de la protection des enfants migrants non accompagnés et séparés",
                "Fortalecimiento de la protección de la niñez migrante no acompañada y separada",
            ),
            (
                "Support to the identification and referral of migrants in vulnerable situations",
                "Appui à l'identification et à l'orientation des migrants en situation de vulnérabilité",
                "Apoyo a la identificación y derivación de personas migrantes en situación de vulnerabilidad",
            ),
        ),
        (7, 15, 12),
    ),
    "IP-STAT": AreaText(
        "the prevention and reduction of statelessness",
        "a statelessness determination procedure",
        "The authority needs a procedure and trained staff to identify and protect stateless persons.",
        "A statelessness determination procedure is drafted and staff are trained to apply it.",
        (
            (
                "Support to the prevention and reduction of statelessness",
                "Appui à la prévention et à la réduction de l'apatridie",
                "Apoyo a la prevención y la reducción de la apatridia",
            ),
            (
                "Establishing a statelessness determination procedure",
                "Mise en place d'une procédure de détermination de l'apatridie",
                "Establecimiento de un procedimiento de determinación de la apatridia",
            ),
        ),
        (4, 7),
    ),
    "MD-DIA": AreaText(
        "diaspora engagement",
        "a diaspora engagement strategy",
        "The institution wants to involve its diaspora in national development but lacks a strategy and "
        "the data to build one.",
        "A diaspora engagement strategy is adopted and its first measures are launched.",
        (
            (
                "Support to the development of a diaspora engagement strategy",
                "Appui à l'élaboration d'une stratégie de mobilisation de la diaspora",
                "Apoyo a la elaboración de una estrategia de vinculación con la diáspora",
            ),
            (
                "Strengthening institutional capacity to engage the diaspora in national development",
                "Renforcement des capacités institutionnelles pour associer la diaspora au développement "
                "national",
                "Fortalecimiento de la capacidad institucional para vincular a la diáspora con el "
                "desarrollo nacional",
            ),
        ),
        (19, 14, 23),
    ),
    "MD-REM": AreaText(
        "remittances and the financial inclusion of migrants",
        "a national remittances action plan",
        "Remittances are a major source of income, but their cost is high and policy does not support "
        "their use for development.",
        "A remittances action plan is agreed with the financial sector and data on flows are published.",
        (
            (
                "Support to lowering the cost of remittances and fostering financial inclusion",
                "Appui à la réduction du coût des transferts de fonds et à l'inclusion financière",
                "Apoyo a la reducción del costo de las remesas y a la inclusión financiera",
            ),
            (
                "Improving data and policy on remittances",
                "Amélioration des données et de la politique relatives aux transferts de fonds",
                "Mejora de los datos y las políticas sobre remesas",
            ),
        ),
        (20, 19),
    ),
    "MD-MAIN": AreaText(
        "mainstreaming migration into development planning",
        "guidelines for mainstreaming migration into sector plans",
        "Development plans ignore migration; planners need tools to take it into account.",
        "Planning officials use agreed guidelines to take migration into account in sector plans.",
        (
            (
                "Mainstreaming migration into national and local development planning",
                "Intégration de la migration dans la planification du développement national et local",
                "Integración de la migración en la planificación del desarrollo nacional y local",
            ),
            (
                "Support to policy coherence between migration and development",
                "Appui à la cohérence entre les politiques de migration et de développement",
                "Apoyo a la coherencia entre las políticas de migración y desarrollo",
            ),
        ),
        (19, 2, 1, 23),
    ),
    "MD-REINT": AreaText(
        "the sustainable reintegration of returning migrants",
        "a national referral mechanism for returning migrants",
        "Returning migrants receive little support; services are scattered and do not refer cases to each "
        "other.",
        "Returning migrants are referred to economic, social and psychosocial services through one "
        "mechanism.",
        (
            (
                "Support to the sustainable reintegration of returning migrants",
                "Appui à la réintégration durable des migrants de retour",
                "Apoyo a la reintegración sostenible de las personas migrantes retornadas",
            ),
            (
                "Strengthening referral services for returning migrants",
                "Renforcement des services d'orientation pour les migrants de retour",
                "Fortalecimiento de los servicios de derivación para personas migrantes retornadas",
            ),
        ),
        (21, 19, 7),
    ),
    "HO-DATA": AreaText(
        "migration data collection and analysis",
        "a national migration profile",
        "Migration data are scattered across institutions and not comparable, which hampers "
        "evidence-based policy.",
        "Institutions exchange migration data under an agreed framework and publish a migration profile.",
        (
            (
                "Improving the collection, analysis and sharing of migration data",
                "Amélioration de la collecte, de l'analyse et du partage des données migratoires",
                "Mejora de la recopilación, el análisis y el intercambio de datos sobre migración",
            ),
            (
                "Support to the preparation of a national migration profile",
                "Appui à l'élaboration d'un profil migratoire national",
                "Apoyo a la elaboración de un perfil migratorio nacional",
            ),
        ),
        (1, 3, 23),
    ),
    "HO-CLIM": AreaText(
        "human mobility in the context of climate change and disasters",
        "a policy note on climate-related mobility",
        "Climate-related displacement is growing and the authorities need to reflect it in migration and "
        "adaptation policies.",
        "Climate-related mobility is reflected in adaptation and migration policies.",
        (
            (
                "Addressing human mobility in the context of climate change and disasters",
                "Prise en compte de la mobilité humaine dans le contexte du changement climatique et des "
                "catastrophes",
                "Abordar la movilidad humana en el contexto del cambio climático y los desastres",
            ),
            (
                "Integrating migration into climate adaptation and disaster risk reduction policies",
                "Intégration de la migration dans les politiques d'adaptation au climat et de réduction "
                "des risques de catastrophe",
                "Integración de la migración en las políticas de adaptación climática y reducción del "
                "riesgo de desastres",
            ),
        ),
        (2, 7, 23),
    ),
    "HO-HEALTH": AreaText(
        "health and migration",
        "guidelines on migrants' access to health services",
        "Migration and health authorities need common procedures, tested during the pandemic, to protect "
        "migrants' health.",
        "Migration and health authorities apply common guidelines on migrants' access to health services.",
        (
            (
                "Strengthening migrants' access to health services",
                "Renforcement de l'accès des migrants aux services de santé",
                "Fortalecimiento del acceso de las personas migrantes a los servicios de salud",
            ),
            (
                "Support to health measures in migration management",
                "Appui aux mesures sanitaires dans la gestion des migrations",
                "Apoyo a las medidas sanitarias en la gestión migratoria",
            ),
        ),
        (15, 7),
    ),
    "HO-COMM": AreaText(
        "communication and balanced narratives on migration",
        "a communication strategy on migration",
        "Public debate on migration is polarised; the institution wants to communicate on evidence and "
        "counter misinformation.",
        "The institution communicates on migration with a strategy based on evidence.",
        (
            (
                "Support to a communication strategy for balanced narratives on migration",
                "Appui à une stratégie de communication pour un discours équilibré sur la migration",
                "Apoyo a una estrategia de comunicación para narrativas equilibradas sobre la migración",
            ),
            (
                "Strengthening institutional communication on migration",
                "Renforcement de la communication institutionnelle sur la migration",
                "Fortalecimiento de la comunicación institucional sobre la migración",
            ),
        ),
        (17, 3, 16),
    ),
    "HO-GOV": AreaText(
        "migration governance and policy",
        "a national migration policy",
        "Responsibility for migration is spread across institutions without a common policy or a "
        "coordination mechanism.",
        "A national migration policy is drafted with all concerned institutions and a coordination "
        "mechanism meets regularly.",
        (
            (
                "Support to the development of a national migration policy",
                "Appui à l'élaboration d'une politique migratoire nationale",
                "Apoyo a la elaboración de una política migratoria nacional",
            ),
            (
                "Strengthening inter-institutional coordination on migration",
                "Renforcement de la coordination interinstitutionnelle en matière de migration",
                "Fortalecimiento de la coordinación interinstitucional en materia migratoria",
            ),
        ),
        (23, 1, 2),
    ),
}

# Appended to a holistic Action's drawn title, by language (English, French, Spanish).
HOLISTIC_TITLE_SUFFIX = (
    ": a holistic capacity development partnership",
    " : un partenariat de développement holistique des capacités",
    ": una asociación de desarrollo integral de capacidades",
)

# How often each specific area is drawn for an Action whose lead institution says nothing about its
# theme. MIEUX I covered irregular migration and trafficking only (DOMAIN.md).
AREA_WEIGHTS_MIEUX_I = {"IMT-THB": 35, "IMT-BM": 25, "IMT-DOC": 15, "IMT-RET": 15, "IMT-SOM": 10}
AREA_WEIGHTS = {
    "IMT-THB": 9,
    "IMT-SOM": 5,
    "IMT-BM": 8,
    "IMT-RET": 5,
    "IMT-DOC": 4,
    "LM-LAB": 9,
    "LM-VISA": 5,
    "LM-INT": 4,
    "LM-SKL": 3,
    "IP-ASY": 5,
    "IP-REC": 2,
    "IP-VUL": 4,
    "IP-STAT": 2,
    "MD-DIA": 7,
    "MD-REM": 2,
    "MD-MAIN": 3,
    "MD-REINT": 3,
    "HO-DATA": 6,
    "HO-CLIM": 2,
    "HO-HEALTH": 1,
    "HO-COMM": 3,
    "HO-GOV": 6,
}
# Words in an institution's English name that say what it works on, with the areas that fit.
INSTITUTION_FOCUS: tuple[tuple[tuple[str, ...], tuple[str, ...]], ...] = (
    (("Trafficking",), ("IMT-THB", "IMT-SOM")),
    (("Refugee", "Asylum", "Disaster"), ("IP-ASY", "IP-REC", "IP-VUL")),
    (("Labour", "Employment", "Manpower", "Migrant Workers"), ("LM-LAB", "LM-SKL", "LM-LAB")),
    (
        ("Diaspora", "Abroad", "Expatriat", "Overseas", "Emigration", "Filipinos", "Communities"),
        ("MD-DIA", "MD-REM", "MD-REINT"),
    ),
    (("Foreign Affairs", "External"), ("LM-VISA", "MD-DIA")),
    (("Parliament", "Congress", "Rada", "Kenesh"), ("HO-GOV", "IMT-THB")),
    (("Ombuds", "Human Rights", "Defensor"), ("IP-VUL", "LM-INT")),
    (("Prosecut", "Judic", "Justice"), ("IMT-THB", "IMT-SOM")),
)
LOCAL_AUTHORITY_AREAS = ("LM-INT", "MD-MAIN", "LM-INT", "HO-DATA")
REGIONAL_ORGANISATION_AREAS = ("HO-GOV", "LM-VISA", "HO-DATA", "LM-LAB")
CAPACITY_INSTITUTION_AREAS = ("HO-GOV", "HO-COMM", "LM-VISA")

# Budget ranges in EUR, by phase and type (DOMAIN: 60k–450k).
CLASSIC_BUDGETS = {
    "MIEUX_I": (60_000, 150_000),
    "MIEUX_II": (70_000, 200_000),
    "MIEUX_III": (80_000, 250_000),
    "MIEUX_PLUS": (100_000, 300_000),
}
HOLISTIC_BUDGET = (250_000, 450_000)
REGIONAL_BUDGET = (300_000, 450_000)

# Implementation months (first to last activity; DOMAIN: 6–33), by phase for classic Actions.
CLASSIC_MONTHS = {"MIEUX_I": (6, 15), "MIEUX_II": (8, 20), "MIEUX_III": (10, 24), "MIEUX_PLUS": (12, 24)}
HOLISTIC_MONTHS = (18, 30)
REGIONAL_MONTHS = (20, 30)

# Member States whose administrations send experts (code: English name, for activity titles and
# summaries); partners.demo_data gives each one an administration with roster experts.
MEMBER_STATES = {
    "DE": "Germany",
    "FR": "France",
    "ES": "Spain",
    "IT": "Italy",
    "NL": "the Netherlands",
    "SE": "Sweden",
    "AT": "Austria",
    "BE": "Belgium",
    "PT": "Portugal",
    "PL": "Poland",
    "BG": "Bulgaria",
    "RO": "Romania",
    "CZ": "Czechia",
    "GR": "Greece",
    "FI": "Finland",
    "HU": "Hungary",
    "IE": "Ireland",
    "SK": "Slovakia",
    "SI": "Slovenia",
    "HR": "Croatia",
    "LT": "Lithuania",
    "LV": "Latvia",
    "EE": "Estonia",
    "LU": "Luxembourg",
    "CY": "Cyprus",
    "MT": "Malta",
}


# --- Activities -----------------------------------------------------------------------------------------

# Title of each activity type; {topic}, {deliverable} and {member_state} are filled in.
ACTIVITY_TITLES = {
    "identification_mission": "Identification mission",
    "assessment": "Assessment of needs on {topic}",
    "workshop": "Workshop on {topic}",
    "seminar": "Seminar on {topic}",
    "training": "Training on {topic}",
    "training_of_trainers": "Training of trainers on {topic}",
    "study_visit": "Study visit to {member_state}",
    "round_table": "Round table on {topic} with national stakeholders",
    "expert_advisory_mission": "Expert advisory mission on {topic}",
    "drafting_support": "Drafting support: {deliverable}",
    "online_course": "Online course on {topic}",
    "replica_training": "Replica training on {topic} delivered by national trainers",
    "launch_event": "Launch event",
    "closing_event": "Closing event and presentation of results",
}
# The activities between the identification mission and the closing one, by phase and type, in the
# order an Action runs them.
ACTIVITY_POOLS = {
    "early": (
        "workshop",
        "training",
        "study_visit",
        "expert_advisory_mission",
        "seminar",
        "drafting_support",
        "round_table",
        "training",
    ),
    "MIEUX_III": (
        "assessment",
        "workshop",
        "training",
        "study_visit",
        "expert_advisory_mission",
        "training_of_trainers",
        "replica_training",
        "drafting_support",
        "round_table",
    ),
    "MIEUX_PLUS": (
        "workshop",
        "training",
        "online_course",
        "study_visit",
        "expert_advisory_mission",
        "training_of_trainers",
        "replica_training",
        "drafting_support",
    ),
    HOLISTIC: (
        "assessment",
        "training_of_trainers",
        "training",
        "replica_training",
        "drafting_support",
        "study_visit",
    ),
    REGIONAL: ("round_table", "workshop", "study_visit", "training", "online_course"),
}
# Days an activity of each type lasts (planned end = planned start + days).
ACTIVITY_DAYS = {
    "identification_mission": 4,
    "assessment": 10,
    "study_visit": 5,
    "online_course": 28,
    "drafting_support": 20,
    "expert_advisory_mission": 4,
}


# --- Reasons and comments -------------------------------------------------------------------------------

REJECTION_REASONS = (
    "The request seeks equipment and infrastructure rather than peer expertise, which the programme "
    "does not provide.",
    "The needs are already addressed by an EU-funded project starting in the same institution.",
    "The request does not name a counterpart institution able to take ownership of the results.",
    "The proposed activities are academic research rather than capacity building for the administration.",
    "The Committee found the request too broad to be addressed through a peer-to-peer Action.",
)
OUT_OF_SCOPE_MIEUX_I = (
    "The request falls outside the thematic scope of MIEUX I (irregular migration and trafficking in "
    "human beings only)."
)
DEFERRAL_REASONS = (
    "The Committee asks for a revised request that sets out the institution's own contribution.",
    "Deferred until the EU Delegation confirms the request fits the cooperation programme.",
    "Deferred pending the appointment of the new head of the requesting institution.",
)
APPROVAL_CONDITIONS = (
    "Coordinate with the EU Delegation and the EU-funded projects active in the country.",
    "Agree the work plan with all requesting institutions before the first activity.",
    "Include the national training institution so that the curriculum outlives the Action.",
)
CLARIFICATION_QUESTIONS = (
    "Please specify which units and how many officials would take part.",
    "Please confirm the institution's lead contact and the expected timing.",
    "Please clarify how the request relates to the national migration strategy.",
)
WITHDRAWAL_REASONS = (
    "The institution withdrew its request by letter after a change of government.",
    "The institution obtained support for the same needs from a bilateral partner.",
    "The institution withdrew its request: the law it wished to implement was repealed.",
)
INELIGIBLE_WITHDRAWAL = (
    "Not eligible: a civil-society organisation may request only jointly with a government "
    "institution. The organisation was invited to approach a ministry as lead requester."
)
CLOSING_COMMENT = "Final report approved by the Steering Committee."


# --- Featured Actions -----------------------------------------------------------------------------------

InstitutionRef = tuple[str, str]  # (country, acronym), as in partners.demo_data


class Event(NamedTuple):
    """What interrupted an Action: "cancelled" or "suspended" on `on` (for good, unless `resumed_on`)."""

    kind: str
    on: date
    reason: str
    resumed_on: date | None = None


class ActionSeed(NamedTuple):
    """An Action written out by hand. `approved` is a month ("2010-06"): the first Steering Committee
    meeting from that month approves it. `stage` forces where a live Action stands on AS_OF; by
    default its dates decide. `title` overrides the drawn title with (English, local language)."""

    key: str
    lead: InstitutionRef
    approved: str
    area: str
    type: str = CLASSIC
    co_beneficiaries: tuple[InstitutionRef, ...] = ()
    capacity_institution: InstitutionRef | None = None
    predecessor: str = ""
    short_name: str = ""
    title: tuple[str, str] | None = None
    months: int = 0
    stage: str = ""
    event: Event | None = None
    published: bool | None = None
    direct: bool = False


_S = ActionSeed

FEATURED_ACTIONS: tuple[ActionSeed, ...] = (
    # ----------------------------------------------------------------------------------- MIEUX I
    _S("cv-1", ("CV", "AAI"), "2009-06", "IMT-BM", months=10, direct=True),
    _S("ph-1", ("PH", "CFO"), "2009-10", "IMT-THB", months=12),
    _S("ng-1", ("NG", "NAPTIP"), "2010-02", "IMT-THB", months=12),
    _S("mx-1", ("MX", "INM"), "2010-06", "IMT-BM", months=14),
    _S("ml-1", ("ML", "MMEIA"), "2010-06", "IMT-RET", months=10),
    _S("md-1", ("MD", "BMA"), "2010-10", "IMT-RET", months=12),
    _S("ge-1", ("GE", "SCMI"), "2011-05", "IMT-RET", months=12),
    _S("sn-1", ("SN", "CNLTP"), "2011-09", "IMT-THB", months=14),
    # ---------------------------------------------------------------------------------- MIEUX II
    _S(
        "ml-2",
        ("ML", "MMEIA"),
        "2012-03",
        "MD-DIA",
        predecessor="ml-1",
        event=Event(
            "cancelled",
            date(2012, 6, 14),
            "Cancelled: cooperation with the authorities was halted after the coup d'état of March 2012.",
        ),
    ),
    _S("md-2", ("MD", "BMA"), "2012-11", "HO-DATA", predecessor="md-1", months=18),
    _S(
        "cf-1",
        ("CF", "MISP"),
        "2012-11",
        "IMT-BM",
        event=Event(
            "cancelled",
            date(2013, 4, 18),
            "Cancelled after the seizure of power in Bangui in March 2013.",
        ),
    ),
    _S("ge-2", ("GE", "SCMI"), "2013-02", "HO-DATA", predecessor="ge-1", months=20),
    _S("ng-2", ("NG", "NIS"), "2013-06", "IMT-BM", months=18),
    _S("kg-1", ("KG", "SMS"), "2013-10", "LM-LAB", months=16),
    _S("ph-2", ("PH", "DMW"), "2014-03", "LM-LAB", predecessor="ph-1", months=18),
    _S("cr-1", ("CR", "DGME"), "2014-03", "LM-INT", months=16),
    _S(
        "ly-1",
        ("LY", "MOLR"),
        "2014-03",
        "LM-LAB",
        event=Event(
            "cancelled",
            date(2014, 8, 12),
            "Cancelled: the EU Delegation left Tripoli in July 2014 and no activity can take place.",
        ),
    ),
    _S("ma-1", ("MA", "MI"), "2014-06", "IP-ASY", months=20),
    _S("mx-2", ("MX", "INM"), "2014-10", "IP-VUL", predecessor="mx-1", months=18),
    _S(
        "bi-1",
        ("BI", "MIDCSP"),
        "2015-02",
        "IMT-THB",
        event=Event(
            "cancelled",
            date(2015, 8, 20),
            "Cancelled: the political crisis of 2015 made the planned activities impossible.",
        ),
    ),
    _S("ci-1", ("CI", "DGIE"), "2015-06", "MD-DIA", months=18),
    _S("sadc-1", ("BW", "SADC"), "2015-06", "HO-DATA", short_name="SADC", months=20),
    # --------------------------------------------------------------------------------- MIEUX III
    _S("md-3", ("MD", "BMA"), "2016-05", "MD-DIA", predecessor="md-2", months=18),
    _S("jo-1", ("JO", "MOL"), "2016-05", "LM-LAB", months=16),
    _S("ecowas-1", ("NG", "ECOWAS"), "2016-09", "LM-VISA", short_name="ECOWAS", months=22),
    _S("am-1", ("AM", "MCS"), "2016-12", "IMT-RET", months=14),
    _S("ng-3", ("NG", "NAPTIP"), "2017-03", "IMT-THB", predecessor="ng-1", months=22),
    _S("ec-1", ("EC", "MREMH"), "2017-03", "HO-GOV", months=18),
    _S("cr-2", ("CR", "DGME"), "2017-06", "IP-ASY", predecessor="cr-1", months=20),
    _S("az-1", ("AZ", "SMS"), "2017-06", "HO-DATA", months=16),
    _S("mx-3", ("MX", "INM"), "2017-10", "HO-COMM", predecessor="mx-2", months=20),
    _S("gt-1", ("GT", "SVET"), "2018-02", "IMT-THB", months=18),
    # Civil society requests jointly with a government institution from MIEUX III on.
    _S("ma-2", ("MA", "MI"), "2018-02", "LM-INT", co_beneficiaries=(("MA", "AAMV"),), predecessor="ma-1"),
    _S("ge-3", ("GE", "SCMI"), "2018-06", "HO-GOV", predecessor="ge-2", months=24),
    _S("co-1", ("CO", "AMB"), "2018-10", "LM-INT", co_beneficiaries=(("CO", "CAMR"),), months=18),
    _S("ph-3", ("PH", "DMW"), "2018-10", "LM-SKL", predecessor="ph-2", months=18),
    _S("kg-2", ("KG", "JK"), "2019-03", "HO-GOV", months=14),
    _S(
        "ci-2",
        ("CI", "DGIE"),
        "2019-06",
        "MD-DIA",
        predecessor="ci-1",
        months=20,
        event=Event(
            "suspended",
            date(2020, 3, 16),
            "Suspended: COVID-19 travel restrictions stop all activities.",
            resumed_on=date(2020, 9, 15),
        ),
    ),
    _S("ua-1", ("UA", "VRU"), "2019-06", "HO-GOV", months=14),
    _S("tn-1", ("TN", "INLTP"), "2019-11", "IMT-THB", months=18),
    # ------------------------------------------------------------------------------------ MIEUX+
    _S(
        "ec-2",
        ("EC", "MREMH"),
        "2020-06",
        "HO-GOV",
        type=HOLISTIC,
        capacity_institution=("EC", "IAEN"),
        predecessor="ec-1",
        months=22,
    ),
    _S(
        "ng-4",
        ("NG", "NIS"),
        "2020-10",
        "IMT-BM",
        type=HOLISTIC,
        capacity_institution=("NG", "ITS"),
        predecessor="ng-2",
        months=24,
    ),
    _S("uz-1", ("UZ", "AELM"), "2020-10", "LM-LAB", months=18),
    _S(
        "ge-4",
        ("GE", "SCMI"),
        "2021-03",
        "HO-GOV",
        type=HOLISTIC,
        capacity_institution=("GE", "LMDTRI"),
        predecessor="ge-3",
        months=24,
    ),
    _S(
        "gran-chaco",
        ("AR", "DNM"),
        "2021-06",
        "HO-GOV",
        type=REGIONAL,
        co_beneficiaries=(
            ("AR", "GPCH"),
            ("AR", "GPF"),
            ("PY", "MDI"),
            ("PY", "DGM"),
            ("PY", "GBOQ"),
            ("PY", "GPH"),
            ("BO", "MINGOB"),
            ("BO", "DIGEMIG"),
            ("BO", "GADT"),
        ),
        short_name="Gran Chaco",
        title=(
            "Regional capacity development partnership on migration governance in the Gran Chaco",
            "Asociación regional de desarrollo de capacidades en gobernanza migratoria en el Gran Chaco",
        ),
        months=33,
        stage="follow_up",
    ),
    _S(
        "ph-4",
        ("PH", "DMW"),
        "2021-06",
        "LM-LAB",
        type=HOLISTIC,
        capacity_institution=("PH", "FSI"),
        predecessor="ph-3",
        months=20,
    ),
    _S(
        "ua-2",
        ("UA", "SMSU"),
        "2021-06",
        "IP-VUL",
        months=20,
        event=Event(
            "cancelled",
            date(2022, 3, 10),
            "Cancelled after the Russian Federation's full-scale invasion of Ukraine on 24 February 2022.",
        ),
    ),
    _S(
        "cr-3",
        ("CR", "DGME"),
        "2021-10",
        "IP-ASY",
        type=HOLISTIC,
        capacity_institution=("CR", "ISEMMP"),
        predecessor="cr-2",
        months=28,
        stage="follow_up",
    ),
    _S("bd-1", ("BD", "BMET"), "2021-10", "LM-SKL", months=16),
    _S(
        "mirps",
        ("CR", "MGP"),
        "2022-03",
        "IP-ASY",
        type=REGIONAL,
        co_beneficiaries=(
            ("BZ", "IND"),
            ("GT", "IGM"),
            ("HN", "INM"),
            ("MX", "INM"),
            ("PA", "SNM"),
            ("SV", "DGME"),
        ),
        short_name="MIRPS",
        title=(
            "Regional capacity development partnership on protection and solutions with the MIRPS states",
            "Asociación regional de desarrollo de capacidades en protección y soluciones con los Estados "
            "del MIRPS",
        ),
        months=30,
        stage="implementation",
    ),
    _S(
        "ne-1",
        ("NE", "ANLTP/TIM"),
        "2022-03",
        "IMT-SOM",
        months=24,
        event=Event(
            "suspended",
            date(2023, 8, 3),
            "Suspended after the events of 26 July 2023 in Niamey: the EU has suspended its cooperation "
            "with the authorities.",
        ),
    ),
    _S(
        "sd-1",
        ("SD", "MOI"),
        "2022-06",
        "IMT-THB",
        months=24,
        event=Event(
            "suspended",
            date(2023, 4, 20),
            "Suspended: the armed conflict that broke out in April 2023 makes activities impossible.",
        ),
    ),
    _S(
        "ci-3",
        ("CI", "DGIE"),
        "2022-10",
        "MD-DIA",
        type=HOLISTIC,
        capacity_institution=("CI", "AD"),
        predecessor="ci-2",
        months=26,
        stage="implementation",
    ),
    _S(
        "igad",
        ("DJ", "IGAD"),
        "2022-10",
        "LM-LAB",
        type=REGIONAL,
        co_beneficiaries=(("ET", "MOLS"), ("KE", "SDICS"), ("UG", "DCIC")),
        short_name="IGAD",
        title=("Regional partnership on labour mobility and free movement in the IGAD region", ""),
        months=24,
        stage="implementation",
    ),
    _S(
        "kg-3",
        ("KG", "SMS"),
        "2023-03",
        "LM-LAB",
        type=HOLISTIC,
        capacity_institution=("KG", "DA MFA"),
        predecessor="kg-1",
        months=24,
        stage="implementation",
    ),
    _S("ng-5", ("NG", "NAPTIP"), "2023-06", "IMT-THB", predecessor="ng-3", months=24, stage="implementation"),
    _S(
        "ma-3",
        ("MA", "MI"),
        "2023-11",
        "IP-ASY",
        type=HOLISTIC,
        capacity_institution=("MA", "AMED"),
        predecessor="ma-2",
        months=24,
        stage="plan_agreed",
    ),
    # Institution A's holistic Action, running on AS_OF: every tab of an Action has something to show
    # (activities, experts, participants, deliverables, results, coordination matrix).
    _S(
        "mx-4",
        ("MX", "INM"),
        "2022-06",
        "IP-VUL",
        type=HOLISTIC,
        co_beneficiaries=(("MX", "COMAR"),),
        capacity_institution=("MX", "IMR"),
        predecessor="mx-3",
        title=(
            "Holistic capacity development of the National Migration Institute: certified trainers on the "
            "protection of migrants in vulnerable situations",
            "Desarrollo integral de capacidades del Instituto Nacional de Migración: formadores "
            "certificados en la protección de personas migrantes en situación de vulnerabilidad",
        ),
        months=28,
        stage="implementation",
        published=True,
    ),
    # Institution A's newest Action, still in formulation and not yet published: partners of other
    # institutions must not see it.
    _S(
        "mx-5",
        ("MX", "INM"),
        "2024-03",
        "HO-GOV",
        co_beneficiaries=(("MX", "COMAR"),),
        predecessor="mx-4",
        title=(
            "Anchoring the certified trainer pool of the National Migration Institute in the national "
            "training framework",
            "Institucionalización del cuerpo de formadores certificados del Instituto Nacional de "
            "Migración en el marco nacional de capacitación",
        ),
        months=18,
        stage="formulation",
        published=False,
    ),
    _S("fj-1", ("FJ", "FID"), "2024-03", "HO-CLIM", months=18, stage="approved"),
)


# --- Featured requests that did not become Actions ------------------------------------------------------


class RequestSeed(NamedTuple):
    """A request written out by hand: `outcome` is "rejected", "withdrawn", or an open status.
    `month` is when the Committee rejected it (its first meeting from that month), when it was
    withdrawn, or when it arrived (open requests)."""

    requesters: tuple[InstitutionRef, ...]
    area: str
    outcome: str
    month: str
    reason: str = ""
    withdrawn_by_focal_point: bool = False


FEATURED_REQUESTS: tuple[RequestSeed, ...] = (
    # The very first request (received on FIRST_REQUEST_ON), rejected at the first meeting.
    RequestSeed(
        (("DZ", "MICLAT"),),
        "IMT-BM",
        "rejected",
        "2009-03",
        reason="The request seeks surveillance equipment for border posts rather than peer expertise, "
        "which the programme does not provide.",
    ),
    RequestSeed((("NG", "WAFTIP"),), "IMT-THB", "withdrawn", "2016-04", reason=INELIGIBLE_WITHDRAWAL),
    RequestSeed((("MX", "RNAM"),), "IP-VUL", "withdrawn", "2019-08", reason=INELIGIBLE_WITHDRAWAL),
    RequestSeed(
        (("NG", "NAPTIP"),),
        "HO-DATA",
        "withdrawn",
        "2021-09",
        reason="NAPTIP withdraws the request: its case management system is now funded by another "
        "EU-funded project.",
        withdrawn_by_focal_point=True,
    ),
    RequestSeed((("NG", "NAPTIP"), ("NG", "ETAHT")), "MD-REINT", "screening", "2024-05"),
)


# --- Delivery: where activities take place, experts, participants, deliverables, results ----------------

# Where in-person activities take place: the capital of the partner country (or of the Member State
# a study visit goes to).
CAPITALS = {
    "AM": "Yerevan",
    "AO": "Luanda",
    "AR": "Buenos Aires",
    "AT": "Vienna",
    "AZ": "Baku",
    "BB": "Bridgetown",
    "BD": "Dhaka",
    "BE": "Brussels",
    "BF": "Ouagadougou",
    "BG": "Sofia",
    "BI": "Gitega",
    "BJ": "Cotonou",
    "BO": "La Paz",
    "BR": "Brasília",
    "BW": "Gaborone",
    "BZ": "Belmopan",
    "CD": "Kinshasa",
    "CF": "Bangui",
    "CG": "Brazzaville",
    "CI": "Abidjan",
    "CL": "Santiago",
    "CM": "Yaoundé",
    "CO": "Bogotá",
    "CR": "San José",
    "CV": "Praia",
    "CY": "Nicosia",
    "CZ": "Prague",
    "DE": "Berlin",
    "DJ": "Djibouti",
    "DO": "Santo Domingo",
    "DZ": "Algiers",
    "EC": "Quito",
    "EE": "Tallinn",
    "EG": "Cairo",
    "ES": "Madrid",
    "ET": "Addis Ababa",
    "FI": "Helsinki",
    "FJ": "Suva",
    "FR": "Paris",
    "GA": "Libreville",
    "GE": "Tbilisi",
    "GH": "Accra",
    "GM": "Banjul",
    "GN": "Conakry",
    "GR": "Athens",
    "GT": "Guatemala City",
    "GW": "Bissau",
    "GY": "Georgetown",
    "HN": "Tegucigalpa",
    "HR": "Zagreb",
    "HT": "Port-au-Prince",
    "HU": "Budapest",
    "ID": "Jakarta",
    "IE": "Dublin",
    "IN": "New Delhi",
    "IQ": "Baghdad",
    "IT": "Rome",
    "JM": "Kingston",
    "JO": "Amman",
    "KE": "Nairobi",
    "KG": "Bishkek",
    "KH": "Phnom Penh",
    "KM": "Moroni",
    "KZ": "Astana",
    "LA": "Vientiane",
    "LB": "Beirut",
    "LK": "Colombo",
    "LR": "Monrovia",
    "LS": "Maseru",
    "LT": "Vilnius",
    "LU": "Luxembourg",
    "LV": "Riga",
    "LY": "Tripoli",
    "MA": "Rabat",
    "MD": "Chișinău",
    "MG": "Antananarivo",
    "ML": "Bamako",
    "MN": "Ulaanbaatar",
    "MR": "Nouakchott",
    "MT": "Valletta",
    "MU": "Port Louis",
    "MV": "Malé",
    "MW": "Lilongwe",
    "MX": "Mexico City",
    "MZ": "Maputo",
    "NA": "Windhoek",
    "NE": "Niamey",
    "NG": "Abuja",
    "NI": "Managua",
    "NL": "The Hague",
    "NP": "Kathmandu",
    "PA": "Panama City",
    "PE": "Lima",
    "PH": "Manila",
    "PK": "Islamabad",
    "PL": "Warsaw",
    "PS": "Ramallah",
    "PT": "Lisbon",
    "PY": "Asunción",
    "RO": "Bucharest",
    "RW": "Kigali",
    "SC": "Victoria",
    "SD": "Khartoum",
    "SE": "Stockholm",
    "SI": "Ljubljana",
    "SK": "Bratislava",
    "SL": "Freetown",
    "SN": "Dakar",
    "SO": "Mogadishu",
    "SR": "Paramaribo",
    "SS": "Juba",
    "SV": "San Salvador",
    "SZ": "Mbabane",
    "TD": "N'Djamena",
    "TG": "Lomé",
    "TH": "Bangkok",
    "TJ": "Dushanbe",
    "TL": "Dili",
    "TM": "Ashgabat",
    "TN": "Tunis",
    "TR": "Ankara",
    "TT": "Port of Spain",
    "TZ": "Dodoma",
    "UA": "Kyiv",
    "UG": "Kampala",
    "UY": "Montevideo",
    "UZ": "Tashkent",
    "VN": "Hanoi",
    "ZA": "Pretoria",
    "ZM": "Lusaka",
    "ZW": "Harare",
}
# Until 2020 activities took place in person; the pandemic moved them online, then many became hybrid.
ONLINE_YEARS = (2020, 2021)
# Hours of a working day of an activity, and the hours of an online course.
HOURS_PER_DAY = 6
ONLINE_COURSE_HOURS = 24

# The OECD level of capacity each activity type mostly targets (OecdLevel values).
INDIVIDUAL, ORGANISATIONAL, ENABLING = "individual", "organisational", "enabling_environment"
ACTIVITY_LEVELS = {
    "identification_mission": ORGANISATIONAL,
    "assessment": ORGANISATIONAL,
    "workshop": INDIVIDUAL,
    "seminar": INDIVIDUAL,
    "training": INDIVIDUAL,
    "training_of_trainers": INDIVIDUAL,
    "study_visit": INDIVIDUAL,
    "round_table": ENABLING,
    "expert_advisory_mission": ORGANISATIONAL,
    "drafting_support": ORGANISATIONAL,
    "online_course": INDIVIDUAL,
    "replica_training": INDIVIDUAL,
    "launch_event": ENABLING,
    "closing_event": ENABLING,
}
# Experts per activity type (fewest, most) and the role of the first one; replica trainings are given
# by newly trained national trainers, without experts.
EXPERTS_PER_ACTIVITY = {
    "identification_mission": (2, 2, "lead_expert"),
    "assessment": (1, 2, "lead_expert"),
    "workshop": (1, 2, "expert"),
    "seminar": (1, 2, "expert"),
    "training": (2, 2, "trainer"),
    "training_of_trainers": (2, 3, "trainer"),
    "study_visit": (1, 2, "expert"),
    "round_table": (1, 2, "expert"),
    "expert_advisory_mission": (1, 2, "lead_expert"),
    "drafting_support": (1, 2, "expert"),
    "online_course": (1, 2, "trainer"),
    "launch_event": (1, 2, "lead_expert"),
    "closing_event": (1, 2, "lead_expert"),
}
# How many people attend an activity of each type (fewest, most), and the share of them who already
# attended an earlier activity of the same Action.
PARTICIPANTS_PER_ACTIVITY = {
    "identification_mission": (8, 16, 0.0),
    "assessment": (10, 20, 0.3),
    "workshop": (26, 50, 0.25),
    "seminar": (30, 60, 0.2),
    "training": (24, 42, 0.25),
    "training_of_trainers": (14, 24, 0.5),
    "study_visit": (6, 12, 0.5),
    "round_table": (20, 44, 0.3),
    "expert_advisory_mission": (8, 16, 0.3),
    "drafting_support": (6, 14, 0.5),
    "online_course": (40, 80, 0.15),
    "replica_training": (20, 40, 0.05),
    "launch_event": (35, 70, 0.3),
    "closing_event": (40, 80, 0.4),
}
# Activities with a pre-test and a post-test of knowledge.
TESTED_ACTIVITY_TYPES = frozenset(
    {"workshop", "seminar", "training", "training_of_trainers", "online_course", "replica_training"}
)
FOLLOW_UP_COMMENTS = (
    "Applied the checklist in daily case work.",
    "Shared the training materials with colleagues of the unit.",
    "Used the new procedure in two joint operations.",
    "Not yet: the procedure awaits formal adoption.",
    "Changed posts; the new role does not cover the topic.",
)
POSTPONEMENT_REASONS = (
    "Postponed at the partner institution's request: the dates clash with a national holiday.",
    "Postponed until the new head of unit takes office.",
    "Postponed: the venue and the interpretation could not be secured in time.",
)
CANCELLATION_REASON = "Cancelled: the partner institution asked to merge it with the next activity."

# Deliverables: a title per type ({topic} filled in) and the OECD level it mostly serves.
DELIVERABLE_TITLES = {
    "analytical_report": ("Assessment report on {topic}", ORGANISATIONAL),
    "policy": ("Policy on {topic}", ENABLING),
    "strategy": ("Strategy and action plan on {topic}", ENABLING),
    "law_or_regulation": ("Draft regulation on {topic}", ENABLING),
    "procedure": ("Standard operating procedures on {topic}", ORGANISATIONAL),
    "manual": ("Practitioners' manual on {topic}", ORGANISATIONAL),
    "curriculum": ("Training curriculum on {topic}", ORGANISATIONAL),
    "e_learning": ("E-learning module on {topic}", INDIVIDUAL),
    "study": ("Study on {topic}", ENABLING),
    "recommendations": ("Recommendations on {topic}", ORGANISATIONAL),
}
# The type of an Action's main deliverable (AREA_TEXTS[...].deliverable), from words in its name.
DELIVERABLE_KEYWORDS = (
    ("procedure", "procedure"),
    ("guidelines", "procedure"),
    ("protocol", "procedure"),
    ("standards", "procedure"),
    ("referral mechanism", "procedure"),
    ("handbook", "manual"),
    ("training module", "curriculum"),
    ("strategy", "strategy"),
    ("action plan", "strategy"),
    ("plan", "strategy"),
    ("policy note", "recommendations"),
    ("policy", "policy"),
    ("profile", "analytical_report"),
)
# Who adopts a deliverable of each type ({institution} is the lead partner's name).
ADOPTING_BODIES = {
    "analytical_report": "Management board of the {institution}",
    "policy": "Council of Ministers, on the proposal of the {institution}",
    "strategy": "Council of Ministers, on the proposal of the {institution}",
    "law_or_regulation": "Ministerial order, on the proposal of the {institution}",
    "procedure": "Director General of the {institution}",
    "manual": "Director General of the {institution}",
    "curriculum": "Academic council of the {institution}",
    "e_learning": "Training board of the {institution}",
    "study": "Management board of the {institution}",
    "recommendations": "Management board of the {institution}",
}

# Results framework: statements ({topic}, {deliverable}, {institution} filled in).
OUTCOME_STATEMENT = "The {institution} applies improved practice on {topic}."
OUTPUT_STATEMENTS = (
    "Officials of the {institution} have the knowledge and skills needed on {topic}.",
    "{Deliverable} is drafted, validated and handed over.",
)
HOLISTIC_OUTCOME = (
    "The {institution}'s training framework integrates the Action's curriculum and certified trainers."
)
HOLISTIC_OUTPUT = "A pool of certified national trainers delivers replica trainings on {topic}."
REGIONAL_OUTCOME = "Partners across the region coordinate their approaches on {topic}."
REGIONAL_OUTPUT = "Common regional guidance on {topic} is agreed by the partners."
# Entered indicators: (name, OECD level, Kirkpatrick level, unit, highest target per period).
ENTERED_INDICATORS = (
    ("Policy or legal instruments on {topic} submitted for adoption", ENABLING, 4, "number", 2),
    ("Inter-agency coordination meetings held on {topic}", ENABLING, 4, "number", 6),
    ("Share of trained officials applying the new procedures", ORGANISATIONAL, 3, "percent", 80),
    ("Units of the {institution} using the new tools in daily work", ORGANISATIONAL, 3, "number", 5),
)
PERIOD_RETURN_COMMENT = "Please attach the minutes that evidence this figure before resubmitting it."
PERIOD_COMMENTS = (
    "Figure taken from the partner institution's annual report.",
    "Confirmed by the focal point in the steering meeting.",
    "Based on the monitoring visit and the minutes of the inter-agency meetings.",
)
COORDINATION_NOTES = {
    "identification": "Needs and roles agreed in the identification mission.",
    "design": "Curriculum and certification scheme agreed with the actor.",
    "delivery": "Takes part in the trainings and the replica sessions.",
    "certification": "Sits on the certification panel.",
    "institutionalisation": "Integrates the curriculum and trainer pool into its own framework.",
}


# --- The portal: what the demo accounts find waiting for them -------------------------------------------
# Portal writes happen "now" (a draft is dated the day it is saved, a request the day it is sent), so
# unlike the rest of the programme they carry the date the demo was seeded, not AS_OF.

FOCAL_POINT_A_EMAIL = "focal.a@mieux.test"
# The officer who screens the requests sent through the portal and asks the questions.
PORTAL_OFFICER_EMAIL = "officer@mieux.test"
HR_A_EMAIL = "hr.a@mieux.test"
TRAINING_A_EMAIL = "training.a@mieux.test"
OFFICIAL_A_EMAIL = "official.a@mieux.test"
EXPERT_EMAIL = "expert@mieux.test"

# How far a request written in the portal has come, in order: saved as a draft, sent by the focal
# point, screened by the officer, a question asked, the question answered, submitted to the Committee.
PORTAL_STAGES = ("draft", "received", "screening", "clarification", "answered", "submitted")


class PortalRequestSeed(NamedTuple):
    """A request a focal point writes in the portal for their own institution (the lead requester),
    with any co-requesting institutions, and how far it has come (PORTAL_STAGES). A draft may be
    half-written; a request that is sent has its needs, expected results and target groups. A
    concept note is attached when `concept_note` is set."""

    focal_point: str
    title: str
    area: str
    stage: str
    needs: str
    expected_results: str = ""
    target_groups: str = ""
    co_requesters: tuple[InstitutionRef, ...] = ()
    proposed_type: str = CLASSIC
    languages: tuple[str, ...] = ()
    timing: str = ""
    question: str = ""
    answer: str = ""
    concept_note: bool = False


PORTAL_REQUESTS: tuple[PortalRequestSeed, ...] = (
    # Institution A: a draft the focal point has started and will finish later.
    PortalRequestSeed(
        FOCAL_POINT_A_EMAIL,
        "Identifying victims of trafficking among migrants in transit at the southern border",
        "IMT-THB",
        "draft",
        needs="Officers at the southern border crossings see growing numbers of migrants in transit, "
        "some of them exploited on the way. They have no common indicators to recognise victims of "
        "trafficking and refer them, and",
        languages=("es",),
    ),
    # Institution A, with COMAR: sent, screened, and a question of the officer waiting for an answer.
    PortalRequestSeed(
        FOCAL_POINT_A_EMAIL,
        "A shared case file for asylum seekers referred by the National Migration Institute to COMAR",
        "IP-ASY",
        "clarification",
        needs="Asylum seekers identified by the National Migration Institute at its offices are referred "
        "to the Mexican Commission for Refugee Assistance on paper. Files are re-typed, cases are lost "
        "between the two institutions and applicants wait weeks before COMAR first sees them.",
        expected_results="A referral procedure and a shared case file agreed by both institutions; "
        "officials of both trained to use them; waiting time between referral and registration halved.",
        target_groups="Officers of the National Migration Institute at its regional offices and "
        "registration officers of COMAR.",
        co_requesters=(("MX", "COMAR"),),
        languages=("es", "en"),
        timing="From the second quarter of next year; no activities in December.",
        question="Which regional offices would pilot the shared case file, and has the national "
        "data protection authority been consulted on sharing applicants' data?",
    ),
    # Institution A: an earlier question, answered by the focal point; the request went on to the
    # Steering Committee.
    PortalRequestSeed(
        FOCAL_POINT_A_EMAIL,
        "Informing migrants in transit about regular pathways and their rights",
        "HO-COMM",
        "submitted",
        needs="Migrants in transit receive contradictory information from smugglers and social media. "
        "The National Migration Institute has no communication strategy for them and its officers "
        "are not trained to inform them about regular pathways, protection and their rights.",
        expected_results="A communication strategy for migrants in transit, information materials in "
        "Spanish, English, French and Haitian Creole, and trained information officers at ten offices.",
        target_groups="The institute's communication unit and information officers at its offices on "
        "the main transit routes.",
        languages=("es", "en", "fr"),
        timing="Within the next twelve months.",
        question="Please confirm the institution's lead contact and the expected timing.",
        answer="The lead contact is the Coordination of International Affairs (Mariana Hernández Ruiz). "
        "We would like to start within the next twelve months; the communication unit can host the "
        "first workshop in Mexico City.",
        concept_note=True,
    ),
    # Institution B: sent through the portal, waiting for screening.
    PortalRequestSeed(
        "focal.b@mieux.test",
        "Psychosocial support for returned victims of trafficking in Edo State",
        "MD-REINT",
        "received",
        needs="Returned victims of trafficking arrive in Edo State with trauma the shelter staff are not "
        "trained to recognise. Counsellors and NAPTIP's shelter officers ask for peer training on "
        "trauma-informed care and referral to specialised services.",
        expected_results="Shelter officers and counsellors trained in trauma-informed care; a referral "
        "protocol to specialised psychosocial services agreed with the Edo State task force.",
        target_groups="NAPTIP shelter officers and counsellors in Benin City.",
        languages=("en",),
        timing="Before the next rainy season, if possible.",
    ),
)

# Institution A's holistic Action, where the portal's partner roles have something to do.
PORTAL_ACTION = "mx-4"
# HR and training-unit officers who sign off a cell of the Action's matrix themselves in the portal
# (the earliest engaged cell naming them); their other engaged cells wait for them.
PORTAL_SIGNERS = (HR_A_EMAIL,)
# What the signer writes with their sign-off (the transition's comment; the cell keeps its own note).
PORTAL_SIGN_OFF_NOTE = "HR has released the officials in training for the replica sessions."
# What institution A's official answers in the portal (the others are left for them to answer):
# their satisfaction with and follow-up to the activities between the first and the last they attended.
PORTAL_FOLLOW_UP_ANSWERS = (
    ("yes", "I now use the vulnerability screening form in every interview at my office."),
    ("partly", "I trained two colleagues; the referral form still needs the director's approval."),
    ("yes", "Our unit adopted the interview checklist."),
    ("partly", "I apply the referral steps; the shelters we refer to are often full."),
)
# The roster expert with a demo account works on the Action: on its last activities held and on its
# next confirmed one. They uploaded the reports of all their missions in the portal but the latest.
PORTAL_EXPERT_HELD_ACTIVITIES = 3
MISSION_REPORT_TEXT = (
    "Mission report",
    "Objectives of the mission and the programme agreed with the partner institution.",
    "Activities carried out, participants met and materials used.",
    "Findings, recommendations and the follow-up agreed with the institution.",
)
CONCEPT_NOTE_TEXT = (
    "Concept note",
    "Background: the information migrants in transit receive, and from whom.",
    "What the institution asks of the programme, and what it contributes.",
    "Contact: Coordination of International Affairs, National Migration Institute.",
)
