"""Names for enums the OpenAPI schema would otherwise name after the first field that used them."""

from django_countries import countries


def country_choices() -> list[tuple[str, str]]:
    """ISO 3166-1 countries: one `CountryEnum` for every country field (country, member_state…)."""
    return list(countries)
