"""The `buurtnode` command. Every failure is one clear line and a non-zero exit."""

from __future__ import annotations

import argparse
import asyncio
import getpass
import logging
import os
import sys
from pathlib import Path
from urllib.parse import urlsplit

from node import __version__
from node.app import init_node, run_with_hood
from node.community.accounts.permissions import Role
from node.community.errors import DomainError
from node.config import (
    ConfigError,
    load,
)
from node.storage.database import migrate_file


class CliError(Exception):
    """Shown to the user as one line."""


def cmd_init(args: argparse.Namespace) -> int:
    settings = init_node(
        Path(args.data),
        url=args.url,
        name=args.name,
        kind=args.kind,
        dev=args.dev,
        registration=args.registration,
    )
    print(f"Created {settings.kind} node '{settings.name}' in {settings.data_dir}")
    print(
        f"Next: buurtnode user add {args.data} NAME --role admin, then buurtnode serve {args.data}"
    )
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    import uvicorn

    from node.app import create_app
    from node.storage.folder import hold_serving_lock, secure

    settings = load(Path(args.data))
    lock = hold_serving_lock(settings.data_dir)  # so no restore replaces a running node
    secure(settings.data_dir)
    migrate_file(settings.database_path)
    port = args.port or urlsplit(settings.url).port or 8000
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(levelname)s %(message)s")
    uvicorn.run(
        create_app(settings),
        host=args.host,
        port=port,
        log_level="info",
        access_log=settings.access_log,  # off unless [node] access_log = true
        proxy_headers=True,
        forwarded_allow_ips=args.forwarded_allow_ips,
    )
    lock.close()
    return 0


def _read_password(from_stdin: bool) -> str:
    if from_stdin:
        return sys.stdin.readline().rstrip("\n")
    if not sys.stdin.isatty():
        raise CliError("no terminal to ask for the password; use --password-stdin")
    first = getpass.getpass("Password: ")
    if first != getpass.getpass("Password again: "):
        raise CliError("the two passwords differ")
    return first


def cmd_user_add(args: argparse.Namespace) -> int:
    settings = load(Path(args.data))
    if args.role not in [r.value for r in Role]:
        raise CliError(f"role must be one of {', '.join(r.value for r in Role)}, not '{args.role}'")
    password = _read_password(args.password_stdin)
    member = run_with_hood(
        settings,
        lambda hood: hood.members.add(
            args.username, password, args.role, display_name=args.display_name
        ),
    )
    print(f"Added {member.role} '{member.username}' to {settings.name}")
    return 0


def cmd_user_list(args: argparse.Namespace) -> int:
    members = run_with_hood(load(Path(args.data)), lambda hood: hood.members.all())
    width = max([len(m.username) for m in members] + [8])
    for m in sorted(members, key=lambda m: m.username):
        print(f"{m.username:<{width}}  {m.role:<14}  {m.status:<8}  {m.display_name}")
    return 0


def _care(args: argparse.Namespace, action, done: str) -> int:  # type: ignore[no-untyped-def]
    """Run one kind of account care as the node's operator (shell access is the proof)."""
    settings = load(Path(args.data))
    member = run_with_hood(settings, lambda hood: action(hood.care))
    print(done.format(name=member.username, role=member.role))
    return 0


def cmd_user_role(args: argparse.Namespace) -> int:
    return _care(
        args, lambda care: care.change_role(None, args.username, args.role), "{name} is now {role}"
    )


def cmd_user_disable(args: argparse.Namespace) -> int:
    return _care(
        args,
        lambda care: care.disable(None, args.username),
        "Disabled {name}; their sessions and app tokens are ended",
    )


def cmd_user_enable(args: argparse.Namespace) -> int:
    return _care(args, lambda care: care.enable(None, args.username), "{name} can log in again")


def cmd_user_remove(args: argparse.Namespace) -> int:
    mode = {"keep": "anonymise", "remove": "remove"}[args.contributions]
    return _care(
        args,
        lambda care: care.remove(None, args.username, mode),
        "Removed {name} and their personal data; their contributions "
        + ("stay as oud-bewoner" if args.contributions == "keep" else "are removed"),
    )


def cmd_user_reset(args: argparse.Namespace) -> int:
    from node.web.pages.accounts.reset import RESET_PATH

    settings = load(Path(args.data))
    if args.password_stdin:
        password = _read_password(True)
        return _care(
            args,
            lambda care: care.set_password(args.username, password),
            "New password set for {name}; all their sessions and app tokens are ended",
        )

    async def issue(hood):  # type: ignore[no-untyped-def]
        return await hood.care.issue_reset(None, args.username)

    member, token = run_with_hood(settings, issue)
    print(f"Link for {member.username} to choose a new password (once, within an hour):")
    print(f"{settings.url}{RESET_PATH}/{token}")
    return 0


