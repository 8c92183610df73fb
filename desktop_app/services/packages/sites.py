"""Sites: this roster's own identity for roster packages, and the other missions it trusts.

    me = init_site(db, "Cairo", prefix="CAI", operator="anna")     # once per roster
    print(me.public_line)                                           # send it to the other missions
    add_site(db, "Ramallah", "mrsite1:…", operator="anna")          # after reading the fingerprint by phone
    for site in list_sites(db): print(site.name, site.fingerprint)
    rekey_site(db, operator="anna")                                  # ours rotate: partners told by the next package
    replace_site_key(db, "Ramallah", "mrsite1:…", operator="anna")   # theirs, on the officer's word only

A rotated key's old private halves stay (packages still on their way to the old key open), with the
old signing key's statement over the new public line, which every package sends from then on.

The private keys stay in the roster (which is SQLCipher-encrypted when protected). New case
references generated after `init_site` carry the site's prefix ('MR-CAI-000124').
"""

from __future__ import annotations

import datetime as dt
import json
import re
import uuid as uuid_module
from dataclasses import dataclass

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from desktop_app.domain.errors import RosterError
from desktop_app.domain.messages import QT_TRANSLATE_NOOP
from desktop_app.domain.roles import Permission
from desktop_app.exchange.package_file import (
    fingerprint,
    new_site_keys,
    parse_public_line,
    public_line,
    rekey_statement,
)
from desktop_app.services import accounts, audit
from desktop_app.services.persons import CASE_REF_PREFIX_KEY
from desktop_app.storage.db import Database
from desktop_app.storage.models import Setting
from desktop_app.storage.package_tables import Site

_PREFIX = re.compile(r"^[A-Z0-9]{2,6}$")
# JSON list of this site's retired keys: {sign_public, age_identity, new, signature, at}, oldest first.
RETIRED_KEYS = "site_retired_keys"
# Settings row per partner site (f"{FORMER_KEYS}:{uuid}"): the signing keys it rotated away from, JSON
# [{sign_public, channel, before}]; a package signed by one and numbered below `before` was on its way.
FORMER_KEYS = "site_former_keys"


@dataclass(frozen=True)
class SiteView:
    uuid: str
    name: str
    is_self: bool
    ref_prefix: str
    fingerprint: str
    public_line: str
    added_at: dt.datetime
    added_by: str

    def as_json(self) -> dict[str, object]:
        return {"id": self.uuid, "name": self.name, "self": self.is_self, "prefix": self.ref_prefix,
                "fingerprint": self.fingerprint, "public_key": self.public_line}


def _view(site: Site) -> SiteView:
    return SiteView(site.uuid, site.name, site.is_self, site.ref_prefix, fingerprint(site.sign_public),
                    public_line(site.uuid, site.sign_public, site.age_recipient), site.added_at, site.added_by)


def own(session: Session) -> Site | None:
    return session.scalar(select(Site).where(Site.is_self.is_(True)))


def own_required(session: Session) -> Site:
    site = own(session)
    if site is None:
        raise RosterError(QT_TRANSLATE_NOOP("services.packages", "this roster has no site yet: run "
                                            "'site init NAME' first"))
    return site


def _default_prefix(name: str) -> str:
    letters = re.sub(r"[^A-Za-z0-9]", "", name).upper()
    return (letters[:3] or "S") if len(letters[:3]) >= 2 else (letters + "X")[:2]


@accounts.guarded(Permission.PACKAGES)
def init_site(db: Database, name: str, *, operator: str, prefix: str | None = None) -> SiteView:
    """Give this roster its site id, key pair and case-reference prefix; refused when it has one."""
    name = name.strip()
    if not name:
        raise RosterError(QT_TRANSLATE_NOOP("services.packages", "a site needs a name"))
    prefix = (prefix or _default_prefix(name)).strip().upper()
    if not _PREFIX.match(prefix):
        raise RosterError(QT_TRANSLATE_NOOP("services.packages", "prefix {prefix!r}: use 2 to 6 Latin capital "
                                            "letters or digits"), prefix=prefix)
    keys = new_site_keys()
    with db.transaction() as session:
        if own(session) is not None:
            raise RosterError(QT_TRANSLATE_NOOP("services.packages", "this roster already is site {name}"),
                              name=own_required(session).name)
        _check_free(session, name, None)
        site = Site(uuid=str(uuid_module.uuid4()), name=name, is_self=True, sign_public=keys.sign_public,
                    age_recipient=keys.age_recipient, sign_private=keys.sign_private, age_identity=keys.age_identity,
                    ref_prefix=prefix, added_at=audit.now(), added_by=operator)
        session.add(site)
        setting = session.get(Setting, CASE_REF_PREFIX_KEY)
        if setting is None:
            session.add(Setting(key=CASE_REF_PREFIX_KEY, value=f"MR-{prefix}-"))
        else:
            setting.value = f"MR-{prefix}-"
        audit.record(session, operator, "site init", "site", site.uuid, f"this roster is site {name} ({prefix})",
                     {"fingerprint": [None, fingerprint(keys.sign_public)]})
        session.flush()
        return _view(site)


def _check_free(session: Session, name: str, site_uuid: str | None) -> None:
    if session.scalar(select(Site.id).where(Site.name == name)) is not None:
        raise RosterError(QT_TRANSLATE_NOOP("services.packages", "a site named {name} is already known"), name=name)
    if site_uuid and session.scalar(select(Site.id).where(Site.uuid == site_uuid)) is not None:
        raise RosterError(QT_TRANSLATE_NOOP("services.packages", "site {site} is already known under another "
                                            "name"), site=site_uuid)


