"""Who is working: the signed-in agent, looked up by login; agents added by an administrator."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from callcenter.storage.database import Database
from callcenter.storage.models import Agent, AuditEntry, CustomerPhone, Role
from callcenter.validation import ValidationError

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class AgentInfo:
    id: str
    login: str
    name: str
    role: str


def find_agent(db: Database, login: str | None) -> AgentInfo | None:
    """The active, not deleted agent with this login; ``None`` when there is none."""
    if not login:
        return None
    with db.session() as session:
        row = session.execute(
            select(Agent.id, Agent.login, Agent.name, Agent.role).where(
                Agent.login == login, Agent.active.is_(True), Agent.deleted_at.is_(None)
            )
        ).first()
    return AgentInfo(*row) if row else None


def first_agent(db: Database) -> AgentInfo | None:
    """The first active agent by login (the demo signs in as this one)."""
    with db.session() as session:
        row = session.execute(
            select(Agent.id, Agent.login, Agent.name, Agent.role)
            .where(Agent.active.is_(True), Agent.deleted_at.is_(None), Agent.role == "agent")
            .order_by(Agent.login)
            .limit(1)
        ).first()
    return AgentInfo(*row) if row else None


def sample_numbers(db: Database, limit: int = 500) -> tuple[list[str], list[str]]:
    """Numbers of existing customers for the simulator: (numbers, numbers shared by several)."""
    with db.session() as session:
        known = list(
            session.scalars(
                select(CustomerPhone.e164).where(CustomerPhone.deleted_at.is_(None)).limit(limit)
            )
        )
        shared = list(
            session.scalars(
                select(CustomerPhone.e164)
                .where(CustomerPhone.deleted_at.is_(None))
                .group_by(CustomerPhone.e164)
                .having(func.count(func.distinct(CustomerPhone.customer_id)) > 1)
                .limit(limit)
            )
        )
    return known, shared


_MAX_LOGIN, _MAX_NAME, _MAX_EXTENSION = 64, 120, 32  # agents.login, .name, .extension


def add_agent(
    db: Database,
    login: str,
    name: str,
    *,
    role: str = Role.AGENT,
    extension: str | None = None,
    now: datetime,
) -> AgentInfo:
    """Create an active agent who can sign in with ``login`` (the app's "Agent login" setting).

    Raises ``ValidationError``: ``login`` ``required`` / ``too_long`` / ``has_spaces`` /
    ``taken``; ``name`` ``required`` / ``too_long``; ``role`` ``invalid``; ``extension``
    ``too_long``. The creation is written to the audit log (``agent.created``).
    """
    login, name, extension = login.strip(), name.strip(), (extension or "").strip() or None
    problems: dict[str, str] = {}
    if not login:
        problems["login"] = "required"
    elif len(login) > _MAX_LOGIN:
        problems["login"] = "too_long"
    elif any(char.isspace() for char in login):
        problems["login"] = "has_spaces"
    if not name:
        problems["name"] = "required"
    elif len(name) > _MAX_NAME:
        problems["name"] = "too_long"
    if role not in set(Role):
        problems["role"] = "invalid"
    if extension is not None and len(extension) > _MAX_EXTENSION:
        problems["extension"] = "too_long"
    if problems:
        raise ValidationError(problems)
    try:
        with db.session() as session:
            if session.scalar(select(Agent.id).where(Agent.login == login)) is not None:
                raise ValidationError({"login": "taken"}, _taken(login))
            agent = Agent(
                login=login,
                name=name,
                role=str(role),
                extension=extension,
                active=True,
                created_at=now,
                updated_at=now,
            )
            session.add(agent)
            session.flush()
            session.add(
                AuditEntry(
                    agent_id=None,
                    action="agent.created",
                    entity_type="agent",
                    entity_id=agent.id,
                    details={"login": login, "role": str(role)},
                    created_at=now,
                    updated_at=now,
                )
            )
            info = AgentInfo(agent.id, agent.login, agent.name, agent.role)
    except IntegrityError:  # another desk took the login in the meantime
        raise ValidationError({"login": "taken"}, _taken(login)) from None
    log.info("agent %s created (%s)", info.login, info.role)
    return info


def _taken(login: str) -> str:
    return f"There is already an agent with the login {login}."


def list_agents(db: Database) -> list[AgentInfo]:
    """Every active agent, by login."""
    with db.session() as session:
        rows = session.execute(
            select(Agent.id, Agent.login, Agent.name, Agent.role)
            .where(Agent.active.is_(True), Agent.deleted_at.is_(None))
            .order_by(Agent.login)
        ).all()
    return [AgentInfo(*row) for row in rows]
