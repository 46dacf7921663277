"""The harvest schedule inside the server: a background thread that, every poll interval,
creates jobs for the sources whose daily/weekly run is due and runs every New job (also
those made by harvest_job_create). Started by the app's lifespan when
`Settings.harvest_scheduler` is on (OPENDATA_HARVEST_SCHEDULER, on for `opendata serve`).
"""

from __future__ import annotations

import logging
import threading
from typing import Any

from catalog.actions.registry import ActionRegistry
from harvesters.runner import run_pending

log = logging.getLogger(__name__)


class HarvestScheduler:
    def __init__(self, services: Any, registry: ActionRegistry, interval: float = 60.0) -> None:
        self.services = services
        self.registry = registry
        self.interval = interval
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self.runs = 0  # completed polls, for tests and monitoring

    def start(self) -> None:
        self._thread = threading.Thread(target=self._loop, name="harvest-scheduler", daemon=True)
        self._thread.start()

    def stop(self, timeout: float = 5.0) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout)

    def _loop(self) -> None:
        while not self._stop.is_set():
            try:
                for summary in run_pending(self.services, self.registry):
                    log.info("harvest %s", summary.line())
            except Exception:  # noqa: BLE001  (a failed poll is logged; the next one retries)
                log.exception("harvest scheduler poll failed")
            self.runs += 1
            self._stop.wait(self.interval)
