"""Command line: ``hurtigspor db upgrade|seed-demo|create-admin|serve`` (= ``flask``)."""

from __future__ import annotations

import click
from flask import Flask, current_app
from flask.cli import FlaskGroup, with_appcontext

from webapp.extensions import db_session


def _create_app() -> Flask:
    from webapp import create_app

    return create_app()


def main() -> None:
    """Console entry point ``hurtigspor``."""
    cli = FlaskGroup(
        create_app=_create_app, help="Hurtigspor: administration and development server."
    )
    cli.main(prog_name="hurtigspor")


@click.command("seed-demo")
@click.option("--if-empty", is_flag=True, help="Do nothing if any organisation exists.")
@with_appcontext
def seed_demo_command(if_empty: bool) -> None:
    """Create the demo school, staff, class, employers, mentors and placements."""
    from webapp.services.demo import DEMO_PASSWORD, DemoExists, seed_demo

    try:
        summary = seed_demo(db_session)
    except DemoExists as e:
        if if_empty:
            click.echo("Database already has data; demo not added.")
            return
        raise click.ClickException(
            "The database already has data; the demo needs an empty database."
        ) from e
    db_session.commit()
    click.echo(f"Demo created: {summary}. All demo logins use the password {DEMO_PASSWORD!r}.")


@click.command("create-admin")
@click.option(
    "--organisation", "organisation_name", required=True, help="Organisation name (created if new)."
)
@click.option("--name", "display_name", required=True, help="The admin's full name.")
@click.option("--username", required=True)
@click.password_option("--password", help="At least 8 characters.")
@with_appcontext
def create_admin_command(
    organisation_name: str, display_name: str, username: str, password: str
) -> None:
    """Create an organisation admin account."""
    from webapp.models import Role
    from webapp.services.accounts import create_user, validate_secret
    from webapp.services.errors import InvalidSecret
    from webapp.services.organisations import get_or_create_organisation

    try:
        validate_secret(password, pin=False, pin_allowed=False)
    except InvalidSecret as e:
        raise click.BadParameter("password must have at least 8 characters") from e
    org = get_or_create_organisation(db_session, name=organisation_name)
    user = create_user(
        db_session,
        organisation=org,
        role=Role.ADMIN,
        display_name=display_name,
        username=username,
        password=password,
    )
    db_session.commit()
    click.echo(f"Admin {user.username!r} created in {org.name!r}.")


@click.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=5000, show_default=True, type=int)
@with_appcontext
def serve_command(host: str, port: int) -> None:
    """Run the development server (production: gunicorn 'webapp:create_app()')."""
    from werkzeug.serving import run_simple

    app = current_app._get_current_object()  # type: ignore[attr-defined]
    click.echo(f"Hurtigspor on http://{host}:{port}/")
    run_simple(host, port, app, use_reloader=False, use_debugger=False, threaded=True)


def register_commands(app: Flask) -> None:
    """Attach the commands to ``app.cli``."""
    from webapp.ops.commands import COMMANDS as ops_commands

    for command in (seed_demo_command, create_admin_command, serve_command, *ops_commands):
        app.cli.add_command(command)
