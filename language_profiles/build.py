"""Command line: build a language profile from files, without the web app or a database.

Usage::

    python -m language_profiles.build FILE... [--sector NAME] [--name NAME] --json OUT.json
        [--csv OUT.csv] [--anki OUT.apkg] [--pdf OUT.pdf] [--quiet]

Files that cannot be read are reported (in Norwegian) and skipped; the others still build.
Exit status: 0 on success, 1 when no file could be used, 2 on bad arguments.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path

from language_profiles.builder import ProfileBuildError, Source, build_profile
from language_profiles.extract import ExtractionError, extract_text

__all__ = ["load_sources", "main"]


def load_sources(paths: Sequence[Path]) -> tuple[list[Source], list[str]]:
    """Read and extract files; return the usable sources and Norwegian problem messages."""
    sources: list[Source] = []
    problems: list[str] = []
    for path in paths:
        try:
            data = path.read_bytes()
        except OSError as e:
            problems.append(f"«{path.name}» kan ikke åpnes ({e.strerror or e}).")
            continue
        try:
            extracted = extract_text(data, filename=path.name)
        except ExtractionError as e:
            problems.append(str(e))
            continue
        sources.append(Source(name=path.name, text=extracted.text))
    return sources, problems


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m language_profiles.build",
        description="Build an employer language profile (terms and phrases) from documents.",
    )
    parser.add_argument("files", nargs="+", type=Path, help=".txt, .docx, .pdf or .html files")
    parser.add_argument("--json", dest="json_out", type=Path, required=True, help="output JSON")
    parser.add_argument("--name", help="profile name (default: the first file name)")
    parser.add_argument("--sector", help="sector label, e.g. Lager")
    parser.add_argument("--csv", dest="csv_out", type=Path, help="also write a CSV export")
    parser.add_argument("--anki", dest="anki_out", type=Path, help="also write an Anki deck")
    parser.add_argument("--pdf", dest="pdf_out", type=Path, help="also write a phrase sheet")
    parser.add_argument("--quiet", action="store_true", help="no progress on stderr")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status."""
    args = _parser().parse_args(argv)
    sources, problems = load_sources(args.files)
    for problem in problems:
        print(f"Advarsel: {problem}", file=sys.stderr)

    def progress(fraction: float, message: str) -> None:
        if not args.quiet:
            print(f"\r{int(fraction * 100):3d} %  {message:<24}", end="", file=sys.stderr)

    name = args.name or (args.files[0].stem if args.files else "Profil")
    try:
        profile = build_profile(sources, name=name, sector=args.sector, progress=progress)
    except ProfileBuildError as e:
        if not args.quiet:
            print(file=sys.stderr)
        print(f"Feil: {e}", file=sys.stderr)
        return 1
    if not args.quiet:
        print(file=sys.stderr)
    data = profile.to_dict()
    data["warnings"] = problems + list(data["warnings"])
    args.json_out.parent.mkdir(parents=True, exist_ok=True)
    args.json_out.write_text(json.dumps(data, ensure_ascii=False, indent=2), "utf-8")
    if args.csv_out or args.anki_out or args.pdf_out:
        from language_profiles import exports

        if args.csv_out:
            args.csv_out.write_bytes(exports.profile_to_csv(profile))
        if args.anki_out:
            args.anki_out.write_bytes(exports.profile_to_anki(profile))
        if args.pdf_out:
            args.pdf_out.write_bytes(exports.profile_to_pdf(profile))
    stats = profile.stats
    print(
        f"{len(profile.terms)} ord og uttrykk, {len(profile.phrases)} fraser fra "
        f"{stats.get('sources', 0)} kilder ({stats.get('words', 0)} ord) på "
        f"{stats.get('seconds', 0)} s → {args.json_out}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
