"""Commands behind the window's workspace: undo a status change, edit partners and their people."""

from __future__ import annotations

import argparse
from typing import Any

from desktop_app.cli import Context
from desktop_app.cli.commands.speech import QT_TRANSLATE_NOOP, say, word
from desktop_app.domain.errors import CONTACT_AT, NotFound
from desktop_app.domain.messages import Message
from desktop_app.domain.partners import OrgKind
from desktop_app.services import partners, undo


def cmd_status_undo(ctx: Context) -> int:
    reverted = undo.undo_last_status_change(ctx.db, ctx.person_id(ctx.args.person), operator=ctx.operator)
    say(QT_TRANSLATE_NOOP("commands.workspace", "{ref}: {old} -> {new} (undone)"), ref=reverted.case_ref,
        old=word(reverted.from_status), new=word(reverted.to_status))
    return 0


def cmd_partner_edit(ctx: Context) -> int:
    args = ctx.args
    organization = partners.update_organization(
        ctx.db, ctx.organization_id(args.organization), operator=ctx.operator, name=args.name,
        kind=OrgKind(args.kind) if args.kind else None, country=args.country, notes=args.notes)
    print(f"{organization.name} ({organization.kind.replace('_', ' ')}, {organization.country or 'no country'})")
    return 0


def cmd_contact_edit(ctx: Context) -> int:
    args = ctx.args
    organization_id = ctx.organization_id(args.organization)
    organization = next(o for o in partners.organizations(ctx.db) if o.id == organization_id)
    contact = next((c for c in organization.contacts if c.name.casefold() == args.contact.strip().casefold()), None)
    if contact is None:
        raise NotFound(Message(CONTACT_AT, organization=organization.name), args.contact)
    updated = partners.update_contact(ctx.db, contact.id, operator=ctx.operator, name=args.name,
                                      position=args.position, phones=args.phone, emails=args.email,
                                      region=ctx.phone_region)
    print(f"{updated.name}, {updated.position or 'no position'}: {', '.join(updated.phones) or 'no phone'}")
    return 0


def register(commands: Any, command: Any) -> None:
    p: argparse.ArgumentParser = command("status-undo", cmd_status_undo,
                                         "undo a person's most recent status change (audited)")
    p.add_argument("person", help="case reference or UUID")
    p = command("partner-edit", cmd_partner_edit, "change a partner organization's name, kind, country or notes")
    p.add_argument("organization", help="the organization's current name")
    p.add_argument("--name")
    p.add_argument("--kind", choices=[k.value for k in OrgKind])
    p.add_argument("--country", help="ISO code or name; empty to clear")
    p.add_argument("--notes")
    p = command("contact-edit", cmd_contact_edit, "change a partner contact's name, position, phones or e-mails")
    p.add_argument("organization")
    p.add_argument("contact", help="the contact's current name")
    p.add_argument("--name")
    p.add_argument("--position")
    p.add_argument("--phone", action="append", help="replaces the phones (repeat for several)")
    p.add_argument("--email", action="append", help="replaces the e-mails (repeat for several)")
