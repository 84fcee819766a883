"""Teams and the agents in them."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from sqlalchemy import Boolean, Float, ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column

from callcenter.storage.base import Base, SharedMixin


class Role(StrEnum):
    AGENT = "agent"
    TEAM_LEAD = "team_lead"
    ADMIN = "admin"


class Team(SharedMixin, Base):
    __tablename__ = "teams"

    name: Mapped[str] = mapped_column(String(120))


class Agent(SharedMixin, Base):
    __tablename__ = "agents"

    team_id: Mapped[str | None] = mapped_column(ForeignKey("teams.id"), index=True)
    login: Mapped[str] = mapped_column(String(64), unique=True)
    name: Mapped[str] = mapped_column(String(120))
    role: Mapped[str] = mapped_column(String(16), default=Role.AGENT)
    extension: Mapped[str | None] = mapped_column(String(32))
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class AgentStateEntry(SharedMixin, Base):
    """One stretch of time an agent spent in one state (Ready, On call, Wrap-up, Paused…)."""

    __tablename__ = "agent_states"
    __table_args__ = (Index(None, "agent_id", "started_at"),)

    agent_id: Mapped[str] = mapped_column(ForeignKey("agents.id"))
    state: Mapped[str] = mapped_column(String(16))
    #: Why the agent paused (a reason code), or the call the state belongs to.
    reason: Mapped[str | None] = mapped_column(String(32))
    call_id: Mapped[str | None] = mapped_column(String(36))
    started_at: Mapped[datetime]
    ended_at: Mapped[datetime | None] = mapped_column(default=None)
    seconds: Mapped[float | None] = mapped_column(Float)
