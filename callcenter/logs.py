"""Logging, set up once by the app: a rotating file in the log dir, stderr, and a PII safety net.

Modules log with ``logging.getLogger(__name__)`` and should already log ids and masked numbers
only. ``PiiFilter`` sits on every handler installed here as a safety net: it masks any long run of
digits that slipped through, in the message, its arguments and exception tracebacks.

Masking rule (``mask_digits``): a *run* is an optional ``+`` then digits, where single digits may
be separated by up to three spaces or dashes (ASCII, full-width and typographic forms count, and
so do full-width and other Unicode digits). A run of 7 or more digits is rewritten without its
separators as ``head + "****" + tail``:

* ``hidden = max(4, n - 9)`` digits are replaced by a fixed ``****`` (which hides the length too),
* ``tail`` keeps the last ``min(4, n - hidden)`` digits and ``head`` the first ``n - hidden - tail``
  (so at most 5), e.g. ``+86 138 0013 8000`` -> ``+86138****8000``, ``13800138000`` ->
  ``138****8000``, ``010-65529988`` -> ``010****9988``, ``1234567`` -> ``****567``.

At most 5 digits of a masked run are ever visible side by side, and runs are maximal, so the
output never shows 7 consecutive digits of the original. Kept digits are written as ASCII. An ISO
date (``2026-01-05``) standing on its own is left alone; short numbers (ids, years) are untouched.
"""

from __future__ import annotations

import logging
import logging.handlers
import re
import sys
import threading
import unicodedata
from collections.abc import Callable
from pathlib import Path
from types import TracebackType

log = logging.getLogger(__name__)

LOG_FILE_NAME = "callcenter.log"
MAX_BYTES = 5 * 1024 * 1024
BACKUP_COUNT = 5
LOG_FORMAT = "%(asctime)s %(levelname)-8s %(name)s [%(threadName)s] %(message)s"

MIN_MASKED_DIGITS = 7
_MASK = "****"

_SPACES = " \u00a0\u3000"
_DASHES = "\\-\u2010\u2011\u2012\u2013\u2014\u2212\ufe63\uff0d"
_SEPARATOR = f"[{_SPACES}{_DASHES}]{{1,3}}"
_DATE = r"\d{4}-\d{2}-\d{2}(?!\d)"
_DIGITS_RE = re.compile(
    rf"(?<!\d)(?P<date>{_DATE})"
    rf"|(?P<run>[+\uff0b]?\d(?:\d|{_SEPARATOR}(?!{_DATE})\d)*)"
)

_installed_handlers: list[logging.Handler] = []
_log_file: Path | None = None
_on_error: Callable[[BaseException], None] | None = None


# --- masking --------------------------------------------------------------------------------


def _mask_run(run: str) -> str:
    digits = [str(unicodedata.decimal(char)) for char in run if char.isdecimal()]
    count = len(digits)
    if count < MIN_MASKED_DIGITS:
        return run
    hidden = max(len(_MASK), count - 9)
    tail = min(4, count - hidden)
    head = count - hidden - tail
    plus = "+" if run[0] in "+\uff0b" else ""
    return plus + "".join(digits[:head]) + _MASK + "".join(digits[count - tail :])


def _replace(match: re.Match[str]) -> str:
    run = match.group("run")
    return match.group(0) if run is None else _mask_run(run)


def mask_digits(text: str) -> str:
    """``text`` with every run of 7+ digits masked (see the module docstring for the rule)."""
    return _DIGITS_RE.sub(_replace, text)


class PiiFilter(logging.Filter):
    """Mask long digit runs in a record's message, arguments, traceback and stack text.

    The message is formatted with its arguments, masked, and stored back with no arguments, so
    every handler (and any later filter) sees only the masked text. Never drops a record.
    """

    _exception_formatter = logging.Formatter()

    def filter(self, record: logging.LogRecord) -> bool:
        record.msg = mask_digits(_message_of(record))
        record.args = None
        if record.exc_info and not record.exc_text:
            record.exc_text = self._exception_formatter.formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = mask_digits(record.exc_text)
        if record.stack_info:
            record.stack_info = mask_digits(record.stack_info)
        return True


