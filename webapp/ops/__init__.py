"""Operations: the ``/healthz`` check, structured request logs, job runner setup and ops commands.

Registering ``webapp.ops.routes.bp`` also sets up the job runner and the request log
(``bp.record_once``), so the app factory needs one line for all of it.
"""
