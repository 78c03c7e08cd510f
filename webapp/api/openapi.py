"""The OpenAPI 3.1 document of ``/api/v1`` (kept beside the routes; a test validates it)."""

from __future__ import annotations

from typing import Any

from webapp import __version__

_NULLABLE_STR: dict[str, Any] = {"type": ["string", "null"]}

_SCHEMAS: dict[str, Any] = {
    "Error": {
        "type": "object",
        "required": ["error", "message"],
        "properties": {"error": {"type": "string"}, "message": {"type": "string"}},
    },
    "Instruction": {
        "type": "object",
        "required": ["type", "language", "text", "direction", "norwegian"],
        "properties": {
            "type": {"type": "string"},
            "language": {"type": "string", "examples": ["ar"]},
            "text": {"type": "string"},
            "direction": {"type": "string", "enum": ["ltr", "rtl"]},
            "norwegian": {
                "type": "string",
                "description": "The same instruction in simple Norwegian.",
            },
        },
    },
    "Audio": {
        "type": "object",
        "required": ["text", "when", "url", "mentor_url"],
        "properties": {
            "text": {"type": "string", "description": "Norwegian text to speak."},
            "when": {
                "type": "string",
                "enum": ["before", "after"],
                "description": "Play before answering, or only after (it would give the answer).",
            },
            "url": {
                "type": ["string", "null"],
                "description": "Server speech (espeak-ng, WAV); null when the server has none.",
            },
            "mentor_url": {
                "type": ["string", "null"],
                "description": "The mentor's own recording; play it first when present.",
            },
        },
    },
    "Item": {
        "type": "object",
        "required": [
            "id",
            "kind",
            "type",
            "prompt",
            "answer_mode",
            "accepted",
            "options",
            "expected",
        ],
        "properties": {
            "id": {"type": "string", "pattern": "^[0-9a-f]{16}$"},
            "kind": {"type": "string", "enum": ["review", "new"]},
            "type": {
                "type": "string",
                "enum": [
                    "flashcard",
                    "meaning",
                    "article",
                    "inflection",
                    "cloze",
                    "listening",
                    "dictation",
                    "word_order",
                    "situation",
                ],
            },
            "variant": {"type": "string"},
            "lemma": {"type": "string"},
            "prompt": {"type": "string"},
            "answer_mode": {"type": "string", "enum": ["choice", "typed", "order", "self"]},
            "check_kind": {"type": "string"},
            "accepted": {
                "type": "array",
                "items": {"type": "string"},
                "description": "Right answers, for the offline check (the server's verdict wins).",
            },
            "options": {"type": "array", "items": {"type": "string"}},
            "expected": {"type": "string"},
            "hint": _NULLABLE_STR,
            "explanation": _NULLABLE_STR,
            "audio_text": _NULLABLE_STR,
            "example": _NULLABLE_STR,
            "definition": _NULLABLE_STR,
            "gloss": _NULLABLE_STR,
            "safety": {"type": "boolean"},
            "level": {"type": "string"},
            "extra": {"type": "object"},
            "instruction": {"$ref": "#/components/schemas/Instruction"},
            "audio": {"type": "array", "items": {"$ref": "#/components/schemas/Audio"}},
        },
    },
    "Session": {
        "type": "object",
        "required": ["status", "help_language", "direction", "items", "csrf_token"],
        "properties": {
            "status": {"type": "string", "enum": ["ok", "no_profile", "no_participant"]},
            "help_language": {"type": "string"},
            "direction": {"type": "string", "enum": ["ltr", "rtl"]},
            "profile": _NULLABLE_STR,
            "employer": _NULLABLE_STR,
            "estimated_seconds": {"type": "integer"},
            "due_total": {"type": "integer"},
            "postponed": {"type": "integer"},
            "new_cap": {"type": "integer"},
            "new_done_today": {"type": "integer"},
            "answered_today": {"type": "integer"},
            "speech_lang": {"type": "string", "examples": ["nb-NO"]},
            "server_audio": {"type": "boolean"},
            "csrf_token": {"type": "string", "description": "Send it back as X-CSRFToken."},
            "generated_at": {"type": "string", "format": "date-time"},
            "valid_from": {
                "type": "string",
                "format": "date-time",
                "description": "When the session is planned for (tomorrow morning with ahead=1).",
            },
            "items": {"type": "array", "items": {"$ref": "#/components/schemas/Item"}},
        },
    },
    "AnswerIn": {
        "type": "object",
        "required": ["client_id", "item_id", "response", "answered_at"],
        "properties": {
            "client_id": {
                "type": "string",
                "minLength": 8,
                "maxLength": 64,
                "description": "Made on the phone (a UUID); the same id twice is the same answer.",
            },
            "item_id": {"type": "string"},
            "response": {
                "oneOf": [
                    {"type": "string"},
                    {"type": "array", "items": {"type": "string"}, "maxItems": 60},
                ],
                "description": "Typed text, the chosen option, 'igjen'/'kan_det' for a flashcard, "
                "or the tapped word tiles in order.",
            },
            "answered_at": {
                "type": "string",
                "format": "date-time",
                "description": "When it was answered on the phone (reviews follow this order).",
            },
            "duration_ms": {"type": ["integer", "null"], "minimum": 0},
        },
    },
    "AnswerBatch": {
        "type": "object",
        "required": ["answers"],
        "properties": {
            "answers": {
                "type": "array",
                "maxItems": 200,
                "items": {"$ref": "#/components/schemas/AnswerIn"},
            }
        },
    },
    "AnswerResult": {
        "type": "object",
        "required": ["client_id", "status", "duplicate"],
        "properties": {
            "client_id": {"type": "string"},
            "item_id": _NULLABLE_STR,
            "status": {"type": "string", "enum": ["stored", "duplicate", "rejected"]},
            "duplicate": {"type": "boolean"},
            "correct": {"type": ["boolean", "null"]},
            "verdict": {
                "type": "object",
                "description": "exercises.checking.Verdict.to_dict(): correct, exact, expected, "
                "score, note, problems, words.",
            },
            "due": {"type": ["string", "null"], "format": "date-time"},
            "error": {"type": ["string", "null"], "enum": ["unknown_item", "invalid_answer", None]},
        },
    },
    "AnswerResults": {
        "type": "object",
        "required": ["results"],
        "properties": {
            "results": {"type": "array", "items": {"$ref": "#/components/schemas/AnswerResult"}}
        },
    },
}


