"""Flask extensions, created unbound and wired in ``create_app`` with ``init_app``."""

from __future__ import annotations

from datetime import datetime
from typing import cast

from flask_babel import Babel
from flask_login import LoginManager
from flask_migrate import Migrate
from flask_sqlalchemy import SQLAlchemy
from flask_wtf import CSRFProtect
from sqlalchemy import MetaData
from sqlalchemy.orm import DeclarativeBase, Session, registry

from webapp.db_types import UTCDateTime

#: Predictable constraint names, so Alembic batch migrations on SQLite work.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    """Declarative base: naming convention and timezone-aware UTC datetimes."""

    registry = registry(
        metadata=MetaData(naming_convention=NAMING_CONVENTION),
        type_annotation_map={datetime: UTCDateTime()},
    )


db = SQLAlchemy(model_class=Base)
migrate = Migrate(render_as_batch=True, compare_type=True)
csrf = CSRFProtect()
login_manager = LoginManager()
#: Templates use Flask-Babel's filters: ``dateformat`` gives "24. nov. 2026"; ``datetimeformat``
#: (where the time matters) gives "24. nov. 2026, 11:00": the same date, no seconds.
babel = Babel(date_formats={**Babel.default_date_formats, "datetime.medium": "d. MMM y, HH:mm"})

#: ``db.session`` typed as a plain ``Session`` for passing to services (it is a scoped proxy).
db_session = cast(Session, db.session)
