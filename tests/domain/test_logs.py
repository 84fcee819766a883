"""Logging: the PII safety net, the rotating file, and the uncaught-exception hooks."""

from __future__ import annotations

import io
import logging
import logging.handlers
import re
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from callcenter.logs import (
    PiiFilter,
    configure_logging,
    current_log_file,
    install_excepthooks,
    mask_digits,
    reset_logging,
)


@pytest.fixture
def pii_logger() -> Iterator[tuple[logging.Logger, io.StringIO]]:
    """A private logger whose only handler writes through ``PiiFilter`` into a buffer."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(logging.Formatter("%(message)s"))
    handler.addFilter(PiiFilter())
    logger = logging.getLogger("tests.pii")
    logger.addHandler(handler)
    logger.setLevel(logging.DEBUG)
    logger.propagate = False
    yield logger, stream
    logger.removeHandler(handler)
    logger.propagate = True


@pytest.fixture
def clean_logging() -> Iterator[None]:
    """Undo ``configure_logging`` and restore the root logger's level."""
    root = logging.getLogger()
    level = root.level
    yield
    reset_logging()
    root.setLevel(level)


@pytest.fixture
def restore_excepthooks(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    monkeypatch.setattr(threading, "excepthook", threading.excepthook)


# --- masking --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "masked"),
    [
        ("+86 138 0013 8000", "+86138****8000"),
        ("13800138000", "138****8000"),
        ("010-65529988", "010****9988"),
        ("65529988", "****9988"),
        ("1234567", "****567"),
        ("１３８００１３８０００", "138****8000"),
        ("＋８６ １３８－００１３－８０００", "+86138****8000"),
        ("+86 (0)138 0013 8000", "+86 (0)138****8000"),
        ("+44 20 7946 0958 12345", "+44207****2345"),
        ("call from 13800138000 ended", "call from 138****8000 ended"),
        ("sip:13800138000@pbx", "sip:138****8000@pbx"),
    ],
)
def test_mask_digits(text: str, masked: str) -> None:
    assert mask_digits(text) == masked


@pytest.mark.parametrize(
    "text",
    [
        "customer 42 opened",
        "year 2026",
        "ids 42, 2026, 123456",
        "callback due 2026-01-05 09:30",
        "callback due 2026-01-05T09:30:00+08:00, retry 3",
        "hub 10.0.0.5:5432",
        "+86138****8000",
    ],
)
def test_short_numbers_and_dates_are_left_alone(text: str) -> None:
    assert mask_digits(text) == text


def test_masking_is_idempotent() -> None:
    once = mask_digits("a +86 138 0013 8000 b 010-65529988 c 1234567")

    assert mask_digits(once) == once


@given(st.text(alphabet=st.sampled_from("0123456789１２３+＋ -－\u3000x:.,")))
def test_masked_text_never_shows_seven_digits_in_a_row(text: str) -> None:
    assert not re.search(r"\d{7}", mask_digits(text))


def test_filter_masks_messages_and_args(pii_logger: tuple[logging.Logger, io.StringIO]) -> None:
    logger, stream = pii_logger

    logger.info("incoming call from +86 138 0013 8000 for lead %d", 42)
    logger.info("dialing %s from %s", "13800138000", "010-65529988")
    logger.info("pct %d%% of %s", 50, "13800138000")

    assert stream.getvalue().splitlines() == [
        "incoming call from +86138****8000 for lead 42",
        "dialing 138****8000 from 010****9988",
        "pct 50% of 138****8000",
    ]


def test_filter_masks_exception_text(pii_logger: tuple[logging.Logger, io.StringIO]) -> None:
    logger, stream = pii_logger

    try:
        raise ValueError("cannot parse 13800138000 for customer 42")
    except ValueError:
        logger.exception("import failed for row %s", "+86 138 0013 8000")
    logger.info("stack", stack_info=True)

    text = stream.getvalue()
    assert "Traceback (most recent call last)" in text
    assert "ValueError: cannot parse 138****8000 for customer 42" in text
    assert "import failed for row +86138****8000" in text
    assert "13800138000" not in text
    assert "0013" not in text