def _json(schema: str) -> dict[str, Any]:
    return {"application/json": {"schema": {"$ref": f"#/components/schemas/{schema}"}}}


def _errors(*codes: int) -> dict[str, Any]:
    text = {
        400: "Malformed batch, or a missing/invalid X-CSRFToken header.",
        401: "Not logged in.",
        403: "Logged in, but not as a participant.",
    }
    return {str(c): {"description": text[c], "content": _json("Error")} for c in codes}


def openapi_document() -> dict[str, Any]:
    """The OpenAPI 3.1 description of the practice API."""
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "Hurtigspor practice API",
            "version": __version__,
            "description": "Today's practice session and answers for the logged-in participant. "
            "Authentication: the session cookie; POST needs the CSRF token in X-CSRFToken.",
        },
        "servers": [{"url": "/api/v1"}],
        "components": {
            "schemas": _SCHEMAS,
            "securitySchemes": {
                "cookie": {"type": "apiKey", "in": "cookie", "name": "hurtigspor_session"},
                "csrf": {"type": "apiKey", "in": "header", "name": "X-CSRFToken"},
            },
        },
        "paths": {
            "/session": {
                "get": {
                    "operationId": "getSession",
                    "summary": "Today's items: due reviews, then new items up to the daily cap",
                    "security": [{"cookie": []}],
                    "parameters": [
                        {
                            "name": "ahead",
                            "in": "query",
                            "required": False,
                            "schema": {"type": "string", "enum": ["1"]},
                            "description": "Plan tomorrow's session (the page keeps it offline).",
                        }
                    ],
                    "responses": {
                        "200": {"description": "Today's session", "content": _json("Session")},
                        **_errors(401, 403),
                    },
                }
            },
            "/answers": {
                "post": {
                    "operationId": "postAnswers",
                    "summary": "Grade and store answers; each client_id is stored exactly once",
                    "security": [{"cookie": [], "csrf": []}],
                    "requestBody": {"required": True, "content": _json("AnswerBatch")},
                    "responses": {
                        "200": {
                            "description": "One result per answer, in the order sent",
                            "content": _json("AnswerResults"),
                        },
                        **_errors(400, 401, 403),
                    },
                }
            },
            "/hello": {
                "get": {
                    "operationId": "hello",
                    "summary": "A bare endpoint for latency comparisons",
                    "security": [],
                    "responses": {
                        "200": {
                            "description": "Hello",
                            "content": {"application/json": {"schema": {"type": "object"}}},
                        }
                    },
                }
            },
            "/openapi.json": {
                "get": {
                    "operationId": "openapi",
                    "summary": "This document",
                    "security": [],
                    "responses": {
                        "200": {
                            "description": "OpenAPI 3.1 document",
                            "content": {"application/json": {"schema": {"type": "object"}}},
                        }
                    },
                }
            },
        },
    }
