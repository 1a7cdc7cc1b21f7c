from django.db import models
from django.utils.translation import gettext_lazy as _


class InstitutionType(models.TextChoices):
    """Who the programme works with (DOMAIN.md, "Who may request"), plus the experts' home
    administrations and the international bodies that take part in Actions."""

    NATIONAL_AUTHORITY = "national_authority", _("National authority")
    LOCAL_AUTHORITY = "local_authority", _("Local authority")
    REGIONAL_ORGANISATION = "regional_organisation", _("Regional organisation")
    PARLIAMENT = "parliament", _("Parliament")
    JUDICIARY = "judiciary", _("Judiciary")
    PROSECUTION = "prosecution", _("Prosecution service")
    OMBUDSPERSON = "ombudsperson", _("Ombudsperson")
    CAPACITY_DEVELOPMENT_INSTITUTION = (
        "capacity_development_institution",
        _("Capacity development institution"),
    )
    CIVIL_SOCIETY = "civil_society", _("Civil society organisation")
    MEMBER_STATE_ADMINISTRATION = "member_state_administration", _("EU Member State administration")
    EU_INSTITUTION = "eu_institution", _("EU institution or delegation")
    INTERNATIONAL_ORGANISATION = "international_organisation", _("International organisation")


# Public bodies of a partner country: any of them may request alone, and may carry a civil-society
# co-requester.
GOVERNMENT_TYPES = frozenset(
    {
        InstitutionType.NATIONAL_AUTHORITY,
        InstitutionType.LOCAL_AUTHORITY,
        InstitutionType.PARLIAMENT,
        InstitutionType.JUDICIARY,
        InstitutionType.PROSECUTION,
        InstitutionType.OMBUDSPERSON,
        InstitutionType.CAPACITY_DEVELOPMENT_INSTITUTION,
    }
)
# May request support (DOMAIN.md); civil society only jointly with a government institution.
REQUESTER_TYPES = GOVERNMENT_TYPES | {InstitutionType.REGIONAL_ORGANISATION, InstitutionType.CIVIL_SOCIETY}


class CapacityDevelopmentKind(models.TextChoices):
    DIPLOMATIC_ACADEMY = "diplomatic_academy", _("Diplomatic academy")
    OFFICIAL_TRAINING_CENTRE = "official_training_centre", _("Official training centre")
    SCHOOL_OF_PUBLIC_ADMINISTRATION = "school_of_public_administration", _("School of public administration")


class DepartmentKind(models.TextChoices):
    LEADERSHIP = "leadership", _("Leadership")
    HR = "hr", _("Human resources")
    TRAINING_UNIT = "training_unit", _("Training unit")
    THEMATIC_DEPARTMENT = "thematic_department", _("Thematic department")
    OTHER = "other", _("Other unit")


class Gender(models.TextChoices):
    FEMALE = "female", _("Female")
    MALE = "male", _("Male")
    OTHER = "other", _("Other")
    UNDISCLOSED = "undisclosed", _("Prefers not to say")


class RosterStatus(models.TextChoices):
    CANDIDATE = "candidate", _("Candidate")
    ACTIVE = "active", _("Active")
    INACTIVE = "inactive", _("Inactive")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class ProgrammeRegion(models.TextChoices):
    """The programme's reporting regions (codes as in partners.geography)."""

    AFRICA = "africa", _("Africa")
    ASIA = "asia", _("Asia")
    CENTRAL_ASIA = "central_asia", _("Central Asia")
    LATIN_AMERICA_CARIBBEAN = "latin_america_caribbean", _("Latin America and the Caribbean")
    EASTERN_NEIGHBOURHOOD = "eastern_neighbourhood", _("Eastern Neighbourhood")
    SOUTHERN_NEIGHBOURHOOD = "southern_neighbourhood", _("Southern Neighbourhood")
    EUROPE = "europe", _("Europe")
    OTHER = "other", _("Other")


class M49Subregion(models.TextChoices):
    """UN M49 sub-regions (intermediate regions for Latin America and sub-Saharan Africa)."""

    NORTHERN_AFRICA = "015", _("Northern Africa")
    EASTERN_AFRICA = "014", _("Eastern Africa")
    MIDDLE_AFRICA = "017", _("Middle Africa")
    SOUTHERN_AFRICA = "018", _("Southern Africa")
    WESTERN_AFRICA = "011", _("Western Africa")
    CARIBBEAN = "029", _("Caribbean")
    CENTRAL_AMERICA = "013", _("Central America")
    SOUTH_AMERICA = "005", _("South America")
    NORTHERN_AMERICA = "021", _("Northern America")
    CENTRAL_ASIA = "143", _("Central Asia")
    EASTERN_ASIA = "030", _("Eastern Asia")
    SOUTH_EASTERN_ASIA = "035", _("South-eastern Asia")
    SOUTHERN_ASIA = "034", _("Southern Asia")
    WESTERN_ASIA = "145", _("Western Asia")
    EASTERN_EUROPE = "151", _("Eastern Europe")
    NORTHERN_EUROPE = "154", _("Northern Europe")
    SOUTHERN_EUROPE = "039", _("Southern Europe")
    WESTERN_EUROPE = "155", _("Western Europe")
    AUSTRALIA_NEW_ZEALAND = "053", _("Australia and New Zealand")
    MELANESIA = "054", _("Melanesia")
    MICRONESIA = "057", _("Micronesia")
    POLYNESIA = "061", _("Polynesia")


# The 27 EU Member States (ISO 3166-1 alpha-2): experts from elsewhere count as non-EU.
EU_MEMBER_STATES = frozenset(
    [
        "AT",
        "BE",
        "BG",
        "HR",
        "CY",
        "CZ",
        "DK",
        "EE",
        "FI",
        "FR",
        "DE",
        "GR",
        "HU",
        "IE",
        "IT",
        "LV",
        "LT",
        "LU",
        "MT",
        "NL",
        "PL",
        "PT",
        "RO",
        "SK",
        "SI",
        "ES",
        "SE",
    ]
)


class InvitationStatus(models.TextChoices):
    """Where a portal invitation stands (computed from its dates, see Invitation.status)."""

    PENDING = "pending", _("Waiting for the invitee")
    ACCEPTED = "accepted", _("Accepted")
    EXPIRED = "expired", _("Expired")
    REVOKED = "revoked", _("Revoked")
