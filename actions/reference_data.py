"""The code lists every installation starts with, loaded by the data migration 0002_reference_data.

Pure Python constants (no Django imports): the migration reads them through the historical models,
and the demo seeding (actions.demo) refers to the codes. Staff edit the lists afterwards in the app;
the migration only adds what is missing, so their edits survive.

Sources: thematic areas as on the programme's Action pages (DOMAIN.md); the 23 objectives of the
Global Compact for Safe, Orderly and Regular Migration (A/RES/73/195) in the UN's English, French and
Spanish wording; OECD-DAC purpose codes; the programme's phases.
"""

from __future__ import annotations

from datetime import date
from typing import NamedTuple


class AreaSeed(NamedTuple):
    """A thematic area (parent "") or one of its specific areas."""

    code: str
    parent: str
    name_en: str
    name_fr: str
    name_es: str


_A = AreaSeed

# Thematic areas first: a specific area's parent must already exist when it is loaded.
THEMATIC_AREAS: tuple[AreaSeed, ...] = (
    _A(
        "IMT",
        "",
        "Irregular migration and trafficking in human beings",
        "Migration irrégulière et traite des êtres humains",
        "Migración irregular y trata de personas",
    ),
    _A(
        "LM",
        "",
        "Legal migration and mobility",
        "Migration légale et mobilité",
        "Migración legal y movilidad",
    ),
    _A(
        "IP",
        "",
        "International protection and asylum",
        "Protection internationale et asile",
        "Protección internacional y asilo",
    ),
    _A(
        "MD",
        "",
        "Migration and development",
        "Migration et développement",
        "Migración y desarrollo",
    ),
    _A(
        "HO",
        "",
        "Horizontal interventions",
        "Interventions horizontales",
        "Intervenciones horizontales",
    ),
    # IMT
    _A(
        "IMT-THB",
        "IMT",
        "Trafficking in human beings",
        "Traite des êtres humains",
        "Trata de personas",
    ),
    _A(
        "IMT-SOM",
        "IMT",
        "Smuggling of migrants",
        "Trafic illicite de migrants",
        "Tráfico ilícito de migrantes",
    ),
    _A(
        "IMT-BM",
        "IMT",
        "Border management",
        "Gestion des frontières",
        "Gestión de fronteras",
    ),
    _A(
        "IMT-RET",
        "IMT",
        "Return and readmission",
        "Retour et réadmission",
        "Retorno y readmisión",
    ),
    _A(
        "IMT-DOC",
        "IMT",
        "Document security and identity management",
        "Sécurité des documents et gestion de l'identité",
        "Seguridad documental y gestión de la identidad",
    ),
    # LM
    _A(
        "LM-LAB",
        "LM",
        "Labour migration",
        "Migration de travail",
        "Migración laboral",
    ),
    _A(
        "LM-VISA",
        "LM",
        "Visa policy and consular services",
        "Politique des visas et services consulaires",
        "Política de visados y servicios consulares",
    ),
    _A(
        "LM-INT",
        "LM",
        "Integration of migrants",
        "Intégration des migrants",
        "Integración de las personas migrantes",
    ),
    _A(
        "LM-SKL",
        "LM",
        "Skills development and recognition of qualifications",
        "Développement des compétences et reconnaissance des qualifications",
        "Desarrollo de competencias y reconocimiento de cualificaciones",
    ),
    # IP
    _A(
        "IP-ASY",
        "IP",
        "Asylum systems",
        "Systèmes d'asile",
        "Sistemas de asilo",
    ),
    _A(
        "IP-REC",
        "IP",
        "Reception of asylum seekers and refugees",
        "Accueil des demandeurs d'asile et des réfugiés",
        "Acogida de solicitantes de asilo y personas refugiadas",
    ),
    _A(
        "IP-VUL",
        "IP",
        "Unaccompanied children and persons in vulnerable situations",
        "Enfants non accompagnés et personnes en situation de vulnérabilité",
        "Niñez no acompañada y personas en situación de vulnerabilidad",
    ),
    _A(
        "IP-STAT",
        "IP",
        "Statelessness",
        "Apatridie",
        "Apatridia",
    ),
    # MD
    _A(
        "MD-DIA",
        "MD",
        "Diaspora engagement",
        "Mobilisation de la diaspora",
        "Vinculación con la diáspora",
    ),
    _A(
        "MD-REM",
        "MD",
        "Remittances",
        "Transferts de fonds des migrants",
        "Remesas",
    ),
    _A(
        "MD-MAIN",
        "MD",
        "Mainstreaming migration into development planning",
        "Intégration de la migration dans la planification du développement",
        "Integración de la migración en la planificación del desarrollo",
    ),
    _A(
        "MD-REINT",
        "MD",
        "Sustainable reintegration of returning migrants",
        "Réintégration durable des migrants de retour",
        "Reintegración sostenible de las personas migrantes retornadas",
    ),
    # HO
    _A(
        "HO-DATA",
        "HO",
        "Migration data",
        "Données sur les migrations",
        "Datos sobre migración",
    ),
    _A(
        "HO-CLIM",
        "HO",
        "Climate, environment and migration",
        "Climat, environnement et migration",
        "Clima, medio ambiente y migración",
    ),
    _A(
        "HO-HEALTH",
        "HO",
        "Health and migration",
        "Santé et migration",
        "Salud y migración",
    ),
    _A(
        "HO-COMM",
        "HO",
        "Communication and narratives on migration",
        "Communication et discours sur la migration",
        "Comunicación y narrativas sobre la migración",
    ),
    _A(
        "HO-GOV",
        "HO",
        "Migration governance and policy",
        "Gouvernance et politique migratoires",
        "Gobernanza y política migratoria",
    ),
)


