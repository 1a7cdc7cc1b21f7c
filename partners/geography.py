"""Country geography reference data for the MIEUX+ platform.

Source: UN Statistics Division, "Standard country or area codes for statistical use" (the M49 standard).
``M49_SUBREGIONS`` uses the M49 sub-region level, except that Latin America and the Caribbean is split into
its intermediate regions (Caribbean, Central America, South America) and sub-Saharan Africa into its
intermediate regions (Eastern, Middle, Southern and Western Africa), as the M49 standard itself does.
``COUNTRY_M49_SUBREGION`` maps every ISO 3166-1 alpha-2 code (plus the user-assigned XK, Kosovo) to one of
those codes; Antarctica (AQ) has no sub-region and maps to "".

DOMAIN: the programme does not report by M49 region but by its own regions, following EU external-action
usage: Africa, Asia, Central Asia, Latin America and the Caribbean, Eastern Neighbourhood, Southern
Neighbourhood (plus Europe and Other for completeness). ``COUNTRY_PROGRAMME_REGION`` is derived from the
M49 data plus the explicit neighbourhood / Central Asia override sets below.

Pure data, no Django imports: callers wrap the labels for translation.
"""

M49_SUBREGIONS: dict[str, str] = {
    # Africa
    "015": "Northern Africa",
    "014": "Eastern Africa",
    "017": "Middle Africa",
    "018": "Southern Africa",
    "011": "Western Africa",
    # Americas
    "029": "Caribbean",
    "013": "Central America",
    "005": "South America",
    "021": "Northern America",
    # Asia
    "143": "Central Asia",
    "030": "Eastern Asia",
    "035": "South-eastern Asia",
    "034": "Southern Asia",
    "145": "Western Asia",
    # Europe
    "151": "Eastern Europe",
    "154": "Northern Europe",
    "039": "Southern Europe",
    "155": "Western Europe",
    # Oceania
    "053": "Australia and New Zealand",
    "054": "Melanesia",
    "057": "Micronesia",
    "061": "Polynesia",
}

_SUBREGION_MEMBERS: dict[str, tuple[str, ...]] = {
    "015": ("DZ", "EG", "EH", "LY", "MA", "SD", "TN"),
    "014": (
        "BI",
        "DJ",
        "ER",
        "ET",
        "IO",
        "KE",
        "KM",
        "MG",
        "MU",
        "MW",
        "MZ",
        "RE",
        "RW",
        "SC",
        "SO",
        "SS",
        "TF",
        "TZ",
        "UG",
        "YT",
        "ZM",
        "ZW",
    ),
    "017": ("AO", "CD", "CF", "CG", "CM", "GA", "GQ", "ST", "TD"),
    "018": ("BW", "LS", "NA", "SZ", "ZA"),
    "011": (
        "BF",
        "BJ",
        "CI",
        "CV",
        "GH",
        "GM",
        "GN",
        "GW",
        "LR",
        "ML",
        "MR",
        "NE",
        "NG",
        "SH",
        "SL",
        "SN",
        "TG",
    ),
    "029": (
        "AG",
        "AI",
        "AW",
        "BB",
        "BL",
        "BQ",
        "BS",
        "CU",
        "CW",
        "DM",
        "DO",
        "GD",
        "GP",
        "HT",
        "JM",
        "KN",
        "KY",
        "LC",
        "MF",
        "MQ",
        "MS",
        "PR",
        "SX",
        "TC",
        "TT",
        "VC",
        "VG",
        "VI",
    ),
    "013": ("BZ", "CR", "GT", "HN", "MX", "NI", "PA", "SV"),
    "005": ("AR", "BO", "BR", "BV", "CL", "CO", "EC", "FK", "GF", "GS", "GY", "PE", "PY", "SR", "UY", "VE"),
    "021": ("BM", "CA", "GL", "PM", "US"),
    "143": ("KG", "KZ", "TJ", "TM", "UZ"),
    # TW: not listed separately by M49 (statistically included with China); placed in Eastern Asia.
    "030": ("CN", "HK", "JP", "KP", "KR", "MN", "MO", "TW"),
    "035": ("BN", "ID", "KH", "LA", "MM", "MY", "PH", "SG", "TH", "TL", "VN"),
    "034": ("AF", "BD", "BT", "IN", "IR", "LK", "MV", "NP", "PK"),
    "145": (
        "AE",
        "AM",
        "AZ",
        "BH",
        "CY",
        "GE",
        "IL",
        "IQ",
        "JO",
        "KW",
        "LB",
        "OM",
        "PS",
        "QA",
        "SA",
        "SY",
        "TR",
        "YE",
    ),
    "151": ("BG", "BY", "CZ", "HU", "MD", "PL", "RO", "RU", "SK", "UA"),
    "154": ("AX", "DK", "EE", "FI", "FO", "GB", "GG", "IE", "IM", "IS", "JE", "LT", "LV", "NO", "SE", "SJ"),
    # XK (Kosovo) is user-assigned, not an official ISO 3166-1 code; placed with Serbia in Southern Europe.
    "039": (
        "AD",
        "AL",
        "BA",
        "ES",
        "GI",
        "GR",
        "HR",
        "IT",
        "ME",
        "MK",
        "MT",
        "PT",
        "RS",
        "SI",
        "SM",
        "VA",
        "XK",
    ),
    "155": ("AT", "BE", "CH", "DE", "FR", "LI", "LU", "MC", "NL"),
    "053": ("AU", "CC", "CX", "HM", "NF", "NZ"),
    "054": ("FJ", "NC", "PG", "SB", "VU"),
    "057": ("FM", "GU", "KI", "MH", "MP", "NR", "PW", "UM"),
    "061": ("AS", "CK", "NU", "PF", "PN", "TK", "TO", "TV", "WF", "WS"),
}

