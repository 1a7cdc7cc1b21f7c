"""Deterministic demo data for certification, read by certification.demo (pure Python constants).

Institution A's holistic Action certifies national trainers and peer experts (DOMAIN.md, "Certifying
trainers and experts"): the programme staff set up the programmes, the institution's HR and training
units nominate officials who followed the Action, and the staff enrol them.
"""

from __future__ import annotations

from typing import NamedTuple

# Who sets up the programmes and enrols the nominees, who decides at the panel, institution A and its
# demo accounts (partners.demo_data).
OFFICER_EMAIL = "officer@mieux.test"
MANAGER_EMAIL = "manager@mieux.test"
INSTITUTION_A = ("MX", "INM")
OFFICIAL_A_EMAIL = "official.a@mieux.test"
HR_A_EMAIL = "hr.a@mieux.test"
TRAINING_A_EMAIL = "training.a@mieux.test"


class ProgrammeSeed(NamedTuple):
    """A certification programme run within the holistic Actions `institution` takes part in, named
    and described in English, French and Spanish."""

    kind: str
    name: tuple[str, str, str]
    description: tuple[str, str, str]
    institution: tuple[str, str] = INSTITUTION_A
    accepts_nominations: bool = True
    # The held activities of these types in the programme's Actions are its mandatory modules.
    mandatory_activity_types: tuple[str, ...] = ("training_of_trainers",)
    # The competency framework (also the practical rubric), named in English, French and Spanish.
    competencies: tuple[tuple[str, str, str], ...] = ()


TRAINER = "trainer"
EXPERT = "expert"

PROGRAMMES: tuple[ProgrammeSeed, ...] = (
    ProgrammeSeed(
        TRAINER,
        (
            "Certified trainer: protection of migrants in vulnerable situations",
            "Formateur certifié : protection des personnes migrantes en situation de vulnérabilité",
            "Formador certificado: protección de personas migrantes en situación de vulnerabilidad",
        ),
        (
            "For officials who followed the Action's training of trainers. They attend at least 80 % of "
            "the mandatory modules, pass the knowledge test (70 %), teach a session observed by two "
            "assessors and co-deliver two replica trainings with good participant feedback. A panel of "
            "the programme and the institution decides; the credential is valid for three years.",
            "Pour les fonctionnaires qui ont suivi la formation de formateurs de l'Action. Ils suivent "
            "au moins 80 % des modules obligatoires, réussissent le test de connaissances (70 %), "
            "animent une séance observée par deux évaluateurs et co-animent deux formations de "
            "réplication bien évaluées par les participants. Un jury du programme et de l'institution "
            "décide ; la certification est valable trois ans.",
            "Para funcionarias y funcionarios que siguieron la formación de formadores de la Acción. "
            "Asisten al menos al 80 % de los módulos obligatorios, aprueban la prueba de conocimientos "
            "(70 %), imparten una sesión observada por dos evaluadores y coimparten dos réplicas bien "
            "valoradas por los participantes. Decide un jurado del programa y de la institución; la "
            "certificación es válida por tres años.",
        ),
        competencies=(
            (
                "Identifies vulnerability and refers migrants to protection",
                "Identifie les vulnérabilités et oriente vers la protection",
                "Identifica la vulnerabilidad y deriva a la protección",
            ),
            (
                "Designs a session for adult learners",
                "Conçoit une séance pour un public adulte",
                "Diseña una sesión para personas adultas",
            ),
            (
                "Facilitates participatory learning",
                "Anime un apprentissage participatif",
                "Facilita un aprendizaje participativo",
            ),
            (
                "Assesses what participants learned",
                "Évalue les acquis des participants",
                "Evalúa lo que aprendieron los participantes",
            ),
        ),
    ),
    ProgrammeSeed(
        EXPERT,
        (
            "Certified peer expert: international protection and vulnerable migrants",
            "Expert pair certifié : protection internationale et personnes migrantes vulnérables",
            "Experto par certificado: protección internacional y personas migrantes vulnerables",
        ),
        (
            "For experienced officials who will advise peer administrations. They complete the expert "
            "modules, pass the knowledge test (70 %), draft a technical note assessed on a rubric and "
            "take part in a mission alongside a certified expert. The credential is valid for three "
            "years and admits them to the programme's roster.",
            "Pour les fonctionnaires expérimentés appelés à conseiller des administrations homologues. "
            "Ils suivent les modules d'expertise, réussissent le test de connaissances (70 %), rédigent "
            "une note technique évaluée selon une grille et participent à une mission aux côtés d'un "
            "expert certifié. La certification est valable trois ans et ouvre l'accès au fichier "
            "d'experts du programme.",
            "Para funcionarias y funcionarios con experiencia que asesorarán a administraciones "
            "homólogas. Completan los módulos de experto, aprueban la prueba de conocimientos (70 %), "
            "redactan una nota técnica evaluada con una rúbrica y participan en una misión junto a un "
            "experto certificado. La certificación es válida por tres años y da acceso a la lista de "
            "expertos del programa.",
        ),
        mandatory_activity_types=("assessment", "drafting_support"),
        competencies=(
            (
                "Analyses a legal and institutional framework",
                "Analyse un cadre juridique et institutionnel",
                "Analiza un marco jurídico e institucional",
            ),
            (
                "Drafts clear technical recommendations",
                "Rédige des recommandations techniques claires",
                "Redacta recomendaciones técnicas claras",
            ),
            (
                "Advises peers with tact and independence",
                "Conseille ses pairs avec tact et indépendance",
                "Asesora a sus pares con tacto e independencia",
            ),
        ),
    ),
)


