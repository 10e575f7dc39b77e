"""Command line: ``ask``, ``validate`` and ``chat`` (the console front end)."""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import logging
import os
import sys
from collections.abc import Iterable, Sequence
from datetime import datetime, timedelta
from pathlib import Path
from typing import TextIO
from zoneinfo import ZoneInfo

from bot.answer import Answer
from bot.config import ConfigError, Mode, Settings, knowledge_dir, load_settings
from bot.knowledge import KnowledgeBase, Problem, load_report
from bot.live import LiveKnowledge
from bot.privacy import redact
from bot.render.describe import PHI_WARNING
from bot.render.text import render_text
from bot.search.engine import Engine
from bot.service import Service

LOG_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    if args.command is None:
        return _default()
    return args.run(args)


def _default() -> int:
    """Socket Mode with an app token, HTTP with bot token and signing secret, else console."""
    settings = _settings(need=None)
    if settings is None:
        return 2
    if settings.mode == "console":
        print(
            f"No Slack credentials set: starting the console chat on {settings.knowledge_dir}/.",
            file=sys.stderr,
        )
        return chat(settings.knowledge_dir)
    return run_slack(settings)


def _serve(_: argparse.Namespace) -> int:
    """HTTP mode (or Socket Mode when SLACK_APP_TOKEN is set); credentials required."""
    settings = _settings(need=None if os.environ.get("SLACK_APP_TOKEN") else "http")
    return 2 if settings is None else run_slack(settings)


def _report(args: argparse.Namespace) -> int:
    """Reports for a terminal or a scheduled job; gaps and stats read DATABASE_URL."""
    from bot import reports

    if args.days < 1:
        print("--days must be at least 1", file=sys.stderr)
        return 2
    if args.kind == "stale":
        knowledge = _load(args.knowledge or knowledge_dir())
        if knowledge is None:
            return 1
        found = reports.stale_entries(knowledge, datetime.now().date())
        print(reports.stale_csv(found) if args.csv else reports.stale_text(found), end="\n")
        return 0
    settings = _settings(need=None)
    if settings is None:
        return 2
    print(asyncio.run(_stored_report(settings, args.kind, args.days, args.csv, args.team)))
    return 0


async def _stored_report(
    settings: Settings, kind: str, days: int, as_csv: bool, team: str | None = None
) -> str:
    from bot import reports
    from bot.store.database import Store

    store = await Store.open(settings.database_url, settings.salt())
    try:
        since = datetime.now().astimezone() - timedelta(days=days)
        if kind == "gaps":
            found = await reports.gaps(store, since, team)
            return reports.gaps_csv(found) if as_csv else reports.gaps_text(found, days)
        if kind == "status":
            knowledge = _load(settings.knowledge_dir)
            if knowledge is None:
                return "The knowledge base did not load; see the errors above."
            now = datetime.now().astimezone()
            rows = await reports.statuses(store, knowledge, since, now)
            return (reports.statuses_csv(rows, now) if as_csv
                    else reports.statuses_text(rows, days, now))  # fmt: skip
        report = await reports.stats(store, since, team)
        return reports.stats_csv(report) if as_csv else reports.stats_text(report, days)
    finally:
        await store.close()


_MODES = {
    "oauth": "workspaces install by OAuth (/slack/install), each answered with its own token, "
             "over HTTP",
    "http": "one workspace's bot token, over HTTP",
    "socket": "one workspace's bot token, in Socket Mode",
    "console": "console",
}  # fmt: skip


def _settings(need: Mode | None) -> Settings | None:
    try:
        return load_settings(need=need)
    except ConfigError as error:
        for problem in error.problems:
            print(problem, file=sys.stderr)
        return None


def run_slack(settings: Settings) -> int:
    """Load the knowledge base, open the store and serve Slack until stopped."""
    logging.basicConfig(level=logging.INFO, format=LOG_FORMAT)
    live, first = LiveKnowledge.open(settings.knowledge_dir)
    _print_errors(settings.knowledge_dir, first.errors, loaded=live.assistant is not None)
    if live.assistant is None:
        return 1
    with contextlib.suppress(KeyboardInterrupt):
        asyncio.run(_serve_slack(settings, live))
    return 0