def _message_of(record: logging.LogRecord) -> str:
    """The formatted message; a message that does not format is kept with its raw arguments."""
    try:
        return record.getMessage()
    except Exception:  # a bad format string must not escape; logging would print raw args
        return f"{record.msg!s} (unformattable arguments: {record.args!r})"


# --- handlers -------------------------------------------------------------------------------


def _make_handlers(log_file: Path, to_stderr: bool) -> list[logging.Handler]:
    handlers: list[logging.Handler] = [
        logging.handlers.RotatingFileHandler(
            log_file, maxBytes=MAX_BYTES, backupCount=BACKUP_COUNT, encoding="utf-8"
        )
    ]
    if to_stderr and sys.stderr is not None:  # None in a windowed (no console) frozen build
        handlers.append(logging.StreamHandler(sys.stderr))
    formatter = logging.Formatter(LOG_FORMAT)
    for handler in handlers:
        handler.setFormatter(formatter)
        handler.addFilter(PiiFilter())
    return handlers


def reset_logging() -> None:
    """Remove and close the handlers ``configure_logging`` installed (tests, shutdown)."""
    global _log_file
    root = logging.getLogger()
    for handler in _installed_handlers:
        root.removeHandler(handler)
        handler.close()
    _installed_handlers.clear()
    _log_file = None


def configure_logging(
    directory: Path, *, level: int = logging.INFO, to_stderr: bool = True
) -> Path:
    """Log to ``directory/callcenter.log`` (rotating, 5 MB x 5, UTF-8) and to stderr.

    Idempotent: a second call replaces the handlers of the first instead of adding more.
    Returns the path of the log file.
    """
    global _log_file
    reset_logging()
    directory.mkdir(parents=True, exist_ok=True)
    log_file = directory / LOG_FILE_NAME
    root = logging.getLogger()
    for handler in _make_handlers(log_file, to_stderr):
        root.addHandler(handler)
        _installed_handlers.append(handler)
    root.setLevel(level)
    _log_file = log_file
    log.info("logging to %s", log_file)
    return log_file


def current_log_file() -> Path | None:
    """The file ``configure_logging`` writes to, or None before it was called."""
    return _log_file


# --- uncaught exceptions --------------------------------------------------------------------


def _report(exc: BaseException) -> None:
    callback = _on_error
    if callback is None:
        return
    try:
        callback(exc)
    except Exception:
        log.exception("the error callback failed")


def _sys_excepthook(
    exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None
) -> None:
    if issubclass(exc_type, KeyboardInterrupt):
        sys.__excepthook__(exc_type, exc, tb)
        return
    log.error("uncaught exception", exc_info=(exc_type, exc, tb))
    _report(exc)


def _thread_excepthook(args: threading.ExceptHookArgs) -> None:
    if args.exc_type is SystemExit:
        return
    thread_name = args.thread.name if args.thread is not None else "unknown"
    log.error(
        "uncaught exception in thread %s",
        thread_name,
        exc_info=(args.exc_type, args.exc_value, args.exc_traceback),
    )
    if args.exc_value is not None:
        _report(args.exc_value)


def install_excepthooks(on_error: Callable[[BaseException], None] | None = None) -> None:
    """Log uncaught exceptions (with traceback, at ERROR), then call ``on_error``.

    Covers ``sys.excepthook`` and ``threading.excepthook``. Idempotent: calling again only
    replaces ``on_error``. ``on_error`` may be called from a worker thread, so a UI callback must
    hand over to the GUI thread itself (e.g. by emitting a queued signal).
    ``KeyboardInterrupt`` goes to the default hook and ``SystemExit`` in a thread is ignored.
    """
    global _on_error
    _on_error = on_error
    sys.excepthook = _sys_excepthook
    threading.excepthook = _thread_excepthook