class EnrolmentSeed(NamedTuple):
    """An official of institution A nominated for a programme (PROGRAMMES index) by `nominated_by`, and
    how far they went (`outcome`, a step of the path or "withdrawn" with its `reason`). On the way the
    seeding records what each step needs, through the services, as the programme would have: the
    training unit's sign-off of the enrolment, a passed knowledge test and practical assessment, two
    supervised replica sessions, an accepted portfolio; at the step reached, the evidence so far (a
    knowledge test failed once, one replica session). `signed_off`: HR has signed the panel step off
    (a certified or not-certified candidate always was). `credential` of a certified candidate:
    "active", "expired" (an earlier credential issued `EXPIRED_AGO_MONTHS` ago beside the current
    one) or "revoked". `panel_comment` is the panel's reason for not certifying.

    The official is `official` (a demo account's e-mail) or, when empty, the next official of the
    institution without an account who attended the programme's Actions — for a candidate past the
    training, one whose attendance of the mandatory modules meets the programme's rule."""

    programme: int
    nominated_by: str
    outcome: str
    motivation: str
    official: str = ""
    reason: str = ""
    signed_off: bool = False
    credential: str = ""
    panel_comment: str = ""


TRAINER_PROGRAMME, EXPERT_PROGRAMME = 0, 1
# The path's steps an enrolment may be seeded at, in order (certification.choices.EnrolmentStatus).
PATH_OUTCOMES = (
    "nominated",
    "enrolled",
    "in_training",
    "assessment",
    "supervised_practice",
    "portfolio_review",
    "panel_decision",
    "certified",
)
ENROLMENT_OUTCOMES = (*PATH_OUTCOMES, "not_certified", "withdrawn")
CREDENTIAL_FATES = ("active", "expired", "revoked")
EXPIRED_AGO_MONTHS = 40
# Scores the seeding records: a knowledge test passed (and one failed, for a candidate still at the
# assessment), the practical rubric's level per competency (0–4), the replica sessions' figures.
KNOWLEDGE_PASSED, KNOWLEDGE_FAILED = 84, 62
RUBRIC_LEVEL = 3
REPLICA_SESSIONS = (
    ("Replica session: screening vulnerable migrants at the Tapachula office", 14, "4.6"),
    ("Replica session: referral pathways for unaccompanied children", 11, "4.3"),
)
# What the units write when they sign a step off (by step).
SIGN_OFF_COMMENTS = {
    "enrolled": "The training unit releases the official for the programme's modules.",
    "panel_decision": "HR supports the certification: the official will join the Institute's trainers.",
}
REVOCATION = ("requirements_not_met", "Left the training unit and no longer delivers the replica sessions.")