async def _serve_slack(settings: Settings, live: LiveKnowledge) -> None:
    """Serve until stopped, reloading the knowledge on every edit and on SIGHUP."""
    import signal

    from bot.slack.app import create_app
    from bot.slack.deps import Deps
    from bot.slack.notify import admin_notifier
    from bot.slack.reminders import keep_reminding
    from bot.slack.server import serve_http, serve_socket_mode
    from bot.store.database import Store
    from bot.store.retention import keep_purging

    assert live.assistant is not None
    log = logging.getLogger(__name__)
    log.info("Slack: %s", _MODES[settings.mode])
    if settings.mode == "oauth" and (settings.status_channel or settings.admin_channel):
        log.warning("STATUS_CHANNEL and ADMIN_CHANNEL are not used when workspaces install by "
                    "OAuth: each sets its own with /pmhc-admin channel status|admin")  # fmt: skip
    store = await Store.open(settings.database_url, settings.salt())
    deps = Deps(live.assistant, store, settings.admin_user_ids, live,
                status_channel=settings.status_channel,
                status_ttl=timedelta(hours=settings.status_ttl_hours))  # fmt: skip
    app = create_app(settings, deps)
    assert deps.workspaces is not None
    live.on_rejected = admin_notifier(deps.workspaces, store, settings.admin_channel,
                                      settings.admin_user_ids)  # fmt: skip
    loop = asyncio.get_running_loop()
    loop.add_signal_handler(signal.SIGHUP, lambda: loop.create_task(live.reload()))
    background = [
        asyncio.create_task(keep_purging(store, settings.retention_days)),
        asyncio.create_task(live.watch()),
        asyncio.create_task(keep_reminding(deps)),
    ]
    try:
        if settings.mode == "socket":
            assert settings.app_token is not None
            await serve_socket_mode(app, settings.app_token)
        else:
            assert settings.signing_secret is not None
            await serve_http(app, deps, settings.port, settings.signing_secret)
    finally:
        for task in background:
            task.cancel()
        await store.close()


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m bot",
        description="PMHC crisis-resource assistant: answers from a YAML knowledge base.",
    )
    parser.set_defaults(command=None)
    commands = parser.add_subparsers(dest="command")

    ask = commands.add_parser("ask", help="answer one question, or one per line of a file")
    source = ask.add_mutually_exclusive_group(required=True)
    source.add_argument("question", nargs="?", help="the question, in quotes")
    source.add_argument("--batch", type=Path, metavar="FILE", help="one question per line")
    _knowledge_option(ask)
    ask.add_argument("--at", metavar="ISO_DATETIME",
                     help="when the question is asked (default: now); without an offset it is "
                     "local time in the knowledge base's time zone")  # fmt: skip
    ask.add_argument("--top", type=int, default=5, metavar="N", help="results to show (5)")
    ask.add_argument("--json", action="store_true", help="one JSON object per question")
    ask.set_defaults(run=_ask)

    preview = commands.add_parser(
        "preview", help="draw the Slack answer to a question as a phone shows it (HTML)"
    )
    preview.add_argument("question", help="the question, in quotes")
    preview.add_argument("--out", type=Path, metavar="FILE", help="HTML file (default: stdout)")
    preview.add_argument("--crisis", action="store_true", help="as /crisis asks it: places only")
    preview.add_argument("--top", type=int, default=5, metavar="N", help="results to show (5)")
    _knowledge_option(preview)
    preview.add_argument("--at", metavar="ISO_DATETIME", help="when it is asked (default: now)")
    preview.set_defaults(run=_preview)

    validate = commands.add_parser("validate", help="check a knowledge folder")
    validate.add_argument("folder", nargs="?", type=Path, help="default: knowledge/")
    validate.set_defaults(run=_validate)

    report = commands.add_parser(
        "report", help="stale entries, gaps, usage statistics or centre status reports"
    )
    report.add_argument("kind", choices=("stale", "gaps", "stats", "status"))
    report.add_argument("--days", type=int, default=30, help="period for gaps and stats (30)")
    report.add_argument("--csv", action="store_true", help="CSV instead of text")
    report.add_argument("--team", metavar="TEAM_ID",
                        help="gaps and stats of one Slack workspace (default: all)")  # fmt: skip
    _knowledge_option(report)
    report.set_defaults(run=_report)

    serve = commands.add_parser(
        "serve", help="serve Slack over HTTP on $PORT (Socket Mode if SLACK_APP_TOKEN is set)"
    )
    serve.set_defaults(run=_serve)

    hsds = commands.add_parser("hsds", help="import a 211's HSDS 3 data, or export to it")
    hsds_commands = hsds.add_subparsers(dest="hsds_command", required=True)
    hsds_import = hsds_commands.add_parser(
        "import", help="HSDS services (a CSV package folder or a JSON file) to YAML resources"
    )
    hsds_import.add_argument("source", type=Path, help="package folder or JSON file")
    hsds_import.add_argument(
        "--out",
        type=Path,
        required=True,
        metavar="DIR",
        help="folder for the YAML files (edited in place on re-import)",
    )
    hsds_import.add_argument(
        "--timezone",
        metavar="ZONE",
        help="IANA zone of the 211's times (default: the knowledge base's)",
    )
    hsds_import.add_argument(
        "--area", metavar="NAME", help="area of services that name none (e.g. the county)"
    )
    hsds_import.add_argument(
        "--as-of",
        metavar="YYYY-MM-DD",
        help="date ranges over before this day are left out (today)",
    )
    hsds_import.set_defaults(run=_hsds_import)
    hsds_export = hsds_commands.add_parser(
        "export", help="the knowledge base's resources as an HSDS 3 tabular data package"
    )
    _knowledge_option(hsds_export)
    hsds_export.add_argument("--out", type=Path, required=True, metavar="DIR",
                             help="folder for datapackage.json and the CSV files")  # fmt: skip
    hsds_export.set_defaults(run=_hsds_export)

    chat_cmd = commands.add_parser("chat", help="talk to the bot in this terminal")
    _knowledge_option(chat_cmd)
    chat_cmd.set_defaults(run=lambda a: chat(a.knowledge or knowledge_dir()))
    return parser


