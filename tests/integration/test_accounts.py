"""Accounts, invites and the login throttle, against a real database."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from tests import factories
from webapp.models import Invite, LoginThrottle, Role, User
from webapp.services import accounts
from webapp.services.errors import InvalidSecret, InviteInvalid, LoginLocked

NOW = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)


def test_password_is_hashed_with_argon2(session: Session) -> None:
    org = factories.make_organisation(session)
    user = accounts.create_user(
        session,
        organisation=org,
        role=Role.TEACHER,
        display_name="Hanne Lie",
        password="hemmelig-1",
    )
    assert user.password_hash and user.password_hash.startswith("$argon2id$")
    assert "hemmelig-1" not in user.password_hash
    assert accounts.verify_secret(user.password_hash, "hemmelig-1")
    assert not accounts.verify_secret(user.password_hash, "feil")
    assert not accounts.verify_secret(None, "hemmelig-1")


def test_username_from_norwegian_name_is_ascii_and_unique(session: Session) -> None:
    org = factories.make_organisation(session)
    a = accounts.create_user(
        session, organisation=org, role=Role.PARTICIPANT, display_name="Åse Øyen"
    )
    b = accounts.create_user(
        session, organisation=org, role=Role.PARTICIPANT, display_name="Åse Ærlig"
    )
    assert a.username.startswith("ase") and a.username[3:].isdigit()
    assert a.username != b.username


def test_invite_is_single_use_and_stores_only_a_hash(session: Session) -> None:
    org = factories.make_organisation(session)
    person = factories.make_participant(session, org, with_password=False)
    code = accounts.issue_invite(session, person.user, now=NOW)
    stored = session.scalar(select(Invite).where(Invite.user_id == person.user_id))
    assert stored is not None and code not in stored.code_hash
    user = accounts.redeem_invite(
        session, code.lower(), "mitt-passord", now=NOW + timedelta(hours=1)
    )
    assert accounts.verify_secret(user.password_hash, "mitt-passord")
    with pytest.raises(InviteInvalid):
        accounts.redeem_invite(session, code, "et-annet-passord", now=NOW + timedelta(hours=2))


def test_invite_expires(session: Session) -> None:
    org = factories.make_organisation(session)
    person = factories.make_participant(session, org, with_password=False)
    code = accounts.issue_invite(session, person.user, valid_days=14, now=NOW)
    with pytest.raises(InviteInvalid):
        accounts.find_open_invite(session, code, now=NOW + timedelta(days=14, seconds=1))
    assert accounts.find_open_invite(
        session, accounts.format_invite_code(code), now=NOW + timedelta(days=13)
    )


def test_new_invite_revokes_the_old_one(session: Session) -> None:
    org = factories.make_organisation(session)
    person = factories.make_participant(session, org, with_password=False)
    old = accounts.issue_invite(session, person.user, now=NOW)
    new = accounts.issue_invite(session, person.user, now=NOW)
    with pytest.raises(InviteInvalid):
        accounts.find_open_invite(session, old, now=NOW)
    assert accounts.find_open_invite(session, new, now=NOW).user_id == person.user_id


def test_pin_only_when_the_organisation_allows_it(session: Session) -> None:
    org = factories.make_organisation(session, allow_pin=False)
    person = factories.make_participant(session, org, with_password=False)
    code = accounts.issue_invite(session, person.user, now=NOW)
    with pytest.raises(InvalidSecret, match="pin_not_allowed"):
        accounts.redeem_invite(session, code, "482916", pin=True, now=NOW)
    org.allow_pin = True
    with pytest.raises(InvalidSecret, match="pin_too_simple"):
        accounts.redeem_invite(session, code, "123456", pin=True, now=NOW)
    with pytest.raises(InvalidSecret, match="pin_format"):
        accounts.redeem_invite(session, code, "48291", pin=True, now=NOW)
    user = accounts.redeem_invite(session, code, "482916", pin=True, now=NOW)
    assert user.uses_pin


def test_short_password_is_refused(session: Session) -> None:
    org = factories.make_organisation(session)
    person = factories.make_participant(session, org, with_password=False)
    code = accounts.issue_invite(session, person.user, now=NOW)
    with pytest.raises(InvalidSecret, match="password_too_short"):
        accounts.redeem_invite(session, code, "kort", now=NOW)


def test_lockout_after_failures_is_stored_in_the_database(session: Session) -> None:
    org = factories.make_organisation(session)
    user = factories.make_user(session, org)
    policy = accounts.ThrottlePolicy(max_failures=3, lock_minutes=15)
    for _ in range(3):
        assert (
            accounts.authenticate(
                session, user.username, "feil", ip="10.0.0.1", policy=policy, now=NOW
            )
            is None
        )
    row = session.scalar(select(LoginThrottle).where(LoginThrottle.key == f"user:{user.username}"))
    assert row is not None and row.locked_until == NOW + timedelta(minutes=15)
    with pytest.raises(LoginLocked):  # even the right password is refused while locked
        accounts.authenticate(
            session, user.username, factories.PASSWORD, ip="10.0.0.2", policy=policy, now=NOW
        )
    later = NOW + timedelta(minutes=16)
    assert accounts.authenticate(
        session, user.username, factories.PASSWORD, ip="10.0.0.2", policy=policy, now=later
    )


def test_unknown_usernames_lock_the_same_way(session: Session) -> None:
    policy = accounts.ThrottlePolicy(max_failures=2)
    for _ in range(2):
        assert (
            accounts.authenticate(session, "finnesikke", "x", ip="10.0.0.9", policy=policy, now=NOW)
            is None
        )
    with pytest.raises(LoginLocked):
        accounts.authenticate(session, "finnesikke", "x", ip="10.0.0.9", policy=policy, now=NOW)


def test_ip_limit_across_usernames(session: Session) -> None:
    policy = accounts.ThrottlePolicy(max_failures=100, max_failures_per_ip=3)
    for name in ("a", "b", "c"):
        accounts.authenticate(session, name, "x", ip="10.9.9.9", policy=policy, now=NOW)
    with pytest.raises(LoginLocked):
        accounts.authenticate(session, "d", "x", ip="10.9.9.9", policy=policy, now=NOW)


def test_change_secret_bumps_session_version(session: Session) -> None:
    org = factories.make_organisation(session)
    user = factories.make_user(session, org)
    before = user.session_version
    with pytest.raises(InvalidSecret, match="wrong_current"):
        accounts.change_secret(session, user, current="feil", new="nytt-passord")
    accounts.change_secret(session, user, current=factories.PASSWORD, new="nytt-passord")
    assert user.session_version == before + 1
    assert session.get(User, user.id) is user


def test_wrong_invite_codes_are_throttled_per_ip(session: Session) -> None:
    org = factories.make_organisation(session)
    person = factories.make_participant(session, org, with_password=False)
    code = accounts.issue_invite(session, person.user, now=NOW)
    for n in range(accounts.INVITE_MAX_FAILURES_PER_IP):
        with pytest.raises(InviteInvalid):
            accounts.check_invite(session, f"WRONG{n:03d}", ip="10.1.1.1", now=NOW)
    with pytest.raises(LoginLocked):  # even the right code waits while the IP is paused
        accounts.check_invite(session, code, ip="10.1.1.1", now=NOW)
    assert accounts.check_invite(session, code, ip="10.2.2.2", now=NOW).user_id == person.user_id
