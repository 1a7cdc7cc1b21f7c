"""The shape of every app's permission predicates.

Visibility (who may *see* a row) is `Model.objects.for_user(user)`. A policy answers the remaining
questions — may this user create one, change this one, delete this one — and is asked by the API
permission class, the views (to show or hide buttons) and the services (which re-check).
"""

from __future__ import annotations


class Policy:
    """Deny-all defaults: a policy grants only what it says."""

    def can_create(self, user) -> bool:
        return False

    def can_change(self, user, obj) -> bool:
        return False

    def can_delete(self, user, obj) -> bool:
        return False