class ObjectiveSeed(NamedTuple):
    number: int
    title_en: str
    title_fr: str
    title_es: str


_O = ObjectiveSeed

# The objectives' short titles as the Compact lists them (paragraph 16 of A/RES/73/195).
GLOBAL_COMPACT_OBJECTIVES: tuple[ObjectiveSeed, ...] = (
    _O(
        1,
        "Collect and utilize accurate and disaggregated data as a basis for evidence-based policies",
        "Collecter et utiliser des données exactes et ventilées qui serviront à l'élaboration de "
        "politiques fondées sur la connaissance des faits",
        "Recopilar y utilizar datos exactos y desglosados para formular políticas con base empírica",
    ),
    _O(
        2,
        "Minimize the adverse drivers and structural factors that compel people to leave their country "
        "of origin",
        "Lutter contre les facteurs négatifs et les problèmes structurels qui poussent des personnes à "
        "quitter leur pays d'origine",
        "Minimizar los factores adversos y estructurales que obligan a las personas a abandonar su país "
        "de origen",
    ),
    _O(
        3,
        "Provide accurate and timely information at all stages of migration",
        "Fournir dans les meilleurs délais des informations exactes à toutes les étapes de la migration",
        "Proporcionar información exacta y oportuna en todas las etapas de la migración",
    ),
    _O(
        4,
        "Ensure that all migrants have proof of legal identity and adequate documentation",
        "Munir tous les migrants d'une preuve d'identité légale et de papiers adéquats",
        "Velar por que todos los migrantes tengan pruebas de su identidad jurídica y documentación adecuada",
    ),
    _O(
        5,
        "Enhance availability and flexibility of pathways for regular migration",
        "Faire en sorte que les filières de migration régulière soient accessibles et plus souples",
        "Aumentar la disponibilidad y flexibilidad de las vías de migración regular",
    ),
    _O(
        6,
        "Facilitate fair and ethical recruitment and safeguard conditions that ensure decent work",
        "Favoriser des pratiques de recrutement justes et éthiques et assurer les conditions d'un "
        "travail décent",
        "Facilitar la contratación equitativa y ética y salvaguardar las condiciones que garantizan el "
        "trabajo decente",
    ),
    _O(
        7,
        "Address and reduce vulnerabilities in migration",
        "S'attaquer aux facteurs de vulnérabilité liés aux migrations et les réduire",
        "Abordar y reducir las vulnerabilidades en la migración",
    ),
    _O(
        8,
        "Save lives and establish coordinated international efforts on missing migrants",
        "Sauver des vies et mettre en place une action internationale coordonnée pour retrouver les "
        "migrants disparus",
        "Salvar vidas y emprender iniciativas internacionales coordinadas sobre los migrantes desaparecidos",
    ),
    _O(
        9,
        "Strengthen the transnational response to smuggling of migrants",
        "Renforcer l'action transnationale face au trafic de migrants",
        "Reforzar la respuesta transnacional al tráfico ilícito de migrantes",
    ),
    _O(
        10,
        "Prevent, combat and eradicate trafficking in persons in the context of international migration",
        "Prévenir, combattre et éliminer la traite de personnes dans le cadre des migrations internationales",
        "Prevenir, combatir y erradicar la trata de personas en el contexto de la migración internacional",
    ),
    _O(
        11,
        "Manage borders in an integrated, secure and coordinated manner",
        "Gérer les frontières de manière intégrée, sûre et coordonnée",
        "Gestionar las fronteras de manera integrada, segura y coordinada",
    ),
    _O(
        12,
        "Strengthen certainty and predictability in migration procedures for appropriate screening, "
        "assessment and referral",
        "Renforcer la prévisibilité et la fiabilité des procédures migratoires pour permettre des "
        "contrôles, des évaluations et une orientation appropriés",
        "Aumentar la certidumbre y previsibilidad de los procedimientos migratorios para la adecuada "
        "verificación de antecedentes, evaluación y derivación",
    ),
    _O(
        13,
        "Use migration detention only as a measure of last resort and work towards alternatives",
        "Ne recourir au placement en rétention administrative des migrants qu'en dernier ressort et "
        "chercher des solutions de rechange",
        "Utilizar la detención de migrantes solo como último recurso y buscar otras alternativas",
    ),
    _O(
        14,
        "Enhance consular protection, assistance and cooperation throughout the migration cycle",
        "Renforcer la protection, l'assistance et la coopération consulaires tout au long du cycle "
        "migratoire",
        "Mejorar la protección, asistencia y cooperación consulares a lo largo de todo el ciclo migratorio",
    ),
    _O(
        15,
        "Provide access to basic services for migrants",
        "Assurer l'accès des migrants aux services de base",
        "Proporcionar a los migrantes acceso a servicios básicos",
    ),
    _O(
        16,
        "Empower migrants and societies to realize full inclusion and social cohesion",
        "Donner aux migrants et aux sociétés les moyens de réaliser la pleine intégration et la "
        "cohésion sociale",
        "Empoderar a los migrantes y las sociedades para lograr la plena inclusión y la cohesión social",
    ),
    _O(
        17,
        "Eliminate all forms of discrimination and promote evidence-based public discourse to shape "
        "perceptions of migration",
        "Éliminer toutes les formes de discrimination et encourager un débat public fondé sur l'analyse "
        "des faits afin de faire évoluer la manière dont les migrations sont perçues",
        "Eliminar todas las formas de discriminación y promover un discurso público con base empírica "
        "para modificar las percepciones de la migración",
    ),
    _O(
        18,
        "Invest in skills development and facilitate mutual recognition of skills, qualifications and "
        "competences",
        "Investir dans le perfectionnement des compétences et faciliter la reconnaissance mutuelle des "
        "aptitudes, qualifications et compétences",
        "Invertir en el desarrollo de aptitudes y facilitar el reconocimiento mutuo de aptitudes, "
        "cualificaciones y competencias",
    ),
    _O(
        19,
        "Create conditions for migrants and diasporas to fully contribute to sustainable development in "
        "all countries",
        "Créer les conditions permettant aux migrants et aux diasporas de contribuer pleinement au "
        "développement durable dans tous les pays",
        "Crear las condiciones necesarias para que los migrantes y las diásporas puedan contribuir "
        "plenamente al desarrollo sostenible en todos los países",
    ),
    _O(
        20,
        "Promote faster, safer and cheaper transfer of remittances and foster financial inclusion of "
        "migrants",
        "Rendre les envois de fonds plus rapides, plus sûrs et moins coûteux et favoriser l'inclusion "
        "financière des migrants",
        "Promover transferencias de remesas más rápidas, seguras y económicas y fomentar la inclusión "
        "financiera de los migrantes",
    ),
    _O(
        21,
        "Cooperate in facilitating safe and dignified return and readmission, as well as sustainable "
        "reintegration",
        "Coopérer en vue de faciliter le retour et la réadmission des migrants en toute sécurité et "
        "dans la dignité, ainsi que leur réintégration durable",
        "Colaborar para facilitar el regreso y la readmisión en condiciones de seguridad y dignidad, así "
        "como la reintegración sostenible",
    ),
    _O(
        22,
        "Establish mechanisms for the portability of social security entitlements and earned benefits",
        "Mettre en place des mécanismes de portabilité des droits de sécurité sociale et des avantages "
        "acquis",
        "Establecer mecanismos para la portabilidad de la seguridad social y las prestaciones adquiridas",
    ),
    _O(
        23,
        "Strengthen international cooperation and global partnerships for safe, orderly and regular "
        "migration",
        "Renforcer la coopération internationale et les partenariats mondiaux pour des migrations sûres, "
        "ordonnées et régulières",
        "Fortalecer la cooperación internacional y las alianzas mundiales para la migración segura, "
        "ordenada y regular",
    ),
)


