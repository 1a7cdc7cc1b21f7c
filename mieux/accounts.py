"""Sign-in helpers shared by the login page and django-axes."""

from __future__ import annotations


def axes_username(request, credentials) -> str:
    """The username django-axes counts failures for: the e-mail address as the login form compares it
    (case-insensitively), so Maria@x and maria@x share one counter."""
    username = ""
    if credentials:
        username = credentials.get("username") or credentials.get("email") or ""
    elif request is not None:
        username = request.POST.get("username", "")
    return username.strip().lower()