def _hsds_import(args: argparse.Namespace) -> int:
    from datetime import date
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    from bot.knowledge.hsds.importer import import_hsds

    try:
        if args.timezone:
            ZoneInfo(args.timezone)
        today = date.fromisoformat(args.as_of) if args.as_of else date.today()
    except (ZoneInfoNotFoundError, ValueError):
        print("--timezone must be an IANA zone such as America/Chicago, and --as-of a date "
              "such as 2026-12-01.", file=sys.stderr)  # fmt: skip
        return 2
    report = import_hsds(args.source, args.out, today=today, timezone=args.timezone,
                         area=args.area)  # fmt: skip
    print(report.text(), file=sys.stdout if report.ok else sys.stderr)
    return 0 if report.ok else 1


def _hsds_export(args: argparse.Namespace) -> int:
    from bot.knowledge.hsds.export import export_hsds

    knowledge = _load(args.knowledge or knowledge_dir())
    if knowledge is None:
        return 1
    services = export_hsds(knowledge, args.out)
    print(f"{services} services written to {args.out} (HSDS 3 tabular data package).")
    return 0


def _knowledge_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--knowledge", type=Path, metavar="DIR",
        help="knowledge folder (default: $KNOWLEDGE_DIR or knowledge/)",
    )  # fmt: skip


def _load(folder: Path) -> KnowledgeBase | None:
    report = load_report(folder)
    _print_errors(folder, report.errors, loaded=report.ok)
    return report.knowledge


def _print_errors(folder: Path, errors: Sequence[Problem], *, loaded: bool) -> None:
    for problem in errors:
        print(problem, file=sys.stderr)
    if not loaded:
        print(f"{folder}: knowledge base not loaded ({len(errors)} errors)", file=sys.stderr)


def _ask(args: argparse.Namespace) -> int:
    knowledge = _load(args.knowledge or knowledge_dir())
    if knowledge is None:
        return 1
    zone = ZoneInfo(knowledge.defaults.timezone or "UTC")
    try:
        at = parse_moment(args.at, zone)
    except ValueError:
        print(f"--at must be an ISO date-time like 2026-11-22T02:00 (got {args.at!r})",
              file=sys.stderr)  # fmt: skip
        return 2
    if args.top < 1:
        print("--top must be at least 1", file=sys.stderr)
        return 2
    if args.batch is not None:
        try:
            questions = _questions(args.batch.read_text(encoding="utf-8").splitlines())
        except (OSError, UnicodeDecodeError) as error:
            print(f"{args.batch}: cannot read questions ({error})", file=sys.stderr)
            return 2
    else:
        questions = _questions([args.question])
    asyncio.run(_answer_all(Engine(knowledge), questions, at, args))
    return 0


