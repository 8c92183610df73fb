"""Every service entry point that writes or exports, for every role: allowed, or refused with the typed
error and an audit entry (issue 20).

The table is built from the services themselves: every public function whose first argument is the
roster (`db`) and that takes an `operator` (so it writes the audit trail) must carry a permission
(`services.accounts.guarded`), or be named below with the reason it needs none. A new service
without a permission fails `test_every_writing_service_names_its_permission`.
"""

from __future__ import annotations

import importlib
import inspect
import json
import pkgutil
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from sqlalchemy import func, select

import desktop_app.services as services_package
from desktop_app.domain.roles import PERMISSIONS, Permission, Role
from desktop_app.services import accounts
from desktop_app.services.accounts import PermissionRefused
from desktop_app.storage.db import Database, open_database
from desktop_app.storage.models import AuditEntry

# Writers that need no permission of their own, and why.
EXEMPT = {
    "desktop_app.services.backups.backup_before": "the safety copy taken inside guarded operations (import, merge, "
                                                  "retention, restore) before they write",
}
# Writers that take no operator but change the roster all the same.
WRITERS_WITHOUT_OPERATOR: set[str] = set()
PINS = {Role.HEAD: "head-pin", Role.OFFICER: "officer-pin", Role.VOLUNTEER: "volunteer-pin"}


def _service_functions() -> Iterator[tuple[str, Callable[..., Any]]]:
    for module_info in pkgutil.walk_packages(services_package.__path__, services_package.__name__ + "."):
        module = importlib.import_module(module_info.name)
        for name, function in vars(module).items():
            if not name.startswith("_") and inspect.isfunction(function) and function.__module__ == module.__name__:
                yield f"{module.__name__}.{name}", function


def _writes(qualified: str, function: Callable[..., Any]) -> bool:
    parameters = list(inspect.signature(function).parameters)
    return bool(parameters) and parameters[0] == "db" and (
        "operator" in parameters or qualified in WRITERS_WITHOUT_OPERATOR)


SERVICES: dict[str, Callable[..., Any]] = dict(_service_functions())
GUARDED = sorted(name for name, function in SERVICES.items() if hasattr(function, "permission"))


def test_every_writing_service_names_its_permission() -> None:
    unguarded = [name for name, function in SERVICES.items()
                 if _writes(name, function) and not hasattr(function, "permission") and name not in EXEMPT]
    assert unguarded == [], "service entry points that write without a permission (guard them, or say why not)"
    assert set(GUARDED) <= set(accounts.GUARDS)
    assert len(GUARDED) >= 60
    assert {SERVICES[name].permission for name in GUARDED} >= {  # type: ignore[attr-defined]
        Permission.REGISTER, Permission.EXPORT, Permission.MERGE, Permission.RETENTION, Permission.ACCOUNTS}


@pytest.fixture(scope="module")
def roster(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Database, dict[Role, accounts.AccountView]]]:
    db = open_database(tmp_path_factory.mktemp("roles") / "roster.db")
    accounts.add_account(db, "Head", Role.HEAD, PINS[Role.HEAD], operator="setup")
    accounts.sign_in(db, accounts.authenticate(db, "Head", PINS[Role.HEAD]))
    for role in (Role.OFFICER, Role.VOLUNTEER):
        accounts.add_account(db, role.value.title(), role, PINS[role], operator="setup")
    signed = {role: accounts.authenticate(db, "Head" if role is Role.HEAD else role.value.title(), PINS[role])
              for role in Role}
    yield db, signed
    db.close()


class _Junk:
    """An argument no service accepts: an allowed call gets past the gate and fails in the service's own body."""

    def __fspath__(self) -> str:
        raise TypeError("junk argument")


def _junk_call(function: Callable[..., Any], db: Database) -> None:
    arguments: list[Any] = []
    keywords: dict[str, Any] = {}
    for index, parameter in enumerate(inspect.signature(function).parameters.values()):
        if index == 0:
            arguments.append(db)
        elif parameter.default is inspect.Parameter.empty:
            if parameter.kind is inspect.Parameter.KEYWORD_ONLY:
                keywords[parameter.name] = "junk operator" if parameter.name == "operator" else _Junk()
            elif parameter.kind is inspect.Parameter.POSITIONAL_OR_KEYWORD:
                arguments.append(_Junk())
    function(*arguments, **keywords)


def _refusals(db: Database) -> int:
    with db.reading() as session:
        return int(session.scalar(select(func.count()).select_from(AuditEntry).where(AuditEntry.action == "refused"))
                   or 0)


def _last_refusal(db: Database) -> tuple[str, str, dict[str, Any]]:
    with db.reading() as session:
        entry = session.scalars(select(AuditEntry).where(AuditEntry.action == "refused")
                                .order_by(AuditEntry.id.desc()).limit(1)).one()
        return entry.operator, entry.entity_key, json.loads(entry.changes)


@pytest.mark.parametrize("role", list(Role), ids=[role.value for role in Role])
@pytest.mark.parametrize("name", GUARDED)
def test_each_role_is_allowed_or_refused_with_an_audit_entry(
        name: str, role: Role, roster: tuple[Database, dict[Role, accounts.AccountView]]) -> None:
    db, signed = roster
    function = SERVICES[name]
    permission: Permission = function.permission  # type: ignore[attr-defined]
    accounts.sign_in(db, signed[role])
    before = _refusals(db)
    try:
        if permission in PERMISSIONS[role]:
            try:
                _junk_call(function, db)
            except PermissionRefused:
                pytest.fail(f"{name}: a {role.value} holds {permission.value} and was refused")
            except Exception:  # past the gate: the service refused the junk argument itself
                pass
            assert _refusals(db) == before
        else:
            with pytest.raises(PermissionRefused) as caught:
                _junk_call(function, db)
            assert (caught.value.role, caught.value.permission) == (role, permission)
            assert role.label in str(caught.value) and permission.label in str(caught.value)
            assert _refusals(db) == before + 1
            operator, key, changes = _last_refusal(db)
            assert (operator, key, changes["role"]) == (signed[role].name, permission.value, role.value)
    finally:
        accounts.sign_in(db, signed[Role.HEAD])

