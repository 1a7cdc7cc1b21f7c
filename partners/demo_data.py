"""Deterministic demo data for the partner registry, read by `manage.py seed_demo`.

Pure Python constants (no Django imports), so the data can be read, reviewed and tested on its own.
The institutions are real *kinds* of bodies the MIEUX+ programme works with (DOMAIN.md, "Who may
request"); where a country's body has no well-known name, a plain generic form is used ("Ministry of
the Interior") in the country's programme language. The people are invented: names are drawn at
random from the pools at the end of this file, and their e-mail addresses use the reserved
`.example` top-level domain, so nothing here can reach a real mailbox.

String values mirror `partners.choices` and `mieux.roles`; the command checks them against those
choices before writing anything.
"""

from __future__ import annotations

from datetime import date
from typing import NamedTuple

# --- Codes (mirroring partners.choices.InstitutionType / CapacityDevelopmentKind / DepartmentKind) --

NATIONAL = "national_authority"
LOCAL = "local_authority"
REGIONAL = "regional_organisation"
PARLIAMENT = "parliament"
JUDICIARY = "judiciary"
PROSECUTION = "prosecution"
OMBUDSPERSON = "ombudsperson"
CDI = "capacity_development_institution"
CIVIL_SOCIETY = "civil_society"
MS_ADMIN = "member_state_administration"
INTERNATIONAL = "international_organisation"

DIPLOMATIC_ACADEMY = "diplomatic_academy"
TRAINING_CENTRE = "official_training_centre"
PUBLIC_ADMINISTRATION_SCHOOL = "school_of_public_administration"

LEADERSHIP = "leadership"
HR = "hr"
TRAINING_UNIT = "training_unit"
THEMATIC = "thematic_department"
OTHER_UNIT = "other"

THEMATIC_AREAS = ("IMT", "LM", "IP", "MD", "HO")

# The default for every `--password`; printed by the command, never used outside the demo.
DEMO_PASSWORD = "mieux-demo-2026"


# --- Countries --------------------------------------------------------------------------------------


class CountryProfile(NamedTuple):
    """How to write for a country: the programme language of its unit names and job titles
    (en, fr, es or pt), the name pool its people are drawn from, and the languages they speak
    (codes Django knows, see partners.models.SPOKEN_LANGUAGE_CODES)."""

    language: str
    name_pool: str
    spoken: tuple[str, ...]


COUNTRY_PROFILES: dict[str, CountryProfile] = {
    # Latin America and the Caribbean
    "MX": CountryProfile("es", "spanish", ("es",)),
    "GT": CountryProfile("es", "spanish", ("es",)),
    "SV": CountryProfile("es", "spanish", ("es",)),
    "HN": CountryProfile("es", "spanish", ("es",)),
    "NI": CountryProfile("es", "spanish", ("es",)),
    "CR": CountryProfile("es", "spanish", ("es",)),
    "PA": CountryProfile("es", "spanish", ("es",)),
    "BZ": CountryProfile("en", "caribbean", ("en", "es")),
    "DO": CountryProfile("es", "spanish", ("es",)),
    "HT": CountryProfile("fr", "haitian", ("fr",)),
    "JM": CountryProfile("en", "caribbean", ("en",)),
    "TT": CountryProfile("en", "caribbean", ("en",)),
    "BB": CountryProfile("en", "caribbean", ("en",)),
    "GY": CountryProfile("en", "caribbean", ("en",)),
    "SR": CountryProfile("en", "caribbean", ("nl", "en")),
    "CO": CountryProfile("es", "spanish", ("es",)),
    "EC": CountryProfile("es", "spanish", ("es",)),
    "PE": CountryProfile("es", "spanish", ("es",)),
    "BO": CountryProfile("es", "spanish", ("es",)),
    "PY": CountryProfile("es", "spanish", ("es",)),
    "AR": CountryProfile("es", "spanish", ("es",)),
    "CL": CountryProfile("es", "spanish", ("es",)),
    "UY": CountryProfile("es", "spanish", ("es",)),
    "BR": CountryProfile("pt", "portuguese", ("pt",)),
    # Africa
    "NG": CountryProfile("en", "anglophone_africa", ("en", "ig")),
    "GH": CountryProfile("en", "anglophone_africa", ("en",)),
    "SL": CountryProfile("en", "anglophone_africa", ("en",)),
    "LR": CountryProfile("en", "anglophone_africa", ("en",)),
    "GM": CountryProfile("en", "anglophone_africa", ("en",)),
    "SN": CountryProfile("fr", "francophone_africa", ("fr",)),
    "CI": CountryProfile("fr", "francophone_africa", ("fr",)),
    "ML": CountryProfile("fr", "francophone_africa", ("fr",)),
    "BF": CountryProfile("fr", "francophone_africa", ("fr",)),
    "NE": CountryProfile("fr", "francophone_africa", ("fr",)),
    "GN": CountryProfile("fr", "francophone_africa", ("fr",)),
    "TG": CountryProfile("fr", "francophone_africa", ("fr",)),
    "BJ": CountryProfile("fr", "francophone_africa", ("fr",)),
    "MR": CountryProfile("fr", "arabic", ("ar", "fr")),
    "CM": CountryProfile("fr", "central_african", ("fr", "en")),
    "TD": CountryProfile("fr", "central_african", ("fr", "ar")),
    "GA": CountryProfile("fr", "central_african", ("fr",)),
    "CG": CountryProfile("fr", "central_african", ("fr",)),
    "CD": CountryProfile("fr", "central_african", ("fr", "sw")),
    "CF": CountryProfile("fr", "central_african", ("fr",)),
    "BI": CountryProfile("fr", "central_african", ("fr",)),
    "DJ": CountryProfile("fr", "arabic", ("fr", "ar")),
    "MG": CountryProfile("fr", "malagasy", ("fr",)),
    "KM": CountryProfile("fr", "arabic", ("fr", "ar")),
    "GW": CountryProfile("pt", "portuguese", ("pt",)),
    "CV": CountryProfile("pt", "portuguese", ("pt",)),
    "AO": CountryProfile("pt", "portuguese", ("pt",)),
    "MZ": CountryProfile("pt", "portuguese", ("pt",)),
    "ET": CountryProfile("en", "east_african", ("en",)),
    "KE": CountryProfile("en", "east_african", ("en", "sw")),
    "UG": CountryProfile("en", "east_african", ("en", "sw")),
    "TZ": CountryProfile("en", "east_african", ("sw", "en")),
    "RW": CountryProfile("en", "east_african", ("en", "fr")),
    "SO": CountryProfile("en", "arabic", ("ar", "en")),
    "SD": CountryProfile("en", "arabic", ("ar", "en")),
    "SS": CountryProfile("en", "east_african", ("en", "ar")),
    "ZM": CountryProfile("en", "southern_african", ("en",)),
    "ZW": CountryProfile("en", "southern_african", ("en",)),
    "MW": CountryProfile("en", "southern_african", ("en",)),
    "ZA": CountryProfile("en", "southern_african", ("en", "af")),
    "NA": CountryProfile("en", "southern_african", ("en", "af")),
    "LS": CountryProfile("en", "southern_african", ("en",)),
    "SZ": CountryProfile("en", "southern_african", ("en",)),
    "BW": CountryProfile("en", "southern_african", ("en",)),
    "MU": CountryProfile("en", "south_asian", ("en", "fr")),
    "SC": CountryProfile("en", "french", ("en", "fr")),
    # Southern Neighbourhood
    "MA": CountryProfile("fr", "arabic", ("ar", "fr")),
    "DZ": CountryProfile("fr", "arabic", ("ar", "fr")),
    "TN": CountryProfile("fr", "arabic", ("ar", "fr")),
    "LY": CountryProfile("en", "arabic", ("ar", "en")),
    "EG": CountryProfile("en", "arabic", ("ar", "en")),
    "JO": CountryProfile("en", "arabic", ("ar", "en")),
    "LB": CountryProfile("fr", "arabic", ("ar", "fr", "en")),
    "PS": CountryProfile("en", "arabic", ("ar", "en")),
    # Eastern Neighbourhood
    "AM": CountryProfile("en", "armenian", ("hy", "ru")),
    "AZ": CountryProfile("en", "azerbaijani", ("az", "ru")),
    "GE": CountryProfile("en", "georgian", ("ka", "ru")),
    "MD": CountryProfile("en", "moldovan", ("ro", "ru")),
    "UA": CountryProfile("en", "ukrainian", ("uk", "ru")),
    # Central Asia
    "KZ": CountryProfile("en", "central_asian", ("kk", "ru")),
    "KG": CountryProfile("en", "central_asian", ("ky", "ru")),
    "TJ": CountryProfile("en", "central_asian", ("tg", "ru")),
    "TM": CountryProfile("en", "central_asian", ("tk", "ru")),
    "UZ": CountryProfile("en", "central_asian", ("uz", "ru")),
    # Asia (including Western Asia and the Pacific, as partners.geography reports them)
    "PK": CountryProfile("en", "south_asian", ("ur", "en")),
    "BD": CountryProfile("en", "south_asian", ("bn", "en")),
    "LK": CountryProfile("en", "south_asian", ("ta", "en")),
    "NP": CountryProfile("en", "south_asian", ("ne", "en")),
    "IN": CountryProfile("en", "south_asian", ("hi", "en")),
    "MV": CountryProfile("en", "south_asian", ("en",)),
    "PH": CountryProfile("en", "filipino", ("en",)),
    "ID": CountryProfile("en", "indonesian", ("id", "en")),
    "TL": CountryProfile("pt", "portuguese", ("pt", "id")),
    "VN": CountryProfile("en", "vietnamese", ("vi", "en")),
    "TH": CountryProfile("en", "mekong", ("th", "en")),
    "KH": CountryProfile("en", "mekong", ("km", "en")),
    "LA": CountryProfile("en", "mekong", ("en", "fr")),
    "MN": CountryProfile("en", "mongolian", ("mn", "ru")),
    "IQ": CountryProfile("en", "arabic", ("ar", "en")),
    "TR": CountryProfile("en", "turkish", ("tr", "en")),
    "FJ": CountryProfile("en", "caribbean", ("en",)),
    # EU Member States (the experts' home administrations) and Austria, ICMPD's seat
    "AT": CountryProfile("en", "german", ("de",)),
    "DE": CountryProfile("en", "german", ("de",)),
    "FR": CountryProfile("fr", "french", ("fr",)),
    "BE": CountryProfile("fr", "french", ("fr", "nl")),
    "ES": CountryProfile("es", "spanish", ("es",)),
    "PT": CountryProfile("pt", "portuguese", ("pt",)),
    "NL": CountryProfile("en", "dutch", ("nl",)),
    "SE": CountryProfile("en", "nordic", ("sv",)),
    "FI": CountryProfile("en", "finnish", ("fi", "sv")),
    "IT": CountryProfile("en", "italian", ("it",)),
    "BG": CountryProfile("en", "bulgarian", ("bg",)),
    "PL": CountryProfile("en", "polish", ("pl",)),
    "CZ": CountryProfile("en", "czech", ("cs",)),
    "IE": CountryProfile("en", "irish", ("en", "ga")),
    "LU": CountryProfile("fr", "french", ("fr", "de", "lb")),
    "GR": CountryProfile("en", "greek", ("el",)),
    "CY": CountryProfile("en", "greek", ("el", "en")),
    "MT": CountryProfile("en", "maltese", ("en",)),
    "SI": CountryProfile("en", "slovenian", ("sl",)),
    "SK": CountryProfile("en", "slovak", ("sk",)),
    "HU": CountryProfile("en", "hungarian", ("hu",)),
    "RO": CountryProfile("en", "romanian", ("ro",)),
    "HR": CountryProfile("en", "croatian", ("hr",)),
    "EE": CountryProfile("en", "estonian", ("et",)),
    "LV": CountryProfile("en", "latvian", ("lv",)),
    "LT": CountryProfile("en", "lithuanian", ("lt",)),
}


# --- Institutions -----------------------------------------------------------------------------------


class InstitutionSeed(NamedTuple):
    """One institution. Looked up by (country, acronym), or (country, name_en) when it has none.

    `parent` names another institution of the list by (country, acronym); it must come earlier in
    INSTITUTIONS. `thematic_department` overrides the thematic unit picked from THEMATIC_DEPARTMENTS.
    """

    country: str
    type: str
    acronym: str
    name_en: str
    name_fr: str = ""
    name_es: str = ""
    capacity_development_kind: str = ""
    parent: tuple[str, str] | None = None
    thematic_department: str = ""
    website: str = ""


_I = InstitutionSeed

