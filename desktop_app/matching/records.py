"""The engine's input: one person as the matcher sees them, from the roster or a partner's sheet.

A `MatchRecord` is a plain value: the services build it from a roster row or an answer
row; the engine never sees the database. Names may be Cyrillic (roster), Latin (passport
Latin on the roster, or the partner's own romanisation) or both. A partner sheet with a
single name column whose order is unknown becomes a record through `from_full_name`.
"""

from __future__ import annotations

from dataclasses import dataclass

from desktop_app.domain.dates import PartialDate
from desktop_app.domain.person import Sex

Key = str | int


@dataclass(frozen=True, slots=True)
class MatchRecord:
    """One person to match. Every field but `key` may be empty.

    `key` identifies the record to the caller (person id, or answer row number).
    `full_name` holds a name whose word order is unknown ('IVANOV IVAN' or 'IVAN IVANOV');
    it is used instead of surname/given names when those are empty.
    `documents` are raw numbers as typed; the engine normalises them.
    `uuid` and `case_ref` are the roster's own identifiers, when a partner echoes our export.
    `locality` and `address` are compared as places (`normalize.place_text`) when both sides give them.
    """

    key: Key
    surname: str = ""
    given_names: str = ""
    patronymic: str = ""
    surname_latin: str = ""
    given_names_latin: str = ""
    full_name: str = ""
    birth_date: PartialDate | None = None
    sex: Sex | None = None
    documents: tuple[str, ...] = ()
    uuid: str | None = None
    case_ref: str | None = None
    household_key: Key | None = None
    locality: str = ""  # town or city, any script
    address: str = ""   # street address, any script

    @classmethod
    def from_full_name(
        cls,
        key: Key,
        full_name: str,
        *,
        birth_date: PartialDate | None = None,
        sex: Sex | None = None,
        documents: tuple[str, ...] | list[str] = (),
        uuid: str | None = None,
        case_ref: str | None = None,
        household_key: Key | None = None,
        locality: str = "",
        address: str = "",
    ) -> MatchRecord:
        """A partner's row with one name column in unknown order ('SHCHERBAKOV MARIIA')."""
        return cls(
            key=key,
            full_name=full_name,
            birth_date=birth_date,
            sex=sex,
            documents=tuple(d for d in documents if d and d.strip()),
            uuid=uuid or None,
            case_ref=case_ref or None,
            household_key=household_key,
            locality=locality,
            address=address,
        )

    @property
    def has_roles(self) -> bool:
        """True when surname and given names are known apart (not just a full-name string)."""
        return bool(self.surname or self.surname_latin or self.given_names or self.given_names_latin)
