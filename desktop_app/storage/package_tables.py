"""Tables of mission-to-mission roster packages (issue 17; migration 0013).

    from desktop_app.storage.package_tables import Site, PackageState

- `sites`: this roster's own site (`is_self`, with its private keys; the roster file is
  SQLCipher-encrypted when protected) and the other missions it exchanges with (public keys only).
- `package_state`: for every exchanged record (person, household, list, list member, status history
  entry) the values last seen and a version vector per field (`clocks`); `seq` orders the local
  changes so that `--since-last` sends only what changed after the last package to a site.
- `package_links`: per other site, the last package sent and the local `seq` it covered.
- `package_imports`: every package imported (sender, channel, number): a replay is refused.
- `package_conflicts`: a field changed on both sides, with both values, until someone resolves it.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Boolean, DateTime, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from desktop_app.storage.models import Base


class Site(Base):
    __tablename__ = "sites"

    id: Mapped[int] = mapped_column(primary_key=True)
    uuid: Mapped[str] = mapped_column(String(36), unique=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    is_self: Mapped[bool] = mapped_column(Boolean, default=False)
    sign_public: Mapped[str] = mapped_column(String(64))  # Ed25519, base64url
    age_recipient: Mapped[str] = mapped_column(String(100))  # age1...
    sign_private: Mapped[str | None] = mapped_column(String(64))  # only this roster's own site
    age_identity: Mapped[str | None] = mapped_column(String(100))
    ref_prefix: Mapped[str] = mapped_column(String(16), default="")
    added_at: Mapped[dt.datetime] = mapped_column(DateTime)
    added_by: Mapped[str] = mapped_column(String(100))


class PackageState(Base):
    __tablename__ = "package_state"

    key: Mapped[str] = mapped_column(String(120), primary_key=True)  # 'person:<uuid>', 'member:<list>:<person>'
    kind: Mapped[str] = mapped_column(String(20))
    values: Mapped[str] = mapped_column(Text)  # JSON {field: value}
    clocks: Mapped[str] = mapped_column(Text)  # JSON {field: {site: n}}; '_' for fields without their own
    seq: Mapped[int] = mapped_column(Integer, index=True)


class PackageLink(Base):
    __tablename__ = "package_links"

    id: Mapped[int] = mapped_column(primary_key=True)
    site_id: Mapped[int] = mapped_column(ForeignKey("sites.id", ondelete="CASCADE"))
    channel: Mapped[str] = mapped_column(String(36))  # the site's uuid, or '*' for passphrase packages
    last_number: Mapped[int] = mapped_column(Integer, default=0)
    last_seq: Mapped[int] = mapped_column(Integer, default=0)

    __table_args__ = (UniqueConstraint("site_id", "channel", name="uq_package_links_site_channel"),)


class PackageImport(Base):
    __tablename__ = "package_imports"

    id: Mapped[int] = mapped_column(primary_key=True)
    sender_uuid: Mapped[str] = mapped_column(String(36))
    channel: Mapped[str] = mapped_column(String(36))
    number: Mapped[int] = mapped_column(Integer)
    sha256: Mapped[str] = mapped_column(String(64))
    at: Mapped[dt.datetime] = mapped_column(DateTime)
    operator: Mapped[str] = mapped_column(String(100))
    operation_id: Mapped[int | None] = mapped_column(ForeignKey("operations.id"))

    __table_args__ = (UniqueConstraint("sender_uuid", "channel", "number", name="uq_package_imports_number"),)


class PackageConflict(Base):
    __tablename__ = "package_conflicts"

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(120), index=True)
    field: Mapped[str] = mapped_column(String(40))
    ours: Mapped[str] = mapped_column(Text)  # JSON
    theirs: Mapped[str] = mapped_column(Text)  # JSON
    theirs_clock: Mapped[str] = mapped_column(Text)  # JSON {site: n}
    sender_uuid: Mapped[str] = mapped_column(String(36))
    at: Mapped[dt.datetime] = mapped_column(DateTime)
    resolved_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    resolved_by: Mapped[str | None] = mapped_column(String(100))
    resolution: Mapped[str | None] = mapped_column(String(10))
