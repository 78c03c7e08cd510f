"""Job interviews, workplace conversations and job applications: scenarios and explainable feedback.

Pure domain package (no Flask, no SQLAlchemy).  The modules:

- ``feedback``: sentence checks (V2, finite verb, subject, verb form, article/gender,
  adjective agreement, spelling, fillers, length), ``rewrite`` and ``estimate_level``;
  ``python -m interviews.feedback`` is the command-line check.
- ``scenarios``: the scenario model, the built-in question bank and workplace situations, and
  questions generated from an employer's language profile.
- ``scoring``: ``assess_answer`` (key points, profile words, problems, level, rewritten answer).
- ``application``: structure and sentence feedback for job applications.
- helpers: ``level`` (the level estimate), ``spelling`` (accepted words and candidates),
  ``nlp`` (the analyzer/lexicon protocols and cached dictionary facts), ``norwegian``
  (closed word lists), ``errors``.
"""

from __future__ import annotations
