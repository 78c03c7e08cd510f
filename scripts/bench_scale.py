"""Data at scale: "what is due now" and the class dashboard with millions of scheduling states.

Usage: ``.venv/bin/python scripts/bench_scale.py [--sizes 1000000,10000000] [--json]``

Seeds a scratch PostgreSQL database (``hurtigspor_scale``, created and dropped here) with
participants × ``--states-per-participant`` (1,000) ``card_states`` rows, in stages up to each size
(1 M = 1,000 participants, 10 M = 10,000), plus ``--answers-per-participant`` answers each.  The
small rows (school, employer, the published "lager" starter profile: 904 exercise items) go through
the app's services; the bulk rows through ``INSERT ... SELECT`` over ``generate_series`` /
``CROSS JOIN`` (no ORM loops).  Each card holds the real JSON snapshot of a generated item and a
valid FSRS state (97 % reviewed, about 8 % due now).  Participants are
in classes of 15 with an active placement, so the services see them as they would in production.

At each size, over random participants / classes:

* ``due``: what is due now, as ``webapp.services.practice.next_session`` finds it:
  ``webapp.services.practice.due_states`` (the cards due by now plus the learn-ahead window, an
  index range on (participant_id, due), without the ``item`` JSON column; and the ids of the
  reviewed cards not yet due).  For comparison: ``due_all_states`` (what ``next_session`` did
  before 2026-11-26: every card of the participant through the ORM, ``due <= now`` in Python),
  ``due_indexed`` (``due <= now`` in SQL alone), ``due_count`` and the whole ``next_session`` call
  (rolled back).
* ``dashboard``: ``webapp.services.progress.class_progress`` for a class of 15 (the service the
  teacher's page calls; rolled back), and ``dashboard_sql``: one query with the nearest equivalent
  figures per participant (due count, last activity, known terms = reviewed and not yet due).

Prints ``EXPLAIN (ANALYZE, BUFFERS)`` of each query, and a list of sequential scans (table, filter)
among every SELECT the two services send.  Targets: due p95 <= 20 ms, dashboard p95 <= 200 ms.
The last line is one JSON object (``due_p95_ms`` and ``dashboard_p95_ms`` per size); the details
go to ``benchmarks/results/scale.json``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import re
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _stack import (  # noqa: E402 - after the path tweak
    DEFAULT_PG_ADMIN,
    ROOT,
    create_schema,
    log,
    machine_info,
    make_app,
    percentile,
    postgres_version,
    scratch_database,
)

RESULT = ROOT / "benchmarks" / "results" / "scale.json"
CLASS_SIZE = 15
HELP_LANGUAGE = "ar"
TARGET_DUE_MS = 20.0
TARGET_DASHBOARD_MS = 200.0
BIG_TABLES = frozenset(
    {
        "card_states",
        "answers",
        "participants",
        "users",
        "enrolments",
        "placements",
        "school_classes",
        "evidence_records",
        "progress_snapshots",
        "skill_states",
    }
)


class ScaleError(RuntimeError):
    """The scale benchmark could not seed or measure."""


# --- seeding ---------------------------------------------------------------------------------


def seed_base(app: Any) -> dict[str, Any]:
    """School, employer, the published lager profile, and the item template (904 real items)."""
    from sqlalchemy import JSON, Boolean, Column, Integer, MetaData, String, Table, select

    from exercises.items import generate_items
    from language_profiles.lexicon import load_lexicon
    from webapp.extensions import db
    from webapp.models import ProfilePhrase, ProfileTerm, Role
    from webapp.services import accounts, employers, profiles
    from webapp.services.organisations import create_organisation
    from webapp.services.published import published_for_employer

    with app.app_context():
        s = db.session
        org = create_organisation(s, name="Skala voksenopplæring", kind="school")
        teacher = accounts.create_user(
            s,
            organisation=org,
            role=Role.TEACHER,
            display_name="Skala Lærer",
            username="skalalaerer",
        )
        employer = employers.create_employer(
            s, organisation_id=org.id, name="Skala Lager AS", sector="lager", address="Oslo"
        )
        profile = profiles.create_profile(
            s,
            organisation_id=org.id,
            name="Skala – lager",
            employer_id=employer.id,
            starter_sector="lager",
            created_by_id=teacher.id,
        )
        draft = profiles.draft_version(s, profile)
        if draft is None:
            raise ScaleError("the starter profile made no draft")
        profiles.bulk_terms(
            s,
            profile,
            list(s.scalars(select(ProfileTerm.id).where(ProfileTerm.version_id == draft.id))),
            action="accept",
        )
        phrase_ids = list(
            s.scalars(select(ProfilePhrase.id).where(ProfilePhrase.version_id == draft.id))
        )
        if phrase_ids:
            profiles.bulk_phrases(s, profile, phrase_ids, action="accept")
        profiles.publish(s, profile, user_id=teacher.id)
        s.commit()
        published = published_for_employer(s, employer.id)[0]
        lexicon = load_lexicon()
        # Item ids do not depend on the random generator (only the distractors do), so these
        # are the ids ``next_session`` generates for this profile version.
        generated = generate_items(
            published.profile,
            rng=random.Random(0),  # noqa: S311 - not security
            help_language=HELP_LANGUAGE,
            similar_words=lexicon.similar,
            is_word=lexicon.is_word,
        ).items
        template = Table(
            "scale_card_template",
            MetaData(),
            Column("n", Integer, primary_key=True),
            Column("item_key", String(80)),
            Column("item_type", String(30)),
            Column("term_lemma", String(200)),
            Column("item", JSON),
            Column("safety", Boolean),
        )
        template.create(db.engine)
        rows = []
        for n in range(1000):
            item = generated[n % len(generated)]
            # Past the profile's 904 items: states left from an older profile version.
            key = item.id if n < len(generated) else f"{item.id}-v0"
            rows.append(
                {
                    "n": n + 1,
                    "item_key": key,
                    "item_type": item.type,
                    "term_lemma": item.lemma[:200],
                    "item": item.to_dict(),
                    "safety": item.safety,
                }
            )
        s.execute(template.insert(), rows)
        s.commit()
        info = {
            "organisation_id": org.id,
            "employer_id": employer.id,
            "profile_id": profile.id,
            "items_generated": len(generated),
        }
    return info


_USERS = """
INSERT INTO users (organisation_id, role, username, display_name, uses_pin, active,
                   session_version, created_at)
