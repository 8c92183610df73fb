"""Is one given name the other with a keyboard slip? Two neighbours swapped, or one key for its neighbour.

    keyboard_slip("KRSITINA", "KRISTINA")   -> 'transposition'
    keyboard_slip("ANNZ", "ANNA")           -> 'adjacent key'     (Z beside A on the keyboard)
    keyboard_slip("SAMA", "SANA")           -> 'adjacent key'     (twin sisters' names: not counted, below)
    keyboard_slip("KYALE", "KYLE")          -> None               (a letter added: what twins' names show too)
    slip_of_given_names(row, person)        -> TWIN_SLIP_TRANSPOSITION (0.05) or 1.0

`Model.twin_spelling` weighs a twin by how likely a twin shows the pair's two given names. A typing error is an
edit at the character level, most often where the hand slips: two neighbouring letters swapped, or the key
beside the right one. Twins' look-alike names are names (Даниил and Данила, Мария and Марина, Kyle and Kylie):
they differ by letters added or changed, and are one such slip apart far less often. Counted (issue 14, session
21): of the pairs of distinct Latin names of the shipped dictionary of given names (`given_names`) at
Jaro-Winkler 0.88 or more (28,800 pairs, what look-alike twins' names are), 2.8 % are one key for its neighbour
and 0.9 % two neighbours swapped; of the typos of the tuning sets FEBRL1 and FEBRL2 at that closeness (a
duplicate's given name against its original's, 165 pairs), 18.8 % and 17.6 % (`python -m bench.typing_slips`).
So a pair two neighbours swapped apart is a twin's names about 0.05 as often, relative to a typo, as any close
pair: the twin explanation is weighed down by that much more, never ruled out. One key for its neighbour (0.15 by
the same counts) is told but not counted (`TWIN_SLIP_ADJACENT_KEY`: twin sisters Sana and Sama are one key apart).

Only the Latin letters of QWERTY are counted: a word's passport Latin (`NameToken.words`) compared with the
other side's. Names in Cyrillic or Arabic letters only are not compared (1.0).
"""

from __future__ import annotations

from desktop_app.matching.features import GIVEN, Prepared
from desktop_app.matching.given_names import shipped_given_names

# The share of close dictionary name pairs two neighbours swapped divided by the share of close FEBRL1/2 typos
# that are (module docstring): 0.009 / 0.176, rounded.
TWIN_SLIP_TRANSPOSITION = 0.05
# A key for its neighbour measured 0.028 / 0.188 (0.15), but it is not counted: the duplicate finder, which weighs
# twins by the roster's own share, then joined twin sisters Sana and Sama (passports in sequence, a name the
# dictionary lacks) on a roster of 5,000 common names. Neighbouring keys make names as well as typos (M and N,
# I and O: Sana and Sama, Tim and Tom); two letters swapped make a name far more rarely.
TWIN_SLIP_ADJACENT_KEY = 1.0
ADJACENT_KEY = "adjacent key"
TRANSPOSITION = "transposition"

_ROWS = ("QWERTYUIOP", "ASDFGHJKL", "ZXCVBNM")
_POSITION = {key: (row, column) for row, keys in enumerate(_ROWS) for column, key in enumerate(keys)}


def _neighbours(a: str, b: str) -> bool:
    """Keys beside each other on QWERTY: in one row, or touching in the row above or below (staggered)."""
    if a not in _POSITION or b not in _POSITION:
        return False
    (row_a, column_a), (row_b, column_b) = _POSITION[a], _POSITION[b]
    if row_a == row_b:
        return abs(column_a - column_b) == 1
    if row_b == row_a - 1:  # the row above is shifted half a key left: it touches columns a and a + 1
        return column_b - column_a in (0, 1)
    if row_b == row_a + 1:
        return column_b - column_a in (-1, 0)
    return False


def keyboard_slip(a: str, b: str) -> str | None:
    """`TRANSPOSITION` when `a` is `b` with two neighbouring letters swapped, `ADJACENT_KEY` when with one letter
    typed as its neighbour on the keyboard, else None (upper-case Latin; equal words are no slip)."""
    if len(a) != len(b) or a == b:
        return None
    differ = [i for i, (x, y) in enumerate(zip(a, b, strict=True)) if x != y]
    if len(differ) == 2 and differ[1] == differ[0] + 1 and (a[differ[0]], a[differ[1]]) == (b[differ[1]], b[differ[0]]):
        return TRANSPOSITION
    if len(differ) == 1 and _neighbours(a[differ[0]], b[differ[0]]):
        return ADJACENT_KEY
    return None


def _latin_given(record: Prepared, *, unknown_only: bool = False) -> list[set[str]]:
    """The Latin words of `record`'s given names; `unknown_only`: of those the dictionary lacks only."""
    dictionary = shipped_given_names() if unknown_only else None
    return [{word.upper() for word in token.words if word.isascii() and word.isalpha()}
            for token in record.tokens if token.role == GIVEN
            and (dictionary is None or not dictionary.knows(token.words))]


def slip_of_given_names(record: Prepared, other: Prepared) -> float:
    """How much less often than any close pair a twin shows these two given names: `TWIN_SLIP_TRANSPOSITION` when
    a given name of `record` the dictionary lacks is one of `other`'s with two neighbours swapped (a name it knows is
    no slip: Kristian beside Kristina, also when a second given name of his is one it lacks, breaker X23a),
    `TWIN_SLIP_ADJACENT_KEY` (not counted: 1.0) when with one key for its neighbour, else 1.0 (the roles as met:
    `comparisons.named_as_met`).

        slip_of_given_names(prepare(MatchRecord("r", "Khillis", "Krsitina", "")), kristina)   # 0.05
    """
    found = {keyboard_slip(a, b) for words in _latin_given(record, unknown_only=True) for a in words
             for others in _latin_given(other) for b in others}
    if TRANSPOSITION in found:
        return TWIN_SLIP_TRANSPOSITION
    if ADJACENT_KEY in found:
        return TWIN_SLIP_ADJACENT_KEY
    return 1.0
