"""Who is working: the signed-in agent, looked up by login."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select

from callcenter.storage.database import Database
from callcenter.storage.models import Agent, CustomerPhone


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