@accounts.guarded(Permission.PACKAGES)
def add_site(db: Database, name: str, public_key: str, *, operator: str) -> SiteView:
    """Trust another mission's site under `name` (its public line, as `init_site` printed it)."""
    key = parse_public_line(public_key)
    name = name.strip()
    if not name:
        raise RosterError(QT_TRANSLATE_NOOP("services.packages", "a site needs a name"))
    with db.transaction() as session:
        _check_free(session, name, key.site_uuid)
        site = Site(uuid=key.site_uuid, name=name, is_self=False, sign_public=key.sign_public,
                    age_recipient=key.age_recipient, ref_prefix="", added_at=audit.now(), added_by=operator)
        session.add(site)
        audit.record(session, operator, "site add", "site", site.uuid, f"added site {name}",
                     {"fingerprint": [None, fingerprint(key.sign_public)]})
        session.flush()
        return _view(site)


def list_sites(db: Database) -> list[SiteView]:
    """This roster's own site first, then the others by name."""
    with db.reading() as session:
        sites = session.scalars(select(Site).order_by(Site.is_self.desc(), Site.name))
        return [_view(site) for site in sites]


def key_fingerprint(line: str) -> str:
    """The fingerprint of a site's public key line (RosterError when it is not one), to read out by phone."""
    return fingerprint(parse_public_line(line).sign_public)


def find_site(session: Session, key: str) -> Site:
    """A known other site by name or id."""
    site = session.scalar(select(Site).where((Site.name == key.strip()) | (Site.uuid == key.strip())))
    if site is None or site.is_self:
        raise RosterError(QT_TRANSLATE_NOOP("services.packages", "no site named {site}: add it with 'site add'"),
                          site=key)
    return site


@dataclass(frozen=True)
class KeyChange:
    site: SiteView
    old_fingerprint: str


def retired_keys(session: Session) -> list[dict[str, str]]:
    """This site's retired keys, oldest first (see RETIRED_KEYS)."""
    setting = session.get(Setting, RETIRED_KEYS)
    return list(json.loads(setting.value)) if setting is not None else []


def rekey_statements(session: Session) -> list[dict[str, str]]:
    """What every package says of this site's retired keys: each old signing key's signature over the
    public line that replaced it (the partners check the chain from the key they know)."""
    return [{"old": k["sign_public"], "new": k["new"], "signature": k["signature"]} for k in retired_keys(session)]


@accounts.guarded(Permission.PACKAGES)
def rekey_site(db: Database, *, operator: str) -> KeyChange:
    """Give this roster's site new keys; the old signing key signs the new public line, which the next
    packages carry, so the partners take the new key without a phone call. Audited."""
    keys = new_site_keys()
    with db.transaction() as session:
        me = own_required(session)
        old = fingerprint(me.sign_public)
        line = public_line(me.uuid, keys.sign_public, keys.age_recipient)
        retired = [*retired_keys(session), {"sign_public": me.sign_public, "age_identity": me.age_identity or "",
                                            "new": line, "signature": rekey_statement(me.sign_private or "", line),
                                            "at": audit.now().isoformat(timespec="seconds")}]
        setting = session.get(Setting, RETIRED_KEYS)
        if setting is None:
            session.add(Setting(key=RETIRED_KEYS, value=json.dumps(retired)))
        else:
            setting.value = json.dumps(retired)
        me.sign_public, me.sign_private = keys.sign_public, keys.sign_private
        me.age_recipient, me.age_identity = keys.age_recipient, keys.age_identity
        audit.record(session, operator, "site rekey", "site", me.uuid, f"new keys for this site {me.name}",
                     {"fingerprint": [old, fingerprint(keys.sign_public)]})
        session.flush()
        return KeyChange(_view(me), old)


@accounts.guarded(Permission.PACKAGES)
def replace_site_key(db: Database, name: str, public_key: str, *, operator: str) -> KeyChange:
    """Replace a partner site's public key by `public_key` (its new public line), on the officer's
    explicit word after a phone call; the old fingerprint is returned to show. Audited."""
    key = parse_public_line(public_key)
    with db.transaction() as session:
        site = find_site(session, name)
        old = fingerprint(site.sign_public)
        if key.site_uuid != site.uuid:
            other = session.scalar(select(Site).where(Site.uuid == key.site_uuid))
            if other is not None:
                raise RosterError(QT_TRANSLATE_NOOP("services.packages", "that key belongs to site {site}, not to "
                                                    "{name}"), site=other.name, name=site.name)
        if (key.sign_public, key.age_recipient, key.site_uuid) == (site.sign_public, site.age_recipient, site.uuid):
            raise RosterError(QT_TRANSLATE_NOOP("services.packages", "{name} has this key already"), name=site.name)
        # The keys it had rotated away from are trusted no longer either (a replaced key may be lost or stolen).
        session.execute(delete(Setting).where(Setting.key == f"{FORMER_KEYS}:{site.uuid}"))
        site.uuid, site.sign_public, site.age_recipient = key.site_uuid, key.sign_public, key.age_recipient
        audit.record(session, operator, "site replace key", "site", site.uuid,
                     f"replaced the key of site {site.name} on the officer's word",
                     {"fingerprint": [old, fingerprint(key.sign_public)]})
        session.flush()
        return KeyChange(_view(site), old)
