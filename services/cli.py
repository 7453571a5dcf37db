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
    args = parser.parse_args(argv)

    if args.command == "migrate":
        names = START_ORDER if args.service == "all" else [args.service]
        for name in names:
            applied = asyncio.run(migrate(name))
            print(f"{name}: {'migrated' if applied else 'no migrations'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
