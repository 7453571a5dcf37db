"""Which cloud engines to skip for now: one that just failed is rested for a while, so every
request behind it does not wait out the same timeout. Plain rules with an injectable clock."""

from __future__ import annotations

import time
from collections.abc import Callable

from services.voice.catalogue import Engine


class EngineHealth:
    def __init__(
        self, cooldown_seconds: float, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self._cooldown = cooldown_seconds
        self._clock = clock
        self._resting_until: dict[Engine, float] = {}

    def usable(self, engine: Engine) -> bool:
        return self._clock() >= self._resting_until.get(engine, 0.0)

    def failed(self, engine: Engine) -> None:
        if self._cooldown > 0:
            self._resting_until[engine] = self._clock() + self._cooldown

    def succeeded(self, engine: Engine) -> None:
        self._resting_until.pop(engine, None)
