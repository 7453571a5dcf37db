"""`python -m gateway build|validate|run`.

build     write gateway/built/{embedded,kubernetes}.yaml (default settings) from gateway/config.py
validate  `envoy --mode validate` on both built files
run       render the embedded configuration for this environment and run Envoy in the foreground
          (`make run` starts it for you, after the services)
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from gateway import addresses
from gateway.config import render
from gateway.contract import REPO, load_services
from gateway.launch import envoy_argv, validate, write_config
from gateway.settings import GatewaySettings
from services.runtime.settings import RuntimeSettings

BUILT = Path(__file__).resolve().parent / "built"
VARIANTS = {"embedded": addresses.embedded, "kubernetes": addresses.kubernetes}


def built_path(variant: str) -> Path:
    return BUILT / f"{variant}.yaml"


def build() -> int:
    """The committed configurations: the defaults, whatever this shell's environment says."""
    services = load_services()
    defaults = GatewaySettings.model_construct()
    for variant, where in VARIANTS.items():
        path = built_path(variant)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(render(services, defaults, where()))
        print(f"wrote {path.relative_to(REPO)}")
    return 0


def validate_built() -> int:
    failed = 0
    for variant in VARIANTS:
        result = validate(built_path(variant))
        ok = result.returncode == 0
        failed += not ok
        print(f"{variant}: {'OK' if ok else 'INVALID'}")
        if not ok:
            print(result.stderr[-3000:], file=sys.stderr)
    return 1 if failed else 0


def run() -> int:
    settings = GatewaySettings()
    state = RuntimeSettings().state_dir
    config = write_config(REPO / state / "gateway" / "envoy.yaml", settings, addresses.embedded())
    os.chdir(REPO)
    argv = envoy_argv(config, settings.gateway_workers)
    os.execv(argv[0], argv)  # noqa: S606 - Envoy replaces this process
    return 1  # not reached


def main(argv: list[str]) -> int:
    commands = {"build": build, "validate": validate_built, "run": run}
    if len(argv) != 1 or argv[0] not in commands:
        print(__doc__, file=sys.stderr)
        return 2
    return commands[argv[0]]()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
