"""The evacuation workflow: which status may follow which.

Main line: registered -> verified -> submitted -> approved -> crossed -> evacuated.
Side states: on hold, rejected, declined, unreachable, and merged (set only by merging
duplicates, never by hand).

A partner's answer is a fact recorded whatever the status; `answer_path` says how far the
person's status follows it:

    >>> answer_path(Status.REGISTERED, Status.APPROVED)
    [<Status.VERIFIED: 'verified'>, <Status.SUBMITTED: 'submitted'>, <Status.APPROVED: 'approved'>]
    >>> answer_path(Status.DECLINED, Status.APPROVED) is None
    True
"""

from __future__ import annotations

from enum import StrEnum

from desktop_app.domain.errors import TransitionRefused, ValidationError


class Status(StrEnum):
    REGISTERED = "registered"
    VERIFIED = "verified"
    SUBMITTED = "submitted"
    APPROVED = "approved"
    CROSSED = "crossed"
    EVACUATED = "evacuated"
    ON_HOLD = "on_hold"
    REJECTED = "rejected"
    DECLINED = "declined"
    UNREACHABLE = "unreachable"
    MERGED = "merged"

    @property
    def label(self) -> str:
        return self.value.replace("_", " ")


S = Status
# Each state and the states a person may move to from it. Backwards steps exist where
# real life goes back: an approval that lapses is submitted again, a family that
# declined may change its mind, an unreachable family may call back. A partner may refuse
# anyone it was sent, verified by the mission or not, so rejected follows registered and
# verified directly (a refusal never passes through a verification nobody made).
TRANSITIONS: dict[Status, tuple[Status, ...]] = {
    S.REGISTERED: (S.VERIFIED, S.REJECTED, S.ON_HOLD, S.DECLINED, S.UNREACHABLE),
    S.VERIFIED: (S.SUBMITTED, S.REJECTED, S.REGISTERED, S.ON_HOLD, S.DECLINED, S.UNREACHABLE),
    S.SUBMITTED: (S.APPROVED, S.REJECTED, S.VERIFIED, S.ON_HOLD, S.DECLINED, S.UNREACHABLE),
    S.APPROVED: (S.CROSSED, S.SUBMITTED, S.REJECTED, S.ON_HOLD, S.DECLINED, S.UNREACHABLE),
    S.CROSSED: (S.EVACUATED,),
    S.EVACUATED: (),
    S.ON_HOLD: (S.REGISTERED, S.VERIFIED, S.SUBMITTED, S.DECLINED, S.UNREACHABLE),
    S.REJECTED: (S.SUBMITTED, S.VERIFIED, S.ON_HOLD, S.DECLINED),
    S.DECLINED: (S.REGISTERED,),
    S.UNREACHABLE: (S.REGISTERED, S.VERIFIED, S.ON_HOLD, S.DECLINED),
    S.MERGED: (),
}

# Merging is a separate action (matching issue): any state that is not final may become merged.
MERGEABLE: frozenset[Status] = frozenset(s for s in Status if s not in (S.MERGED,))

ACTIVE: frozenset[Status] = frozenset(s for s in Status if s is not S.MERGED)


def parse_status(text: str) -> Status:
    """A status from its value or label ('on hold', 'on_hold', 'On Hold')."""
    key = text.strip().lower().replace(" ", "_").replace("-", "_")
    try:
        return Status(key)
    except ValueError:
        known = ", ".join(s.value for s in Status)
        raise ValidationError("status", text, f"is not a status (known: {known})") from None


def allowed_next(current: Status) -> tuple[Status, ...]:
    return TRANSITIONS[current]


def check_transition(current: Status, requested: Status) -> None:
    """Raise TransitionRefused unless `requested` may follow `current` by hand."""
    if requested is S.MERGED or requested not in TRANSITIONS[current]:
        raise TransitionRefused(current.value, requested.value, [s.value for s in TRANSITIONS[current]])


def path_to(current: Status, target: Status, *, avoid: frozenset[Status] = frozenset()) -> list[Status] | None:
    """The shortest chain of allowed steps from `current` to `target` (without `current`),
    [] when already there, None when the workflow cannot get there by hand (or only through
    a state in `avoid`)."""
    if current is target:
        return []
    frontier: list[list[Status]] = [[current]]
    seen = {current}
    while frontier:
        following: list[list[Status]] = []
        for chain in frontier:
            for step in TRANSITIONS[chain[-1]]:
                if step in seen or step is S.MERGED or (step in avoid and step is not target):
                    continue
                if step is target:
                    return [*chain[1:], step]
                seen.add(step)
                following.append([*chain, step])
        frontier = following
    return None


# What the partner's answer means for the person's status.
ANSWER_TARGETS: dict[str, Status] = {"approved": S.APPROVED, "rejected": S.REJECTED}
# An answer walks the main line forwards; it never takes a person back (to registered) or through a
# side state they did not choose, and it never moves someone who already crossed, declined or was merged.
_ANSWER_AVOIDS = frozenset({S.REGISTERED, S.ON_HOLD, S.DECLINED, S.UNREACHABLE, S.CROSSED, S.EVACUATED})


def answer_path(current: Status, target: Status) -> list[Status] | None:
    """The steps a partner's answer moves a person in `current` towards `target` (approved or
    rejected): [] when already there, None when the status cannot follow the answer."""
    if current in (S.CROSSED, S.EVACUATED, S.DECLINED, S.MERGED):
        return None if current is not target else []
    return path_to(current, target, avoid=_ANSWER_AVOIDS)


def answer_gap(answer: str, current: Status) -> str | None:
    """Why the status does not show the recorded answer ('status declined cannot become approved'),
    or None when it does. A crossing or evacuation after an approval is no gap."""
    target = ANSWER_TARGETS.get(answer)
    if target is None or current is target:
        return None
    if target is S.APPROVED and current in (S.CROSSED, S.EVACUATED):
        return None
    return f"status {current.label} cannot become {target.label}"