INSTITUTIONS: tuple[InstitutionSeed, ...] = (
    # ICMPD implements the programme (DOMAIN.md).
    _I(
        "AT",
        INTERNATIONAL,
        "ICMPD",
        "International Centre for Migration Policy Development",
        name_fr="Centre international pour le développement des politiques migratoires",
        name_es="Centro Internacional para el Desarrollo de Políticas Migratorias",
        website="https://www.icmpd.org",
    ),
    # ---------------------------------------------------------------- Latin America and the Caribbean
    _I("MX", NATIONAL, "SEGOB", "Secretariat of the Interior", name_es="Secretaría de Gobernación"),
    # Institution A of the demo accounts.
    _I(
        "MX",
        NATIONAL,
        "INM",
        "National Migration Institute",
        name_es="Instituto Nacional de Migración",
        parent=("MX", "SEGOB"),
        thematic_department="Dirección General de Control y Verificación Migratoria",
    ),
    _I(
        "MX",
        NATIONAL,
        "COMAR",
        "Mexican Commission for Refugee Assistance",
        name_es="Comisión Mexicana de Ayuda a Refugiados",
        parent=("MX", "SEGOB"),
        thematic_department="Dirección de Protección y Retorno Asistido",
    ),
    _I(
        "MX", NATIONAL, "SRE", "Secretariat of Foreign Affairs", name_es="Secretaría de Relaciones Exteriores"
    ),
    _I(
        "MX",
        CDI,
        "IMR",
        "Matías Romero Institute",
        name_es="Instituto Matías Romero",
        capacity_development_kind=DIPLOMATIC_ACADEMY,
        parent=("MX", "SRE"),
    ),
    _I("MX", LOCAL, "GCDMX", "Government of Mexico City", name_es="Gobierno de la Ciudad de México"),
    _I(
        "MX",
        OMBUDSPERSON,
        "CNDH",
        "National Human Rights Commission",
        name_es="Comisión Nacional de los Derechos Humanos",
    ),
    _I(
        "MX",
        CIVIL_SOCIETY,
        "RNAM",
        "National Network of Migrant Shelters",
        name_es="Red Nacional de Albergues para Personas Migrantes",
    ),
    _I(
        "GT", NATIONAL, "IGM", "Guatemalan Migration Institute", name_es="Instituto Guatemalteco de Migración"
    ),
    _I(
        "GT",
        NATIONAL,
        "SVET",
        "Secretariat against Sexual Violence, Exploitation and Trafficking in Persons",
        name_es="Secretaría contra la Violencia Sexual, Explotación y Trata de Personas",
    ),
    _I("GT", PROSECUTION, "MP", "Public Prosecutor's Office", name_es="Ministerio Público"),
    _I(
        "SV",
        NATIONAL,
        "DGME",
        "Directorate General of Migration and Foreigners",
        name_es="Dirección General de Migración y Extranjería",
    ),
    _I(
        "SV",
        REGIONAL,
        "SG-SICA",
        "General Secretariat of the Central American Integration System",
        name_fr="Secrétariat général du Système d'intégration centraméricain",
        name_es="Secretaría General del Sistema de la Integración Centroamericana",
    ),
    _I("HN", NATIONAL, "INM", "National Migration Institute", name_es="Instituto Nacional de Migración"),
    _I("HN", PARLIAMENT, "CN", "National Congress", name_es="Congreso Nacional"),
    _I(
        "NI",
        NATIONAL,
        "DGME",
        "Directorate General of Migration and Foreigners",
        name_es="Dirección General de Migración y Extranjería",
    ),
    _I(
        "CR",
        NATIONAL,
        "MGP",
        "Ministry of the Interior and Police",
        name_es="Ministerio de Gobernación y Policía",
    ),
    _I(
        "CR",
        NATIONAL,
        "DGME",
        "Directorate General of Migration and Foreigners",
        name_es="Dirección General de Migración y Extranjería",
        parent=("CR", "MGP"),
        thematic_department="Unidad de Refugio",
    ),
    _I(
        "CR",
        CDI,
        "ISEMMP",
        "Manuel María de Peralta Foreign Service Institute",
        name_es="Instituto del Servicio Exterior Manuel María de Peralta",
        capacity_development_kind=DIPLOMATIC_ACADEMY,
    ),
    _I(
        "CR",
        OMBUDSPERSON,
        "DHR",
        "Ombudsperson's Office of the Inhabitants",
        name_es="Defensoría de los Habitantes de la República",
    ),
    _I("PA", NATIONAL, "SNM", "National Migration Service", name_es="Servicio Nacional de Migración"),
    _I(
        "BZ",
        NATIONAL,
        "IND",
        "Immigration and Nationality Department",
        name_es="Departamento de Inmigración y Nacionalidad",
    ),
    _I("DO", NATIONAL, "DGM", "Directorate General of Migration", name_es="Dirección General de Migración"),
    _I("HT", NATIONAL, "ONM", "National Office for Migration", name_fr="Office national de la migration"),
    _I("JM", NATIONAL, "PICA", "Passport, Immigration and Citizenship Agency"),
    _I("TT", NATIONAL, "MNS", "Ministry of National Security", name_es="Ministerio de Seguridad Nacional"),
    _I("BB", NATIONAL, "BID", "Barbados Immigration Department"),
    _I("GY", NATIONAL, "MOHA", "Ministry of Home Affairs"),
    _I(
        "GY",
        REGIONAL,
        "CARICOM",
        "Caribbean Community Secretariat",
        name_fr="Secrétariat de la Communauté caribéenne",
        name_es="Secretaría de la Comunidad del Caribe",
    ),
    _I("SR", NATIONAL, "JUSPOL", "Ministry of Justice and Police"),
    _I("CO", NATIONAL, "MRE", "Ministry of Foreign Affairs", name_es="Ministerio de Relaciones Exteriores"),
    _I(
        "CO",
        NATIONAL,
        "UAEMC",
        "Migration Colombia",
        name_es="Unidad Administrativa Especial Migración Colombia",
        parent=("CO", "MRE"),
    ),
    _I(
        "CO",
        CDI,
        "ESAP",
        "Higher School of Public Administration",
        name_es="Escuela Superior de Administración Pública",
        capacity_development_kind=PUBLIC_ADMINISTRATION_SCHOOL,
    ),
    _I(
        "CO",
        JUDICIARY,
        "CSJ",
        "Superior Council of the Judiciary",
        name_es="Consejo Superior de la Judicatura",
    ),
    _I("CO", LOCAL, "AMB", "Mayor's Office of Bogotá", name_es="Alcaldía Mayor de Bogotá"),
    _I(
        "CO",
        CIVIL_SOCIETY,
        "CAMR",
        "Association for the Support of Migrants and Refugees",
        name_es="Corporación de Acompañamiento a Personas Migrantes y Refugiadas",
    ),
    _I(
        "EC",
        NATIONAL,
        "MREMH",
        "Ministry of Foreign Affairs and Human Mobility",
        name_es="Ministerio de Relaciones Exteriores y Movilidad Humana",
        thematic_department="Subsecretaría de Protección Internacional y Atención a Inmigrantes",
    ),
    _I("EC", NATIONAL, "MDI", "Ministry of the Interior", name_es="Ministerio del Interior"),
    _I(
        "EC",
        CDI,
        "IAEN",
        "Institute for Advanced National Studies",
        name_es="Instituto de Altos Estudios Nacionales",
        capacity_development_kind=PUBLIC_ADMINISTRATION_SCHOOL,
    ),
    _I(
        "EC", OMBUDSPERSON, "DPE", "Ombudsman's Office of Ecuador", name_es="Defensoría del Pueblo de Ecuador"
    ),
    _I(
        "PE",
        NATIONAL,
        "MIGRACIONES",
        "National Superintendency of Migration",
        name_es="Superintendencia Nacional de Migraciones",
    ),
    _I(
        "PE",
        CDI,
        "ADP",
        "Javier Pérez de Cuéllar Diplomatic Academy of Peru",
        name_es="Academia Diplomática del Perú Javier Pérez de Cuéllar",
        capacity_development_kind=DIPLOMATIC_ACADEMY,
    ),
    _I("BO", NATIONAL, "MINGOB", "Ministry of Government", name_es="Ministerio de Gobierno"),
    _I(
        "BO",
        NATIONAL,
        "DIGEMIG",
        "Directorate General of Migration",
        name_es="Dirección General de Migración",
        parent=("BO", "MINGOB"),
    ),
    _I(
        "BO",
        LOCAL,
        "GADT",
        "Autonomous Departmental Government of Tarija",
        name_es="Gobierno Autónomo Departamental de Tarija",
    ),
    _I("PY", NATIONAL, "MDI", "Ministry of the Interior", name_es="Ministerio del Interior"),
    _I(
        "PY",
        NATIONAL,
        "DGM",
        "Directorate General of Migration",
        name_es="Dirección General de Migraciones",
        parent=("PY", "MDI"),
    ),
    _I("PY", LOCAL, "GBOQ", "Governorate of Boquerón", name_es="Gobernación de Boquerón"),
    _I("PY", LOCAL, "GPH", "Governorate of Presidente Hayes", name_es="Gobernación de Presidente Hayes"),
    _I(
        "AR",
        NATIONAL,
        "DNM",
        "National Directorate of Migration",
        name_es="Dirección Nacional de Migraciones",
    ),
    _I(
        "AR",
        CDI,
        "ISEN",
        "Foreign Service Institute of the Nation",
        name_es="Instituto del Servicio Exterior de la Nación",
        capacity_development_kind=DIPLOMATIC_ACADEMY,
    ),
    _I(
        "AR",
        LOCAL,
        "GPCH",
        "Government of the Province of Chaco",
        name_es="Gobierno de la Provincia del Chaco",
    ),
    _I(
        "AR",
        LOCAL,
        "GPF",
        "Government of the Province of Formosa",
        name_es="Gobierno de la Provincia de Formosa",
    ),
    _I("CL", NATIONAL, "SERMIG", "National Migration Service", name_es="Servicio Nacional de Migraciones"),
    _I(
        "CL",
        CDI,
        "ACADE",
        "Andrés Bello Diplomatic Academy of Chile",
        name_es="Academia Diplomática de Chile Andrés Bello",
        capacity_development_kind=DIPLOMATIC_ACADEMY,
    ),
    _I("UY", NATIONAL, "MRREE", "Ministry of Foreign Affairs", name_es="Ministerio de Relaciones Exteriores"),
    _I(
        "UY",
        REGIONAL,
        "SM",
        "MERCOSUR Secretariat",
        name_fr="Secrétariat du MERCOSUR",
        name_es="Secretaría del MERCOSUR",
    ),
    _I("BR", NATIONAL, "MJSP", "Ministry of Justice and Public Security"),
    _I("BR", CDI, "IRBr", "Rio Branco Institute", capacity_development_kind=DIPLOMATIC_ACADEMY),
    # ------------------------------------------------------------------------------------- Africa
    _I("NG", NATIONAL, "FMI", "Federal Ministry of Interior", name_fr="Ministère fédéral de l'Intérieur"),
    _I(
        "NG",
        NATIONAL,
        "NIS",
        "Nigeria Immigration Service",
        name_fr="Service de l'immigration du Nigeria",
        parent=("NG", "FMI"),
        thematic_department="Directorate of Migration",
    ),
    _I(
        "NG",
        CDI,
        "ITS",
        "Immigration Training School, Kano",
        capacity_development_kind=TRAINING_CENTRE,
        parent=("NG", "NIS"),
    ),
    # Institution B of the demo accounts.
    _I(
        "NG",
        NATIONAL,
        "NAPTIP",
        "National Agency for the Prohibition of Trafficking in Persons",
        name_fr="Agence nationale pour l'interdiction de la traite des personnes",
        thematic_department="Directorate of Investigation and Monitoring",
    ),
    _I("NG", NATIONAL, "NiDCOM", "Nigerians in Diaspora Commission"),
    _I(
        "NG",
        NATIONAL,
        "FMLE",
        "Federal Ministry of Labour and Employment",
        thematic_department="Migration Division",
    ),
    _I("NG", CDI, "FSA", "Foreign Service Academy", capacity_development_kind=DIPLOMATIC_ACADEMY),
    _I("NG", LOCAL, "ETAHT", "Edo State Task Force against Human Trafficking"),
    _I(
        "NG",
        REGIONAL,
        "ECOWAS",
        "ECOWAS Commission",
        name_fr="Commission de la CEDEAO",
        name_es="Comisión de la CEDEAO",
    ),
    _I("NG", CIVIL_SOCIETY, "WAFTIP", "Women's Action Forum against Trafficking in Persons"),
    _I("GH", NATIONAL, "GIS", "Ghana Immigration Service"),
    _I(
        "GH",
        CDI,
        "GIMPA",
        "Ghana Institute of Management and Public Administration",
        capacity_development_kind=PUBLIC_ADMINISTRATION_SCHOOL,
    ),
    _I("SL", NATIONAL, "SLID", "Sierra Leone Immigration Department"),
    _I("LR", NATIONAL, "LIS", "Liberia Immigration Service"),
    _I("GM", NATIONAL, "GID", "Gambia Immigration Department"),
    _I("SN", NATIONAL, "MINT", "Ministry of the Interior", name_fr="Ministère de l'Intérieur"),
    _I(
        "SN",
        NATIONAL,
        "DGASE",
        "Directorate General for Support to Senegalese Abroad",
        name_fr="Direction générale d'appui aux Sénégalais de l'extérieur",
    ),
    _I(
        "SN",
        NATIONAL,
        "CNLTP",
        "National Unit against Trafficking in Persons",
        name_fr="Cellule nationale de lutte contre la traite des personnes",
    ),
    _I(
        "SN",
        CDI,
        "ENA",
        "National School of Administration",
        name_fr="École nationale d'administration",
        capacity_development_kind=PUBLIC_ADMINISTRATION_SCHOOL,
    ),
    _I(
        "SN",
        CIVIL_SOCIETY,
        "RSMD",
        "Senegalese Network for Migration and Development",
        name_fr="Réseau sénégalais pour la migration et le développement",
    ),
    _I(
        "CI",
        NATIONAL,
        "MIS",
        "Ministry of the Interior and Security",
        name_fr="Ministère de l'Intérieur et de la Sécurité",
    ),
    _I(
        "CI",
        NATIONAL,
        "MAEIAD",
        "Ministry of Foreign Affairs, African Integration and the Diaspora",
        name_fr="Ministère des Affaires étrangères, de l'Intégration africaine et de la Diaspora",
    ),
    _I(
        "CI",
        NATIONAL,
        "DGIE",
        "Directorate General of Ivorians Abroad",
        name_fr="Direction générale des Ivoiriens de l'extérieur",
        parent=("CI", "MAEIAD"),
    ),
    _I(
        "CI",
        CDI,
        "AD",
        "Diplomatic Academy of Côte d'Ivoire",
        name_fr="Académie diplomatique de Côte d'Ivoire",
        capacity_development_kind=DIPLOMATIC_ACADEMY,
        parent=("CI", "MAEIAD"),
    ),
    _I(
        "ML",
        NATIONAL,
        "MMEIA",
        "Ministry of Malians Abroad and African Integration",
        name_fr="Ministère des Maliens établis à l'extérieur et de l'Intégration africaine",
    ),
    _I(
        "BF",
        NATIONAL,
        "MAECR",
        "Ministry of Foreign Affairs, Regional Cooperation and Burkinabè Abroad",
        name_fr="Ministère des Affaires étrangères, de la Coopération régionale et des Burkinabè "
        "de l'extérieur",
    ),
    _I(
        "BF",
        CDI,
        "ENAM",
        "National School of Administration and Magistracy",
        name_fr="École nationale d'administration et de magistrature",
        capacity_development_kind=PUBLIC_ADMINISTRATION_SCHOOL,
    ),
    _I(
        "NE",
        NATIONAL,
        "ANLTP/TIM",
        "National Agency against Trafficking in Persons and Smuggling of Migrants",
        name_fr="Agence nationale de lutte contre la traite des personnes et le trafic illicite de migrants",
    ),
    _I(
        "GN",
        NATIONAL,
        "MAEGE",
        "Ministry of Foreign Affairs and Guineans Abroad",
        name_fr="Ministère des Affaires étrangères et des Guinéens établis à l'étranger",
    ),
    _I(
        "TG",
        NATIONAL,
        "MSPC",
        "Ministry of Security and Civil Protection",
        name_fr="Ministère de la Sécurité et de la Protection civile",
    ),
    _I(
        "BJ",
        NATIONAL,
        "DEI",
        "Directorate of Emigration and Immigration",
        name_fr="Direction de l'émigration et de l'immigration",
    ),
    _I(
        "MR",
        NATIONAL,
        "MIDEC",
        "Ministry of the Interior and Decentralisation",
        name_fr="Ministère de l'Intérieur et de la Décentralisation",
    ),
    _I(
        "CM",
        NATIONAL,
        "MINREX",
        "Ministry of External Relations",
        name_fr="Ministère des Relations extérieures",
    ),
    _I(
        "CM",
        CDI,
        "IRIC",
        "International Relations Institute of Cameroon",
        name_fr="Institut des relations internationales du Cameroun",
        capacity_development_kind=DIPLOMATIC_ACADEMY,
    ),
    _I(
        "TD",
        NATIONAL,
        "MATD",
        "Ministry of Territorial Administration and Decentralisation",
        name_fr="Ministère de l'Administration du territoire et de la Décentralisation",
    ),
    _I(
        "GA",
        NATIONAL,
        "DGDI",
        "Directorate General of Documentation and Immigration",
        name_fr="Direction générale de la documentation et de l'immigration",
    ),
    _I(
        "GA",
        REGIONAL,
        "CEEAC",
        "Commission of the Economic Community of Central African States",
        name_fr="Commission de la Communauté économique des États de l'Afrique centrale",
    ),
    _I(
        "CG",
        NATIONAL,
        "MID",
        "Ministry of the Interior and Decentralisation",
        name_fr="Ministère de l'Intérieur et de la Décentralisation",
    ),
    _I("CD", NATIONAL, "DGM", "Directorate General of Migration", name_fr="Direction générale de migration"),
    _I(
        "CF",
        NATIONAL,
        "MISP",
        "Ministry of the Interior and Public Security",
        name_fr="Ministère de l'Intérieur et de la Sécurité publique",
    ),
    _I(
        "BI",
        NATIONAL,
        "MIDCSP",
        "Ministry of the Interior, Community Development and Public Security",
        name_fr="Ministère de l'Intérieur, du Développement communautaire et de la Sécurité publique",
    ),
    _I("DJ", NATIONAL, "MI", "Ministry of the Interior", name_fr="Ministère de l'Intérieur"),
    _I(
        "DJ",
        NATIONAL,
        "ONARS",
        "National Office for Assistance to Refugees and Disaster Victims",
        name_fr="Office national d'assistance aux réfugiés et sinistrés",
    ),
    _I(
        "DJ",
        REGIONAL,
        "IGAD",
        "Intergovernmental Authority on Development",
        name_fr="Autorité intergouvernementale pour le développement",
    ),
    _I(
        "MG",
        NATIONAL,
        "MID",
        "Ministry of the Interior and Decentralisation",
        name_fr="Ministère de l'Intérieur et de la Décentralisation",
    ),
    _I(
        "KM",
        NATIONAL,
        "MIID",
        "Ministry of the Interior, Information and Decentralisation",
        name_fr="Ministère de l'Intérieur, de l'Information et de la Décentralisation",
    ),
    _I("GW", NATIONAL, "MNECIC", "Ministry of Foreign Affairs, International Cooperation and Communities"),
    _I("CV", NATIONAL, "AAI", "High Authority for Immigration"),
    _I("AO", NATIONAL, "SME", "Migration and Foreigners Service"),
    _I("MZ", NATIONAL, "SENAMI", "National Migration Service"),
    _I("ET", NATIONAL, "MOLS", "Ministry of Labour and Skills"),
    _I(
        "ET",
        REGIONAL,
        "AUC",
        "African Union Commission",
        name_fr="Commission de l'Union africaine",
        name_es="Comisión de la Unión Africana",
    ),
    _I("KE", NATIONAL, "SDICS", "State Department for Immigration and Citizen Services"),
    _I(
        "KE", CDI, "KSG", "Kenya School of Government", capacity_development_kind=PUBLIC_ADMINISTRATION_SCHOOL
    ),
    _I("KE", LOCAL, "CGM", "County Government of Mombasa"),
    _I("UG", NATIONAL, "DCIC", "Directorate of Citizenship and Immigration Control"),
    _I("TZ", NATIONAL, "ISD", "Immigration Services Department"),
    _I(
        "TZ",
        REGIONAL,
        "EAC",
        "East African Community Secretariat",
        name_fr="Secrétariat de la Communauté d'Afrique de l'Est",
    ),
    _I(
        "RW",
        NATIONAL,
        "DGIE",
        "Directorate General of Immigration and Emigration",
        name_fr="Direction générale de l'immigration et de l'émigration",
    ),
    _I("SO", NATIONAL, "IND", "Immigration and Naturalization Directorate"),
    _I("SD", NATIONAL, "MOI", "Ministry of Interior"),
    _I("SS", NATIONAL, "MOI", "Ministry of Interior"),
    _I("ZM", NATIONAL, "DOI", "Department of Immigration"),
    _I("ZW", NATIONAL, "DOI", "Department of Immigration Control"),
    _I("MW", NATIONAL, "DICS", "Department of Immigration and Citizenship Services"),
    _I("ZA", NATIONAL, "DHA", "Department of Home Affairs"),
    _I(
        "ZA",
        CDI,
        "NSG",
        "National School of Government",
        capacity_development_kind=PUBLIC_ADMINISTRATION_SCHOOL,
    ),
    _I("NA", NATIONAL, "MHAISS", "Ministry of Home Affairs, Immigration, Safety and Security"),
    _I("LS", NATIONAL, "MOHA", "Ministry of Home Affairs"),
    _I("SZ", NATIONAL, "MOHA", "Ministry of Home Affairs"),
    _I(
        "BW",
        REGIONAL,
        "SADC",
        "Southern African Development Community Secretariat",
        name_fr="Secrétariat de la Communauté de développement de l'Afrique australe",
    ),
    _I(
        "MU",
        NATIONAL,
        "PIO",
        "Passport and Immigration Office",
        name_fr="Bureau des passeports et de l'immigration",
    ),
    _I("MU", CDI, "CSCM", "Civil Service College Mauritius", capacity_development_kind=TRAINING_CENTRE),
    _I("SC", NATIONAL, "ICSD", "Immigration and Civil Status Division"),
    # ---------------------------------------------------------------------- Southern Neighbourhood
    _I(
        "MA",
        NATIONAL,
        "MDCMRE",
        "Ministry Delegate in charge of Moroccans Living Abroad",
        name_fr="Ministère délégué chargé des Marocains résidant à l'étranger",
        name_es="Ministerio Delegado encargado de los Marroquíes Residentes en el Extranjero",
    ),
    _I(
        "MA",
        NATIONAL,
        "MI",
        "Ministry of the Interior",
        name_fr="Ministère de l'Intérieur",
        name_es="Ministerio del Interior",
        thematic_department="Direction de la migration et de la surveillance des frontières",
    ),
    _I(
        "MA",
        CDI,
        "AMED",
        "Moroccan Academy of Diplomatic Studies",
        name_fr="Académie marocaine des études diplomatiques",
        capacity_development_kind=DIPLOMATIC_ACADEMY,
    ),
    _I("MA", OMBUDSPERSON, "MDR", "Ombudsman of the Kingdom", name_fr="Institution du Médiateur du Royaume"),
    _I(
        "MA",
        PROSECUTION,
        "PMP",
        "Presidency of the Public Prosecution",
        name_fr="Présidence du Ministère public",
    ),
    _I(
        "MA",
        CIVIL_SOCIETY,
        "AAMV",
        "Association for Assistance to Vulnerable Migrants",
        name_fr="Association d'aide aux migrants en situation vulnérable",
    ),
    _I(
        "DZ",
        NATIONAL,
        "MICLAT",
        "Ministry of the Interior, Local Authorities and Regional Planning",
        name_fr="Ministère de l'Intérieur, des Collectivités locales et de l'Aménagement du territoire",
    ),
    _I("TN", NATIONAL, "OTE", "Office for Tunisians Abroad", name_fr="Office des Tunisiens à l'étranger"),
    _I(
        "TN",
        NATIONAL,
        "INLTP",
        "National Authority against Trafficking in Persons",
        name_fr="Instance nationale de lutte contre la traite des personnes",
    ),
    _I("LY", NATIONAL, "MOLR", "Ministry of Labour and Rehabilitation"),
    _I("EG", NATIONAL, "MOEEA", "Ministry of Emigration and Egyptian Expatriates' Affairs"),
    _I("EG", NATIONAL, "MOFA", "Ministry of Foreign Affairs", name_fr="Ministère des Affaires étrangères"),
    _I(
        "EG",
        CDI,
        "EDI",
        "Egyptian Diplomatic Institute",
        name_fr="Institut diplomatique égyptien",
        capacity_development_kind=DIPLOMATIC_ACADEMY,
        parent=("EG", "MOFA"),
    ),
    _I("JO", NATIONAL, "MOL", "Ministry of Labour"),
    _I(
        "LB",
        NATIONAL,
        "GDGS",
        "General Directorate of General Security",
        name_fr="Direction générale de la Sûreté générale",
    ),
    _I("PS", NATIONAL, "MOFAE", "Ministry of Foreign Affairs and Expatriates"),
    # ----------------------------------------------------------------------- Eastern Neighbourhood
    _I("AM", NATIONAL, "MIA", "Ministry of Internal Affairs"),
    _I("AM", NATIONAL, "MCS", "Migration and Citizenship Service", parent=("AM", "MIA")),
    _I("AZ", NATIONAL, "SMS", "State Migration Service"),
    _I(
        "AZ",
        CDI,
        "ADA",
        "ADA University (Azerbaijan Diplomatic Academy)",
        capacity_development_kind=DIPLOMATIC_ACADEMY,
    ),
    _I(
        "GE",
        NATIONAL,
        "SCMI",
        "State Commission on Migration Issues",
        thematic_department="Secretariat of the State Commission on Migration Issues",
    ),
    _I("GE", NATIONAL, "MOJ", "Ministry of Justice"),
    _I("GE", NATIONAL, "PSDA", "Public Service Development Agency", parent=("GE", "MOJ")),
    _I(
        "GE",
        CDI,
        "TCJ",
        "Training Centre of Justice of Georgia",
        capacity_development_kind=TRAINING_CENTRE,
        parent=("GE", "MOJ"),
    ),
    _I("GE", NATIONAL, "MIA", "Ministry of Internal Affairs", thematic_department="Migration Department"),
    _I(
        "GE",
        CDI,
        "LMDTRI",
        "Levan Mikeladze Diplomatic Training and Research Institute",
        capacity_development_kind=DIPLOMATIC_ACADEMY,
    ),
    _I("MD", NATIONAL, "MAI", "Ministry of Internal Affairs"),
    _I("MD", NATIONAL, "BMA", "Bureau for Migration and Asylum", parent=("MD", "MAI")),
    _I(
        "MD",
        CDI,
        "AAP",
        "Academy of Public Administration",
        capacity_development_kind=PUBLIC_ADMINISTRATION_SCHOOL,
    ),
    _I("UA", NATIONAL, "SMSU", "State Migration Service of Ukraine"),
    _I(
        "UA",
        CDI,
        "DAU",
        "Hennadii Udovenko Diplomatic Academy of Ukraine",
        capacity_development_kind=DIPLOMATIC_ACADEMY,
    ),
    _I("UA", PARLIAMENT, "VRU", "Verkhovna Rada of Ukraine"),
    # --------------------------------------------------------------------------------- Central Asia
    _I("KZ", NATIONAL, "MLSPP", "Ministry of Labour and Social Protection of the Population"),
    _I(
        "KZ",
        CDI,
        "APA",
        "Academy of Public Administration under the President of the Republic of Kazakhstan",
        capacity_development_kind=PUBLIC_ADMINISTRATION_SCHOOL,
    ),
    _I("KG", NATIONAL, "MLSSM", "Ministry of Labour, Social Security and Migration"),
    _I(
        "KG", NATIONAL, "SMS", "State Migration Service", thematic_department="Department of Labour Migration"
    ),
    _I(
        "KG",
        CDI,
        "DA MFA",
        "Diplomatic Academy of the Ministry of Foreign Affairs named after K. Dikambaev",
        capacity_development_kind=DIPLOMATIC_ACADEMY,
    ),
    _I("KG", PARLIAMENT, "JK", "Jogorku Kenesh (Parliament) of the Kyrgyz Republic"),
    _I("KG", CIVIL_SOCIETY, "MLAC", "Migrants' Legal Aid Centre"),
    _I("TJ", NATIONAL, "MLME", "Ministry of Labour, Migration and Employment of the Population"),
    _I("TJ", NATIONAL, "MS", "Migration Service", parent=("TJ", "MLME")),
    _I("TM", NATIONAL, "SMS", "State Migration Service"),
    _I("UZ", NATIONAL, "MEPR", "Ministry of Employment and Poverty Reduction"),
    _I("UZ", NATIONAL, "AELM", "Agency for External Labour Migration", parent=("UZ", "MEPR")),
    # ----------------------------------------------------------------------------------------- Asia
    _I("PK", NATIONAL, "MOPHRD", "Ministry of Overseas Pakistanis and Human Resource Development"),
    _I("PK", NATIONAL, "BEOE", "Bureau of Emigration and Overseas Employment", parent=("PK", "MOPHRD")),
    _I("BD", NATIONAL, "MoEWOE", "Ministry of Expatriates' Welfare and Overseas Employment"),
    _I("BD", NATIONAL, "BMET", "Bureau of Manpower, Employment and Training", parent=("BD", "MoEWOE")),
    _I(
        "BD",
        CDI,
        "BPATC",
        "Bangladesh Public Administration Training Centre",
        capacity_development_kind=TRAINING_CENTRE,
    ),
    _I("LK", NATIONAL, "SLBFE", "Sri Lanka Bureau of Foreign Employment"),
    _I("NP", NATIONAL, "MoLESS", "Ministry of Labour, Employment and Social Security"),
    _I("NP", NATIONAL, "DoFE", "Department of Foreign Employment", parent=("NP", "MoLESS")),
    _I(
        "IN",
        NATIONAL,
        "MEA",
        "Ministry of External Affairs",
        thematic_department="Overseas Indian Affairs Division",
    ),
    _I(
        "IN",
        CDI,
        "SSIFS",
        "Sushma Swaraj Institute of Foreign Service",
        capacity_development_kind=DIPLOMATIC_ACADEMY,
        parent=("IN", "MEA"),
    ),
    _I("MV", NATIONAL, "MI", "Maldives Immigration"),
    _I("PH", NATIONAL, "DMW", "Department of Migrant Workers"),
    _I("PH", NATIONAL, "CFO", "Commission on Filipinos Overseas"),
    _I("PH", CDI, "FSI", "Foreign Service Institute", capacity_development_kind=DIPLOMATIC_ACADEMY),
    _I("PH", CIVIL_SOCIETY, "CMWF", "Centre for Migrant Workers and their Families"),
    _I("ID", NATIONAL, "BP2MI", "Indonesian Migrant Workers Protection Agency"),
    _I("TL", NATIONAL, "SM", "Migration Service of Timor-Leste"),
    _I("VN", NATIONAL, "DOLAB", "Department of Overseas Labour"),
    _I("TH", NATIONAL, "DOE", "Department of Employment"),
    _I(
        "KH",
        NATIONAL,
        "MLVT",
        "Ministry of Labour and Vocational Training",
        name_fr="Ministère du Travail et de la Formation professionnelle",
    ),
    _I(
        "LA",
        NATIONAL,
        "MLSW",
        "Ministry of Labour and Social Welfare",
        name_fr="Ministère du Travail et de la Protection sociale",
    ),
    _I("MN", NATIONAL, "IAM", "Immigration Agency of Mongolia"),
    _I("IQ", NATIONAL, "MoMD", "Ministry of Migration and Displacement"),
    _I("TR", NATIONAL, "PMM", "Presidency of Migration Management"),
    _I("FJ", NATIONAL, "FID", "Fiji Immigration Department"),
    # ---------------------------------------------- EU Member State administrations (experts' homes)
    _I(
        "DE",
        MS_ADMIN,
        "BAMF",
        "Federal Office for Migration and Refugees",
        name_fr="Office fédéral des migrations et des réfugiés",
        name_es="Oficina Federal de Migración y Refugiados",
    ),
    _I(
        "FR",
        MS_ADMIN,
        "MI",
        "Ministry of the Interior",
        name_fr="Ministère de l'Intérieur",
        name_es="Ministerio del Interior",
    ),
    _I(
        "ES",
        MS_ADMIN,
        "PN",
        "Ministry of the Interior – National Police",
        name_fr="Ministère de l'Intérieur – Police nationale",
        name_es="Ministerio del Interior – Policía Nacional",
    ),
    _I(
        "NL",
        MS_ADMIN,
        "IND",
        "Immigration and Naturalisation Service",
        name_fr="Service de l'immigration et de la naturalisation",
    ),
    _I(
        "SE",
        MS_ADMIN,
        "Migrationsverket",
        "Swedish Migration Agency",
        name_fr="Office suédois des migrations",
        name_es="Agencia Sueca de Migración",
    ),
    _I(
        "AT",
        MS_ADMIN,
        "BFA",
        "Federal Office for Immigration and Asylum",
        name_fr="Office fédéral de l'immigration et de l'asile",
    ),
    _I("BG", MS_ADMIN, "MVR", "Ministry of Interior", name_fr="Ministère de l'Intérieur"),
    _I(
        "IT",
        MS_ADMIN,
        "MININT",
        "Ministry of the Interior",
        name_fr="Ministère de l'Intérieur",
        name_es="Ministerio del Interior",
    ),
    _I(
        "PT",
        MS_ADMIN,
        "AIMA",
        "Agency for Integration, Migration and Asylum",
        name_fr="Agence pour l'intégration, les migrations et l'asile",
    ),
    _I("BE", MS_ADMIN, "OE", "Immigration Office", name_fr="Office des étrangers"),
    _I("PL", MS_ADMIN, "UDSC", "Office for Foreigners", name_fr="Office des étrangers"),
    _I("CZ", MS_ADMIN, "MVCR", "Ministry of the Interior", name_fr="Ministère de l'Intérieur"),
    _I("FI", MS_ADMIN, "Migri", "Finnish Immigration Service", name_fr="Service finlandais de l'immigration"),
    _I("IE", MS_ADMIN, "ISD", "Immigration Service Delivery, Department of Justice"),
    _I(
        "LU",
        MS_ADMIN,
        "DIMM",
        "Directorate of Immigration",
        name_fr="Direction de l'immigration",
        name_es="Dirección de Inmigración",
    ),
    _I(
        "GR",
        MS_ADMIN,
        "MoMA",
        "Ministry of Migration and Asylum",
        name_fr="Ministère de la Migration et de l'Asile",
    ),
    _I("CY", MS_ADMIN, "CRMD", "Civil Registry and Migration Department"),
    _I("MT", MS_ADMIN, "IPA", "International Protection Agency"),
    _I("SI", MS_ADMIN, "MNZ", "Ministry of the Interior", name_fr="Ministère de l'Intérieur"),
    _I("SK", MS_ADMIN, "UHCP", "Bureau of Border and Foreign Police"),
    _I("HU", MS_ADMIN, "OIF", "National Directorate-General for Aliens Policing"),
    _I(
        "RO",
        MS_ADMIN,
        "IGI",
        "General Inspectorate for Immigration",
        name_fr="Inspection générale de l'immigration",
    ),
    _I("HR", MS_ADMIN, "MUP", "Ministry of the Interior", name_fr="Ministère de l'Intérieur"),
    _I("EE", MS_ADMIN, "PPA", "Police and Border Guard Board"),
    _I("LV", MS_ADMIN, "PMLP", "Office of Citizenship and Migration Affairs"),
    _I("LT", MS_ADMIN, "MD", "Migration Department under the Ministry of the Interior"),
)


