"""The `bitsacco` command: operational tasks around the services."""

from __future__ import annotations

import argparse
import asyncio

from services.runtime.bootstrap import migrate
from services.supervisor import START_ORDER


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="bitsacco")
    commands = parser.add_subparsers(dest="command", required=True)
    migrate_cmd = commands.add_parser("migrate", help="apply a service's database migrations")
    migrate_cmd.add_argument("service", choices=[*START_ORDER, "all"])
    chat_cmd = commands.add_parser(
        "chat", help="a terminal WhatsApp: chat with the assistant through the gateway"
    )
    chat_cmd.add_argument("--phone", required=True, help="your WhatsApp number, +254712345678")
    chat_cmd.add_argument("--name", default="", help="the WhatsApp profile name to send")
    chat_cmd.add_argument("--gateway", help="the gateway's URL (default GATEWAY_URL or :8080)")
    chat_cmd.add_argument(
        "--say",
        action="append",
        default=[],
        metavar="TEXT",
        help="send these messages in order, print what arrives, then exit (repeatable)",
    )
    args = parser.parse_args(argv)

    if args.command == "chat":
        from services.chat_simulator import run as run_chat  # heavy imports: only when chatting

        return run_chat(args)

    if args.command == "migrate":
        names = START_ORDER if args.service == "all" else [args.service]
        for name in names:
            applied = asyncio.run(migrate(name))
            print(f"{name}: {'migrated' if applied else 'no migrations'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
