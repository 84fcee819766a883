"""What every window needs: the workers, the settings, the secrets and the open database."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from callcenter.credentials import Secrets
from callcenter.settings import Settings
from callcenter.storage.database import Database
from callcenter.ui.tasks import TaskRunner


@dataclass
class UiContext:
    tasks: TaskRunner
    settings: Settings
    secrets: Secrets
    settings_path: Path | None = None
    demo: bool = False
    #: Set once the database is open and migrated (on the worker, at start-up).
    database: Database | None = field(default=None)
    #: A second worker for slow read-only reports; ``None``: they queue on ``tasks``.
    reports: TaskRunner | None = None
    #: A third worker for the reads an agent waits for; ``None``: they queue on ``tasks``.
    lookups: TaskRunner | None = None

    def report_tasks(self) -> TaskRunner:
        """The worker for slow reads that change nothing (the figures of every call list take
        seconds at a million leads): on their own thread, the screen pop, searches and saves
        on ``tasks`` never wait behind them. Each job opens its own session, as on ``tasks``,
        and sees what ``tasks`` has committed."""
        return self.reports if self.reports is not None else self.tasks

    def lookup_tasks(self) -> TaskRunner:
        """The worker for short reads an agent is waiting for: the screen pop, the search box,
        the customer's 360° view. On their own thread they never wait behind a lead import, a
        save or a report on the other workers. A job here sees what ``tasks`` has committed, so
        a read that must see a write is started from that write's result."""
        return self.lookups if self.lookups is not None else self.tasks