# --- Departments and units --------------------------------------------------------------------------

# The units each kind of institution gets, by programme language (a missing language falls back to
# English). DOMAIN: a holistic Action brings together an institution's leadership, HR department,
# training unit and thematic departments, so national authorities get all four.
UNIT_TEMPLATES: dict[str, dict[str, tuple[tuple[str, str], ...]]] = {
    NATIONAL: {
        "en": (
            (LEADERSHIP, "Executive Office"),
            (HR, "Human Resources Directorate"),
            (TRAINING_UNIT, "Training Unit"),
        ),
        "fr": (
            (LEADERSHIP, "Cabinet"),
            (HR, "Direction des ressources humaines"),
            (TRAINING_UNIT, "Cellule de formation"),
        ),
        "es": (
            (LEADERSHIP, "Oficina del Titular"),
            (HR, "Dirección de Recursos Humanos"),
            (TRAINING_UNIT, "Unidad de Capacitación"),
        ),
        "pt": (
            (LEADERSHIP, "Gabinete do Titular"),
            (HR, "Direção de Recursos Humanos"),
            (TRAINING_UNIT, "Unidade de Formação"),
        ),
    },
    MS_ADMIN: {
        "en": (
            (LEADERSHIP, "Executive Office"),
            (HR, "Human Resources Directorate"),
            (TRAINING_UNIT, "Training and Qualification Unit"),
            (THEMATIC, "International Cooperation Unit"),
        ),
        "fr": (
            (LEADERSHIP, "Cabinet"),
            (HR, "Direction des ressources humaines"),
            (TRAINING_UNIT, "Bureau de la formation"),
            (THEMATIC, "Bureau de la coopération internationale"),
        ),
        "es": (
            (LEADERSHIP, "Gabinete"),
            (HR, "Subdirección General de Recursos Humanos"),
            (TRAINING_UNIT, "Unidad de Formación"),
            (THEMATIC, "Unidad de Cooperación Internacional"),
        ),
        "pt": (
            (LEADERSHIP, "Conselho Diretivo"),
            (HR, "Departamento de Recursos Humanos"),
            (TRAINING_UNIT, "Unidade de Formação"),
            (THEMATIC, "Unidade de Cooperação Internacional"),
        ),
    },
    CDI: {
        "en": (
            (LEADERSHIP, "Office of the Director"),
            (HR, "Human Resources and Administration"),
            (TRAINING_UNIT, "Department of Continuing Education"),
        ),
        "fr": (
            (LEADERSHIP, "Direction générale"),
            (HR, "Service des ressources humaines"),
            (TRAINING_UNIT, "Département de la formation continue"),
        ),
        "es": (
            (LEADERSHIP, "Dirección"),
            (HR, "Departamento de Recursos Humanos"),
            (TRAINING_UNIT, "Departamento de Formación Continua"),
        ),
        "pt": (
            (LEADERSHIP, "Direção"),
            (HR, "Coordenação de Gestão de Pessoas"),
            (TRAINING_UNIT, "Diretoria de Formação Profissional"),
        ),
    },
    LOCAL: {
        "en": (
            (LEADERSHIP, "Office of the Secretary"),
            (THEMATIC, "Department of Social Services and Migrant Affairs"),
        ),
        "fr": (
            (LEADERSHIP, "Secrétariat général"),
            (THEMATIC, "Service des affaires sociales et des migrations"),
        ),
        "es": ((LEADERSHIP, "Secretaría General"), (THEMATIC, "Dirección de Atención a Personas Migrantes")),
    },
    PARLIAMENT: {
        "en": (
            (LEADERSHIP, "Office of the Clerk"),
            (HR, "Human Resources Service"),
            (THEMATIC, "Committee on Human Rights and Migration"),
        ),
        "es": (
            (LEADERSHIP, "Secretaría General"),
            (HR, "Dirección de Recursos Humanos"),
            (THEMATIC, "Comisión de Derechos Humanos y Movilidad Humana"),
        ),
    },
    OMBUDSPERSON: {
        "en": ((LEADERSHIP, "Office of the Ombudsperson"), (THEMATIC, "Migrants' Rights Unit")),
        "fr": ((LEADERSHIP, "Cabinet du Médiateur"), (THEMATIC, "Pôle des droits des migrants")),
        "es": (
            (LEADERSHIP, "Despacho de la Defensoría"),
            (THEMATIC, "Unidad de Derechos de las Personas Migrantes"),
        ),
    },
    REGIONAL: {
        "en": (
            (LEADERSHIP, "Office of the Secretary General"),
            (HR, "Human Resources Directorate"),
            (THEMATIC, "Directorate of Free Movement and Migration"),
        ),
        "fr": (
            (LEADERSHIP, "Secrétariat général"),
            (HR, "Direction des ressources humaines"),
            (THEMATIC, "Direction de la libre circulation et des migrations"),
        ),
        "es": (
            (LEADERSHIP, "Secretaría General"),
            (HR, "Dirección de Recursos Humanos"),
            (THEMATIC, "Dirección de Movilidad Humana"),
        ),
    },
    CIVIL_SOCIETY: {
        "en": ((LEADERSHIP, "Executive Direction"), (THEMATIC, "Legal Assistance Programme")),
        "fr": ((LEADERSHIP, "Direction exécutive"), (THEMATIC, "Programme d'assistance juridique")),
        "es": ((LEADERSHIP, "Dirección Ejecutiva"), (THEMATIC, "Programa de Asistencia Legal")),
    },
    PROSECUTION: {
        "fr": (
            (LEADERSHIP, "Cabinet du Président"),
            (TRAINING_UNIT, "Pôle de formation des magistrats"),
            (THEMATIC, "Pôle de lutte contre la traite des êtres humains"),
        ),
        "es": (
            (LEADERSHIP, "Despacho del Fiscal General"),
            (TRAINING_UNIT, "Unidad de Capacitación"),
            (THEMATIC, "Fiscalía contra la Trata de Personas"),
        ),
        "en": (
            (LEADERSHIP, "Office of the Prosecutor General"),
            (TRAINING_UNIT, "Training Unit"),
            (THEMATIC, "Anti-Trafficking Prosecution Unit"),
        ),
    },
    JUDICIARY: {
        "es": (
            (LEADERSHIP, "Presidencia"),
            (TRAINING_UNIT, "Escuela Judicial"),
            (THEMATIC, "Comisión de Género y Derechos de las Personas Migrantes"),
        ),
        "en": (
            (LEADERSHIP, "Office of the President"),
            (TRAINING_UNIT, "Judicial Training School"),
            (THEMATIC, "Committee on Gender and Migrants' Rights"),
        ),
    },
    INTERNATIONAL: {
        "en": (
            (LEADERSHIP, "Office of the Director General"),
            (HR, "Human Resources"),
            (OTHER_UNIT, "MIEUX+ Programme Team"),
        ),
    },
}

