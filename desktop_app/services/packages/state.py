"""What each site knows of each exchanged record: values and a version vector per field.

    changed = refresh(session, me)          # count the edits made here since the last look
    rows = load_state(session)              # {key: StateRow}

A field's clock is `{site: n}` (sites by the first 8 characters of their id); `n` for this site
goes up each time the field is changed here. Comparing two clocks says which side changed the
field since the other saw it (`dominates`), or that both did (`concurrent`: a conflict). This is
the three-way merge with the common version kept per field instead of a copy of the base record.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import bindparam, delete, func, insert, select, update
from sqlalchemy.orm import Session

from desktop_app.services.packages.records import absent, read_records
from desktop_app.storage.package_tables import PackageState

Clock = dict[str, int]
DEFAULT = "_"  # the clock of every field without its own (all fields of a record start together)
LOCAL = "_local"  # {field: value written here} when a unique value had to be varied (see records.Writer.free)


def short(site_uuid: str) -> str:
    return site_uuid.replace("-", "")[:8]


@dataclass
class StateRow:
    key: str
    kind: str
    values: dict[str, Any]
    clocks: dict[str, Clock]
    seq: int

    def clock(self, name: str) -> Clock:
        return self.clocks.get(name) or self.clocks.get(DEFAULT) or {}

    def version(self) -> int:
        """One number that grows with every change of the record (the sum over its field clocks)."""
        return sum(sum(c.values()) for c in self.clocks.values())

    def shared_values(self) -> dict[str, Any]:
        return {k: v for k, v in self.values.items() if k != LOCAL}


def dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def compare(a: Mapping[str, int], b: Mapping[str, int]) -> str:
    """'equal', 'after' (a has seen all of b and more), 'before', or 'concurrent'."""
    a_more = any(n > b.get(s, 0) for s, n in a.items())
    b_more = any(n > a.get(s, 0) for s, n in b.items())
    if a_more and b_more:
        return "concurrent"
    return "after" if a_more else "before" if b_more else "equal"


def joined(a: Mapping[str, int], b: Mapping[str, int]) -> Clock:
    return {s: max(a.get(s, 0), b.get(s, 0)) for s in sorted(a.keys() | b.keys())}


def bumped(clock: Mapping[str, int], me: str) -> Clock:
    result = dict(clock)
    result[me] = result.get(me, 0) + 1
    return result


def load_state(session: Session, keys: Iterable[str] | None = None) -> dict[str, StateRow]:
    """The state of every exchanged record, or of those named by `keys` (an import reads only what
    its package names: the rows of a 100,000-person roster are parsed in seconds, not for nothing)."""
    query = select(PackageState.key, PackageState.kind, PackageState.values, PackageState.clocks, PackageState.seq)
    if keys is None:
        chunks: list[Any] = [query]
    else:
        wanted = sorted(set(keys))
        chunks = [query.where(PackageState.key.in_(wanted[i:i + 2000])) for i in range(0, len(wanted), 2000)]
    return {row.key: StateRow(row.key, row.kind, json.loads(row.values), json.loads(row.clocks), row.seq)
            for chunk in chunks for row in session.execute(chunk)}


def next_seq(session: Session) -> int:
    return (session.scalar(select(func.max(PackageState.seq))) or 0) + 1


def refresh(session: Session, me: str) -> int:
    """Record as this site's changes every difference between the roster and what was last seen.

    Returns how many records changed (new ones included)."""
    current = read_records(session)
    stored = {row.key: row for row in session.execute(select(PackageState.key, PackageState.kind,
                                                             PackageState.values, PackageState.clocks))}
    seq = next_seq(session)
    inserts: list[dict[str, Any]] = []
    updates: list[dict[str, Any]] = []
    for key, (kind, values) in current.items():
        row = stored.get(key)
        if row is None:
            inserts.append({"key": key, "kind": kind, "values": dumps(values), "clocks": dumps({DEFAULT: {me: 1}}),
                            "seq": seq})
            continue
        old = json.loads(row.values)
        local = old.get(LOCAL, {})
        for name, alias in local.items():  # a varied unique value still stands for the shared one
            if values.get(name) == alias:
                values[name] = old.get(name)
        if local:
            values[LOCAL] = local
        text = dumps(values)
        if text == row.values:
            continue
        clocks = json.loads(row.clocks)
        state = StateRow(key, kind, old, clocks, 0)
        for name in values.keys() | old.keys():
            if name != LOCAL and values.get(name) != old.get(name):
                clocks[name] = bumped(state.clock(name), me)
        updates.append({"k": key, "values": text, "clocks": dumps(clocks), "seq": seq})
    for key in stored.keys() - current.keys():
        gone = absent(stored[key].kind)
        old = json.loads(stored[key].values)
        if gone is None or all(old.get(k) == v for k, v in gone.items()):
            continue
        clocks = json.loads(stored[key].clocks)
        state = StateRow(key, stored[key].kind, old, clocks, 0)
        for name in gone:
            clocks[name] = bumped(state.clock(name), me)
        updates.append({"k": key, "values": dumps({**old, **gone}), "clocks": dumps(clocks), "seq": seq})
    if inserts:
        session.execute(insert(PackageState), inserts)
    if updates:
        session.connection().execute(
            update(PackageState.__table__).where(PackageState.__table__.c.key == bindparam("k")), updates)
    return len(inserts) + len(updates)


def save(session: Session, row: StateRow, *, new: bool) -> None:
    values = {"values": dumps(row.values), "clocks": dumps(row.clocks), "seq": row.seq, "kind": row.kind}
    if new:
        session.execute(insert(PackageState).values(key=row.key, **values))
    else:
        session.execute(update(PackageState).where(PackageState.key == row.key).values(**values))


def save_all(session: Session, new: list[StateRow], changed: list[StateRow]) -> None:
    """`save` for many rows at once (one INSERT and one UPDATE executemany)."""
    if new:
        session.connection().execute(insert(PackageState.__table__), [
            {"key": r.key, "kind": r.kind, "values": dumps(r.values), "clocks": dumps(r.clocks), "seq": r.seq}
            for r in new])
    if changed:
        table = PackageState.__table__
        session.connection().execute(update(table).where(table.c.key == bindparam("k")), [
            {"k": r.key, "kind": r.kind, "values": dumps(r.values), "clocks": dumps(r.clocks), "seq": r.seq}
            for r in changed])


def forget(session: Session, key: str) -> None:
    session.execute(delete(PackageState).where(PackageState.key == key))