class PurposeCodeSeed(NamedTuple):
    code: str
    name_en: str
    name_fr: str
    name_es: str
    is_default: bool = False


_P = PurposeCodeSeed

PURPOSE_CODES: tuple[PurposeCodeSeed, ...] = (
    _P(
        "15190",
        "Facilitation of orderly, safe, regular and responsible migration and mobility",
        "Facilitation d'une migration et d'une mobilité ordonnées, sûres, régulières et responsables",
        "Facilitación de la migración y la movilidad ordenadas, seguras, regulares y responsables",
        is_default=True,
    ),
    _P(
        "15110",
        "Public sector policy and administrative management",
        "Politique et gestion administrative du secteur public",
        "Política y gestión administrativa del sector público",
    ),
    _P(
        "15130",
        "Legal and judicial development",
        "Développement des services légaux et judiciaires",
        "Desarrollo legal y judicial",
    ),
    _P("15160", "Human rights", "Droits de la personne", "Derechos humanos"),
    _P(
        "15180",
        "Ending violence against women and girls",
        "Élimination de la violence à l'égard des femmes et des filles",
        "Eliminación de la violencia contra las mujeres y las niñas",
    ),
    _P(
        "72010",
        "Material relief assistance and services",
        "Assistance matérielle et services d'urgence",
        "Asistencia material y servicios de socorro",
    ),
)


class PhaseSeed(NamedTuple):
    code: str
    name: str  # the same in English, French and Spanish
    starts_on: date
    ends_on: date


# MIEUX III was planned to April 2019 and extended to March 2020, when MIEUX+ took over (DOMAIN.md).
PHASES: tuple[PhaseSeed, ...] = (
    PhaseSeed("MIEUX_I", "MIEUX I", date(2009, 1, 1), date(2011, 12, 31)),
    PhaseSeed("MIEUX_II", "MIEUX II", date(2012, 1, 1), date(2015, 12, 31)),
    PhaseSeed("MIEUX_III", "MIEUX III", date(2016, 1, 1), date(2020, 3, 31)),
    PhaseSeed("MIEUX_PLUS", "MIEUX+", date(2020, 4, 1), date(2024, 3, 31)),
)
