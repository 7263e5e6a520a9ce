"""Serve the ETL flow as a deployment on the config's cron schedule."""
from __future__ import annotations

from cqetl.config import Config
from flows.etl import etl

DEPLOYMENT = "cqetl-scheduled"


def serve_deployment(cfg: Config) -> None:
    """Same flow, same parameters as `cqetl run`; the schedule is not paused on shutdown."""
    etl.serve(
        name=DEPLOYMENT,
        cron=cfg.schedule.cron,
        parameters={"cfg": cfg.model_dump(mode="json"), "full": False},
        pause_on_shutdown=False,
    )
