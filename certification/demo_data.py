"""Deterministic demo data for certification, read by certification.demo (pure Python constants).

Institution A's holistic Action certifies national trainers and peer experts (DOMAIN.md, "Certifying
trainers and experts"): the programme staff set up the programmes, the institution's HR and training
units nominate officials who followed the Action, and the staff enrol them.
"""

from __future__ import annotations

from typing import NamedTuple

# Who sets up the programmes and enrols the nominees, and institution A (partners.demo_data).
OFFICER_EMAIL = "officer@mieux.test"
INSTITUTION_A = ("MX", "INM")
OFFICIAL_A_EMAIL = "official.a@mieux.test"


class ProgrammeSeed(NamedTuple):
    """A certification programme run within the holistic Actions `institution` takes part in, named
    and described in English, French and Spanish."""

    kind: str
    name: tuple[str, str, str]
    description: tuple[str, str, str]
    institution: tuple[str, str] = INSTITUTION_A
    accepts_nominations: bool = True


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
    ),
)


class EnrolmentSeed(NamedTuple):
    """An official of institution A nominated for a programme (PROGRAMMES index) by `nominated_by`,
    and what became of it: still "nominated", "enrolled" by the officer, or "withdrawn" by the
    nominator (`reason`). The official is `official` (a demo account's e-mail) or, when empty, the
    next of the institution's officials without an account who attended most of its holistic
    Action's activities."""

    programme: int
    nominated_by: str
    outcome: str
    motivation: str
    official: str = ""
    reason: str = ""


ENROLMENTS: tuple[EnrolmentSeed, ...] = (
    EnrolmentSeed(
        0,
        "hr.a@mieux.test",
        "enrolled",
        "Followed every activity of the Action and leads the screening of vulnerable migrants at his "
        "directorate; he will train the officers of the northern offices.",
        official=OFFICIAL_A_EMAIL,
    ),
    EnrolmentSeed(
        0,
        "hr.a@mieux.test",
        "nominated",
        "Took part in the training of trainers and already gives the induction course to new officers.",
    ),
    EnrolmentSeed(
        0,
        "hr.a@mieux.test",
        "withdrawn",
        "Followed the training of trainers.",
        reason="Transferred to another directorate, which does not deliver training.",
    ),
    EnrolmentSeed(
        1,
        "training.a@mieux.test",
        "nominated",
        "Ten years of experience in refugee status procedures; co-authored the institution's "
        "interview guidelines.",
    ),
)
ENROLMENT_OUTCOMES = ("nominated", "enrolled", "withdrawn")