SELECT :org, 'participant', 'skala' || lpad(g::text, 5, '0'), 'Skala Deltaker ' || g,
       false, true, 1, now()
FROM generate_series(CAST(:first AS integer), CAST(:last AS integer)) AS g
"""
_PARTICIPANTS = """
INSERT INTO participants (organisation_id, user_id, full_name, first_language, created_at)
SELECT :org, u.id, u.display_name, 'arabisk', now() - interval '120 days'
FROM users u
WHERE u.username BETWEEN 'skala' || lpad(CAST(:first AS text), 5, '0')
                     AND 'skala' || lpad(CAST(:last AS text), 5, '0')
ORDER BY u.username
"""
_CLASSES = """
INSERT INTO school_classes (organisation_id, name, start_date, created_at)
SELECT :org, 'Skalaklasse ' || g, DATE '2026-08-17', now()
FROM generate_series(CAST(:first_class AS integer),
                     CAST(:last_class AS integer)) AS g
"""
_ENROL = """
INSERT INTO enrolments (class_id, participant_id, joined_on)
SELECT c.id, p.id, DATE '2026-08-17'
FROM participants p
JOIN users u ON u.id = p.user_id
JOIN school_classes c
  ON c.name = 'Skalaklasse ' || ((substr(u.username, 6)::int - 1) / CAST(:size AS integer) + 1)
WHERE u.username BETWEEN 'skala' || lpad(CAST(:first AS text), 5, '0')
                     AND 'skala' || lpad(CAST(:last AS text), 5, '0')
"""
_PLACEMENTS = """
INSERT INTO placements (organisation_id, participant_id, employer_id, phase, status,
                        planned_start, planned_end, created_at)
SELECT :org, p.id, :employer, 'praksis', 'active', DATE '2026-10-01', DATE '2027-01-29', now()
FROM participants p JOIN users u ON u.id = p.user_id
WHERE u.username BETWEEN 'skala' || lpad(CAST(:first AS text), 5, '0')
                     AND 'skala' || lpad(CAST(:last AS text), 5, '0')