# Areas without an M49 sub-region.
_NO_SUBREGION: tuple[str, ...] = ("AQ",)

COUNTRY_M49_SUBREGION: dict[str, str] = {
    code: subregion for subregion, codes in _SUBREGION_MEMBERS.items() for code in codes
}
COUNTRY_M49_SUBREGION.update(dict.fromkeys(_NO_SUBREGION, ""))
COUNTRY_M49_SUBREGION = dict(sorted(COUNTRY_M49_SUBREGION.items()))

PROGRAMME_REGIONS: list[tuple[str, str]] = [
    ("africa", "Africa"),
    ("asia", "Asia"),
    ("central_asia", "Central Asia"),
    ("latin_america_caribbean", "Latin America and the Caribbean"),
    ("eastern_neighbourhood", "Eastern Neighbourhood"),
    ("southern_neighbourhood", "Southern Neighbourhood"),
    ("europe", "Europe"),
    ("other", "Other"),
]

# Explicit overrides (EU external-action usage), applied before the M49-based defaults.
EASTERN_NEIGHBOURHOOD: frozenset[str] = frozenset({"AM", "AZ", "BY", "GE", "MD", "UA"})
SOUTHERN_NEIGHBOURHOOD: frozenset[str] = frozenset(
    {"DZ", "EG", "IL", "JO", "LB", "LY", "MA", "PS", "SY", "TN"}
)
CENTRAL_ASIA: frozenset[str] = frozenset({"KZ", "KG", "TJ", "TM", "UZ"})
# Cyprus is in M49 Western Asia but is an EU member state: report it under Europe.
EUROPE_OVERRIDES: frozenset[str] = frozenset({"CY"})

_OVERRIDES: tuple[tuple[frozenset[str], str], ...] = (
    (EASTERN_NEIGHBOURHOOD, "eastern_neighbourhood"),
    (SOUTHERN_NEIGHBOURHOOD, "southern_neighbourhood"),
    (CENTRAL_ASIA, "central_asia"),
    (EUROPE_OVERRIDES, "europe"),
)

_SUBREGION_PROGRAMME_REGION: dict[str, str] = {
    **dict.fromkeys(("015", "014", "017", "018", "011"), "africa"),
    **dict.fromkeys(("029", "013", "005"), "latin_america_caribbean"),
    **dict.fromkeys(("143", "030", "035", "034", "145"), "asia"),
    **dict.fromkeys(("053", "054", "057", "061"), "asia"),
    **dict.fromkeys(("151", "154", "039", "155"), "europe"),
    "021": "other",
}


def _compute_programme_region(code: str, subregion: str) -> str:
    for members, region in _OVERRIDES:
        if code in members:
            return region
    return _SUBREGION_PROGRAMME_REGION.get(subregion, "other")


COUNTRY_PROGRAMME_REGION: dict[str, str] = {
    code: _compute_programme_region(code, subregion) for code, subregion in COUNTRY_M49_SUBREGION.items()
}


def m49_subregion_for(country_code: str) -> str:
    """Return the M49 sub-region code for an alpha-2 country code, or "" if unknown."""
    return COUNTRY_M49_SUBREGION.get((country_code or "").strip().upper(), "")


def programme_region_for(country_code: str) -> str:
    """Return the programme region code for an alpha-2 country code, or "other" if unknown."""
    return COUNTRY_PROGRAMME_REGION.get((country_code or "").strip().upper(), "other")