def cmd_backup(args: argparse.Namespace) -> int:
    from node.storage.backup import backup

    written = backup(Path(args.data), Path(args.target), keep=args.keep)
    megabytes = written.size / 1_000_000
    print(f"Backup of {written.files} files ({megabytes:.1f} MB) written to {written.path}")
    print("It holds the node's private key and residents' data: keep it as safe as the node.")
    for old in written.removed:
        print(f"Removed the older backup {old} (--keep {args.keep})")
    return 0


def cmd_restore(args: argparse.Namespace) -> int:
    from node.storage.restore import restore

    restored = restore(Path(args.archive), Path(args.data), replace=args.replace)
    print(
        f"Restored {restored.files} files into {restored.data_dir} (database schema "
        f"{restored.schema_version}; the next serve brings it up to date)"
    )
    if restored.kept_aside:
        print(f"The node that was there is kept in {restored.kept_aside}; remove it when done")
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    import json

    from node.storage.export import export_database

    settings = load(Path(args.data))
    target = Path(args.file)
    if target.exists():
        raise CliError(f"{target} already exists; choose a new file name")
    data = export_database(settings.database_path)
    data["node"] = {"name": settings.name, "kind": settings.kind, "url": settings.url}
    fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)  # holds private data
    with os.fdopen(fd, "w", encoding="utf-8") as out:
        json.dump(data, out, ensure_ascii=False, indent=1)
    rows = sum(len(t["rows"]) for t in data["tables"].values())
    print(f"Exported {rows} rows from {len(data['tables'])} tables to {target}")
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    import json

    from node.storage.export import import_database

    settings = load(Path(args.data))
    if run_with_hood(settings, lambda hood: hood.members.count_active()):
        raise CliError(f"{args.data} already has members; import only into a new node")
    try:
        data = json.loads(Path(args.file).read_text(encoding="utf-8"))
        import_database(settings.database_path, data)
    except (ValueError, KeyError, TypeError) as error:
        raise CliError(f"cannot import {args.file}: {error}") from None
    print(f"Imported {args.file} into {settings.name}")
    return 0


def cmd_ledger_verify(args: argparse.Namespace) -> int:
    from node.federation.ledger.verify import verify

    verdict = asyncio.run(verify(args.url))
    print(verdict.message if verdict.ok else f"buurtnode: {verdict.message}")
    return 0 if verdict.ok else 1


def cmd_mail_test(args: argparse.Namespace) -> int:
    from email.message import EmailMessage

    from node.mail.smtp import SendFailed, send

    settings = load(Path(args.data))
    if settings.mail is None:
        raise CliError(f"{args.data}/buurtnode.toml has no [mail] settings; see docs/admin.md")
    message = EmailMessage()
    message["From"] = f"{settings.name} <{settings.mail.from_address}>"
    message["To"] = args.address
    message["Subject"] = f"Test message from {settings.name}"
    message.set_content(f"The mail settings of {settings.name} ({settings.url}) work.\n")
    try:
        answer = asyncio.run(send(settings.mail, message))
    except SendFailed as failure:
        kind = "refused" if failure.permanent else "failed, try again later"
        raise CliError(f"{settings.mail.host}:{settings.mail.port} {kind}: {failure}") from None
    print(f"Sent to {args.address}; the server answered: {answer}")
    return 0


def cmd_mail_digest(args: argparse.Namespace) -> int:
    settings = load(Path(args.data))

    async def queue(hood):  # type: ignore[no-untyped-def]
        only = None
        if args.member:
            only = await hood.members.by_username(args.member)
            if only is None:
                raise CliError(f"no member '{args.member}' on {settings.name}")
        return await hood.digests.queue(only)

    count = run_with_hood(settings, queue)
    print(f"Queued this week's digest for {count} members; the running node sends it")
    if settings.mail is None:
        print("Note: buurtnode.toml has no [mail] settings, so nothing is sent until it has")
    return 0


