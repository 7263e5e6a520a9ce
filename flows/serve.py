"""Serve the ETL flow as a deployment on the config's cron schedule."""
from __future__ import annotations

from prefect import serve
from prefect.deployments.runner import RunnerDeployment

from cqetl.config import Config
from flows.etl import etl

DEPLOYMENT = "cqetl-scheduled"


def deployment_for(cfg: Config) -> RunnerDeployment:
    """The same flow with the same parameters as `cqetl run`, on the config's cron schedule."""
    return etl.to_deployment(
        name=DEPLOYMENT,
        cron=cfg.schedule.cron,
        parameters={"cfg": cfg.model_dump(mode="json"), "full": False},
    )


def serve_deployment(cfg: Config) -> None:
    """Register and serve the deployment; its schedule is not paused on shutdown."""
    serve(deployment_for(cfg), pause_on_shutdown=False)
