"""Ops commands: ``hurtigspor worker``, ``hurtigspor backup OUT``, ``hurtigspor restore FILE``."""

from __future__ import annotations

from pathlib import Path

import click
from flask import current_app
from flask.cli import with_appcontext

from webapp.extensions import db


@click.command("worker")
@click.option("--burst", is_flag=True, help="Run the queued jobs, then exit.")
@click.option(
    "--simple", is_flag=True, help="Run jobs in this process instead of a forked work horse."
)
@with_appcontext
def worker_command(burst: bool, simple: bool) -> None:
    """Run an RQ worker for background jobs (needs REDIS_URL)."""
    from webapp.jobs.worker import WorkerConfigError, run_worker

    app = current_app._get_current_object()  # type: ignore[attr-defined]
    try:
        run_worker(app, burst=burst, simple=simple)
    except WorkerConfigError as e:
        raise click.ClickException(str(e)) from e


@click.command("backup")
@click.argument("out", type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "--pg-dump",
    "pg_dump",
    default="pg_dump",
    show_default=True,
    help="pg_dump binary (PostgreSQL).",
)
@with_appcontext
def backup_command(out: Path, pg_dump: str) -> None:
    """Back up the database to OUT (SQLite: online backup API; PostgreSQL: pg_dump -Fc)."""
    from webapp.services.backup import BackupError, backup_database

    try:
        result = backup_database(db.engine.url, out, pg_dump=pg_dump)
    except BackupError as e:
        raise click.ClickException(str(e)) from e
    click.echo(f"Backup written: {result.path} ({result.engine}, {result.size_bytes} bytes)")


@click.command("restore")
@click.argument("source", type=click.Path(dir_okay=False, exists=True, path_type=Path))
@click.option(
    "--pg-restore", "pg_restore", default="pg_restore", show_default=True, help="pg_restore binary."
)
@click.option("--yes", is_flag=True, help="Do not ask for confirmation.")
@with_appcontext
def restore_command(source: Path, pg_restore: str, yes: bool) -> None:
    """Replace the database contents with the backup in SOURCE (stop the app and workers first)."""
    from webapp.services.backup import BackupError, restore_database

    if not yes:
        click.confirm(
            "This replaces every row in the database with the backup. Continue?", abort=True
        )
    db.session.remove()
    db.engine.dispose()  # our own pooled connections would hold locks pg_restore --clean needs
    try:
        result = restore_database(db.engine.url, source, pg_restore=pg_restore)
    except BackupError as e:
        raise click.ClickException(str(e)) from e
    click.echo(f"Restored {result.path} ({result.engine}).")


COMMANDS = (worker_command, backup_command, restore_command)