"""
#: A steady state after months of practice: 97 % reviewed (stability 1-120 days, due dates from a
#: week ago to three months ahead, so about 8 % are due now), 3 % planned in the last two days
#: but not yet answered (due when created).  The ``state`` JSON is exactly
#: ``exercises.scheduling.CardState.to_dict()`` (checked after seeding with ``from_dict``).
_CARDS = """
INSERT INTO card_states (participant_id, profile_id, item_key, item_type, term_lemma, item, state,
                         safety, due, reps, lapses, last_review_at, created_at, lock_version)
SELECT pid, :profile, item_key, item_type, term_lemma, item,
       json_build_object(
         'item_id', item_key,
         'due', to_char(due AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"+00:00"'),
         'state', CASE WHEN reviewed THEN 'review' ELSE 'learning' END,
         'step', CASE WHEN reviewed THEN NULL ELSE 0 END,
         'stability', stability,
         'difficulty', difficulty,
         'last_review', to_char(last_review AT TIME ZONE 'UTC',
                                'YYYY-MM-DD"T"HH24:MI:SS.US"+00:00"'),
         'safety', safety, 'reps', reps, 'lapses', lapses),
       safety, due, reps, lapses, last_review, created, 1
FROM (
  SELECT a.*,
         CASE WHEN reviewed THEN reviewed_due - stability * interval '1 day' END AS last_review,
         CASE WHEN reviewed THEN reviewed_due ELSE new_created END AS due,
         CASE WHEN reviewed THEN old_created ELSE new_created END AS created
  FROM (
    SELECT p.id AS pid, t.item_key, t.item_type, t.term_lemma, t.item, t.safety,
           t.r1 < 0.97 AS reviewed,
           now() - interval '7 days' + t.r3 * interval '90 days' AS reviewed_due,
           now() - interval '150 days' + t.r2 * interval '20 days' AS old_created,
           now() - t.r2 * interval '2 days' AS new_created,
           CASE WHEN t.r1 < 0.97 THEN round((1 + t.r2 * 119)::numeric, 3)::float END AS stability,
           CASE WHEN t.r1 < 0.97 THEN round((1 + t.r3 * 9)::numeric, 3)::float END AS difficulty,
           CASE WHEN t.r1 < 0.97 THEN 1 + floor(t.r2 * 10)::int ELSE 0 END AS reps,
           CASE WHEN t.r1 < 0.97 THEN floor(t.r3 * 3)::int ELSE 0 END AS lapses
    FROM (
      SELECT p.id FROM participants p JOIN users u ON u.id = p.user_id
      WHERE u.username BETWEEN 'skala' || lpad(CAST(:first AS text), 5, '0')
                           AND 'skala' || lpad(CAST(:last AS text), 5, '0')
      ORDER BY p.id
    ) AS p
    -- LATERAL (correlated on p.id): one participant's 1,000 rows after the other, as they
    -- would sit after months of practice, and fresh random values for every row.
    CROSS JOIN LATERAL (
      SELECT t.*, random() AS r1, random() AS r2, random() AS r3
      FROM scale_card_template t WHERE p.id IS NOT NULL ORDER BY t.n
    ) AS t
  ) AS a
) AS b
"""
_ANSWERS = """
INSERT INTO answers (participant_id, client_id, item_key, item_type, response, correct, rating,
                     verdict, skills, level, duration_ms, answered_at, received_at)
SELECT p.id, md5(p.id || '-' || g), t.item_key, t.item_type, 'svar', g % 4 <> 0,
       CASE WHEN g % 4 <> 0 THEN 3 ELSE 1 END, '{}'::json, '[]'::json, 'A2', 5000, at, at
FROM (
  SELECT p.id, g, now() - random() * interval '30 days' AS at
  FROM participants p JOIN users u ON u.id = p.user_id
  CROSS JOIN generate_series(1, CAST(:per AS integer)) AS g
  WHERE u.username BETWEEN 'skala' || lpad(CAST(:first AS text), 5, '0')
                       AND 'skala' || lpad(CAST(:last AS text), 5, '0')
) AS p(id, g, at)
JOIN scale_card_template t ON t.n = p.g
"""


def seed_participants(
    engine: Any, base: dict[str, Any], *, first: int, last: int, answers_per: int, chunk: int
) -> dict[str, float]:
    """Participants ``first..last`` (1-based) with their classes, placements, cards, answers."""
    from sqlalchemy import text

    times: dict[str, float] = {}
    params = {"org": base["organisation_id"], "first": first, "last": last}
    t0 = time.perf_counter()
    with engine.begin() as conn:
        conn.execute(text(_USERS), params)
        conn.execute(text(_PARTICIPANTS), params)
        conn.execute(
            text(_CLASSES),
            {
                "org": base["organisation_id"],
                "first_class": (first - 1) // CLASS_SIZE + 1,
                "last_class": (last - 1) // CLASS_SIZE + 1,
            },
        )
        # A class split over two stages exists once: the second stage adds no duplicate name.
        conn.execute(
            text(
                "DELETE FROM school_classes c USING school_classes d "
                "WHERE c.name = d.name AND c.id > d.id"
            )
        )
        conn.execute(text(_ENROL), {**params, "size": CLASS_SIZE})
        conn.execute(text(_PLACEMENTS), {**params, "employer": base["employer_id"]})
    times["people_s"] = round(time.perf_counter() - t0, 1)
    t0 = time.perf_counter()
    for start in range(first, last + 1, chunk):
        stop = min(last, start + chunk - 1)
        with engine.begin() as conn:
            conn.execute(text("SET LOCAL synchronous_commit = off"))
            conn.execute(
                text(_CARDS), {"profile": base["profile_id"], "first": start, "last": stop}
            )
            conn.execute(text(_ANSWERS), {"per": answers_per, "first": start, "last": stop})
        done = stop - first + 1
        rate = done * 1000 / (time.perf_counter() - t0)
        log(f"[scale] participants {start}-{stop}: {done * 1000:,} card rows ({rate:,.0f} rows/s)")
    times["cards_s"] = round(time.perf_counter() - t0, 1)
    t0 = time.perf_counter()
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        for table in (
            "card_states",
            "answers",
            "participants",
            "users",
            "enrolments",
            "placements",
            "school_classes",
        ):
            conn.execute(text(f"VACUUM (ANALYZE) {table}"))  # noqa: S608 - fixed names
    times["vacuum_analyze_s"] = round(time.perf_counter() - t0, 1)
    return times


def check_states(session: Any, sample: int = 50) -> None:
    """Every seeded state must load with ``CardState.from_dict``; reviewed ones must be due-able."""
    from sqlalchemy import select

    from exercises.scheduling import CardState as SchedState
    from exercises.scheduling import retrievability
    from webapp.models import CardState

    now = dt.datetime.now(dt.UTC)
    for row in session.scalars(select(CardState).limit(sample)):
        state = SchedState.from_dict(row.state)
        if state.due != row.due:
            raise ScaleError(f"state due {state.due} differs from column {row.due}")
        if row.last_review_at is not None:
            retrievability(state, now)


def table_sizes(engine: Any) -> dict[str, Any]:
    """Row counts and on-disk sizes of the big tables."""
    from sqlalchemy import text

    out: dict[str, Any] = {}
    with engine.connect() as conn:
        for table in ("card_states", "answers"):
            rows = conn.execute(text(f"SELECT count(*) FROM {table}")).scalar_one()  # noqa: S608
            size = conn.execute(
                text(
                    "SELECT pg_size_pretty(pg_total_relation_size(:t)), "
                    "pg_size_pretty(pg_indexes_size(:t))"
                ),
                {"t": table},
            ).one()
            out[table] = {"rows": int(rows), "total_size": size[0], "index_size": size[1]}
        out["card_states_indexes"] = [
            r[0]
            for r in conn.execute(
                text(
                    "SELECT indexdef FROM pg_indexes WHERE tablename = 'card_states' "
                    "ORDER BY indexname"
                )
            )
        ]
    return out


# --- the queries ------------------------------------------------------------------------------


def due_service(session: Any, pid: int, now: dt.datetime) -> int:
    """What ``next_session`` reads to plan: ``due_states`` (due cards + reviewed ids)."""
    from webapp.services.practice import due_states

    states, _reviewed = due_states(session, pid, now=now)
    return sum(1 for s in states if s.due <= now)


def due_all_states(session: Any, pid: int, now: dt.datetime) -> int:
    """The earlier planning read: every state of the participant (all columns), then due <= now."""
    from sqlalchemy import select

    from webapp.models import CardState

    rows = session.scalars(select(CardState).where(CardState.participant_id == pid)).all()
    return sum(1 for r in rows if r.due <= now)


def due_states_only(session: Any, pid: int, now: dt.datetime) -> int:
    """The service's query without the ``item`` snapshot column (what planning needs)."""
    from sqlalchemy import select

    from webapp.models import CardState

    rows = session.execute(
        select(CardState.item_key, CardState.state, CardState.due).where(
            CardState.participant_id == pid
        )
    ).all()
    return sum(1 for r in rows if r.due <= now)


def due_indexed_query(pid: int, now: dt.datetime) -> Any:
    """The due states of one participant, oldest first, with ``due <= now`` in SQL."""
    from sqlalchemy import select

    from webapp.models import CardState

    return (
        select(CardState)
        .where(CardState.participant_id == pid, CardState.due <= now)
        .order_by(CardState.due)
    )


def due_indexed(session: Any, pid: int, now: dt.datetime) -> int:
    return len(session.scalars(due_indexed_query(pid, now)).all())


def due_count(session: Any, pid: int, now: dt.datetime) -> int:
    from sqlalchemy import func, select

    from webapp.models import CardState

    return int(
        session.scalar(
            select(func.count())
            .select_from(CardState)
            .where(CardState.participant_id == pid, CardState.due <= now)
        )
    )


def dashboard_sql_query(class_id: int, now: dt.datetime) -> Any:
    """Per participant of the class: due count, last activity, known terms, reviewed cards.

    "Known" = reviewed and not yet due: FSRS schedules the due date where recall drops to the
    target retention, so before it the predicted recall is above target.
    """
    from sqlalchemy import func, select

    from webapp.models import Answer, CardState, Enrolment, Participant

    due = (
        select(func.count())
        .select_from(CardState)
        .where(CardState.participant_id == Enrolment.participant_id, CardState.due <= now)
        .correlate(Enrolment)
        .scalar_subquery()
    )
    last = (
        select(func.max(Answer.answered_at))
        .where(Answer.participant_id == Enrolment.participant_id)
        .correlate(Enrolment)
        .scalar_subquery()
    )
    known = (
        select(func.count(func.distinct(CardState.term_lemma)))
        .where(
            CardState.participant_id == Enrolment.participant_id,
            CardState.last_review_at.is_not(None),
            CardState.due > now,
        )
        .correlate(Enrolment)
        .scalar_subquery()
    )
    return (
        select(
            Participant.id,
            Participant.full_name,
            due.label("due"),
            last.label("last_activity"),
            known.label("known_terms"),
        )
        .join(Enrolment, Enrolment.participant_id == Participant.id)
        .where(Enrolment.class_id == class_id, Enrolment.left_on.is_(None))
        .order_by(Participant.full_name)
    )


def dashboard_sql(session: Any, class_id: int, now: dt.datetime) -> int:
    return len(session.execute(dashboard_sql_query(class_id, now)).all())


def dashboard_service(session: Any, class_id: int, now: dt.datetime) -> int:
    from webapp.models import SchoolClass
    from webapp.services.progress import class_progress

    school_class = session.get(SchoolClass, class_id)
    return len(class_progress(session, school_class, now=now).rows)


def session_service(session: Any, pid: int, now: dt.datetime) -> int:
    from webapp.services.practice import next_session

    return len(next_session(session, pid, now=now).items)


# --- measuring --------------------------------------------------------------------------------


def timed(
    session: Any, fn: Callable[[Any, int, dt.datetime], int], keys: list[int], now: dt.datetime
) -> list[float]:
    """Run ``fn`` once per key in a fresh transaction that is rolled back; milliseconds each."""
    out = []
    for key in keys:
        t0 = time.perf_counter()
        fn(session, key, now)
        out.append((time.perf_counter() - t0) * 1000)
        session.rollback()
        session.expunge_all()
    return out


def explain(session: Any, query: Any) -> str:
    """``EXPLAIN (ANALYZE, BUFFERS)`` of a SQLAlchemy select, with its bound values."""
    compiled = query.compile(dialect=session.get_bind().dialect)
    sql = "EXPLAIN (ANALYZE, BUFFERS) " + str(compiled)
    rows = session.connection().exec_driver_sql(sql, compiled.params).all()
    session.rollback()
    return "\n".join(r[0] for r in rows)


@contextmanager
def captured_selects(engine: Any) -> Iterator[list[tuple[str, Any]]]:
    """Every SELECT statement (with parameters) sent while the block runs."""
    from sqlalchemy import event

    seen: list[tuple[str, Any]] = []

    def listener(
        conn: Any, cursor: Any, statement: str, parameters: Any, context: Any, executemany: bool
    ) -> None:
        if statement.lstrip().upper().startswith("SELECT") and not executemany:
            seen.append((statement, parameters))

    event.listen(engine, "before_cursor_execute", listener)
    try:
        yield seen
    finally:
        event.remove(engine, "before_cursor_execute", listener)


def seq_scans(session: Any, statements: list[tuple[str, Any]]) -> list[dict[str, Any]]:
    """Sequential scans on the big tables in the plans of these statements."""
    found: dict[tuple[str, str], dict[str, Any]] = {}
    conn = session.connection()

    def walk(node: dict[str, Any], statement: str) -> None:
        if node.get("Node Type") == "Seq Scan" and node.get("Relation Name") in BIG_TABLES:
            # Literal values differ per call: group by the filter's shape.
            shape = re.sub(r"\b\d+\b", "?", str(node.get("Filter", "")))
            key = (node["Relation Name"], shape)
            entry = found.setdefault(
                key,
                {
                    "table": key[0],
                    "filter": key[1],
                    "plan_rows": node.get("Plan Rows"),
                    "times": 0,
                    "statement": " ".join(statement.split())[:300],
                },
            )
            entry["times"] += 1
        for child in node.get("Plans", []):
            walk(child, statement)

    for statement, parameters in statements:
        plan = conn.exec_driver_sql("EXPLAIN (FORMAT JSON) " + statement, parameters).scalar()
        if isinstance(plan, str):
            plan = json.loads(plan)
        walk(plan[0]["Plan"], statement)
    session.rollback()
    return sorted(found.values(), key=lambda e: (-e["times"], e["table"]))


def profile_call(
    session: Any,
    fn: Callable[[Any, int, dt.datetime], int],
    key: int,
    now: dt.datetime,
    *,
    top: int = 15,
) -> list[str]:
    """Where one call spends its time: the top functions by cumulative time (cProfile)."""
    import cProfile
    import io
    import pstats

    profiler = cProfile.Profile()
    profiler.enable()
    fn(session, key, now)
    profiler.disable()
    session.rollback()
    session.expunge_all()
    stream = io.StringIO()
    pstats.Stats(profiler, stream=stream).sort_stats("cumulative").print_stats(top)
    lines = [line.rstrip() for line in stream.getvalue().splitlines() if line.strip()]
    return lines[-(top + 1) :]


def summary(values: list[float]) -> dict[str, Any]:
    return {
        "n": len(values),
        "p50_ms": percentile(values, 0.50),
        "p95_ms": percentile(values, 0.95),
        "max_ms": round(max(values), 2) if values else None,
    }


def measure(
    app: Any, *, participants: int, samples: int, service_samples: int, seed_value: int
) -> dict[str, Any]:
    """Time every query at the current size; EXPLAIN them; find sequential scans."""
    from sqlalchemy import func, select

    from webapp.extensions import db
    from webapp.models import Enrolment, Participant, SchoolClass

    rng = random.Random(seed_value)  # noqa: S311 - not security
    now = dt.datetime.now(dt.UTC)
    out: dict[str, Any] = {}
    with app.app_context():
        session = db.session
        check_states(session)
        pids = list(session.scalars(select(Participant.id).order_by(Participant.id)))
        if len(pids) != participants:
            raise ScaleError(f"expected {participants} participants, found {len(pids)}")
        full_classes = list(
            session.scalars(
                select(SchoolClass.id)
                .join(Enrolment, Enrolment.class_id == SchoolClass.id)
                .group_by(SchoolClass.id)
                .having(func.count() == CLASS_SIZE)
            )
        )
        session.rollback()
        sample_pids = [rng.choice(pids) for _ in range(samples)]
        sample_classes = [rng.choice(full_classes) for _ in range(samples)]
        warm = sample_pids[:5]
        timed(session, session_service, warm[:2], now)  # item generation is cached per process
        timed(session, dashboard_service, sample_classes[:1], now)

        log(f"[scale] timing due queries over {samples} random participants …")
        out["due"] = summary(timed(session, due_service, sample_pids, now))
        out["due_all_states"] = summary(timed(session, due_all_states, sample_pids, now))
        out["due_states_only"] = summary(timed(session, due_states_only, sample_pids, now))
        out["due_indexed"] = summary(timed(session, due_indexed, sample_pids, now))
        out["due_count"] = summary(timed(session, due_count, sample_pids, now))
        out["next_session"] = summary(
            timed(session, session_service, sample_pids[:service_samples], now)
        )
        log(f"[scale] timing dashboards over {samples} / {service_samples} random classes …")
        out["dashboard_sql"] = summary(timed(session, dashboard_sql, sample_classes, now))
        out["dashboard"] = summary(
            timed(session, dashboard_service, sample_classes[:service_samples], now)
        )
        out["due_rows_per_participant_p50"] = percentile(
            [float(due_count(session, p, now)) for p in sample_pids[:50]], 0.5
        )
        session.rollback()

        from webapp.services.practice import due_queries

        pid = sample_pids[0]
        plans = {
            "due": explain(session, due_queries(pid, now=now)[0]),
            "due_reviewed_ids": explain(session, due_queries(pid, now=now)[1]),
            "due_indexed": explain(session, due_indexed_query(pid, now)),
            "dashboard_sql": explain(session, dashboard_sql_query(sample_classes[0], now)),
        }
        out["explain"] = plans
        out["index_used"] = {
            name: ("Index Scan" in plan or "Index Only Scan" in plan or "Bitmap Index Scan" in plan)
            and "Seq Scan on card_states" not in plan
            for name, plan in plans.items()
        }
        out["profile_dashboard"] = profile_call(session, dashboard_service, sample_classes[0], now)
        out["profile_next_session"] = profile_call(session, session_service, pid, now)
        with captured_selects(db.engine) as statements:
            session_service(session, pid, now)
            session.rollback()
            dashboard_service(session, sample_classes[0], now)
            session.rollback()
        out["service_selects"] = len(statements)
        out["seq_scans_in_services"] = seq_scans(session, statements)
        session.remove()
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--json", action="store_true", help="print only the JSON result line")
    parser.add_argument(
        "--sizes",
        default="1000000,10000000",
        help="card_states rows at which to measure, comma-separated",
    )
    parser.add_argument("--states-per-participant", type=int, default=1000)
    parser.add_argument("--answers-per-participant", type=int, default=300)
    parser.add_argument("--samples", type=int, default=300, help="random participants/classes")
    parser.add_argument(
        "--service-samples", type=int, default=40, help="samples for the slower whole-service calls"
    )
    parser.add_argument("--chunk", type=int, default=500, help="participants per INSERT")
    parser.add_argument("--seed", type=int, default=10)
    parser.add_argument("--database", default="hurtigspor_scale")
    parser.add_argument("--pg-admin", default=DEFAULT_PG_ADMIN)
    parser.add_argument("--keep-db", action="store_true")
    parser.add_argument("--output", type=Path, default=RESULT)
    args = parser.parse_args(argv)
    if args.states_per_participant != 1000:
        raise SystemExit("the item template has 1,000 states per participant")
    sizes = sorted(int(s) for s in args.sizes.split(","))

    result: dict[str, Any] = {
        "machine": machine_info(),
        "config": {
            "sizes": sizes,
            "states_per_participant": args.states_per_participant,
            "answers_per_participant": args.answers_per_participant,
            "samples": args.samples,
            "service_samples": args.service_samples,
            "class_size": CLASS_SIZE,
        },
        "targets_ms": {"due_p95": TARGET_DUE_MS, "dashboard_p95": TARGET_DASHBOARD_MS},
        "sizes": {},
    }
    with scratch_database(args.database, admin_url=args.pg_admin, keep=args.keep_db) as db_url:
        result["machine"]["postgresql"] = postgres_version(db_url)
        app = make_app(db_url)
        create_schema(app)
        base = seed_base(app)
        result["items_generated"] = base["items_generated"]
        from _stack import psycopg_url
        from sqlalchemy import create_engine

        engine = create_engine(psycopg_url(db_url))
        seeded = 0
        try:
            for size in sizes:
                target = size // args.states_per_participant
                log(f"[scale] seeding participants {seeded + 1}-{target} …")
                times = seed_participants(
                    engine,
                    base,
                    first=seeded + 1,
                    last=target,
                    answers_per=args.answers_per_participant,
                    chunk=args.chunk,
                )
                seeded = target
                sizes_info = table_sizes(engine)
                log(f"[scale] {json.dumps(times)} {json.dumps(sizes_info)}")
                figures = measure(
                    app,
                    participants=seeded,
                    samples=args.samples,
                    service_samples=args.service_samples,
                    seed_value=args.seed,
                )
                for name, plan in figures["explain"].items():
                    log(f"\n[scale] EXPLAIN (ANALYZE, BUFFERS) {name} at {size:,} rows:\n{plan}")
                log(
                    f"[scale] sequential scans in the services' SELECTs: "
                    f"{json.dumps(figures['seq_scans_in_services'], ensure_ascii=False)}"
                )
                result["sizes"][str(size)] = {
                    "participants": seeded,
                    "seed": times,
                    "tables": sizes_info,
                    **figures,
                }
                log(
                    f"[scale] {size:,}: due p95 {figures['due']['p95_ms']} ms, "
                    f"dashboard p95 {figures['dashboard']['p95_ms']} ms, "
                    f"dashboard_sql p95 {figures['dashboard_sql']['p95_ms']} ms"
                )
        finally:
            engine.dispose()
    per_size = result["sizes"]
    line: dict[str, Any] = {
        "due_p95_ms": {k: v["due"]["p95_ms"] for k, v in per_size.items()},
        "dashboard_p95_ms": {k: v["dashboard"]["p95_ms"] for k, v in per_size.items()},
        "due_states_only_p95_ms": {k: v["due_states_only"]["p95_ms"] for k, v in per_size.items()},
        "due_indexed_p95_ms": {k: v["due_indexed"]["p95_ms"] for k, v in per_size.items()},
        "dashboard_sql_p95_ms": {k: v["dashboard_sql"]["p95_ms"] for k, v in per_size.items()},
        "next_session_p95_ms": {k: v["next_session"]["p95_ms"] for k, v in per_size.items()},
        "index_used": {k: v["index_used"] for k, v in per_size.items()},
    }
    if len(sizes) >= 2:
        lo, hi = str(sizes[0]), str(sizes[-1])
        line["growth_x"] = {
            name: round(per_size[hi][name]["p95_ms"] / per_size[lo][name]["p95_ms"], 2)
            for name in (
                "due",
                "due_states_only",
                "due_indexed",
                "dashboard",
                "dashboard_sql",
                "next_session",
            )
            if per_size[lo][name]["p95_ms"]
        }
    line["meets_targets"] = all(
        v["due"]["p95_ms"] <= TARGET_DUE_MS and v["dashboard"]["p95_ms"] <= TARGET_DASHBOARD_MS
        for v in per_size.values()
    )
    result["summary"] = line
    result["machine"]["loadavg_at_end"] = machine_info().get("loadavg_1_5_15")
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(
        json.dumps(result, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
    )
    if not args.json:
        log(json.dumps(result, indent=2, ensure_ascii=False, default=str))
    print(json.dumps(line, ensure_ascii=False))  # noqa: T201 - the CLI's result line
    return 0


if __name__ == "__main__":
    sys.exit(main())
