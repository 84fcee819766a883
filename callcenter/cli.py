"""The ``callcenter`` command: the app, and the administrator's commands.

Qt is imported only when a window is needed, so ``callcenter db …`` runs on a headless server.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from callcenter import APP_NAME, __version__


def _positive_seconds(text: str) -> float:
    """``--simulate-calls``: a number of seconds above zero (a usage error otherwise)."""
    try:
        seconds = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number of seconds: {text!r}") from None
    if not seconds > 0:  # also refuses nan
        raise argparse.ArgumentTypeError(f"must be more than 0 seconds: {text!r}")
    return seconds


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="callcenter", description=f"{APP_NAME}: the call-center agent's desktop."
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument(
        "--db",
        metavar="PATH_OR_URL",
        help="open this database (a SQLite file or a postgresql:// URL) instead of the settings'",
    )
    parser.add_argument(
        "--demo",
        action="store_true",
        help="open the demo database (created and filled on first use)",
    )
    parser.add_argument(
        "--self-test",
        action="store_true",
        help="check resources and a temporary database, then exit (0 when all is well)",
    )
    parser.add_argument(
        "--simulate-calls",
        metavar="SECONDS",
        type=_positive_seconds,
        help="the simulator rings by itself, on average every SECONDS (training, demos)",
    )
    parser.add_argument(
        "--exit-when-ready",
        action="store_true",
        help="exit 0 once the main window has painted its first screen of data",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    db = commands.add_parser("db", help="database administration")
    db.add_argument("action", choices=("upgrade", "check", "backup"))
    db.add_argument("destination", nargs="?", help="backup: file or folder to write")
    db.add_argument("--db", metavar="PATH_OR_URL", default=argparse.SUPPRESS)

    importer = commands.add_parser("import", help="import customers or leads from CSV or XLSX")
    importer.add_argument("kind", choices=("customers", "leads"))
    importer.add_argument("file", help="a .csv (any common encoding) or .xlsx file")
    importer.add_argument("--json", action="store_true", help="print one JSON object")
    importer.add_argument("--db", metavar="PATH_OR_URL", default=argparse.SUPPRESS)
    importer.add_argument("--region", help="region for numbers without a country code")
    importer.add_argument(
        "--list",
        dest="list_name",
        metavar="NAME",
        help="leads: the call list (created when it does not exist)",
    )

    agent = commands.add_parser("agent", help="the agents who can sign in")
    agent_actions = agent.add_subparsers(dest="agent_action", metavar="ACTION", required=True)
    agent_add = agent_actions.add_parser("add", help="add an agent (their login signs them in)")
    agent_add.add_argument("login")
    agent_add.add_argument("name")
    agent_add.add_argument("--role", default="agent", choices=("agent", "team_lead", "admin"))
    agent_add.add_argument("--extension", help="their phone extension")
    agent_list = agent_actions.add_parser("list", help="the active agents")
    for sub in (agent_add, agent_list):
        sub.add_argument("--json", action="store_true", help="print JSON")
        sub.add_argument("--db", metavar="PATH_OR_URL", default=argparse.SUPPRESS)

    dnc = commands.add_parser("dnc", help="the do-not-call list")
    dnc_actions = dnc.add_subparsers(dest="dnc_action", metavar="ACTION", required=True)
    dnc_add = dnc_actions.add_parser("add", help="add numbers")
    dnc_add.add_argument("numbers", nargs="+", metavar="NUMBER")
    dnc_import = dnc_actions.add_parser("import", help="add the numbers of a file")
    dnc_import.add_argument("file")
    for sub in (dnc_add, dnc_import):
        sub.add_argument("--json", action="store_true", help="print one JSON object")
        sub.add_argument("--db", metavar="PATH_OR_URL", default=argparse.SUPPRESS)
        sub.add_argument("--region", help="region for numbers without a country code")

    bench = commands.add_parser("bench", help="measure speed; prints JSON")
    benches = bench.add_subparsers(dest="bench", metavar="BENCH", required=True)
    pop = benches.add_parser("screenpop", help="ringing event → caller's name on screen")
    pop.add_argument("--customers", type=int, default=100_000)
    pop.add_argument("--rings", type=int, default=200)
    pop.add_argument(
        "--db",
        metavar="PATH",
        default=argparse.SUPPRESS,
        help="build the database here (a new file; default: a temporary one)",
    )
    pop.add_argument("--json", action="store_true", help="print only the JSON result")
    rows = benches.add_parser("import", help="lead import of a generated messy CSV")
    rows.add_argument("--rows", type=int, default=100_000)
    rows.add_argument(
        "--repeat", type=int, default=1, help="imports into fresh databases; the median is shown"
    )
    rows.add_argument("--json", action="store_true", help="print only the JSON result")
    nxt = benches.add_parser("next-lead", help="the preview dialer's Next lead")
    nxt.add_argument("--leads", type=int, default=100_000)
    nxt.add_argument("--json", action="store_true", help="print only the JSON result")
    table = benches.add_parser("lead-table", help="the Leads table opening on many leads")
    table.add_argument("--leads", type=int, default=100_000)
    table.add_argument("--opens", type=int, default=20)
    table.add_argument("--json", action="store_true", help="print only the JSON result")
    find = benches.add_parser("search", help="search box queries over many customers")
    find.add_argument("--customers", type=int, default=100_000)
    find.add_argument("--queries", type=int, default=500)
    find.add_argument(
        "--db",
        metavar="PATH",
        default=argparse.SUPPRESS,
        help="build the database here (a new file; default: a temporary one)",
    )
    find.add_argument("--json", action="store_true", help="print only the JSON result")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.self_test:
        from callcenter.app import run_self_test

        return run_self_test()
    if args.command == "db":
        return _db_command(args)
    if args.command == "bench":
        return _bench_command(args)
    if args.command == "import":
        return _import_command(args)
    if args.command == "dnc":
        return _dnc_command(args)
    if args.command == "agent":
        return _agent_command(args)
    from callcenter.app import LaunchOptions, run_gui

    return run_gui(
        LaunchOptions(
            db=args.db,
            demo=args.demo,
            exit_when_ready=args.exit_when_ready,
            simulate_every=args.simulate_calls,
        )
    )


def _target(args: argparse.Namespace) -> tuple[str, str]:
    """The database the command works on, and the default phone region (from settings)."""
    from callcenter.credentials import Secrets
    from callcenter.logs import configure_logging
    from callcenter.settings import DatabaseMode, load_settings, log_dir
    from callcenter.workspace import database_target

    configure_logging(log_dir(), to_stderr=False)
    settings = load_settings().settings
    password = None
    if settings.database_mode == DatabaseMode.TEAM and not args.db and not args.demo:
        password = Secrets().get(settings.hub.secret_name())
    target = database_target(settings, db=args.db, demo=args.demo, hub_password=password)
    return target, settings.default_region


def _db_command(args: argparse.Namespace) -> int:
    from callcenter.dbadmin import run_db_command

    target, _ = _target(args)
    return run_db_command(args.action, target, destination=args.destination, out=sys.stdout)


def _import_command(args: argparse.Namespace) -> int:
    from callcenter.importing.cli import run_import_command

    target, region = _target(args)
    return run_import_command(
        args.kind,
        args.file,
        target,
        json_output=args.json,
        list_name=args.list_name,
        default_region=args.region or region,
        out=sys.stdout,
        err=sys.stderr,
    )


def _bench_command(args: argparse.Namespace) -> int:
    import json

    if args.bench == "screenpop":
        from callcenter.bench import screenpop

        result = screenpop.run(args.customers, args.rings, getattr(args, "db", None))
    elif args.bench == "import":
        from callcenter.bench import import_rows

        result = import_rows.run(args.rows, None, repeat=args.repeat)
    elif args.bench == "next-lead":
        from callcenter.bench import next_lead

        result = next_lead.run(args.leads, None)
    elif args.bench == "lead-table":
        from callcenter.bench import lead_table

        result = lead_table.run(args.leads, args.opens)
    elif args.bench == "search":
        from callcenter.bench import search

        result = search.run(args.customers, args.queries, getattr(args, "db", None))
    else:  # pragma: no cover - argparse refuses other names
        return 2
    print(json.dumps(result, ensure_ascii=False))
    return 0


def _dnc_command(args: argparse.Namespace) -> int:
    from callcenter.dnc import run_dnc_command

    target, region = _target(args)
    values = args.numbers if args.dnc_action == "add" else [args.file]
    return run_dnc_command(
        args.dnc_action,
        values,
        target,
        default_region=args.region or region,
        json_output=args.json,
        out=sys.stdout,
        err=sys.stderr,
    )


def _agent_command(args: argparse.Namespace) -> int:
    """``callcenter agent add LOGIN NAME`` / ``agent list``: exit 0 done, 2 refused."""
    import dataclasses
    import json

    from callcenter.agents import add_agent, list_agents
    from callcenter.clock import utcnow
    from callcenter.errors import CallcenterError
    from callcenter.importing.cli import EXIT_ERROR, _open, _Reporter
    from callcenter.storage import migrate

    report = _Reporter(sys.stdout, sys.stderr, json_output=args.json)
    target, _ = _target(args)
    db = _open(target, report)
    if db is None:
        return EXIT_ERROR
    try:
        migrate.upgrade(db)
        if args.agent_action == "add":
            try:
                added = add_agent(
                    db,
                    args.login,
                    args.name,
                    role=args.role,
                    extension=args.extension,
                    now=utcnow(),
                )
            except CallcenterError as exc:
                return report.error(exc.code, exc.message)
            agents = [added]
        else:
            agents = list_agents(db)
    finally:
        db.dispose()
    if args.json:
        rows = [dataclasses.asdict(agent) for agent in agents]
        payload = rows[0] if args.agent_action == "add" else rows
        print(json.dumps(payload, ensure_ascii=False))
    else:
        for agent in agents:
            print(f"{agent.login}\t{agent.name}\t{agent.role}")
    return 0
