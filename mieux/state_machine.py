"""Explicit state machines: each model lists its allowed transitions in one table.

A transition names its source states, its target, who may make it and the guard that must hold.
`transition_apply` (in mieux.services) is the only way to change a state: it checks all of that,
saves, and records an audit entry of action "transition" with who, when and the comment, so an
object's timeline is its transition entries.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

Guard = Callable[[object], str | None]  # returns the reason the transition is refused, or None
Permission = Callable[[object, object], bool]  # (user, obj) -> may this user make this transition?


@dataclass(frozen=True)
class Transition:
    sources: frozenset[str]
    target: str
    label: str
    permitted: Permission
    guards: tuple[Guard, ...] = ()
    comment_required: bool = False
    # True for a step backwards ("returned" to an earlier stage): it always needs a comment.
    is_return: bool = False
    # Transitions that another service makes (e.g. a Steering Committee decision): not offered to
    # users directly, refused through the generic transition endpoint.
    internal: bool = False

    def refusal(self, obj) -> str | None:
        for guard in self.guards:
            reason = guard(obj)
            if reason:
                return str(reason)
        return None

    @property
    def needs_comment(self) -> bool:
        return self.comment_required or self.is_return


@dataclass
class StateMachine:
    field_name: str
    transitions: list[Transition] = field(default_factory=list)

    def current(self, obj) -> str:
        return getattr(obj, self.field_name)

    def find(self, obj, target: str, user=None) -> Transition | None:
        """The transition to `target` from the current state. Two transitions may share both (staff
        resume screening a request, its focal point answers the question): the one this user may
        make wins."""
        state = self.current(obj)
        matching = [t for t in self.transitions if t.target == target and state in t.sources]
        if user is not None:
            for transition in matching:
                if transition.permitted(user, obj):
                    return transition
        return matching[0] if matching else None

    def available(self, obj, user) -> list[Transition]:
        """Transitions from the current state this user may make (guards not yet evaluated)."""
        state = self.current(obj)
        return [
            t for t in self.transitions if state in t.sources and not t.internal and t.permitted(user, obj)
        ]

    def targets(self) -> set[str]:
        return {t.target for t in self.transitions}
