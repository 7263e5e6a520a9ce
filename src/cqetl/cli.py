"""The `cqetl` command: run, eval, explain, serve."""
from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Optional

import typer

from .config import ConfigError, load_config

app = typer.Typer(add_completion=False, no_args_is_help=True, help=__doc__)

ConfigOpt = typer.Option(None, "--config", "-c", help="config file (partial files merge over the packaged defaults)")


def _config(path: Optional[Path], **overrides):
    if path is None and Path("config.yaml").is_file():
        path = Path("config.yaml")
    try:
        return load_config(path, **overrides)
    except ConfigError as exc:
        typer.secho(f"invalid configuration:\n{exc}", fg="red", err=True)
        raise typer.Exit(2) from None


def prefect_home() -> Path:
    return Path(os.environ.get("PREFECT_HOME") or Path.cwd() / ".prefect")


def prefect_env() -> None:
    """Prefect state in a project-local folder, no telemetry; a recorded local server reused."""
    home = prefect_home()
    os.environ.setdefault("PREFECT_HOME", str(home))
    os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
    os.environ.setdefault("PREFECT_LOCAL_STORAGE_PATH", str(home / "storage"))
    # the temporary server migrates a new database on its first start: give it time on a busy machine
    os.environ.setdefault("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", "180")
    from flows import server

    if "PREFECT_API_URL" not in os.environ and (url := server.recorded_url(home)):
        os.environ["PREFECT_API_URL"] = url


@app.command()
def run(config: Optional[Path] = ConfigOpt,
        input: Optional[Path] = typer.Option(None, "--input", "-i", help="folder of raw pages"),
        output: Optional[Path] = typer.Option(None, "--output", "-o", help="folder for the Parquet tables"),
        full: bool = typer.Option(False, "--full", help="reprocess every page, not only new ones")) -> None:
    """Run the ETL flow over the input folder."""
    cfg = _config(config, input_dir=input, output_dir=output)
    from . import store
    if not Path(cfg.input_dir).is_dir():
        typer.secho(f"input folder {cfg.input_dir} does not exist", fg="red", err=True)
        raise typer.Exit(2)
    try:
        store.check_output_dir(Path(cfg.output_dir))
    except store.OutputError as exc:
        typer.secho(str(exc), fg="red", err=True)
        raise typer.Exit(2) from None
    prefect_env()
    from flows.etl import run as run_flow

    from . import report
    try:
        summary = run_flow(cfg, full)
    except store.LockedError as exc:
        typer.secho(str(exc), fg="red", err=True)
        raise typer.Exit(3) from None
    typer.echo(report.text(summary))


@app.command("eval")
def eval_(set_dir: Path = typer.Argument(..., help="gold set folder with raw/ and gold/"),
          config: Optional[Path] = ConfigOpt,
          output: Optional[Path] = typer.Option(None, "--output", "-o", help="keep the tables here (default: a temporary folder)")) -> None:
    """Run the pipeline on SET_DIR/raw and print the scores against SET_DIR/gold."""
    from . import evaluate, runner
    if not (set_dir / "raw").is_dir() or not (set_dir / "gold").is_dir():
        typer.secho(f"{set_dir} needs raw/ and gold/ folders", fg="red", err=True)
        raise typer.Exit(2)
    with tempfile.TemporaryDirectory(prefix="cqetl-eval-") as tmp:
        out = output or Path(tmp)
        cfg = _config(config, input_dir=set_dir / "raw", output_dir=out)
        runner.run_local(cfg, full=True)
        typer.echo(evaluate.format_scores(evaluate.score(set_dir, out)))


@app.command()
def explain(file: Path = typer.Argument(..., help="one raw page"), config: Optional[Path] = ConfigOpt) -> None:
    """Show every line kept or removed with its reason, then what was read from the page."""
    from . import explain as ex
    cfg = _config(config)
    typer.echo(ex.explain_file(file, cfg))


@app.command()
def serve(config: Optional[Path] = ConfigOpt) -> None:
    """Serve a deployment of the flow on the cron schedule of the config."""
    cfg = _config(config)
    prefect_env()
    from flows.serve import serve_deployment
    serve_deployment(cfg)


server_app = typer.Typer(help="A long-lived local Prefect server that runs reuse (faster start, same history).")
app.add_typer(server_app, name="server")


@server_app.command("start")
def server_start(port: Optional[int] = typer.Option(None, help="port on 127.0.0.1 (default: a free one)")) -> None:
    """Start the server in the background and record it for later runs."""
    from flows import server
    typer.echo(f"Prefect server at {server.start(prefect_home(), port)} (UI: the same address without /api)")


@server_app.command("stop")
def server_stop() -> None:
    """Stop the recorded server."""
    from flows import server
    typer.echo("stopped" if server.stop(prefect_home()) else "no server recorded")


def main() -> None:  # pragma: no cover - entry point
    app()
