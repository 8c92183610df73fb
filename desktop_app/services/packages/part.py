"""A filtered part of the roster for a package: one evacuation list, or a set of households.

    keys = part_keys(session, list_name="Rafah 14")                 # or households=["H-00012", "H-00013"]
    rows = [row for row in state_rows if row.key in keys]

The part is closed under what its records name, so the receiving roster holds every record a
record of the part points to: a list brings its members and their persons; a person brings its
household, the household all its persons, a merged record its survivor; liaison entries of the
list or of those persons bring the persons they name. Status entries, contact attempts and
check-ins of those persons come along unless they name a list outside the part (those wait for a
whole package, as do list memberships on other lists).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop_app.domain.errors import NotFound
from desktop_app.storage.models import EvacuationList, Household
from desktop_app.storage.package_tables import PackageState


def part_keys(session: Session, *, list_name: str | None = None, households: Sequence[str] = ()) -> set[str]:
    """The exchanged keys of the part (the package state must be refreshed first)."""
    lists: set[str] = set()
    homes: set[str] = set()
    if list_name:
        found = session.scalar(select(EvacuationList.uuid).where(
            (EvacuationList.name == list_name) | (EvacuationList.uuid == list_name)))
        if found is None:
            raise NotFound("evacuation list", list_name)
        lists.add(found)
    for ref in households:
        home = session.scalar(select(Household.uuid).where((Household.ref == ref) | (Household.uuid == ref)))
        if home is None:
            raise NotFound("household", ref)
        homes.add(home)
    state: dict[str, tuple[str, dict[str, Any]]] = {
        key: (kind, json.loads(values)) for key, kind, values in session.execute(
            select(PackageState.key, PackageState.kind, PackageState.values))}
    people: set[str] = {key.split(":")[2] for key, (kind, values) in state.items()
                        if kind == "member" and key.split(":")[1] in lists and values.get("present", True)}
    while True:
        before = (len(people), len(homes))
        for key, (kind, values) in state.items():
            uuid = key.split(":", 1)[1]
            if kind == "person" and uuid in people:
                homes.update(filter(None, [values.get("household")]))
                people.update(filter(None, [values.get("merged_into")]))
            elif kind == "person" and values.get("household") in homes:
                people.add(uuid)
            elif kind == "household" and uuid in homes and values.get("head"):
                people.add(values["head"])
            elif kind == "liaison" and _liaison_wanted(values, lists, people):
                people.update(values.get("persons") or [])
        if (len(people), len(homes)) == before:
            break
    keys: set[str] = set()
    for key, (kind, values) in state.items():
        uuid = key.split(":", 1)[1]
        if kind == "person":
            wanted = uuid in people
        elif kind == "household":
            wanted = uuid in homes
        elif kind == "list":
            wanted = uuid in lists
        elif kind == "member":
            wanted = key.split(":")[1] in lists
        elif kind == "liaison":
            wanted = _liaison_wanted(values, lists, people)
        else:  # status, attempt, checkin: of a person of the part, naming no list outside it
            wanted = values.get("person") in people and (not values.get("list") or values.get("list") in lists)
        if wanted:
            keys.add(key)
    return keys


def _liaison_wanted(values: dict[str, Any], lists: set[str], people: set[str]) -> bool:
    """A liaison entry of a list of the part, or of its persons on no list outside it."""
    if values.get("list"):
        return values["list"] in lists
    return bool(people.intersection(values.get("persons") or []))
