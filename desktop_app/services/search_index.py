"""The roster's search index: the folded words a person is found by, and the key persons sort by.

Every write that changes a person's names, case reference, documents or phones brings the
person's rows of `search_terms` and their `sort_key` up to date here, and nowhere else: a person
typed in, edited, imported, merged, received in a package or anonymised is found by the same words.

    reindex(session, person)                      # one person through the ORM (new or changed)
    rows = term_rows(person_id, names, case_ref, number_keys, phones)   # bulk writers: (person_id, term)
    session.execute(insert(SearchTerm), [{"person_id": p, "term": t, "sort_key": key} for p, t in rows])

Each term row carries the person's sort key, given by its writer (the column is NOT NULL; the
database passes a person's changed key on to their terms, migration 0020), and there is no foreign
key: the writer writes terms for the person it has just written (migration 0023).

The words: names in their own script and in ICAO Latin (`domain.scripts.name_terms`), each name
word's sound key under every romanisation scheme (`domain.spellings.search_sound_keys`: 'iulia' for
Юлия, Yulia, Julia), the case
reference's words, document number keys (any script's digits as 0-9), phone digits
(`domain.phones.phone_search_keys`); each at most 100 characters. The sort key folds
'surname given patronymic' (else the Latin names).
"""

from __future__ import annotations

import functools
from collections.abc import Iterable

from sqlalchemy.orm import Session

from desktop_app.domain.names import fold, has_cyrillic, icao_latin, words
from desktop_app.domain.person import ascii_digits
from desktop_app.domain.phones import phone_search_keys
from desktop_app.domain.scripts import name_terms
from desktop_app.domain.spellings import name_words, search_sound_keys
from desktop_app.storage.models import Person, SearchTerm

__all__ = ["reindex", "search_terms", "search_terms_of", "sort_key", "sort_key_of", "term_rows"]

TERM_LENGTH = 100  # the column's width
SORT_KEY_LENGTH = 600


def sort_key(surname: str, given_names: str, patronymic: str, surname_latin: str, given_names_latin: str) -> str:
    """fold('surname given patronymic'), else of the Latin names; put together from each name's
    own fold (cached: names repeat, whole names do not), which folding a space never joins."""
    native = [p for p in (surname, given_names, patronymic) if p]
    parts = native or [surname_latin, given_names_latin]
    return " ".join(folded for part in parts if (folded := fold(part)))[:SORT_KEY_LENGTH]


def sort_key_of(person: Person) -> str:
    return sort_key(person.surname, person.given_names, person.patronymic, person.surname_latin,
                    person.given_names_latin)


def search_terms(names: Iterable[str], case_ref: str, number_keys: Iterable[str], phones: Iterable[str]) -> set[str]:
    """The folded words a person is found by (the rows of search_terms): names in their script
    and ICAO Latin, the case reference, document numbers, phone digits."""
    terms: set[str] = set()
    for text in names:
        terms.update(_name_terms(text))
        terms.update(_sound_terms(text))
    terms.update(_text_terms(case_ref))  # the whole reference is no term: no search reaches its - / .
    for key in number_keys:
        terms.add(ascii_digits(key).lower())  # a number typed in Arabic-Indic digits is found in 0-9 and those
    for e164 in phones:
        terms.update(phone_search_keys(e164))
    return {t[:TERM_LENGTH] for t in terms if t}


def search_terms_of(person: Person) -> set[str]:
    return search_terms((person.surname, person.given_names, person.patronymic, person.surname_latin,
                         person.given_names_latin), person.case_ref, [d.number_key for d in person.documents],
                        [p.e164 for p in person.phones])


def term_rows(person_id: int, names: Iterable[str], case_ref: str, number_keys: Iterable[str],
              phones: Iterable[str]) -> list[tuple[int, str]]:
    """The rows of search_terms for one person, for writers that insert many persons at once."""
    return [(person_id, term) for term in search_terms(names, case_ref, number_keys, phones)]


def reindex(session: Session, person: Person) -> None:
    """Bring the person's search terms up to date (after any change to names, documents, phones;
    a new person gets all of theirs). `session` is the one `person` belongs to."""
    wanted = search_terms_of(person)
    key = sort_key_of(person)
    if person.sort_key != key:
        person.sort_key = key  # the database passes it on to the terms kept (migration 0020's trigger)
    current = {t.term: t for t in person.search_terms}
    for term, row in current.items():
        if term not in wanted:
            person.search_terms.remove(row)
    person.search_terms.extend(SearchTerm(term=term, sort_key=key) for term in wanted - current.keys())


def _text_terms(text: str) -> tuple[str, ...]:
    found = words(text)
    if has_cyrillic(text):
        found += words(icao_latin(text))
    return tuple(found)


_name_terms = functools.lru_cache(maxsize=65_536)(name_terms)  # names repeat; case references do not


@functools.lru_cache(maxsize=65_536)
def _sound_terms(text: str) -> tuple[str, ...]:
    """The sound keys of a name's words (`spellings.search_sound_keys`): a Latin spelling under any
    scheme finds the name, and a name typed in Cyrillic finds its Latin spelling."""
    return tuple(key for word in name_words(text) for key in search_sound_keys(word))
