"""The words for stored values (statuses, needs, relationships, answers, channels) in the
interface language. The stored value stays English; only what is shown is translated."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from desktop_app.domain.messages import Template

_CONTEXT = "Labels"
_WORDS: dict[str, str] = {
    # statuses
    "registered": QT_TRANSLATE_NOOP("Labels", "registered"),
    "verified": QT_TRANSLATE_NOOP("Labels", "verified"),
    "submitted": QT_TRANSLATE_NOOP("Labels", "submitted"),
    "approved": QT_TRANSLATE_NOOP("Labels", "approved"),
    "crossed": QT_TRANSLATE_NOOP("Labels", "crossed"),
    "evacuated": QT_TRANSLATE_NOOP("Labels", "evacuated"),
    "on_hold": QT_TRANSLATE_NOOP("Labels", "on hold"),
    "rejected": QT_TRANSLATE_NOOP("Labels", "rejected"),
    "declined": QT_TRANSLATE_NOOP("Labels", "declined"),
    "unreachable": QT_TRANSLATE_NOOP("Labels", "unreachable"),
    "merged": QT_TRANSLATE_NOOP("Labels", "merged"),
    # needs
    "medical": QT_TRANSLATE_NOOP("Labels", "medical"),
    "reduced_mobility": QT_TRANSLATE_NOOP("Labels", "reduced mobility"),
    "pregnant": QT_TRANSLATE_NOOP("Labels", "pregnant"),
    "unaccompanied_minor": QT_TRANSLATE_NOOP("Labels", "unaccompanied minor"),
    "infant": QT_TRANSLATE_NOOP("Labels", "infant"),
    "child": QT_TRANSLATE_NOOP("Labels", "child"),
    "elderly": QT_TRANSLATE_NOOP("Labels", "elderly"),
    # answers
    "pending": QT_TRANSLATE_NOOP("Labels", "pending"),
    # relationships
    "head": QT_TRANSLATE_NOOP("Labels", "head"),
    "spouse": QT_TRANSLATE_NOOP("Labels", "spouse"),
    "parent": QT_TRANSLATE_NOOP("Labels", "parent"),
    "sibling": QT_TRANSLATE_NOOP("Labels", "sibling"),
    "grandchild": QT_TRANSLATE_NOOP("Labels", "grandchild"),
    "grandparent": QT_TRANSLATE_NOOP("Labels", "grandparent"),
    "other_relative": QT_TRANSLATE_NOOP("Labels", "other relative"),
    "other": QT_TRANSLATE_NOOP("Labels", "other"),
    # channels and partner kinds
    "phone": QT_TRANSLATE_NOOP("Labels", "phone"),
    "email": QT_TRANSLATE_NOOP("Labels", "email"),
    "messenger": QT_TRANSLATE_NOOP("Labels", "messenger"),
    "meeting": QT_TRANSLATE_NOOP("Labels", "meeting"),
    "letter": QT_TRANSLATE_NOOP("Labels", "letter"),
    "ministry": QT_TRANSLATE_NOOP("Labels", "ministry"),
    "border_authority": QT_TRANSLATE_NOOP("Labels", "border authority"),
    "international_organization": QT_TRANSLATE_NOOP("Labels", "international organization"),
    "embassy": QT_TRANSLATE_NOOP("Labels", "embassy"),
    "airline": QT_TRANSLATE_NOOP("Labels", "airline"),
    # list states
    "draft": QT_TRANSLATE_NOOP("Labels", "draft"),
    "sent": QT_TRANSLATE_NOOP("Labels", "sent"),
    "answered": QT_TRANSLATE_NOOP("Labels", "answered"),
    "closed": QT_TRANSLATE_NOOP("Labels", "closed"),
    # sexes and document types
    "male": QT_TRANSLATE_NOOP("Labels", "male"),
    "female": QT_TRANSLATE_NOOP("Labels", "female"),
    "unspecified": QT_TRANSLATE_NOOP("Labels", "unspecified"),
    "passport": QT_TRANSLATE_NOOP("Labels", "passport"),
    "foreign_passport": QT_TRANSLATE_NOOP("Labels", "foreign passport"),
    "national_id": QT_TRANSLATE_NOOP("Labels", "national id"),
    "birth_certificate": QT_TRANSLATE_NOOP("Labels", "birth certificate"),
    "travel_document": QT_TRANSLATE_NOOP("Labels", "travel document"),
    "residence_permit": QT_TRANSLATE_NOOP("Labels", "residence permit"),
}
_FIELDS: dict[str, str] = {
    "case_ref": QT_TRANSLATE_NOOP("Fields", "Case ref."),
    "surname": QT_TRANSLATE_NOOP("Fields", "Surname"),
    "given_names": QT_TRANSLATE_NOOP("Fields", "Given names"),
    "patronymic": QT_TRANSLATE_NOOP("Fields", "Patronymic"),
    "surname_latin": QT_TRANSLATE_NOOP("Fields", "Surname (Latin)"),
    "given_names_latin": QT_TRANSLATE_NOOP("Fields", "Given names (Latin)"),
    "sex": QT_TRANSLATE_NOOP("Fields", "Sex"),
    "birth_date": QT_TRANSLATE_NOOP("Fields", "Date of birth"),
    "place_of_birth": QT_TRANSLATE_NOOP("Fields", "Place of birth"),
    "citizenships": QT_TRANSLATE_NOOP("Fields", "Citizenships"),
    "email": QT_TRANSLATE_NOOP("Fields", "E-mail"),
    "messenger": QT_TRANSLATE_NOOP("Fields", "Messenger"),
    "region": QT_TRANSLATE_NOOP("Fields", "Region"),
    "locality": QT_TRANSLATE_NOOP("Fields", "Locality"),
    "address": QT_TRANSLATE_NOOP("Fields", "Address"),
    "medical": QT_TRANSLATE_NOOP("Fields", "Medical needs"),
    "reduced_mobility": QT_TRANSLATE_NOOP("Fields", "Reduced mobility"),
    "pregnant": QT_TRANSLATE_NOOP("Fields", "Pregnant"),
    "unaccompanied_minor": QT_TRANSLATE_NOOP("Fields", "Unaccompanied minor"),
    "consent_to_share": QT_TRANSLATE_NOOP("Fields", "Consent to share"),
    "consent_date": QT_TRANSLATE_NOOP("Fields", "Consent date"),
    "source": QT_TRANSLATE_NOOP("Fields", "Registered via"),
    "relationship": QT_TRANSLATE_NOOP("Fields", "Relationship to head"),
    "notes": QT_TRANSLATE_NOOP("Fields", "Notes"),
    # read by the import wizard only
    "full_name": QT_TRANSLATE_NOOP("Fields", "Full name (to split)"),
    "full_name_latin": QT_TRANSLATE_NOOP("Fields", "Full name in Latin (to split)"),
    "document_type": QT_TRANSLATE_NOOP("Fields", "Document type"),
    "document_number": QT_TRANSLATE_NOOP("Fields", "Document number"),
    "document_issue_date": QT_TRANSLATE_NOOP("Fields", "Document issue date"),
    "document_expiry_date": QT_TRANSLATE_NOOP("Fields", "Document expiry date"),
    "document_country": QT_TRANSLATE_NOOP("Fields", "Document issuing country"),
    "phone": QT_TRANSLATE_NOOP("Fields", "Phone"),
    "uuid": QT_TRANSLATE_NOOP("Fields", "Record ID (UUID)"),
    "household_ref": QT_TRANSLATE_NOOP("Fields", "Household"),
    "status": QT_TRANSLATE_NOOP("Fields", "Status"),
}


def word(value: str | None) -> str:
    """The shown word for a stored value (unknown values: underscores become spaces)."""
    if not value:
        return ""
    english = _WORDS.get(value)
    return QCoreApplication.translate(_CONTEXT, english) if english else value.replace("_", " ")


def field_label(key: str, english: str) -> str:
    """A person field's label; `english` is the domain's label, used for fields not listed here
    (a template marked below the ui, such as the merge screen's "Documents (united)", is translated)."""
    if isinstance(english, Template):
        return QCoreApplication.translate(english.context, english)
    source = _FIELDS.get(key)
    return QCoreApplication.translate("Fields", source) if source else english


status = flag = relationship = answer = channel = kind = state = word