def cmd_demo(args: argparse.Namespace) -> int:
    from node.demo import run_demo

    return run_demo(Path(args.folder), base_port=args.port)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="buurtnode", description="A neighbourhood node.")
    parser.add_argument("--version", action="version", version=f"buurtnode {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    init = commands.add_parser("init", help="create a new node in a data folder")
    init.add_argument("data", help="the node's data folder (new or empty)")
    init.add_argument("--url", required=True, help="public address, e.g. https://noord.example.nl")
    init.add_argument("--name", required=True, help="the neighbourhood's name")
    init.add_argument("--kind", required=True, help="wijk, kern or gemeente")
    init.add_argument(
        "--registration",
        default="approval",
        choices=["open", "invite", "approval"],
        help="how residents join (default: approval by a buurtverbinder)",
    )
    init.add_argument(
        "--dev",
        action="store_true",
        help="allow http on 127.0.0.1 and federation with loopback addresses",
    )
    init.set_defaults(func=cmd_init)

    serve = commands.add_parser("serve", help="serve the node")
    serve.add_argument("data")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=None)
    serve.add_argument(
        "--forwarded-allow-ips",
        default="127.0.0.1",
        help="reverse proxies whose X-Forwarded-* headers are trusted",
    )
    serve.set_defaults(func=cmd_serve)

    user = commands.add_parser("user", help="manage accounts")
    user_commands = user.add_subparsers(dest="user_command", required=True, metavar="COMMAND")
    add = user_commands.add_parser("add", help="add an account")
    add.add_argument("data")
    add.add_argument("username")
    add.add_argument(
        "--role", required=True, help="resident, buurtverbinder, contact, admin or council"
    )
    add.add_argument("--display-name", default=None)
    add.add_argument("--password-stdin", action="store_true", help="read the password from stdin")
    add.set_defaults(func=cmd_user_add)
    listing = user_commands.add_parser("list", help="list accounts with role and state")
    listing.add_argument("data")
    listing.set_defaults(func=cmd_user_list)
    role = user_commands.add_parser("role", help="change an account's role")
    role.add_argument("data")
    role.add_argument("username")
    role.add_argument("role", help="resident, buurtverbinder, contact, admin or council")
    role.set_defaults(func=cmd_user_role)
    for name, func, text in (
        ("disable", cmd_user_disable, "close an account for now; ends its sessions"),
        ("enable", cmd_user_enable, "open a disabled account again"),
    ):
        toggle = user_commands.add_parser(name, help=text)
        toggle.add_argument("data")
        toggle.add_argument("username")
        toggle.set_defaults(func=func)
    remove = user_commands.add_parser("remove", help="remove an account and its personal data")
    remove.add_argument("data")
    remove.add_argument("username")
    remove.add_argument(
        "--contributions",
        required=True,
        choices=["keep", "remove"],
        help="keep what they posted (as oud-bewoner) or remove it",
    )
    remove.set_defaults(func=cmd_user_remove)
    reset = user_commands.add_parser(
        "reset", help="print a one-time link to choose a new password, or set it"
    )
    reset.add_argument("data")
    reset.add_argument("username")
    reset.add_argument(
        "--password-stdin", action="store_true", help="set the password read from stdin directly"
    )
    reset.set_defaults(func=cmd_user_reset)

    backup = commands.add_parser("backup", help="write the whole node to one archive file")
    backup.add_argument("data")
    backup.add_argument("target", help="a new file, or a folder to write HANDLE-TIME.tar.gz in")
    backup.add_argument(
        "--keep", type=int, default=None, help="keep only the newest N archives of this node there"
    )
    backup.set_defaults(func=cmd_backup)

    restore = commands.add_parser("restore", help="restore a backup archive into a data folder")
    restore.add_argument("archive")
    restore.add_argument("data")
    restore.add_argument(
        "--replace", action="store_true", help="replace a stopped node (kept beside it)"
    )
    restore.set_defaults(func=cmd_restore)

    export = commands.add_parser("export", help="export all of the node's data as JSON")
    export.add_argument("data")
    export.add_argument("file")
    export.set_defaults(func=cmd_export)

    import_ = commands.add_parser("import", help="load an export into a new, empty node")
    import_.add_argument("data")
    import_.add_argument("file")
    import_.set_defaults(func=cmd_import)

    ledger = commands.add_parser("ledger", help="the public books (wijkboekhouding)")
    ledger_commands = ledger.add_subparsers(dest="ledger_command", required=True, metavar="COMMAND")
    verify = ledger_commands.add_parser(
        "verify", help="check every hash and signature of a node's published books"
    )
    verify.add_argument("url", help="the node's address, e.g. https://noord.example.nl")
    verify.set_defaults(func=cmd_ledger_verify)

    mail = commands.add_parser("mail", help="e-mail: test the settings, queue the digest")
    mail_commands = mail.add_subparsers(dest="mail_command", required=True, metavar="COMMAND")
    mail_test = mail_commands.add_parser("test", help="send a test message now")
    mail_test.add_argument("data")
    mail_test.add_argument("address", help="where to send it")
    mail_test.set_defaults(func=cmd_mail_test)
    digest = mail_commands.add_parser("digest", help="queue the weekly digest now")
    digest.add_argument("data")
    digest.add_argument("--member", default=None, help="only for this user name")
    digest.set_defaults(func=cmd_mail_digest)

    demo = commands.add_parser("demo", help="run a small municipality of nodes on 127.0.0.1")
    demo.add_argument("--folder", default="demo-data")
    demo.add_argument("--port", type=int, default=8701, help="first of four ports")
    demo.set_defaults(func=cmd_demo)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return int(args.func(args))
    except DomainError as error:
        print(f"buurtnode: error: {error}", file=sys.stderr)
    except (CliError, ConfigError, OSError) as error:
        print(f"buurtnode: error: {error}", file=sys.stderr)
    except KeyboardInterrupt:
        return 130
    return 1


if __name__ == "__main__":
    sys.exit(main())