# One of these is picked (deterministically) for each national authority without its own
# `thematic_department`.
THEMATIC_DEPARTMENTS: dict[str, tuple[str, ...]] = {
    "en": (
        "Directorate of Migration Policy",
        "Directorate of Labour Migration",
        "Directorate of Border Management",
        "Anti-Trafficking Unit",
        "Directorate of Diaspora Affairs",
        "Directorate of Refugee and Asylum Affairs",
        "Migration Data and Analysis Unit",
        "Directorate of Consular Affairs",
        "Legal Affairs Directorate",
    ),
    "fr": (
        "Direction de la politique migratoire",
        "Direction des migrations de travail",
        "Direction de la gestion des frontières",
        "Cellule de lutte contre la traite des personnes",
        "Direction des affaires de la diaspora",
        "Direction des réfugiés et de l'asile",
        "Cellule des données et de l'analyse migratoires",
        "Direction des affaires consulaires",
        "Direction des affaires juridiques",
    ),
    "es": (
        "Dirección de Política Migratoria",
        "Dirección de Migración Laboral",
        "Dirección de Gestión de Fronteras",
        "Unidad contra la Trata de Personas",
        "Dirección de Atención a la Diáspora",
        "Dirección de Refugio y Asilo",
        "Unidad de Estadística y Análisis Migratorio",
        "Dirección de Asuntos Consulares",
        "Dirección de Asuntos Jurídicos",
    ),
    "pt": (
        "Direção de Política Migratória",
        "Direção de Migração Laboral",
        "Direção de Gestão de Fronteiras",
        "Unidade de Combate ao Tráfico de Pessoas",
        "Direção das Comunidades no Exterior",
        "Direção de Refugiados e Asilo",
        "Unidade de Estatística e Análise Migratória",
        "Direção de Assuntos Consulares",
        "Direção de Assuntos Jurídicos",
    ),
}