async def _answer_all(
    engine: Engine, questions: list[str], at: datetime, args: argparse.Namespace
) -> None:
    """Through the service like every front end, with the centre statuses in the store
    ``DATABASE_URL`` names; a tool's questions are not usage, so not recorded. Reminded not
    to post health details when a question seems to name someone."""
    from bot.console import local_service

    async with local_service(engine) as service:
        await _answer_each(service, questions, at, args)


async def _answer_each(
    service: Service, questions: list[str], at: datetime, args: argparse.Namespace
) -> None:
    for question in questions:
        reply = await service.ask(question, user_id="cli", surface="cli", at=at, top=args.top,
                                  record=False)  # fmt: skip
        if reply.answer is None:
            print(json.dumps({"query": None, "withheld": True}) if args.json else PHI_WARNING)
        elif args.json:
            print(json.dumps(reply.answer.to_json(), ensure_ascii=False))
        else:
            remind = redact(question, service.assistant.engine.knows_word) != question
            print(render_text(reply.answer, remind=remind, top=args.top))


async def _preview_answer(
    engine: Engine, question: str, at: datetime, top: int, places_only: bool
) -> Answer | None:
    """The answer Slack would give, through the service with tonight's statuses; not
    recorded (a coordinator checking an edit is not usage); None if withheld."""
    from bot.console import local_service

    async with local_service(engine) as service:
        reply = await service.ask(question, user_id="cli", surface="cli", at=at, top=top,
                                  resources_only=places_only, record=False)  # fmt: skip
        return reply.answer


def _preview(args: argparse.Namespace) -> int:
    """The answer's Block Kit drawn as Slack's phone app shows it, with its buttons."""
    from bot.render.blocks import render_blocks
    from bot.render.preview import PHONE_WIDTH, preview_html

    knowledge = _load(args.knowledge or knowledge_dir())
    if knowledge is None:
        return 1
    try:
        at = parse_moment(args.at, ZoneInfo(knowledge.defaults.timezone or "UTC"))
    except ValueError:
        print(f"--at must be an ISO date-time like 2026-11-22T02:00 (got {args.at!r})",
              file=sys.stderr)  # fmt: skip
        return 2
    top = max(1, args.top)
    answer = asyncio.run(_preview_answer(Engine(knowledge), args.question, at, top, args.crisis))
    if answer is None:
        print(PHI_WARNING, file=sys.stderr)
        return 2
    share = {"resources_only": True} if args.crisis else {}
    page = preview_html(render_blocks(answer, share=share, top=top), title=args.question)
    if args.out is None:
        sys.stdout.write(page)
        return 0
    try:
        args.out.write_text(page, encoding="utf-8")
    except OSError as error:
        print(f"{args.out}: cannot write ({error.strerror})", file=sys.stderr)
        return 2
    print(f"{args.out}: the answer as a {PHONE_WIDTH}-pixel-wide phone shows it", file=sys.stderr)
    return 0


def _questions(lines: Iterable[str]) -> list[str]:
    return [line.strip() for line in lines if line and line.strip()]


def parse_moment(text: str | None, zone: ZoneInfo) -> datetime:
    """``--at``: ISO date-time; naive means local time in ``zone``; absent means now."""
    if text is None:
        return datetime.now(zone)
    moment = datetime.fromisoformat(text)
    return moment.replace(tzinfo=zone) if moment.tzinfo is None else moment


def _validate(args: argparse.Namespace) -> int:
    folder = args.folder or knowledge_dir()
    report = load_report(folder)
    for problem in (*report.errors, *report.warnings):
        print(problem)
    if report.knowledge is None:
        print(f"{folder}: {len(report.errors)} errors, {len(report.warnings)} warnings")
        return 1
    counts = ", ".join(f"{n} {kind}" for kind, n in report.knowledge.counts().items())
    print(
        f"{folder}: OK — {len(report.knowledge.files)} files, {counts}; "
        f"{len(report.warnings)} warnings; version {report.knowledge.version}"
    )
    return 0


def chat(folder: Path, *, stdin: TextIO | None = None, stdout: TextIO | None = None) -> int:
    """The console chat on ``folder``, recording to the store ``DATABASE_URL`` names."""
    from bot.console import run_chat

    knowledge = _load(folder)
    if knowledge is None:
        return 1
    return asyncio.run(run_chat(knowledge, folder, stdin or sys.stdin, stdout or sys.stdout))
