"""Scoring one candidate pair: evidence weights, the reasons behind them, and the decision.

Each piece of evidence adds a weight in bits (log2 of how much likelier the observation
is for the same person than for two different people, set by hand, Fellegi-Sunter style):

    roster ID or case reference equal   +30
    document equal                       +9   one character off: +4   different: -2
    surname equal (any scheme) +4.5, same sound +4, similar +1.5, slightly off -2, differs -6
    given name  equal +4,             same sound +3.5, similar +1.5, slightly off -2, differs -6
    patronymic  equal/same sound +2, similar +1, differs -4 (only when both sides give one)
    birth date  equal +6, day/month swapped +5, year equal with a year-only side +2.5,
                one digit off -1, differs -6, born 15+ years apart -12
    sex differs -5;   same household +2

`score = 1 / (1 + 2 ** (10 - weight))`: 10 bits of evidence is an even bet. `decide`
turns a score into 'match' / 'review' / 'none' with two thresholds, and `assess` then
applies the rules that no weight may override:

* a match needs every name part given on both sides at least similar (a part missing on
  one side is no evidence), and at least one part agreeing;
* documents on both sides that differ (same name, same birth date, other passport) -> review at most;
* a document one character off counts toward a match only with names and a full birth date agreeing;
* names agreeing but births 15+ years apart (father and son) -> none, unless a document is equal;
* a surname or given name that clearly differs (twins, siblings) -> none, unless
* an equal document or roster ID -> review at least.

The index adds the rule between candidates: a match that another candidate comes within
`AMBIGUITY_MARGIN` bits of becomes review (namesakes, twins, duplicate registrations).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

from rapidfuzz.distance import Indel, Levenshtein

from desktop_app.domain.dates import PartialDate
from desktop_app.matching.features import (
    GIVEN,
    MIN_FUZZY_DOCUMENT,
    NAME,
    PATRONYMIC,
    SURNAME,
    NameToken,
    Prepared,
)
from desktop_app.matching.normalize import AS_WRITTEN, latin_forms

Decision = Literal["match", "review", "none"]
MATCH: Decision = "match"
REVIEW: Decision = "review"
NONE: Decision = "none"
_RANK = {NONE: 0, REVIEW: 1, MATCH: 2}

MATCH_THRESHOLD = 0.90   # score at or above: match (about 13.2 bits)
REVIEW_THRESHOLD = 0.25  # score at or above: needs review (about 8.4 bits)
AMBIGUITY_MARGIN = 4.0   # bits: a runner-up this close turns a match into review
EVEN_ODDS_WEIGHT = 10.0

SIMILAR = 0.80           # Indel similarity: one wrong letter in a 5-letter name
SLIGHTLY_OFF = 0.67
GENERATION_YEARS = 15    # names equal, births this far apart: parent and child


def score_of(weight: float) -> float:
    """The weight of evidence (bits) as a 0..1 score."""
    return 1.0 / (1.0 + 2.0 ** (EVEN_ODDS_WEIGHT - weight))


def weight_of(score: float) -> float:
    """The weight of evidence (bits) that gives `score`."""
    return EVEN_ODDS_WEIGHT - math.log2(1.0 / score - 1.0)


def decide(score: float, *, match_threshold: float = MATCH_THRESHOLD,
           review_threshold: float = REVIEW_THRESHOLD) -> Decision:
    """'match' at or above `match_threshold`, 'review' at or above `review_threshold`, else 'none'."""
    if score >= match_threshold:
        return MATCH
    return REVIEW if score >= review_threshold else NONE


@dataclass(frozen=True, slots=True)
class Assessment:
    """The scored comparison of a query record with one indexed record."""

    weight: float
    score: float
    decision: Decision
    reasons: tuple[str, ...]


@dataclass(slots=True)
class _Evidence:
    weight: float = 0.0
    ceiling: Decision = MATCH
    floor: Decision = NONE

    def cap(self, decision: Decision) -> None:
        if _RANK[decision] < _RANK[self.ceiling]:
            self.ceiling = decision

    def lift(self, decision: Decision) -> None:
        if _RANK[decision] > _RANK[self.floor]:
            self.floor = decision


def assess(query: Prepared, target: Prepared, *, match_threshold: float = MATCH_THRESHOLD,
           review_threshold: float = REVIEW_THRESHOLD, prune: bool = False) -> Assessment | None:
    """Compare `query` (e.g. a partner's row) with `target` (a roster record).

    With `prune`, return None without weighing names when even equal names could not
    lift the pair to review (say, a namesake born on another day): the index's fast path.
    """
    evidence = _Evidence()
    reasons: list[str] = []
    if query.uuid and query.uuid == target.uuid:
        evidence.weight += 30
        evidence.lift(REVIEW)
        reasons.append("roster ID equal")
    if query.case_ref and query.case_ref == target.case_ref:
        evidence.weight += 30
        evidence.lift(REVIEW)
        reasons.append("case reference equal")
    document = _documents(query.documents, target.documents, evidence, reasons)
    date_reasons: list[str] = []
    dates = _dates(query.birth_date, target.birth_date, evidence, date_reasons)
    if query.sex and target.sex and query.sex != target.sex:
        evidence.weight -= 5
        date_reasons.append("sex differs")
    if query.household_key is not None and query.household_key == target.household_key:
        evidence.weight += 2
        date_reasons.append("same household")
    if prune and evidence.floor == NONE and evidence.weight + MAX_NAME_WEIGHT < weight_of(review_threshold):
        return None
    names_agree, names_clash = _names(query, target, evidence, reasons)
    reasons += date_reasons

    if not names_agree:
        evidence.cap(REVIEW)
    if names_clash and evidence.floor == NONE:
        evidence.cap(NONE)
    if document == "different":
        evidence.cap(REVIEW)
    if document == "one off" and not (names_agree and dates in ("equal", "swapped")):
        evidence.cap(REVIEW)
    if dates == "generation" and names_agree and document != "equal":
        evidence.cap(NONE)
        reasons.append("same name, another generation (parent and child?)")
    score = score_of(evidence.weight)
    decision = decide(score, match_threshold=match_threshold, review_threshold=review_threshold)
    if _RANK[decision] > _RANK[evidence.ceiling]:
        decision = evidence.ceiling
    if _RANK[decision] < _RANK[evidence.floor]:
        decision = evidence.floor
    return Assessment(evidence.weight, score, decision, tuple(reasons))


def _documents(query: frozenset[str], target: frozenset[str], evidence: _Evidence, reasons: list[str]) -> str:
    if not query or not target:
        return "missing"
    if query & target:
        evidence.weight += 9
        evidence.lift(REVIEW)
        reasons.append("document equal")
        return "equal"
    for a in query:
        for b in target:
            if min(len(a), len(b)) >= MIN_FUZZY_DOCUMENT and Levenshtein.distance(a, b, score_cutoff=1) <= 1:
                evidence.weight += 4
                reasons.append("document differs by one character")
                return "one off"
    evidence.weight -= 2
    reasons.append("documents differ")
    return "different"


# -- names -------------------------------------------------------------------------------

_NAME_WEIGHTS = {  # role: (equal, same sound, similar, slightly off, differs)
    SURNAME: (4.5, 4.0, 1.5, -2.0, -6.0),
    GIVEN: (4.0, 3.5, 1.5, -2.0, -6.0),
    PATRONYMIC: (2.0, 2.0, 1.0, -4.0, -4.0),
}


MAX_NAME_WEIGHT = sum(weights[0] for weights in _NAME_WEIGHTS.values())


@lru_cache(maxsize=1_000_000)
def compare_words(a: str, b: str) -> tuple[float, str]:
    """Similarity of two name words (0..1) and how it was reached, e.g. 'equal under MVD 782'."""
    if a == b:
        return 1.0, "equal"
    forms_a, forms_b = latin_forms(a), latin_forms(b)
    common = forms_a.forms.keys() & forms_b.forms.keys()
    if common:
        form = min(common)
        scheme = forms_a.forms[form] if forms_a.forms[form] != AS_WRITTEN else forms_b.forms[form]
        return 1.0, "equal" if scheme == AS_WRITTEN or forms_a.cyrillic == forms_b.cyrillic else (
            f"equal under {scheme}")
    if forms_a.sounds & forms_b.sounds:
        return 0.97, "equal by sound"
    best = max(Indel.normalized_similarity(x, y) for x in forms_a.sounds for y in forms_b.sounds)
    if forms_a.cyrillic and forms_b.cyrillic:
        best = max(best, Indel.normalized_similarity(a, b))
    elif len(forms_a.forms) * len(forms_b.forms) <= 40:  # a typo the sound key may have blurred
        best = max(best, *(Indel.normalized_similarity(x, y) for x in forms_a.forms for y in forms_b.forms))
    return best, "similar" if best >= SIMILAR else "differs"


def _token_similarity(q: NameToken, t: NameToken) -> tuple[float, str]:
    return max(compare_words(a, b) for a in q.words for b in t.words)


def _names(query: Prepared, target: Prepared, evidence: _Evidence, reasons: list[str]) -> tuple[bool, bool]:
    """Weigh the name words. Returns (agree, clash): agree when no name part given on both
    sides differs and one agrees; clash when a surname or given name clearly differs."""
    pairs = []
    for qi, q in enumerate(query.tokens):
        for ti, t in enumerate(target.tokens):
            similarity, how = _token_similarity(q, t)
            same_role = q.role == t.role or q.role == NAME
            pairs.append((similarity + (0.001 if same_role else 0.0), similarity, how, qi, ti))
    pairs.sort(reverse=True)
    used_q: set[int] = set()
    best: dict[str, tuple[float, str, NameToken]] = {}
    assigned: dict[int, tuple[float, str, NameToken]] = {}
    for _, similarity, how, qi, ti in pairs:
        if qi in used_q or ti in assigned:
            continue
        used_q.add(qi)
        assigned[ti] = (similarity, how, query.tokens[qi])
    roles = [token.role for token in target.tokens]
    if all(role == NAME for role in roles):  # no roles known on either side: best two words count
        ranked = sorted(assigned, key=lambda ti: -assigned[ti][0])
        roles = [NAME] * len(roles)
        for ti, role in zip(ranked, (SURNAME, GIVEN), strict=False):
            roles[ti] = role
    for ti, role in enumerate(roles):
        found = assigned.get(ti)
        if found and (role not in best or found[0] > best[role][0]):
            best[role] = found
    agree = True
    clash = False
    agreeing = 0
    swapped = False
    for role in (SURNAME, GIVEN, PATRONYMIC):
        if role not in roles:
            continue  # no such name on the roster side: no evidence either way
        similarity, how, q_token = best.get(role, (0.0, "missing", None))
        if q_token is None and role != PATRONYMIC and len(query.tokens) < len(target.tokens):
            reasons.append(f"{role} missing")  # the query has fewer names: no evidence either way
            continue
        if role == PATRONYMIC and (q_token is None or (q_token.role == NAME and similarity < SIMILAR)):
            continue  # the partner gave no patronymic: no evidence either way
        if role != PATRONYMIC and q_token is not None and q_token.role in (SURNAME, GIVEN) and q_token.role != role:
            swapped = True
        equal, sound, similar, off, differs = _NAME_WEIGHTS[role]
        if similarity >= 1.0:
            evidence.weight += equal
        elif similarity >= 0.97:
            evidence.weight += sound
        elif similarity >= SIMILAR:
            evidence.weight += similar
            how = f"similar ({similarity:.2f})"
        elif similarity >= SLIGHTLY_OFF:
            evidence.weight += off
            how = f"differs ({similarity:.2f})"
        else:
            evidence.weight += differs
            how = "differs" if q_token is not None else "missing"
        if role != PATRONYMIC:
            clash = clash or similarity < SLIGHTLY_OFF
            agree = agree and similarity >= SIMILAR
            agreeing += similarity >= SIMILAR
        reasons.append(f"{role} {how}")
    if swapped:
        reasons.append("surname and given name in each other's place")
    return agree and agreeing > 0, clash


# -- birth dates -------------------------------------------------------------------------

def _dates(query: PartialDate | None, target: PartialDate | None, evidence: _Evidence,
           reasons: list[str]) -> str:
    if query is None or target is None:
        reasons.append("birth date missing")
        return "missing"
    years_apart = abs(query.year - target.year)
    if years_apart >= GENERATION_YEARS:
        evidence.weight -= 12
        reasons.append(f"born {years_apart} years apart")
        return "generation"
    if query.is_full and target.is_full:
        if query == target:
            evidence.weight += 6
            reasons.append("birth date equal")
            return "equal"
        if (query.year, query.month, query.day) == (target.year, target.day, target.month):
            evidence.weight += 5
            reasons.append("birth date day/month swapped")
            return "swapped"
        if sum(a != b for a, b in zip(query.iso(), target.iso(), strict=True)) == 1:
            evidence.weight -= 1
            reasons.append("birth date differs by one digit")
            return "one digit"
    elif query.year == target.year and (query.month is None or target.month is None
                                        or query.month == target.month):
        evidence.weight += 2.5
        reasons.append("birth year equal, full date not known")
        return "year"
    evidence.weight -= 6
    reasons.append("birth date differs")
    return "different"