def test_filter_survives_a_bad_format_string(
    pii_logger: tuple[logging.Logger, io.StringIO],
) -> None:
    logger, stream = pii_logger

    logger.info("%s and %s", "13800138000")

    assert "138****8000" in stream.getvalue()
    assert "13800138000" not in stream.getvalue()


# --- configure_logging ----------------------------------------------------------------------


def our_handlers() -> list[logging.Handler]:
    return [
        h for h in logging.getLogger().handlers if any(isinstance(f, PiiFilter) for f in h.filters)
    ]


@pytest.mark.usefixtures("clean_logging")
def test_configure_logging_writes_masked_lines_to_the_file(tmp_path: Path) -> None:
    log_file = configure_logging(tmp_path / "logs", level=logging.DEBUG, to_stderr=False)

    logging.getLogger("callcenter.test").info("call from 13800138000, 通话 42")
    for handler in our_handlers():
        handler.flush()

    assert log_file == tmp_path / "logs" / "callcenter.log"
    assert current_log_file() == log_file
    text = log_file.read_text(encoding="utf-8")
    assert "call from 138****8000, 通话 42" in text
    assert "13800138000" not in text
    file_handler = next(
        h for h in our_handlers() if isinstance(h, logging.handlers.RotatingFileHandler)
    )
    assert file_handler.maxBytes == 5 * 1024 * 1024
    assert file_handler.backupCount == 5
    assert file_handler.encoding == "utf-8"


@pytest.mark.usefixtures("clean_logging")
def test_configure_logging_is_idempotent(tmp_path: Path) -> None:
    configure_logging(tmp_path, to_stderr=True)
    log_file = configure_logging(tmp_path, to_stderr=True)

    logging.getLogger("callcenter.test").warning("only once")
    for handler in our_handlers():
        handler.flush()

    kinds = sorted(type(h).__name__ for h in our_handlers())
    assert kinds == ["RotatingFileHandler", "StreamHandler"]
    assert log_file.read_text(encoding="utf-8").count("only once") == 1


@pytest.mark.usefixtures("clean_logging")
def test_reset_logging_removes_our_handlers(tmp_path: Path) -> None:
    configure_logging(tmp_path, to_stderr=False)

    reset_logging()

    assert our_handlers() == []
    assert current_log_file() is None


# --- excepthooks ----------------------------------------------------------------------------


@pytest.mark.usefixtures("restore_excepthooks")
def test_sys_excepthook_logs_and_calls_back(caplog: pytest.LogCaptureFixture) -> None:
    seen: list[BaseException] = []
    install_excepthooks(seen.append)
    install_excepthooks(seen.append)

    try:
        raise RuntimeError("boom")
    except RuntimeError as exc:
        sys.excepthook(type(exc), exc, exc.__traceback__)

    assert [str(e) for e in seen] == ["boom"]
    [record] = [r for r in caplog.records if r.levelno == logging.ERROR]
    assert record.exc_info is not None
    assert record.exc_info[1] is seen[0]


@pytest.mark.usefixtures("restore_excepthooks")
def test_thread_excepthook_logs_and_calls_back(caplog: pytest.LogCaptureFixture) -> None:
    seen: list[BaseException] = []
    install_excepthooks(seen.append)

    def work() -> None:
        raise KeyError("lost")

    thread = threading.Thread(target=work, name="db-worker")
    thread.start()
    thread.join()

    assert [type(e) for e in seen] == [KeyError]
    [record] = [r for r in caplog.records if r.levelno == logging.ERROR]
    assert "db-worker" in record.getMessage()
    assert record.exc_info is not None


@pytest.mark.usefixtures("restore_excepthooks")
def test_a_failing_callback_is_logged_not_raised(caplog: pytest.LogCaptureFixture) -> None:
    def broken(exc: BaseException) -> None:
        raise ValueError("callback broke")

    install_excepthooks(broken)
    error = RuntimeError("first")

    sys.excepthook(RuntimeError, error, None)

    assert "the error callback failed" in caplog.text


@pytest.mark.usefixtures("restore_excepthooks")
def test_hooks_work_without_a_callback(caplog: pytest.LogCaptureFixture) -> None:
    install_excepthooks()

    sys.excepthook(RuntimeError, RuntimeError("alone"), None)

    assert "uncaught exception" in caplog.text