# Job titles by language and unit kind. "masculine|feminine" where the language marks gender; the
# command picks the form that matches the person's first name.
POSITIONS: dict[str, dict[str, tuple[str, ...]]] = {
    "en": {
        LEADERSHIP: (
            "Director General",
            "Deputy Director General",
            "Chief of Staff",
            "Senior Adviser",
            "Head of International Cooperation",
        ),
        HR: ("Head of Human Resources", "Human Resources Officer", "Career Development Officer"),
        TRAINING_UNIT: (
            "Head of Training",
            "Training Coordinator",
            "Curriculum Development Officer",
            "Senior Lecturer",
        ),
        THEMATIC: (
            "Director",
            "Head of Unit",
            "Senior Policy Officer",
            "Policy Analyst",
            "Legal Officer",
            "Programme Officer",
        ),
        OTHER_UNIT: ("Programme Manager", "Programme Officer", "Project Assistant"),
    },
    "fr": {
        LEADERSHIP: (
            "Directeur général|Directrice générale",
            "Directeur de cabinet|Directrice de cabinet",
            "Conseiller technique|Conseillère technique",
            "Chef de la coopération internationale",
        ),
        HR: (
            "Directeur des ressources humaines|Directrice des ressources humaines",
            "Chargé de la gestion des carrières|Chargée de la gestion des carrières",
        ),
        TRAINING_UNIT: (
            "Responsable de la formation",
            "Coordinateur pédagogique|Coordinatrice pédagogique",
            "Formateur|Formatrice",
        ),
        THEMATIC: (
            "Directeur|Directrice",
            "Chef de service",
            "Chargé d'études|Chargée d'études",
            "Juriste",
            "Analyste des politiques migratoires",
        ),
        OTHER_UNIT: ("Chargé de programme|Chargée de programme", "Assistant de projet|Assistante de projet"),
    },
    "es": {
        LEADERSHIP: (
            "Director General|Directora General",
            "Jefe de Gabinete|Jefa de Gabinete",
            "Asesor del Titular|Asesora del Titular",
            "Coordinador de Asuntos Internacionales|Coordinadora de Asuntos Internacionales",
        ),
        HR: (
            "Director de Recursos Humanos|Directora de Recursos Humanos",
            "Analista de Recursos Humanos",
            "Jefe de Desarrollo Profesional|Jefa de Desarrollo Profesional",
        ),
        TRAINING_UNIT: (
            "Coordinador de Capacitación|Coordinadora de Capacitación",
            "Instructor|Instructora",
            "Responsable de Diseño Curricular",
        ),
        THEMATIC: (
            "Director de Área|Directora de Área",
            "Subdirector|Subdirectora",
            "Jefe de Departamento|Jefa de Departamento",
            "Analista de Política Migratoria",
            "Asesor Jurídico|Asesora Jurídica",
            "Oficial de Protección",
        ),
        OTHER_UNIT: ("Coordinador de Programa|Coordinadora de Programa", "Asistente de Proyecto"),
    },
    "pt": {
        LEADERSHIP: ("Diretor-Geral|Diretora-Geral", "Chefe de Gabinete", "Assessor|Assessora"),
        HR: (
            "Diretor de Recursos Humanos|Diretora de Recursos Humanos",
            "Técnico de Recursos Humanos|Técnica de Recursos Humanos",
        ),
        TRAINING_UNIT: ("Coordenador de Formação|Coordenadora de Formação", "Formador|Formadora"),
        THEMATIC: (
            "Diretor|Diretora",
            "Chefe de Divisão",
            "Técnico Superior|Técnica Superior",
            "Jurista",
            "Analista de Políticas Migratórias",
        ),
        OTHER_UNIT: ("Gestor de Programa|Gestora de Programa", "Assistente de Projeto"),
    },
}

# The job titles of roster experts in their home administration, by language.
EXPERT_POSITIONS: dict[str, tuple[str, ...]] = {
    "en": (
        "Senior Asylum Case Officer",
        "Policy Officer, Return and Reintegration",
        "Head of Section, Labour Migration",
        "Chief Inspector, Border Police",
        "Anti-Trafficking Investigator",
        "Trainer, Migration Law",
        "Country of Origin Information Researcher",
        "Legal Adviser, Visa Policy",
        "Integration Policy Officer",
        "Migration Statistics Analyst",
        "Document Fraud Specialist",
        "Diaspora Engagement Officer",
    ),
    "fr": (
        "Chef de section asile",
        "Commissaire de police aux frontières",
        "Juriste, droit des étrangers",
        "Analyste, information sur les pays d'origine",
        "Chargé de mission traite des êtres humains|Chargée de mission traite des êtres humains",
        "Formateur en droit des étrangers|Formatrice en droit des étrangers",
        "Responsable de la politique des visas",
    ),
    "es": (
        "Inspector Jefe de la Policía Nacional|Inspectora Jefa de la Policía Nacional",
        "Jefe de Sección de Protección Internacional|Jefa de Sección de Protección Internacional",
        "Técnico de Migración Laboral|Técnica de Migración Laboral",
        "Analista de Trata de Seres Humanos",
        "Formador en Derecho de Extranjería|Formadora en Derecho de Extranjería",
        "Asesor de Políticas de Integración|Asesora de Políticas de Integración",
    ),
    "pt": (
        "Inspetor de Fronteiras|Inspetora de Fronteiras",
        "Técnico Superior de Asilo|Técnica Superior de Asilo",
        "Jurista, Direito de Estrangeiros",
        "Formador em Direito da Migração|Formadora em Direito da Migração",
    ),
}

# Position of the one "Member State focal point" per EU administration (DOMAIN: 48 focal points),
# who nominates that administration's experts to the roster.
FOCAL_POINT_POSITION = {
    "en": "MIEUX+ Member State focal point",
    "fr": "Point focal national MIEUX+",
    "es": "Punto focal nacional de MIEUX+",
    "pt": "Ponto focal nacional MIEUX+",
}

# How many roster experts each EU administration contributes, keyed by (country, acronym). About
# two thirds of the roster; the remaining third are officials of partner-country institutions
# (DOMAIN: "a third of them non-EU").
EU_EXPERTS_PER_ADMINISTRATION: dict[tuple[str, str], int] = {
    ("DE", "BAMF"): 50,
    ("FR", "MI"): 42,
    ("ES", "PN"): 38,
    ("IT", "MININT"): 34,
    ("NL", "IND"): 29,
    ("SE", "Migrationsverket"): 25,
    ("AT", "BFA"): 24,
    ("BE", "OE"): 23,
    ("PT", "AIMA"): 20,
    ("PL", "UDSC"): 18,
    ("BG", "MVR"): 16,
    ("RO", "IGI"): 16,
    ("CZ", "MVCR"): 15,
    ("GR", "MoMA"): 14,
    ("FI", "Migri"): 12,
    ("HU", "OIF"): 12,
    ("IE", "ISD"): 12,
    ("SK", "UHCP"): 10,
    ("SI", "MNZ"): 10,
    ("HR", "MUP"): 10,
    ("LT", "MD"): 8,
    ("LV", "PMLP"): 8,
    ("EE", "PPA"): 8,
    ("LU", "DIMM"): 6,
    ("CY", "CRMD"): 6,
    ("MT", "IPA"): 6,
}
# Partner-country officials on the roster (DOMAIN: a third of the experts are non-EU): some of the
# registry's staff, the rest officials of national authorities and capacity development institutions
# drawn for the roster.
NON_EU_EXPERTS = 236
NON_EU_EXPERTS_FROM_STAFF = 53
# Partner-country officials eligible as non-EU experts come from these kinds of institutions.
NON_EU_EXPERT_INSTITUTION_TYPES = frozenset({NATIONAL, CDI})
# Experts, EU or not, are practitioners of a thematic or training unit.
EXPERT_UNIT_KINDS = frozenset({THEMATIC, TRAINING_UNIT})

