"""Scoring one candidate pair under the Fellegi-Sunter model: bits, probability, decision, reasons.

    found = assess(query, target, model)      # Assessment(weight, score, decision, reasons, contributions)
    decide(0.9995)                            # 'match'

`weight` is the pair's log-odds in bits: the model's prior (one person among the plausible
population) plus each compared field's log2(m/u) (see `model` and `comparisons`);
`score` is the match probability 1 / (1 + 2 ** -weight). Two thresholds on it give
'match', 'review' and 'none'. `contributions` list (field, level, bits) for the review
screen's waterfall; `reasons` say the same in words ('surname equal under MVD 782',
'birth date day/month swapped', 'documents differ').

Two hand rules override the model. A surname that clearly differs ('different', not a
typo band) keeps an answer row's pair without a document equal, or one character off with
one given name, or an ID, at review: given name and birth date alone also fit another family's person born that
day, and a married name is for the officer (an address that agrees does not lift it: a partner
may write the town or the camp as the address, which thousands share). A roster ID,
case reference or document equal lifts a pair to review at least (a partner who typed our
reference deserves a look even when every name differs); a group's number (`Model.group_holders`: a
travel document typed for each of its members) is weighed by how many carry it and does neither, typed
right or one character off. Birth dates a generation apart keep an answer row's pair at review when the
number it agrees on is carried by other roster persons too: a child inscribed in a parent's passport
carries the parent's number. Locality and address never make a
match on their own: without an ID or a document equal, a pair that reaches the match threshold only
through its places stays at review (a household's members and its neighbours share them), unless the
roster shows it holds no households (`Model.places_finish`: persons of one surname do not share addresses
there, counted at each opening; the reasons then say the places finish the match), and so does
one that reaches it only through a document one character off without a birth date agreeing (a
family's passports are issued in sequence: a father and son named alike; not when two neighbouring
characters of the person's own number are swapped, a typing slip no sequence makes: `Model.slipped`),
unless its full birth date agrees and its given names agree or clash as a twin's would (`born_apart_from_household`:
in one household only a twin shares a birth date, and the twin cap weighs that). Twins are weighed rather than
ruled: a pair whose surname and full birth date agree and whose given names clash is either
the person with a given name typed otherwise or that person's twin, so its log-odds are capped at log2(m / twin share)
(`Model.twin_cap`; the share is counted on the roster's households, or on a roster without households
its pairs that look like twins, with the population's share as the prior). With no document to
tell them apart (none given, or passports that differ as twins' do; a passport typed with two neighbours
swapped a twin shows by chance only), twins with close given names
(Daniil, Danila) stay at review unless the roster's share of twins is too small to outweigh a given
name typed otherwise (breaker X14b: the twin who left the roster was matched to the one who stayed
whenever both passports were given). When a
document agrees (the brother's passport typed in), the index sends the pair to review if
another roster person also comes close.

The index adds the rule between candidates: a match that
another candidate comes within `AMBIGUITY_MARGIN` bits of becomes review (namesakes,
twins, duplicate registrations).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import Literal

from desktop_app.domain.messages import QT_TRANSLATE_NOOP, Message, Template
from desktop_app.matching.comparisons import (
    ADDRESS_F,
    AGREEING,
    BIRTH_F,
    D_DIGIT,
    D_EQUAL,
    D_GENERATION,
    D_NEAR,
    D_SWAPPED,
    D_YEAR,
    DIFFERENT,
    DOCUMENT_F,
    DOCUMENT_ONE_OFF,
    FIELDS,
    GIVEN_F,
    HOUSEHOLD_F,
    IDENTIFIER,
    JW94,
    LOCALITY_F,
    NAME_FIELDS,
    SEX_F,
    SURNAME_F,
    Comparison,
    compare,
    compare_other,
    compare_words,
)
from desktop_app.matching.features import Prepared
from desktop_app.matching.model import Model

Decision = Literal["match", "review", "none"]
# A pair the places finish on a roster without households (`Model.places_finish`): the officer sees why.
PLACES_FINISH = "the town and address finish the match: no households on this roster"
MATCH: Decision = "match"
REVIEW: Decision = "review"
NONE: Decision = "none"
_RANK = {NONE: 0, REVIEW: 1, MATCH: 2}

MATCH_THRESHOLD = 0.99  # match probability at or above: match
REVIEW_THRESHOLD = 0.5   # at or above: needs review (below, the row still shows its closest persons)
AMBIGUITY_MARGIN = 4.0   # bits: a runner-up this close turns a match into review

def score_of(weight: float) -> float:
    """The log-odds (bits) as a match probability."""
    return 1.0 / (1.0 + float(2.0 ** -max(min(weight, 200.0), -200.0)))


def weight_of(score: float) -> float:
    """The log-odds (bits) that give the match probability `score`."""
    return -math.log2(1.0 / score - 1.0)


def decide(score: float, *, match_threshold: float = MATCH_THRESHOLD,
           review_threshold: float = REVIEW_THRESHOLD) -> Decision:
    """'match' at or above `match_threshold`, 'review' at or above `review_threshold`, else 'none'."""
    if score >= match_threshold:
        return MATCH
    return REVIEW if score >= review_threshold else NONE


Contribution = tuple[str, str, float]  # (field, level label, bits)
# Each field's name, level labels and 'missing' level, read once: `judge` runs for every shown candidate.
_LABELLED: tuple[tuple[str, tuple[str, ...], int], ...] = tuple((spec.name, spec.levels, spec.missing)
                                                                 for spec in FIELDS)


@dataclass(frozen=True, slots=True)
class Assessment:
    """The scored comparison of a query record with one indexed record."""

    weight: float
    score: float
    decision: Decision
    reasons: tuple[str, ...]
    contributions: tuple[Contribution, ...] = ()


def assess(query: Prepared, target: Prepared, model: Model | None = None, *,
           match_threshold: float = MATCH_THRESHOLD, review_threshold: float = REVIEW_THRESHOLD,
           prune: bool = False, comparison: Comparison | None = None) -> Assessment | None:
    """Compare `query` (e.g. a partner's row) with `target` (a roster record) under `model`.

    With `prune`, return None without comparing names when even equal names could not
    lift the pair to review (say, a namesake born on another day): the index's fast path.
    """
    model = model or _shipped()
    if comparison is None:
        other = compare_other(query, target)
        if prune:
            table = model.bits_table
            partial = model.prior_bits + sum(table[f][lv] for f, lv in enumerate(other))
            if other[IDENTIFIER] != 0 and other[DOCUMENT_F] != 0 and (
                    partial + model.max_name_bits() < weight_of(review_threshold)):
                return None
        comparison = compare(query, target, other)
    return judge(query, target, comparison, model, match_threshold=match_threshold,
                 review_threshold=review_threshold)


def judge(query: Prepared, target: Prepared, comparison: Comparison, model: Model, *,
          match_threshold: float = MATCH_THRESHOLD, review_threshold: float = REVIEW_THRESHOLD,
          extra: Contribution | None = None, surname_rule: bool = True, family_rule: bool = True,
          explain: bool = True) -> Assessment:
    """The assessment of an already compared pair; `extra` adds one more term (the other candidates).

    `surname_rule` False leaves out the rule for a surname that clearly differs (the duplicate
    finder: two registrations on one roster, where FEBRL1/2 show such pairs are typed copies).
    `family_rule` False leaves out the rule for birth dates a generation apart on a number other roster
    persons carry (the duplicate finder: two registrations of one person carry one number too).
    `explain` False leaves reasons and contributions empty (the engine ranks many candidates and shows few).
    """
    bits = model.field_bits(comparison)
    pair_weight = model.prior_bits + sum(bits)
    weight = pair_weight + (extra[2] if extra else 0.0)
    levels = comparison.levels
    identified = model.identified(comparison)  # a group's travel document does not identify
    twin = twin_like(levels)
    slipped = model.slipped(comparison, query, target, own=family_rule)
    if twin and not identified and levels[GIVEN_F] == DIFFERENT:
        cap = model.twin_cap(DIFFERENT, levels[DOCUMENT_F], slipped=slipped)
        pair_weight, weight = min(pair_weight, cap), min(weight, cap)
    score = score_of(weight)
    decision = decide(score, match_threshold=match_threshold, review_threshold=review_threshold)
    if decision != MATCH:  # a plausible pair is offered for review even when namesakes share the row
        decision = REVIEW if max(score, score_of(pair_weight)) >= review_threshold else NONE
    if decision == NONE and identified:
        decision = REVIEW
    if (surname_rule and decision == MATCH and levels[SURNAME_F] == DIFFERENT
            and not (identified or (levels[DOCUMENT_F] == DOCUMENT_ONE_OFF and levels[GIVEN_F] <= AGREEING
                                    and not model.group_holders(comparison)))):
        # Given name and birth date alone: another family's person born the same day (generated bench,
        # rows off the roster matched at 0.995+); a married name is the officer's to confirm. A passport one
        # digit off speaks for the person only under one given name: a sister's is issued in sequence too;
        # one off a group's number, for nobody (any member's number typed with a typo, breaker X14c).
        decision = REVIEW
    places = max(bits[LOCALITY_F], 0.0) + max(bits[ADDRESS_F], 0.0)
    place_only = (decision == MATCH and places > 0.0 and not identified and not born_apart_from_household(levels)
                  and score_of(weight - places) < match_threshold)
    places_finish = place_only and model.places_finish()  # a roster without households (`Model.places_finish`)
    place_only = place_only and not places_finish
    if (decision == MATCH and not identified and levels[DOCUMENT_F] == DOCUMENT_ONE_OFF
            and levels[BIRTH_F] not in (D_EQUAL, D_SWAPPED) and not slipped
            and score_of(weight - max(bits[DOCUMENT_F], 0.0)) < match_threshold):
        # A family's passports are issued in sequence (`model.U_DOCUMENT_ONE_OFF`): one digit apart is a
        # household's evidence too, and a father and son named alike differ only by the birth date (breaker X14b).
        # Two neighbours of the person's own number swapped are a typing slip, not a sequence (`Model.slipped`).
        decision = REVIEW
    if (family_rule and decision == MATCH and levels[BIRTH_F] == D_GENERATION and levels[IDENTIFIER] != 0
            and model.carried_by_others(comparison)):
        # Born a generation apart on a number other roster persons carry too: a family's passport, and the
        # row a parent whose child, inscribed in it and named alike, is on the roster (breaker X14c).
        decision = REVIEW
    if place_only:
        # A town and an address are shared by a household and its neighbours: they rank namesakes and
        # lift a pair to review, but a match rests on the person (a brother at the same address, breaker X14).
        decision = REVIEW
    if twin and levels[GIVEN_F] != DIFFERENT and not identified and (
            levels[DOCUMENT_F] == FIELDS[DOCUMENT_F].missing
            or score_of(model.twin_cap(
                levels[GIVEN_F], levels[DOCUMENT_F],
                model.twin_spelling(query, target, in_sequence=levels[DOCUMENT_F] == DOCUMENT_ONE_OFF and not slipped),
                slipped=slipped, names=model.both_names(query, target))) < match_threshold):
        # Daniil and Danila: nothing tells them apart. Twins' passports differ (issued in sequence, one
        # digit apart, or at different times): a passport that is not equal is what a twin shows too, so
        # the pair is the person with a given name typed otherwise (m of its level) or their twin (the
        # roster's twin share, `Model.with_twins`), and a match needs the first to outweigh the second.
        decision = min(decision, REVIEW, key=_RANK.__getitem__)
    if not explain:
        return Assessment(weight, score, decision, ())
    contributions: list[Contribution] = [(PRIOR, PRIOR_LEVEL, round(model.prior_bits, 2))]
    for (name, labels, missing), level, field_bits in zip(_LABELLED, levels, bits, strict=True):
        if level != missing:
            contributions.append((name, labels[level], round(field_bits, 2)))
    if extra is not None:
        contributions.append((extra[0], extra[1], round(extra[2], 2)))
    why = reasons(query, target, comparison)
    if place_only:
        why = (*why, "only the town and address make it a match")
    elif places_finish:
        why = (*why, PLACES_FINISH)
    return Assessment(weight, score, decision, why, tuple(contributions))


# The evidence column's words (field, level), English as compared, shown through `evidence_term`.
PRIOR = QT_TRANSLATE_NOOP("matching.evidence", "prior")
PRIOR_LEVEL = QT_TRANSLATE_NOOP("matching.evidence", "chance before comparing")
_EVIDENCE_WORDS: dict[str, Template] = {
    word: word for spec in FIELDS for word in (spec.name, *spec.levels) if isinstance(word, Template)}
_EVIDENCE_WORDS.update({PRIOR: PRIOR, PRIOR_LEVEL: PRIOR_LEVEL,
                        "roster": QT_TRANSLATE_NOOP("matching.evidence", "roster")})
# The engine's term for the other candidates of one row ('3 other candidates, 10% of rows not on the roster').
_OTHERS = re.compile(r"(?:no other candidate|(?P<others>\d+) other candidates?), "
                     r"(?P<share>\d+)% of rows not on the roster")
_NO_OTHER = QT_TRANSLATE_NOOP("matching.evidence", "no other candidate, {share}% of rows not on the roster")
_SOME_OTHERS = QT_TRANSLATE_NOOP("matching.evidence", "other candidates: {others}, {share}% of rows not on the roster")


def evidence_term(word: str) -> str | Message:
    """A field name or level label of `Assessment.contributions` as a message; words it does not know as given.

        evidence_term("birth date").render(translate)      # 'дата рождения'
    """
    if word in _EVIDENCE_WORDS:
        return Message(_EVIDENCE_WORDS[word])
    others = _OTHERS.fullmatch(word)
    if others:
        if others["others"] is None:
            return Message(_NO_OTHER, share=others["share"])
        return Message(_SOME_OTHERS, others=others["others"], share=others["share"])
    return word


_AGREEING_NAME = frozenset(FIELDS[SURNAME_F].levels[:AGREEING + 1])
_OWN_TERMS = frozenset({"prior", "roster"})  # the chance before comparing and the other candidates


def named_alike(contributions: tuple[Contribution, ...]) -> bool:
    """Surname and given name agree (equal, under a scheme or by sound) and no compared field speaks against.

    A row giving a name and nothing else can score 'none' on a large roster (or beside
    namesakes) although it names its person: the services offer such candidates for review
    when the list the answer is for holds one of them.
    """
    levels = {field: level for field, level, _ in contributions}
    return (levels.get(FIELDS[SURNAME_F].name) in _AGREEING_NAME and levels.get(FIELDS[GIVEN_F].name) in _AGREEING_NAME
            and all(bits >= 0.0 for field, _, bits in contributions if field not in _OWN_TERMS))


def born_apart_from_household(levels: tuple[int, ...]) -> bool:
    """The birth date and given name tell this pair from the other members of one household.

    Places are a household's evidence: its members share them, and what tells them apart is
    the birth date and the given name. A full birth date that agrees leaves only a twin, and a
    twin has a given name of their own: either the given names agree (at most one letter apart),
    or they clash and `Model.twin_cap` weighs the pair by the roster's share of twins. Then
    the places may finish what the person's own fields began. A brother, a father and son named
    alike, a namesake in the town: their birth date differs or is not given, and the places
    alone still never make the match.
    """
    given = levels[GIVEN_F]
    return levels[BIRTH_F] in (D_EQUAL, D_SWAPPED) and (given <= JW94 or (twin_like(levels) and given == DIFFERENT))


def twin_like(levels: tuple[int, ...]) -> bool:
    """Surname (or its other-gender form) and birth date agree, the given name does not: a twin?

    The birth date agrees when it is equal or swapped, and also when one side gives only the year or
    1 January of it (`comparisons.date_level`'s year level): the day a register did not know may be
    the twin's (breaker X14 s9: Danila Sergeevich born 1 January 2010 was matched to his twin Daniil).
    A date one digit off is the twin's birth date typed as often as the person's: the typo speaks for
    neither, and a sibling is not born ten days or a year to the day apart (Danila born on the 17th of
    the month his twin Даниил was born on the 7th was matched at 0.99998).
    """
    given = levels[GIVEN_F]
    return (levels[SURNAME_F] <= JW94 and levels[BIRTH_F] in (D_EQUAL, D_SWAPPED, D_DIGIT, D_YEAR)
            and AGREEING < given < _LABELLED[GIVEN_F][2])


_shipped_model: list[Model] = []


def _shipped() -> Model:
    if not _shipped_model:
        _shipped_model.append(Model.shipped())
    return _shipped_model[0]


_DOCUMENT_REASONS = ("document equal", "document differs by one character", "documents differ")
_DATE_REASONS = ("birth date equal", "birth date day/month swapped", "birth date differs by one digit",
                 "birth year equal, full date not known")
_NAME_REASONS = ("equal", "equal", "equal by sound", "similar", "similar", "differs slightly", "initial only",
                 "differs")


def reasons(query: Prepared, target: Prepared, comparison: Comparison) -> tuple[str, ...]:
    """The comparison in words, strongest evidence first (the reason words services look for)."""
    levels = comparison.levels
    out: list[str] = []
    if levels[IDENTIFIER] == 0:
        out.append("roster ID equal" if query.uuid and query.uuid == target.uuid else "case reference equal")
    if levels[DOCUMENT_F] < 3:
        out.append(_DOCUMENT_REASONS[levels[DOCUMENT_F]])
    notes = {note.split(" equal under ")[0]: note for note in comparison.notes if " equal under " in note}
    for field in NAME_FIELDS:
        name, _, missing = _LABELLED[field]
        level = levels[field]
        if level == missing:
            if field != NAME_FIELDS[-1] and any(t.role == name for t in target.tokens):
                out.append(f"{name} missing")
            continue
        out.append(notes.get(name) or f"{name} {_NAME_REASONS[level]}")
    if any("in each other's place" in note for note in comparison.notes):
        out.append("surname and given name in each other's place")
    date = levels[BIRTH_F]
    if date < D_NEAR:
        out.append(_DATE_REASONS[date])
    elif date <= D_GENERATION and query.birth_date and target.birth_date:
        apart = abs(query.birth_date.year - target.birth_date.year)
        out.append(f"birth date differs (born {apart} years apart)" if apart else "birth date differs")
        if date == D_GENERATION and all(levels[f] <= AGREEING for f in NAME_FIELDS[:2]):
            out.append("same name, another generation (parent and child?)")
    else:
        out.append("birth date missing")
    if levels[SEX_F] == 1:
        out.append("sex differs")
    if levels[HOUSEHOLD_F] == 0:
        out.append("same household")
    return tuple(out)


__all__ = ["MATCH", "MATCH_THRESHOLD", "NONE", "REVIEW", "REVIEW_THRESHOLD", "Assessment", "Decision", "assess",
           "born_apart_from_household", "compare_words", "decide", "evidence_term", "judge", "named_alike", "reasons",
           "score_of", "twin_like", "weight_of"]
