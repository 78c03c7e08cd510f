"""JSON API (``/api/v1``): the practice page's session and answers, and its OpenAPI document."""