# Roster status and gender mixes. DOMAIN: the roster is 42 % women and mostly active. The EU experts'
# weights are tuned so that, with the non-EU experts drawn from partner staff, the seeded roster lands
# at about 42 % women.
ROSTER_STATUS_WEIGHTS = {"active": 76, "candidate": 10, "inactive": 9, "withdrawn": 5}
EXPERT_GENDER_WEIGHTS = {"female": 42, "male": 55, "undisclosed": 3}
PEOPLE_GENDER_WEIGHTS = {"female": 47, "male": 46, "undisclosed": 5, "other": 2}
# Participants of activities (drawn by actions.demo): about 45 % women.
PARTICIPANT_GENDER_WEIGHTS = {"female": 45, "male": 50, "undisclosed": 4, "other": 1}


# --- Coordination mechanisms ------------------------------------------------------------------------


class MechanismSeed(NamedTuple):
    """An inter-agency coordination body; `country` is empty for a regional mechanism.
    Founding dates are approximate: they make the demo look plausible, they are not a reference."""

    name_en: str
    country: str
    members: tuple[tuple[str, str], ...]
    description_en: str
    established_on: date | None = None
    name_fr: str = ""
    name_es: str = ""


MECHANISMS: tuple[MechanismSeed, ...] = (
    MechanismSeed(
        "Inter-Secretarial Commission to Prevent, Punish and Eradicate Trafficking in Persons",
        "MX",
        (("MX", "SEGOB"), ("MX", "INM"), ("MX", "SRE"), ("MX", "COMAR")),
        "Federal commission coordinating the national anti-trafficking programme.",
        date(2012, 6, 14),
        name_es="Comisión Intersecretarial para Prevenir, Sancionar y Erradicar los Delitos en Materia de "
        "Trata de Personas",
    ),
    MechanismSeed(
        "National Coalition against Migrant Smuggling and Trafficking in Persons",
        "CR",
        (("CR", "MGP"), ("CR", "DGME"), ("CR", "DHR")),
        "Inter-institutional coalition (CONATT) led by the migration authority; the Ombudsperson's Office "
        "takes part as an observer.",
        date(2013, 1, 8),
        name_es="Coalición Nacional contra el Tráfico Ilícito de Migrantes y la Trata de Personas",
    ),
    MechanismSeed(
        "Comprehensive Regional Protection and Solutions Framework (MIRPS)",
        "",
        (
            ("BZ", "IND"),
            ("CR", "DGME"),
            ("GT", "IGM"),
            ("HN", "INM"),
            ("MX", "COMAR"),
            ("PA", "SNM"),
            ("SV", "DGME"),
        ),
        "Regional framework of seven Central American states on forced displacement; the migration and "
        "refugee authorities coordinate national action plans.",
        date(2017, 10, 26),
        name_fr="Cadre régional global de protection et de solutions (MIRPS)",
        name_es="Marco Integral Regional para la Protección y Soluciones (MIRPS)",
    ),
    MechanismSeed(
        "Gran Chaco Regional Partnership on Migration Governance",
        "",
        (
            ("AR", "DNM"),
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
        "Regional capacity development partnership: ten national and local partners of Argentina, Paraguay "
        "and Bolivia learning from each other on local migration governance in the Gran Chaco.",
        date(2021, 3, 15),
        name_fr="Partenariat régional du Gran Chaco sur la gouvernance des migrations",
        name_es="Alianza Regional del Gran Chaco para la Gobernanza de las Migraciones",
    ),
    MechanismSeed(
        "Technical Working Group on Labour Migration",
        "NG",
        (("NG", "FMLE"), ("NG", "NIS"), ("NG", "NAPTIP"), ("NG", "NiDCOM")),
        "Chaired by the labour ministry; follows up the National Policy on Labour Migration.",
        date(2014, 10, 1),
        name_fr="Groupe de travail technique sur les migrations de travail",
    ),
    MechanismSeed(
        "National Commission for the Coordination of Measures to Combat and Prevent Trafficking in "
        "Human Beings",
        "MA",
        (("MA", "MI"), ("MA", "MDCMRE"), ("MA", "PMP")),
        "National commission coordinating the prevention of trafficking and the protection of victims.",
        date(2019, 5, 23),
        name_fr="Commission nationale de coordination des mesures de lutte et de prévention de la traite des "
        "êtres humains",
    ),
    MechanismSeed(
        "Inter-Agency Council on Combating Trafficking in Persons",
        "GE",
        (("GE", "MOJ"), ("GE", "MIA"), ("GE", "PSDA"), ("GE", "SCMI")),
        "Council chaired by the Ministry of Justice that adopts the national anti-trafficking action plan.",
        date(2006, 4, 28),
    ),
    MechanismSeed(
        "Inter-Agency Working Group on Labour Migration",
        "KG",
        (("KG", "MLSSM"), ("KG", "SMS"), ("KG", "DA MFA"), ("KG", "JK")),
        "Working group preparing labour migration policy and pre-departure training for migrant workers.",
        date(2019, 2, 1),
    ),
    MechanismSeed(
        "National Coordination Mechanism on Migration",
        "KE",
        (("KE", "SDICS"), ("KE", "KSG"), ("KE", "CGM")),
        "Government-led platform (NCM) bringing together national and county bodies on migration.",
        date(2016, 6, 1),
    ),
    MechanismSeed(
        "National Coordinating Committee for Combating and Preventing Illegal Migration and Trafficking in "
        "Persons",
        "EG",
        (("EG", "MOEEA"), ("EG", "MOFA"), ("EG", "EDI")),
        "National committee (NCCPIM&TIP) coordinating the strategy against irregular migration and "
        "trafficking.",
        date(2017, 1, 1),
        name_fr="Comité national de coordination pour la lutte contre la migration irrégulière et la "
        "traite des personnes",
    ),
    MechanismSeed(
        "Inter-Agency Council Against Trafficking (IACAT)",
        "PH",
        (("PH", "DMW"), ("PH", "CFO"), ("PH", "FSI")),
        "Council coordinating the implementation of the anti-trafficking law.",
        date(2003, 5, 26),
    ),
    MechanismSeed(
        "Inter-Institutional Committee for the Prevention of Trafficking in Persons and Smuggling of "
        "Migrants",
        "EC",
        (("EC", "MREMH"), ("EC", "MDI"), ("EC", "DPE")),
        "Committee coordinating prevention, protection and prosecution under the Human Mobility Act.",
        date(2019, 7, 30),
        name_es="Comité Interinstitucional para la Prevención de la Trata de Personas y el Tráfico "
        "Ilícito de Migrantes",
    ),
    MechanismSeed(
        "National Consultation Framework on Migration",
        "SN",
        (("SN", "MINT"), ("SN", "DGASE"), ("SN", "CNLTP"), ("SN", "RSMD")),
        "Consultation framework of ministries and civil society that follows the national migration policy.",
        date(2018, 11, 12),
        name_fr="Cadre national de concertation sur la migration",
    ),
)


# --- Demo accounts ----------------------------------------------------------------------------------


class AccountPerson(NamedTuple):
    """The person record linked to a demo account (partners.Person.user): where they sit and who they are."""

    institution: tuple[str, str]
    unit_kind: str
    first_name: str
    last_name: str
    gender: str
    position: str
    languages: tuple[str, ...]
    # Only for the expert account: its roster entry's thematic areas.
    expertise_areas: tuple[str, ...] = ()


class DemoAccount(NamedTuple):
    email: str
    role: str
    full_name: str
    language: str
    is_superuser: bool = False
    person: AccountPerson | None = None


# The administrator comes first: the command creates it, then acts as it for every other write.
DEMO_ACCOUNTS: tuple[DemoAccount, ...] = (
    DemoAccount("admin@mieux.test", "administrator", "Platform Administrator", "en", is_superuser=True),
    DemoAccount("manager@mieux.test", "programme_manager", "Elena Rossi", "en"),
    DemoAccount("officer@mieux.test", "programme_officer", "Julien Moreau", "en"),
    DemoAccount(
        "expert@mieux.test",
        "expert",
        "Katrin Schneider",
        "en",
        person=AccountPerson(
            ("DE", "BAMF"),
            THEMATIC,
            "Katrin",
            "Schneider",
            "female",
            "Senior Asylum Case Officer",
            ("de", "en", "fr"),
            expertise_areas=("IP", "IMT"),
        ),
    ),
    DemoAccount("integrator@mieux.test", "integrator", "Reporting Integration (service account)", "en"),
    # Institution A: Mexico's National Migration Institute.
    DemoAccount(
        "focal.a@mieux.test",
        "focal_point",
        "Mariana Hernández Ruiz",
        "es",
        person=AccountPerson(
            ("MX", "INM"),
            LEADERSHIP,
            "Mariana",
            "Hernández Ruiz",
            "female",
            "Coordinadora de Asuntos Internacionales",
            ("es", "en"),
        ),
    ),
    DemoAccount(
        "hr.a@mieux.test",
        "hr_officer",
        "Jorge Ramírez Solís",
        "es",
        person=AccountPerson(
            ("MX", "INM"), HR, "Jorge", "Ramírez Solís", "male", "Director de Recursos Humanos", ("es",)
        ),
    ),
    DemoAccount(
        "training.a@mieux.test",
        "training_officer",
        "Lucía Morales Ortega",
        "es",
        person=AccountPerson(
            ("MX", "INM"),
            TRAINING_UNIT,
            "Lucía",
            "Morales Ortega",
            "female",
            "Coordinadora de Capacitación",
            ("es", "en"),
        ),
    ),
    DemoAccount(
        "official.a@mieux.test",
        "official",
        "Carlos Medina Treviño",
        "es",
        person=AccountPerson(
            ("MX", "INM"),
            THEMATIC,
            "Carlos",
            "Medina Treviño",
            "male",
            "Subdirector de Control Migratorio",
            ("es",),
        ),
    ),
    # Institution B: Nigeria's NAPTIP.
    DemoAccount(
        "focal.b@mieux.test",
        "focal_point",
        "Ngozi Adebayo",
        "en",
        person=AccountPerson(
            ("NG", "NAPTIP"),
            LEADERSHIP,
            "Ngozi",
            "Adebayo",
            "female",
            "Head of International Cooperation",
            ("en", "ig"),
        ),
    ),
)


# --- Portal invitations -----------------------------------------------------------------------------

# The programme officer who invites people to the portal.
INVITING_OFFICER = "officer@mieux.test"
INVITATION_OUTCOMES = ("pending", "expired", "accepted")


class InvitationSeed(NamedTuple):
    """An invitation to the portal and what became of it: still "pending", "expired" unused, or
    "accepted" (the invitee chose the demo password). The invitee is the first person of
    `institution` without an account and not on the roster, from its unit of `unit_kind` if it has
    people there; or, with `member_state`, the first active roster expert of that Member State."""

    role: str
    language: str
    outcome: str
    institution: tuple[str, str] | None = None
    unit_kind: str = ""
    member_state: str = ""


INVITATIONS: tuple[InvitationSeed, ...] = (
    # Institution A: an official who accepted and now signs in (the demo password).
    InvitationSeed("official", "es", "accepted", ("MX", "INM"), TRAINING_UNIT),
    # Institution B's HR officer has not opened the link yet.
    InvitationSeed("hr_officer", "en", "pending", ("NG", "NAPTIP"), HR),
    # A French expert of the roster, invited in French.
    InvitationSeed("expert", "fr", "pending", member_state="FR"),
    # COMAR's focal point let the link expire: the officer can send a new one.
    InvitationSeed("focal_point", "es", "expired", ("MX", "COMAR"), LEADERSHIP),
)


# --- Name pools -------------------------------------------------------------------------------------


def _names(text: str) -> tuple[str, ...]:
    """Split a comma-separated list (names may contain spaces, such as "El Amrani")."""
    return tuple(name.strip() for name in text.split(",") if name.strip())


class NamePool(NamedTuple):
    """First names by gender and family names. A family name written "Ivanov/Ivanova" has a
    masculine and a feminine form; `double_surname` pools often carry two family names."""

    female: tuple[str, ...]
    male: tuple[str, ...]
    family: tuple[str, ...]
    double_surname: bool = False


NAME_POOLS: dict[str, NamePool] = {
    "spanish": NamePool(
        _names(
            "María, Ana, Lucía, Carmen, Gabriela, Daniela, Paola, Verónica, Alejandra, Rosa, Claudia, "
            "Mariana, Fernanda, Patricia, Isabel, Natalia, Valeria, Andrea"
        ),
        _names(
            "José, Juan, Carlos, Luis, Jorge, Miguel, Alejandro, Diego, Andrés, Fernando, Ricardo,"
            "Javier, "
            "Eduardo, Manuel, Sergio, Raúl, Héctor, Óscar"
        ),
        _names(
            "García, Hernández, López, Martínez, González, Rodríguez, Pérez, Sánchez, Ramírez, Torres, "
            "Flores, Rivera, Gómez, Díaz, Morales, Castillo, Vargas, Jiménez, Ortiz, Mendoza, Rojas, "
            "Chávez, Herrera, Aguilar, Navarro, Castro, Romero, Salazar"
        ),
        double_surname=True,
    ),
    "portuguese": NamePool(
        _names(
            "Ana, Maria, Beatriz, Mariana, Juliana, Fernanda, Carla, Luísa, Patrícia, Camila, Joana,"
            "Inês, "
            "Domingas, Isabel"
        ),
        _names(
            "João, Pedro, Paulo, Carlos, Rafael, Tiago, Miguel, Lucas, Bruno, Ricardo, António, Eduardo, "
            "Amílcar, Armando"
        ),
        _names(
            "Silva, Santos, Oliveira, Souza, Pereira, Costa, Ferreira, Rodrigues, Almeida, Carvalho,"
            "Gomes, "
            "Martins, Ribeiro, Lopes, Mendes, Tavares, Monteiro, Semedo, Fernandes, Cardoso"
        ),
        double_surname=True,
    ),
    "french": NamePool(
        _names(
            "Marie, Sophie, Claire, Isabelle, Camille, Julie, Nathalie, Céline, Élodie, Anne, Valérie, "
            "Hélène, Laure, Manon"
        ),
        _names(
            "Pierre, Jean, Nicolas, Julien, Thomas, François, Laurent, Olivier, Mathieu, Philippe,"
            "Antoine, "
            "Sébastien, Guillaume, Étienne"
        ),
        _names(
            "Martin, Bernard, Dubois, Robert, Richard, Petit, Durand, Leroy, Moreau, Simon, Laurent, "
            "Lefebvre, Michel, Fournier, Girard, Bonnet, Dupont, Lambert, Fontaine, Rousseau, Janssens, "
            "Lemaire"
        ),
    ),
    "haitian": NamePool(
        _names("Marie-Claude, Nadège, Guerline, Mirlande, Fabienne, Roseline, Stéphanie, Judith, Wideline"),
        _names("Jean-Robert, Wilner, Frantz, Ronald, Jean-Claude, Fritz, Guy, Patrick, Emmanuel, Joseph"),
        _names(
            "Pierre, Joseph, Jean-Baptiste, Louis, Charles, Saint-Fleur, Desrosiers, Étienne, Dorsainvil, "
            "Théodore, Augustin, Michel, Laurent"
        ),
    ),
    "francophone_africa": NamePool(
        _names(
            "Aminata, Fatoumata, Awa, Mariam, Aïssatou, Ramatou, Nafissatou, Salimata, Mariama, Kadiatou, "
            "Rokia, Adjoa, Akissi, Estelle, Clarisse"
        ),
        _names(
            "Mamadou, Ibrahima, Moussa, Abdoulaye, Ousmane, Boubacar, Souleymane, Kouassi, Yao, Alassane, "
            "Cheikh, Amadou, Koffi, Seydou, Didier"
        ),
        _names(
            "Diallo, Traoré, Koné, Ouédraogo, Diop, Ndiaye, Sow, Camara, Coulibaly, Keïta, Touré, Sylla, "
            "Konaté, Kaboré, Bamba, Kouadio, N'Guessan, Hounkpatin, Agbodjan, Issoufou, Sawadogo, Zongo, "
            "Adjovi"
        ),
    ),
    "central_african": NamePool(
        _names(
            "Clarisse, Brigitte, Estelle, Yvette, Chantal, Hortense, Nadège, Solange, Prisca, Béatrice, "
            "Grâce, Achta"
        ),
        _names(
            "Serge, Didier, Hervé, Rodrigue, Fabrice, Jean-Pierre, Patrice, Landry, Achille, Blaise, "
            "Mahamat, Pacifique"
        ),
        _names(
            "Mbarga, Ngoma, Mukendi, Tshibanda, Kabongo, Nkurunziza, Ndayishimiye, Niyonzima, Ondo, "
            "Nguema, Abakar, Ndong, Essomba, Fouda, Malonga, Mabiala, Yakité"
        ),
    ),
    "malagasy": NamePool(
        _names("Hanta, Voahangy, Lalao, Fara, Haingo, Tiana, Vola, Nirina"),
        _names("Hery, Rivo, Andry, Naina, Tojo, Fidy, Mamy, Tahina"),
        _names(
            "Rakotomalala, Randrianarisoa, Rasoanaivo, Rakotondrabe, Andrianjafy, Razafindrakoto, "
            "Ravelomanana, Rakotoarisoa"
        ),
    ),
    "anglophone_africa": NamePool(
        _names(
            "Ngozi, Chioma, Adaeze, Folake, Abena, Akosua, Efua, Grace, Joy, Amina, Halima, Esther,"
            "Faith, "
            "Blessing, Fatou, Isatou, Mercy"
        ),
        _names(
            "Chinedu, Emeka, Oluwaseun, Babatunde, Kwame, Kofi, Kwabena, Samuel, Daniel, Emmanuel, Musa, "
            "Ibrahim, Lamin, Momodou, Abdul, Peter, Aliyu"
        ),
        _names(
            "Okafor, Adeyemi, Okonkwo, Eze, Bello, Abubakar, Mensah, Asante, Boateng, Owusu, Adebayo, "
            "Oladipo, Nwosu, Danjuma, Kamara, Conteh, Sesay, Jallow, Ceesay, Johnson, Kollie, Doe"
        ),
    ),
    "east_african": NamePool(
        _names(
            "Wanjiru, Achieng, Akinyi, Nyambura, Amani, Neema, Rehema, Aisha, Tigist, Meron, Hiwot, "
            "Alice, Claudine, Immaculate, Esther"
        ),
        _names(
            "Otieno, Kipchoge, Brian, Dennis, Juma, Baraka, Hamisi, Abebe, Dawit, Yonas, Eric, Jean-Paul, "
            "Moses, Godfrey, Deng"
        ),
        _names(
            "Kamau, Mwangi, Ochieng, Mutua, Kariuki, Wanjiku, Kiplagat, Okello, Mugisha, Tumusiime,"
            "Mushi, "
            "Mollel, Tesfaye, Bekele, Haile, Alemu, Uwimana, Niyonzima, Garang, Deng, Lado"
        ),
    ),
    "southern_african": NamePool(
        _names(
            "Nomvula, Thandiwe, Chipo, Tendai, Lindiwe, Naledi, Palesa, Mpho, Chisomo, Mwila, Ndapewa, "
            "Kefilwe"
        ),
        _names(
            "Thabo, Sipho, Tatenda, Blessing, Lwazi, Kagiso, Mandla, Chikondi, Mulenga, Tafadzwa,"
            "Tuhafeni, "
            "Kabelo"
        ),
        _names(
            "Dlamini, Nkosi, Ndlovu, Mokoena, Moyo, Banda, Phiri, Tembo, Mwale, Chirwa, Mutasa, Shikongo, "
            "Nghidinwa, Molefe, Mothibi, Sithole, Simelane"
        ),
    ),
    "arabic": NamePool(
        _names(
            "Fatima, Khadija, Amina, Samira, Nadia, Leila, Salma, Yasmine, Rania, Hanane, Meriem, Sara, "
            "Nour, Houda, Imane, Zineb, Dina, Reem"
        ),
        _names(
            "Mohamed, Ahmed, Youssef, Omar, Karim, Hassan, Mehdi, Rachid, Khalid, Said, Tarek, Amine, "
            "Hicham, Nabil, Samir, Walid, Mustafa, Ali"
        ),
        _names(
            "El Amrani, Benali, Bouzid, Haddad, Mansour, El Idrissi, Ben Salah, Cherif, Saleh, Nasser, "
            "Farouk, Khalil, Hamdi, Bensaid, Ait Ahmed, El Fassi, Abdelkader, Hussein, Darwish, Jaber, "
            "Khoury, Tahir, Ould Cheikh, Abdi, Warsame"
        ),
    ),
    "georgian": NamePool(
        _names("Nino, Tamar, Mariam, Ketevan, Natia, Salome, Eka, Maia"),
        _names("Giorgi, Levan, Davit, Irakli, Zurab, Nikoloz, Lasha, Giga"),
        _names(
            "Beridze, Kapanadze, Gelashvili, Lomidze, Tsiklauri, Maisuradze, Javakhishvili, Chkheidze, "
            "Kvaratskhelia, Abashidze"
        ),
    ),
    "armenian": NamePool(
        _names("Ani, Lusine, Anahit, Gayane, Armine, Mariam, Nune, Shushan"),
        _names("Armen, Tigran, Hayk, Aram, Davit, Vahe, Gevorg, Narek"),
        _names(
            "Melikyan, Hakobyan, Sargsyan, Grigoryan, Petrosyan, Harutyunyan, Avetisyan, Karapetyan, "
            "Vardanyan, Ghazaryan"
        ),
    ),
    "azerbaijani": NamePool(
        _names("Aynur, Leyla, Gunel, Sevinj, Nigar, Aysel, Lala, Konul"),
        _names("Elnur, Rashad, Farid, Tural, Orkhan, Elchin, Vugar, Kamran"),
        _names(
            "Aliyev/Aliyeva, Mammadov/Mammadova, Huseynov/Huseynova, Guliyev/Guliyeva, Hasanov/Hasanova, "
            "Ismayilov/Ismayilova, Rzayev/Rzayeva, Abbasov/Abbasova"
        ),
    ),
    "ukrainian": NamePool(
        _names("Olena, Kateryna, Oksana, Iryna, Nataliia, Tetiana, Yuliia, Halyna"),
        _names("Oleksandr, Andriy, Serhiy, Dmytro, Vasyl, Mykola, Taras, Yurii"),
        _names(
            "Shevchenko, Kovalenko, Bondarenko, Tkachenko, Kravchenko, Melnyk, Boyko, Kovalchuk, "
            "Savchenko, Lysenko"
        ),
    ),
    "moldovan": NamePool(
        _names("Elena, Ana, Mariana, Cristina, Ludmila, Victoria, Natalia, Doina"),
        _names("Ion, Vasile, Andrei, Sergiu, Victor, Igor, Mihai, Dumitru"),
        _names("Rusu, Ceban, Popa, Munteanu, Cojocaru, Lungu, Moraru, Ciobanu, Botnari, Țurcanu"),
    ),
    "central_asian": NamePool(
        _names(
            "Aigerim, Gulnara, Aizhan, Nurgul, Dilnoza, Madina, Zarina, Gulnora, Aizada, Mehri, Shahnoza, "
            "Ainura, Jamila"
        ),
        _names(
            "Azamat, Nurlan, Bakyt, Timur, Rustam, Farrukh, Daniyar, Ulan, Aibek, Sherzod, Bakhtiyor, "
            "Firdavs, Merdan"
        ),
        _names(
            "Abdullaev/Abdullaeva, Nazarov/Nazarova, Toktogulov/Toktogulova, Asanov/Asanova, "
            "Karimov/Karimova, Rakhimov/Rakhimova, Saidov/Saidova, Nurmatov/Nurmatova, "
            "Dzhumabaev/Dzhumabaeva, Seitkaliev/Seitkalieva, Ismoilov/Ismoilova, Orazov/Orazova, "
            "Sultanbekov/Sultanbekova, Tursunov/Tursunova"
        ),
    ),
    "south_asian": NamePool(
        _names(
            "Ayesha, Nusrat, Farzana, Priya, Anjali, Sunita, Nirmala, Shreya, Tahmina, Sadia, Kavya,"
            "Sita, "
            "Dilani, Nadeesha, Aishath"
        ),
        _names(
            "Muhammad, Imran, Asif, Tariq, Rahul, Arjun, Vikram, Suresh, Ramesh, Rakib, Tanvir, Kamal, "
            "Bishnu, Prakash, Nuwan"
        ),
        _names(
            "Khan, Ahmed, Hussain, Rahman, Chowdhury, Islam, Sharma, Gupta, Patel, Singh, Shrestha,"
            "Gurung, "
            "Thapa, Perera, Fernando, Jayasuriya, Iqbal, Qureshi, Malik, Ramgoolam, Rasheed"
        ),
    ),
    "filipino": NamePool(
        _names("Maria, Kristine, Jocelyn, Maricel, Rowena, Angelica, Liza, Rhea, Grace, Joy"),
        _names("Jose, Mark, Rodrigo, Ramon, Jerome, Paolo, Emmanuel, Rey, Noel, Arnel"),
        _names(
            "Santos, Reyes, Cruz, Bautista, Garcia, Mendoza, Villanueva, Dela Cruz, Aquino, Ramos, "
            "Castillo, Navarro, Domingo, Pascual"
        ),
    ),
    "indonesian": NamePool(
        _names("Siti, Dewi, Nur, Ratna, Sri, Putri, Ayu, Rina, Wulan, Indah"),
        _names("Budi, Agus, Rizal, Andi, Hendra, Dedi, Yusuf, Bambang, Eko, Fajar"),
        _names(
            "Santoso, Wijaya, Hidayat, Saputra, Kurniawan, Setiawan, Pratama, Nugroho, Siregar, Harahap, "
            "Lubis, Sihombing"
        ),
    ),
    "vietnamese": NamePool(
        _names("Linh, Thu, Mai, Lan, Huong, Trang, Ngoc, Thao, Hanh, Phuong"),
        _names("Minh, Tuan, Hung, Dung, Nam, Quang, Thanh, Duc, Hai, Long"),
        _names("Nguyen, Tran, Le, Pham, Hoang, Phan, Vu, Dang, Bui, Do, Ngo, Duong"),
    ),
    "mekong": NamePool(
        _names("Malee, Anong, Siriporn, Ratana, Sokha, Sreymom, Chanthy, Vanida, Khamla, Souksavanh"),
        _names("Somchai, Anan, Prasert, Sopheak, Vanna, Dara, Bounmy, Khamphone, Thongsavanh, Kittisak"),
        _names(
            "Srisuk, Chaiyaphum, Wongsawat, Boonmee, Sok, Chan, Heng, Keo, Phommachanh, Vongsay, "
            "Sisouphanh, Inthavong"
        ),
    ),
    "mongolian": NamePool(
        _names("Oyunchimeg, Sarangerel, Enkhjargal, Bolormaa, Tsetsegmaa, Altantsetseg, Nomin, Anu"),
        _names("Bat-Erdene, Ganbaatar, Enkhbold, Tumurbaatar, Bayarsaikhan, Munkh-Orgil, Temuulen, Erdene"),
        _names(
            "Batbayar, Dorj, Gantulga, Sukhbaatar, Enkhtuya, Purevdorj, Tserendorj, Baatar, Altangerel, "
            "Davaadorj"
        ),
    ),
    "turkish": NamePool(
        _names("Ayşe, Fatma, Zeynep, Elif, Emine, Merve, Selin, Esra, Derya, Gülşen"),
        _names("Mehmet, Mustafa, Ahmet, Ali, Hasan, Emre, Burak, Murat, Serkan, Onur"),
        _names("Yılmaz, Kaya, Demir, Şahin, Çelik, Yıldız, Aydın, Öztürk, Arslan, Doğan, Kılıç, Aslan"),
    ),
    "caribbean": NamePool(
        _names(
            "Sarah, Michelle, Natasha, Kimberly, Andrea, Lisa, Karen, Shanice, Tamika, Keisha, Alicia, Sunita"
        ),
        _names(
            "David, Michael, Andrew, Christopher, Mark, Richard, Kevin, Marlon, Dwayne, Trevor, Nigel, Ravi"
        ),
        _names(
            "Brown, Williams, Campbell, Thompson, Clarke, Johnson, Grant, Reid, Gordon, Edwards, Persaud, "
            "Ramdass, Singh, Mohammed, Baptiste, Charles, Henry, Naidu, Tuilagi"
        ),
    ),
    # EU Member States: the experts' home administrations.
    "german": NamePool(
        _names(
            "Anna, Katharina, Julia, Sabine, Claudia, Stefanie, Laura, Miriam, Birgit, Lena, Petra, Johanna"
        ),
        _names(
            "Thomas, Michael, Andreas, Stefan, Markus, Christian, Tobias, Jan, Florian, Matthias, "
            "Wolfgang, Lukas"
        ),
        _names(
            "Müller, Schmidt, Schneider, Fischer, Weber, Meyer, Wagner, Becker, Schulz, Hoffmann, Koch, "
            "Richter, Gruber, Huber, Bauer, Wimmer, Hofer, Steiner"
        ),
    ),
    "dutch": NamePool(
        _names("Anne, Sanne, Lotte, Eva, Femke, Marieke, Ingrid, Esther, Linda, Maaike"),
        _names("Jeroen, Bas, Pieter, Sander, Ruben, Thijs, Maarten, Joost, Wouter, Niels"),
        _names(
            "de Jong, Jansen, de Vries, van den Berg, van Dijk, Bakker, Visser, Smit, Meijer, de Boer, "
            "Mulder, Bos, Vermeulen"
        ),
    ),
    "nordic": NamePool(
        _names("Anna, Maria, Karin, Sara, Emma, Elin, Johanna, Linnea, Ingrid, Malin"),
        _names("Erik, Lars, Anders, Johan, Magnus, Per, Karl, Fredrik, Oskar, Henrik"),
        _names(
            "Andersson, Johansson, Karlsson, Nilsson, Eriksson, Larsson, Olsson, Persson, Svensson, "
            "Lindberg, Berg, Lindqvist"
        ),
    ),
    "finnish": NamePool(
        _names("Aino, Liisa, Johanna, Laura, Sanna, Minna, Katja, Elina, Tiina, Anu"),
        _names("Mikko, Juha, Timo, Jukka, Antti, Ville, Matti, Janne, Petri, Sami"),
        _names(
            "Virtanen, Korhonen, Mäkinen, Nieminen, Mäkelä, Hämäläinen, Laine, Heikkinen, Koskinen, "
            "Järvinen, Lehtonen"
        ),
    ),
    "italian": NamePool(
        _names("Giulia, Francesca, Chiara, Sara, Valentina, Elena, Federica, Silvia, Alessandra, Paola"),
        _names("Marco, Alessandro, Andrea, Luca, Giuseppe, Francesco, Matteo, Stefano, Davide, Paolo"),
        _names(
            "Rossi, Russo, Ferrari, Esposito, Bianchi, Romano, Colombo, Ricci, Marino, Greco, Bruno, "
            "Conti, De Luca"
        ),
    ),
    "bulgarian": NamePool(
        _names("Maria, Ivanka, Elena, Yordanka, Desislava, Gergana, Tsvetelina, Radka, Vesela, Milena"),
        _names("Georgi, Ivan, Dimitar, Nikolay, Petar, Hristo, Stoyan, Todor, Plamen, Krasimir"),
        _names(
            "Ivanov/Ivanova, Georgiev/Georgieva, Dimitrov/Dimitrova, Petrov/Petrova, Nikolov/Nikolova, "
            "Hristov/Hristova, Stoyanov/Stoyanova, Todorov/Todorova, Kolev/Koleva, Angelov/Angelova"
        ),
    ),
    "polish": NamePool(
        _names("Anna, Katarzyna, Magdalena, Agnieszka, Joanna, Monika, Ewa, Aleksandra, Marta, Barbara"),
        _names("Piotr, Krzysztof, Tomasz, Paweł, Michał, Marcin, Łukasz, Jakub, Andrzej, Marek"),
        _names(
            "Kowalski/Kowalska, Nowak, Wiśniewski/Wiśniewska, Wójcik, Kamiński/Kamińska, "
            "Lewandowski/Lewandowska, Zieliński/Zielińska, Szymański/Szymańska, Woźniak, "
            "Dąbrowski/Dąbrowska"
        ),
    ),
    "czech": NamePool(
        _names("Jana, Eva, Hana, Lenka, Kateřina, Petra, Lucie, Veronika, Markéta, Tereza"),
        _names("Jan, Petr, Jiří, Pavel, Martin, Tomáš, Jakub, Ondřej, Lukáš, Michal"),
        _names(
            "Novák/Nováková, Svoboda/Svobodová, Novotný/Novotná, Dvořák/Dvořáková, Černý/Černá, "
            "Procházka/Procházková, Kučera/Kučerová, Veselý/Veselá, Horák/Horáková, Marek/Marková"
        ),
    ),
    "irish": NamePool(
        _names("Aoife, Siobhán, Niamh, Ciara, Sinéad, Orla, Gráinne, Emer, Róisín, Deirdre"),
        _names("Seán, Ciarán, Eoin, Pádraig, Declan, Cathal, Niall, Colm, Donal, Fergal"),
        _names(
            "Murphy, Kelly, O'Sullivan, Walsh, O'Brien, Byrne, Ryan, O'Connor, O'Neill, Doyle, "
            "McCarthy, Gallagher, Kennedy, Lynch"
        ),
    ),
    "greek": NamePool(
        _names("Maria, Eleni, Aikaterini, Vasiliki, Sofia, Georgia, Dimitra, Anna, Ioanna, Despoina"),
        _names("Georgios, Dimitrios, Konstantinos, Ioannis, Nikolaos, Christos, Panagiotis, Andreas"),
        _names(
            "Papadopoulos/Papadopoulou, Georgiou, Nikolaidis/Nikolaidou, Konstantinou, "
            "Christodoulou, Ioannou, Pappas/Pappa, Vasileiou, Antoniou, Charalambous, "
            "Michailidis/Michailidou"
        ),
    ),
    "maltese": NamePool(
        _names("Maria, Rita, Josephine, Roberta, Graziella, Claire, Doris, Marthese"),
        _names("Joseph, John, Mario, Charles, Carmel, Paul, Anthony, Stefan, Jean Paul"),
        _names("Borg, Camilleri, Vella, Farrugia, Zammit, Galea, Micallef, Grech, Attard, Spiteri"),
    ),
    "slovenian": NamePool(
        _names("Maja, Mojca, Nina, Petra, Mateja, Urška, Tanja, Barbara, Špela, Katja"),
        _names("Luka, Matej, Rok, Gregor, Tomaž, Andrej, Marko, Uroš, Boštjan, Aleš"),
        _names("Novak, Horvat, Kovačič, Krajnc, Zupančič, Potočnik, Kovač, Mlakar, Vidmar, Golob"),
    ),
    "slovak": NamePool(
        _names("Zuzana, Jana, Katarína, Mária, Lucia, Martina, Monika, Eva, Andrea, Simona"),
        _names("Peter, Martin, Ján, Michal, Tomáš, Marek, Juraj, Lukáš, Miroslav, Rastislav"),
        _names(
            "Horváth/Horváthová, Kováč/Kováčová, Varga/Vargová, Tóth/Tóthová, Nagy/Nagyová, "
            "Baláž/Balážová, Szabó/Szabóová, Molnár/Molnárová, Lukáč/Lukáčová"
        ),
    ),
    "hungarian": NamePool(
        _names("Katalin, Erzsébet, Ildikó, Zsuzsanna, Anikó, Eszter, Réka, Krisztina, Judit, Orsolya"),
        _names("László, István, Zoltán, Gábor, Attila, Péter, Tamás, Balázs, Csaba, Ferenc"),
        _names("Nagy, Kovács, Tóth, Szabó, Horváth, Varga, Kiss, Molnár, Németh, Farkas, Balogh"),
    ),
    "romanian": NamePool(
        _names("Andreea, Elena, Ioana, Mihaela, Alina, Cristina, Raluca, Simona, Roxana, Gabriela"),
        _names("Andrei, Mihai, Alexandru, Bogdan, Cristian, Florin, Adrian, Radu, Ionuț, Dragoș"),
        _names("Popescu, Ionescu, Popa, Dumitru, Stan, Stoica, Gheorghe, Matei, Constantin, Marin"),
    ),
    "croatian": NamePool(
        _names("Ana, Ivana, Marija, Petra, Martina, Maja, Kristina, Tea, Lucija, Nikolina"),
        _names("Ivan, Marko, Josip, Tomislav, Luka, Mario, Davor, Krešimir, Domagoj, Ante"),
        _names("Horvat, Kovačević, Babić, Marić, Jurić, Novak, Knežević, Vuković, Pavlović, Blažević"),
    ),
    "estonian": NamePool(
        _names("Kadri, Liis, Triin, Kristiina, Maarja, Piret, Anu, Kati, Merle, Helen"),
        _names("Andres, Margus, Tanel, Rein, Jaan, Priit, Toomas, Siim, Indrek, Kristjan"),
        _names("Tamm, Saar, Sepp, Mägi, Kask, Kukk, Rebane, Ilves, Pärn, Koppel"),
    ),
    "latvian": NamePool(
        _names("Ilze, Inese, Kristīne, Līga, Anna, Dace, Laura, Zane, Sanita, Agnese"),
        _names("Jānis, Andris, Mārtiņš, Kārlis, Edgars, Aigars, Raivis, Artūrs, Uldis, Gints"),
        _names(
            "Bērziņš/Bērziņa, Kalniņš/Kalniņa, Ozoliņš/Ozoliņa, Jansons/Jansone, Ozols/Ozola, "
            "Liepiņš/Liepiņa, Krūmiņš/Krūmiņa, Balodis/Balode, Zariņš/Zariņa"
        ),
    ),
    "lithuanian": NamePool(
        _names("Rūta, Jurgita, Asta, Laura, Inga, Aušra, Rasa, Vilma, Simona, Eglė"),
        _names("Tomas, Mindaugas, Darius, Andrius, Paulius, Marius, Vytautas, Saulius, Rimantas"),
        _names(
            "Kazlauskas/Kazlauskienė, Jankauskas/Jankauskienė, Petrauskas/Petrauskienė, "
            "Stankevičius/Stankevičienė, Vasiliauskas/Vasiliauskienė, Žukauskas/Žukauskienė, "
            "Butkus/Butkienė, Paulauskas/Paulauskienė"
        ),
    ),
}