ENROLMENTS: tuple[EnrolmentSeed, ...] = (
    EnrolmentSeed(
        TRAINER_PROGRAMME,
        HR_A_EMAIL,
        "certified",
        "Followed every activity of the Action and leads the screening of vulnerable migrants at his "
        "directorate; he will train the officers of the northern offices.",
        official=OFFICIAL_A_EMAIL,
        credential="active",
    ),
    EnrolmentSeed(
        TRAINER_PROGRAMME,
        HR_A_EMAIL,
        "nominated",
        "Took part in the training of trainers and already gives the induction course to new officers.",
    ),
    EnrolmentSeed(
        TRAINER_PROGRAMME,
        HR_A_EMAIL,
        "withdrawn",
        "Followed the training of trainers.",
        reason="Transferred to another directorate, which does not deliver training.",
    ),
    EnrolmentSeed(
        TRAINER_PROGRAMME,
        TRAINING_A_EMAIL,
        "enrolled",
        "Coordinates the induction of new officers at the southern border offices.",
    ),
    EnrolmentSeed(
        TRAINER_PROGRAMME,
        TRAINING_A_EMAIL,
        "in_training",
        "Runs the refresher sessions on the migration law reform in her delegation.",
    ),
    EnrolmentSeed(
        TRAINER_PROGRAMME,
        TRAINING_A_EMAIL,
        "assessment",
        "Designed the delegation's checklist for interviews with unaccompanied children.",
    ),
    EnrolmentSeed(
        TRAINER_PROGRAMME,
        HR_A_EMAIL,
        "supervised_practice",
        "Trains the new intake of migration officers every semester.",
    ),
    EnrolmentSeed(
        TRAINER_PROGRAMME,
        HR_A_EMAIL,
        "portfolio_review",
        "Mentors colleagues on the identification of victims of trafficking.",
    ),
    EnrolmentSeed(
        TRAINER_PROGRAMME,
        TRAINING_A_EMAIL,
        "panel_decision",
        "Will lead the replica trainings in the northern offices.",
    ),
    EnrolmentSeed(
        TRAINER_PROGRAMME,
        HR_A_EMAIL,
        "panel_decision",
        "Already co-delivered the replica training of the Action.",
        signed_off=True,
    ),
    EnrolmentSeed(
        TRAINER_PROGRAMME,
        HR_A_EMAIL,
        "certified",
        "A trainer of the first cohort, certified by the programme's earlier round.",
        credential="expired",
    ),
    EnrolmentSeed(
        TRAINER_PROGRAMME,
        TRAINING_A_EMAIL,
        "certified",
        "Delivered the induction course for three years.",
        credential="revoked",
    ),
    EnrolmentSeed(
        TRAINER_PROGRAMME,
        HR_A_EMAIL,
        "not_certified",
        "Volunteered after the training of trainers.",
        panel_comment="The observed session did not yet show the facilitation skills the rubric asks for; "
        "the panel invites a new application after more co-delivered sessions.",
    ),
    EnrolmentSeed(
        EXPERT_PROGRAMME,
        TRAINING_A_EMAIL,
        "nominated",
        "Ten years of experience in refugee status procedures; co-authored the institution's "
        "interview guidelines.",
    ),
    EnrolmentSeed(
        EXPERT_PROGRAMME,
        HR_A_EMAIL,
        "assessment",
        "Drafted the protocol for the care of unaccompanied migrant children with the Action's experts.",
        official=OFFICIAL_A_EMAIL,
    ),
)


class RecognitionSeed(NamedTuple):
    """Enabling-environment evidence that a programme's scheme is recognised."""

    programme: int
    kind: str
    title: str
    reference: str
    recognised_on: str  # ISO date


RECOGNITIONS: tuple[RecognitionSeed, ...] = (
    RecognitionSeed(
        TRAINER_PROGRAMME,
        "coordination_mechanism",
        "The inter-institutional round table on migrant protection recognises the certified trainers as "
        "the reference pool for training on vulnerability screening",
        "Minutes of the round table, session 7",
        "2024-05-14",
    ),
)


class ModuleSeed(NamedTuple):
    """A module of institution A's curriculum: a MIEUX+ module (`programme` index, its in-house
    trainers the programme's certified trainers) or a training from another provider."""

    title: str
    provider_kind: str
    provider: str
    hours: str
    refresher_months: int | None
    programme: int | None = None


CURRICULUM = (
    "Training curriculum of the National Migration Institute",
    "One curriculum for the Institute's officials: the MIEUX+ modules delivered by its own certified "
    "trainers and the trainings of other providers, with refresher dates.",
)
MODULES: tuple[ModuleSeed, ...] = (
    ModuleSeed(
        "Protection of migrants in vulnerable situations (replica course)",
        "mieux",
        "",
        "16",
        24,
        TRAINER_PROGRAMME,
    ),
    ModuleSeed(
        "Induction course for new migration officers", "other", "INM Training Directorate", "40", None
    ),
    ModuleSeed("Indicators of trafficking in human beings", "other", "IOM Mexico", "12", 36),
    ModuleSeed("Child-sensitive interviewing", "other", "UNICEF Mexico", "8", 24),
)


class LearningSeed(NamedTuple):
    """A line of a demo account's learning record: the MODULES index, completed `months_ago`."""

    official: str
    module: int
    months_ago: int


LEARNING: tuple[LearningSeed, ...] = (
    LearningSeed(OFFICIAL_A_EMAIL, 1, 60),
    LearningSeed(OFFICIAL_A_EMAIL, 2, 34),  # its refresher falls due in two months: a reminder
    LearningSeed(OFFICIAL_A_EMAIL, 3, 10),
)
# What HR records in the career of the demo official once certified.
CAREER_STEP = ("trainer_role", "Appointed in-house trainer of the Institute's training directorate")
