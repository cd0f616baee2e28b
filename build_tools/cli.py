"""The ``catalogue`` command: a thin adapter over the domain core.

Subcommands: ``check`` (validate and report), ``schema`` (write the generated
JSON Schema and field reference), and the others the project adds over time.
Every subcommand takes ``--config FILE`` (default ./mkdocs.yml), like
``mkdocs build -f``.  Bad input never produces a traceback: it produces
problems, and the exit status says whether any is an error.
"""

from __future__ import annotations

import argparse
import atexit
import datetime as dt
import logging
import os
import sys
import threading
from collections.abc import Sequence
from typing import NoReturn
from pathlib import Path

from . import formats
from .config import load_config
from .clock import china_today
from .diagnostics import has_errors

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2


_AS_OF_YEARS = (1990, 2999)
"""The years ``--as-of`` may name: 1025 typed for 2025 is refused here, not as a traceback later (a build
dates its files from it, and no ZIP or feed holds a date before 1980 or after 9999)."""


def _date(text: str) -> dt.date:
    try:
        day = dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"“{text}”不是有效日期（格式 YYYY-MM-DD，且日期须真实存在）") from None
    first, last = _AS_OF_YEARS
    if not first <= day.year <= last:
        raise argparse.ArgumentTypeError(f"“{text}”的年份 {day.year} 不在 {first}–{last} 年之间，请检查年份是否写错")
    return day


def _add_common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--config", "-f", default="mkdocs.yml", metavar="FILE",
                        help="mkdocs.yml holding the catalogue plugin's options (default: ./mkdocs.yml)")


def build_parser() -> argparse.ArgumentParser:
    """The argument parser (public so the docs can list the options)."""
    parser = argparse.ArgumentParser(
        prog="catalogue",
        description="政府信息公开目录：检查记录、生成网站。Check and build a disclosure catalogue.")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    check = sub.add_parser("check", help="check every record and report every problem at once")
    _add_common(check)
    check.add_argument("path", nargs="?", help="catalogue directory, project directory (holding mkdocs.yml) "
                       "or one record (.md, checked with the whole catalogue); default: the configured catalogue_dir")
    check.set_defaults(config=None)  # None: not written, so a project folder's own mkdocs.yml may be used
    check.add_argument("--format", choices=("text", "json", "github", "junit", "vscode"), default="text",
                       help="output format (default: text)")
    check.add_argument("--as-of", type=_date, metavar="DATE",
                       help="check as if today were DATE (YYYY-MM-DD), for reproducible results")
    check.set_defaults(run=cmd_check)

    report = sub.add_parser("report", help="compliance summary: counts per rule, oldest open problems, interpretation status per policy")
    _add_common(report)
    report.add_argument("path", nargs="?", help="catalogue directory or project directory (holding mkdocs.yml); "
                        "default: the configured catalogue_dir")
    report.set_defaults(config=None)  # None: not written, so a project folder's own mkdocs.yml may be used
    report.add_argument("--format", choices=("text", "json"), default="text", help="output format (default: text)")
    report.add_argument("--as-of", type=_date, metavar="DATE", help="report as if today were DATE (YYYY-MM-DD)")
    report.set_defaults(run=cmd_report)

    build = sub.add_parser("build", help="build the public site (MkDocs + Material) for any catalogue directory")
    _add_common(build)
    build.add_argument("--catalogue", metavar="DIR", help="catalogue directory (default: the configured catalogue_dir)")
    build.add_argument("--site-dir", metavar="DIR", help="output directory (default: the configured site_dir)")
    build.add_argument("--as-of", type=_date, metavar="DATE",
                       help="publish as if today were DATE: records published later stay out")
    build.add_argument("--strict", action="store_true", help="fail on any record error (as mkdocs build --strict)")
    build.add_argument("--allow-empty-catalogue", action="store_true",
                       help="publish even when no record is public and the previous site had records "
                            "(as allow_empty_catalogue: true in mkdocs.yml)")
    build.add_argument("--allow-fewer-records", action="store_true",
                       help="publish even when fewer than half the previous site's records are public "
                            "(as allow_fewer_records: true in mkdocs.yml)")
    build.add_argument("--allow-future-as-of", action="store_true",
                       help="build for an --as-of after today (China time): records published until then go public "
                            "early, so build such a preview into another --site-dir")
    build.add_argument("--verify", action="store_true",
                       help="render every page both ways (fast paths and plain MkDocs), convert every body of the "
                            "open data afresh, and fail on any difference")
    build.set_defaults(run=cmd_build)

    schema = sub.add_parser("schema", help="write the JSON Schema and the field reference generated from the field table")
    _add_common(schema)
    schema.add_argument("--out", default="docs/reference", metavar="DIR",
                        help="directory to write record.schema.json and fields.md into (default: docs/reference)")
    schema.add_argument("--check", action="store_true",
                        help="do not write; exit 1 if the files on disk are out of date")
    schema.set_defaults(run=cmd_schema)

    annual = sub.add_parser("annual-report", help="write a draft annual disclosure report for YEAR (table 二（一） computed)")
    annual.add_argument("year", type=int, metavar="YEAR", help="the year the report is on")
    _add_common(annual)
    annual.add_argument("--catalogue", metavar="DIR", help="catalogue directory (default: the configured catalogue_dir)")
    annual.add_argument("--out", metavar="DIR", help="directory to write the draft into (default: CATALOGUE/reports)")
    annual.add_argument("--format", choices=("text", "json"), default="text",
                        help="json: print the computed statistics instead of writing a draft")
    annual.add_argument("--as-of", type=_date, metavar="DATE", help="count as if today were DATE (YYYY-MM-DD)")
    annual.set_defaults(run=cmd_annual_report)

    new = sub.add_parser("new", help="write a new record of KIND with the next free index number and today's date")
    new.add_argument("kind", metavar="KIND", help="policy, interpretation, budget, final-account, annual-report or notice "
                     "(or the Chinese name: 政策文件、政策解读 ...)")
    _add_common(new)
    new.add_argument("--catalogue", metavar="DIR", help="catalogue directory (default: the configured catalogue_dir)")
    new.add_argument("--title", metavar="T", help="the title, used as given (default: a placeholder to fill)")
    new.add_argument("--interprets", nargs="+", action="extend", default=[], metavar="INDEX_NO",
                     help="interpretation: the policy it interprets (linked, and its title taken into the new title)")
    new.add_argument("--amends", nargs="+", action="extend", default=[], metavar="INDEX_NO",
                     help="policy: index numbers of the policies it amends")
    new.add_argument("--repeals", nargs="+", action="extend", default=[], metavar="INDEX_NO",
                     help="policy: index numbers of the policies it repeals")
    new.add_argument("--as-of", type=_date, metavar="DATE",
                     help="date the record as if today were DATE (YYYY-MM-DD; default: today, China time)")
    new.set_defaults(run=cmd_new)

    generate = sub.add_parser("generate", help="write N realistic demonstration records that pass the check")
    generate.add_argument("n", type=int, metavar="N", help="number of records to write")
    generate.add_argument("--out", required=True, metavar="DIR",
                          help="directory to write catalogue/, docs/ and mkdocs.yml into")
    generate.add_argument("--seed", type=int, default=0, help="random seed; the same seed writes the same files (default: 0)")
    generate.add_argument("--config", "-f", default=None, metavar="FILE",
                          help="configuration to satisfy (default: ./mkdocs.yml if present, else the defaults)")
    generate.add_argument("--force", action="store_true",
                          help="replace the demonstration project generate wrote in DIR before (never another "
                               "catalogue, mkdocs.yml or docs/index.md)")
    generate.add_argument("--profile", choices=("generated", "long"), default="generated",
                          help="generated: records of 1–8 KB (default); long: every policy a 规章 or 办法 "
                               "with 章/节/条, 20–250 KB")
    generate.set_defaults(run=cmd_generate)

    imp = sub.add_parser("import", help="convert legacy CMS / law-portal pages (text or saved HTML) into records")
    imp.add_argument("paths", nargs="+", metavar="PATH", help="text files, saved HTML pages, or folders of them")
    imp.add_argument("--out", required=True, metavar="DIR", help="directory to write the records into (never overwritten)")
    imp.add_argument("--format", choices=("text", "json"), default="text", help="report format (default: text)")
    imp.add_argument("--config", "-f", default=None, metavar="FILE",
                     help="configuration for categories and the index-number pattern (default: ./mkdocs.yml if present)")
    imp.add_argument("--disclosure", choices=("主动公开",), default=None,
                     help="公开方式 of pages that do not say it, as the office states it (these pages were published "
                          "on its public site); without it such a page gets the placeholder")
    imp.set_defaults(run=cmd_import)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``catalogue`` console script."""
    for stream in (sys.stdout, sys.stderr):  # a character the terminal's encoding lacks (a GBK console, a name
        reconfigure = getattr(stream, "reconfigure", None)  # read as U+FFFD): written as \\u…, never a traceback
        if reconfigure is not None and getattr(stream, "errors", "strict") == "strict":
            reconfigure(errors="backslashreplace")
    parser = build_parser()
    args = parser.parse_args(argv)
    empty = _empty_catalogue_argument(args)
    if empty:
        print(f"{empty}是空的（脚本中的变量没有设置？），没有做任何事：空的路径会被当作当前文件夹。"
              f"请写记录目录（通常是 catalogue），或去掉它（使用配置的记录目录）。", file=sys.stderr)
        return EXIT_USAGE
    try:
        return args.run(args)
    except KeyboardInterrupt:
        print("已中断。", file=sys.stderr)
        return 130
    except BrokenPipeError:  # `catalogue check | head`
        return EXIT_OK


def _empty_catalogue_argument(args: argparse.Namespace) -> str | None:
    """The catalogue argument given empty, as a script's ``--catalogue "$CATALOGUE"`` passes an unset variable: read
    as the current folder, the project's, it was checked against the cache folder (a review)."""
    if getattr(args, "catalogue", None) == "":
        return "--catalogue 给的路径"
    if getattr(args, "path", None) == "":
        return f"catalogue {args.command} 后面的路径"
    return None


def _catalogue_argument(command: str) -> str:
    """How the messages name the catalogue folder of ``catalogue check PATH`` and ``catalogue report PATH``."""
    return f"catalogue {command}"


def run() -> NoReturn:
    """The ``catalogue`` command as installed: :func:`main`, then the process ends without freeing its
    objects one by one.

    A Python process frees every object it holds as it exits: after a build
    of 10,000 long laws that was 0.9 s of nothing but waiting, 0.1 s at
    1,000.  Here the exit handlers still run (worker processes joined, logs
    flushed, temporary directories removed) and the output is flushed as
    Python would: a reader that went away (``catalogue check | head -1``) is
    no error, a failed write (a full disk) is said and fails the command
    (status 120 where it would have been 0, as Python's own exit gives).
    Only the freeing is left to the operating system, which takes the
    memory back at once.  With a thread
    still at work (daemon threads, such as a progress bar's monitor, are
    never waited for), under a profiler or a coverage tool (``python -m
    cProfile -m build_tools.cli …``: they write what they measured once the
    program is done), or where Python does not offer its exit handlers to
    run, the exit is the usual one.
    """
    code = main()
    run_exit_handlers = getattr(atexit, "_run_exitfuncs", None)
    main_thread = threading.main_thread()
    if (run_exit_handlers is None or any(t is not main_thread and not t.daemon for t in threading.enumerate())
            or sys.gettrace() is not None or sys.getprofile() is not None):
        sys.exit(code)
    try:
        run_exit_handlers()
    finally:
        os._exit(_flushed(code))


def _flushed(code: int) -> int:
    """Flush standard output and error as Python does at exit (a closed or missing stream is left alone);
    ``code``, or 120 where it was 0 and the output could not be written."""
    for stream in (sys.stdout, sys.stderr):
        if stream is None or getattr(stream, "closed", True):
            continue
        try:
            stream.flush()
        except BrokenPipeError:  # its reader went away: nothing more to say to it
            pass
        except (OSError, ValueError) as exc:
            try:
                os.write(2, f"无法写出命令的输出：{exc}\n".encode())
            except OSError:
                pass
            code = code or 120
    return code


def _display_path(catalogue_dir: Path, config_file: str):
    """Paths as a person at the repository root would type them.

    Record paths are relative to the catalogue root; configuration problems
    name the configuration file, which is shown as given.
    """
    try:
        base = catalogue_dir.resolve().relative_to(Path.cwd().resolve())
    except (ValueError, OSError):  # OSError: the current folder was deleted (a shell left in a replaced site)
        base = catalogue_dir
    return lambda rel: (base / rel).as_posix() if rel and rel != config_file else rel


def _configuration(config_file: str, catalogue: str | None, nothing_done: str, *, must_exist: bool = False,
                   option: str = "--catalogue"):
    """``(config, problems)``, or the exit status after saying why nothing was done: work on a
    misread configuration would be wrong, not partial.  ``option`` gave ``catalogue`` (for the messages)."""
    if must_exist and not Path(config_file).is_file():
        print(f"找不到配置文件 {config_file}（用 --config 指定 mkdocs.yml）。", file=sys.stderr)
        return EXIT_USAGE
    config, problems = load_config(config_file, catalogue, catalogue_option=option)
    if has_errors(problems):
        print(formats.as_text(problems), file=sys.stderr)
        print(f"配置有误，{nothing_done}。", file=sys.stderr)
        return EXIT_PROBLEMS
    return config, problems


def _draft_refusal(config, out: str | None, nothing_done: str) -> str | None:
    """Why a draft may not be written: no catalogue folder to count or number from, or its folder (``out``,
    else the catalogue) one the site publishes as it is (docs/, the theme's overrides)."""
    from .config import mkdocs_folders_of
    from .publish_guard import draft_refusal, missing_catalogue
    written = Path(config.config_file).is_file()
    folders = mkdocs_folders_of(config.config_file) if written else {}
    labels = {"docs_dir": "文档目录（docs_dir）", "custom_dir": "主题目录（theme.custom_dir）"}
    configured = load_config(config.config_file)[0].catalogue_dir if written else config.catalogue_dir  # not --catalogue
    given, whole = Path(config.catalogue_dir).resolve(), Path(configured).resolve()
    if given != whole and given.is_relative_to(whole):  # numbered or counted from a part (a review: a number reused)
        return (f"--catalogue 给的 {config.catalogue_dir} 只是记录目录 {configured} 中的一个文件夹：索引号和统计要按整个目录"
                f"来定，{nothing_done}。去掉 --catalogue（新记录写进同类记录所在的文件夹），或写 --catalogue {configured}。")
    return missing_catalogue(config.catalogue_dir, nothing_done) or draft_refusal(
        out or config.catalogue_dir, catalogue_dir=configured,
        published={**{labels[k]: v for k, v in folders.items() if k in labels},
                   **({"site_dir": folders["site_dir"]} if "site_dir" in folders else {})})


def _schema_refusal(config, out: Path) -> str | None:
    """Why the reference may not be written into ``out``: a file, not a folder; inside the catalogue (its files
    are read as records) or a built site (online at once, and the next build refuses the folder: a review)."""
    from .publish_guard import into_a_site_refusal
    if out.exists() and not out.is_dir():
        return f"{out} 是一个文件，不是目录，没有写入任何文件：--out 要指定一个目录（默认 docs/reference）。"
    catalogue = Path(config.catalogue_dir).resolve()
    if out.resolve() == catalogue or out.resolve().is_relative_to(catalogue):
        return (f"{out} 在记录目录 {catalogue} 之内：那里的每个文件都会被当作记录来读，所以没有写入任何文件。"
                "--out 要指定一个目录（默认 docs/reference）。")
    from .config import mkdocs_folders_of
    site = mkdocs_folders_of(config.config_file)["site_dir"] if Path(config.config_file).is_file() else None
    return into_a_site_refusal(out, site, "--out 要指定一个网站目录以外的目录（默认 docs/reference）。") \
        or _schema_published_refusal(config, out) or _schema_foreign_files(config, out)


def _schema_published_refusal(config, out: Path) -> str | None:
    """Why ``out`` is a folder the site publishes as it is, or the project folder: ``--out docs`` (typed for the
    default docs/reference) put fields.md, codes.md, options.md and the JSON Schema on the public site, ``--out
    theme`` too, ``--out .`` beside mkdocs.yml (a review); annual-report, generate and import refused these already.
    A folder of docs_dir that exclude_docs leaves out is the reference's place, and docs/reference stays allowed
    (the default: the shipped mkdocs.yml excludes it, a project publishing it chose to)."""
    from .config import mkdocs_excluded_docs, mkdocs_folders_of
    from .publish_guard import excluded_from_docs
    if not Path(config.config_file).is_file():
        return None
    where, advice = out.resolve(), "--out 要指定文档目录中不发布的文件夹（默认 docs/reference）。"
    project = Path(config.config_file).resolve().parent
    if project.is_relative_to(where):
        return (f"{out} {'就是' if where == project else '包含'}项目文件夹 {project}（mkdocs.yml 所在的文件夹），"
                f"参考文件不能写在那里，所以没有写入。{advice}")
    folders = mkdocs_folders_of(config.config_file)
    docs = folders["docs_dir"].resolve()
    custom = folders.get("custom_dir")
    if custom is not None and (where == custom.resolve() or where.is_relative_to(custom.resolve())):
        return (f"{out} 在主题目录（theme.custom_dir）{custom.resolve()} 之内：那里的文件会原样复制到网站上，"
                f"所以没有写入。{advice}")
    if where == docs or docs.is_relative_to(where):
        return (f"{out} {'就是' if where == docs else '包含'}文档目录（docs_dir）{docs}：那里的文件会原样发布到网站上"
                f"（参考页会出现在网站上，同名的页面会被替换），所以没有写入。{advice}")
    if where.is_relative_to(docs) and where != docs / "reference" \
            and not excluded_from_docs(where, docs, mkdocs_excluded_docs(config.config_file)):
        return (f"{out} 在文档目录（docs_dir）{docs} 之内，mkdocs.yml 的 exclude_docs 没有把它排除：那里的文件会原样"
                f"发布到网站上，所以没有写入。{advice}（或在 exclude_docs 中加一行 /{where.relative_to(docs).as_posix()}/）")
    return None


def _schema_foreign_files(config, out: Path) -> str | None:
    """Why ``out`` may not take the reference: it holds a file of one of the reference's names that ``catalogue
    schema`` did not write (:func:`~build_tools.model.schema.written_by_schema`): the office's own page, replaced
    without a word (a review).  Nothing is written then, not even the other files."""
    from .model.schema import generated_files, written_by_schema
    foreign = []
    for name in generated_files(config):
        target = out / name
        try:
            if os.path.lexists(target) and not (target.is_file() and not target.is_symlink()
                                                and written_by_schema(name, target.read_text(encoding="utf-8"))):
                foreign.append(str(target))
        except (OSError, UnicodeDecodeError):
            foreign.append(str(target))
    if not foreign:
        return None
    return (f"{'、'.join(foreign)} 不是 catalogue schema 生成的文件（没有“本页由 `catalogue schema` … 自动生成”这一行），"
            "替换它会丢掉原有的内容，所以没有写入任何文件。--out 要指定放参考文件的目录（默认 docs/reference）；"
            "这个文件确实不要了的，先把它移走或改名。")


def _site_refusal(config, out: str, what: str = "导入的记录也不例外",
                  advice: str = "请写到一个新的文件夹，运行 catalogue check 改正之后，再把记录移进记录目录。") -> str | None:
    """Why ``out`` may not take what ``import`` or ``generate`` writes: inside the configured site directory or
    a built site (:func:`~build_tools.publish_guard.into_a_site_refusal`), or inside the docs folder or the
    theme's overrides, which the site publishes as they are: imported pages there were published raw, a
    withheld one included, every check passing (a review)."""
    from .config import mkdocs_folders_of
    from .publish_guard import published_folder_refusal
    file = getattr(config, "config_file", None) if config is not None else None
    folders = mkdocs_folders_of(file) if file and Path(file).is_file() else {}
    labels = {"site_dir": "site_dir", "docs_dir": "文档目录（docs_dir）", "custom_dir": "主题目录（theme.custom_dir）"}
    return published_folder_refusal(out, {labels[k]: v for k, v in folders.items() if k in labels}, what, advice)


def _configuration_if_any(config: str | None):
    """The configuration named by ``--config``, or ./mkdocs.yml when there is one, or None
    (the defaults); or the exit status after saying why nothing was done."""
    config_file = Path(config or "mkdocs.yml")
    if config is None and not config_file.exists():
        return None
    if not config_file.exists():
        print(f"找不到配置文件 {config_file}。", file=sys.stderr)
        return EXIT_USAGE
    loaded, problems = load_config(config_file, need_plugin=False)  # generate and import beside any MkDocs site
    if has_errors(problems):
        print(formats.as_text(problems), file=sys.stderr)
        return EXIT_USAGE
    return loaded


def cmd_check(args: argparse.Namespace) -> int:
    """``catalogue check``: exit 0 when clean or with warnings only, 1 on errors."""
    from .check_target import TargetError, resolve
    try:
        target = resolve(args.path, args.config or "mkdocs.yml", config_given=args.config is not None)
    except TargetError as exc:
        print(exc, file=sys.stderr)
        return EXIT_USAGE
    if args.config is not None and not Path(args.config).is_file():  # checked against the defaults, a correct
        # record's category was an error (a review): a mistyped --config checks nothing
        print(f"找不到配置文件 {args.config}：核对 --config 写的路径（通常是项目文件夹中的 mkdocs.yml）。", file=sys.stderr)
        return EXIT_USAGE
    config, config_problems = load_config(target.config, target.catalogue, catalogue_option=_catalogue_argument("check"))
    show = _display_path(config.catalogue_dir, config.config_file)
    if has_errors(config_problems):  # checked against the defaults, a correct record's category was an error and
        # an editor was sent to "fix" it (a review): the configuration first, as every other command does
        _print_problems(args.format, config_problems, [], show)
        print("配置有误，没有检查记录（按默认配置检查会把正确的记录报错）：先改正上面的配置问题，再运行 catalogue check。",
              file=sys.stderr)
        return EXIT_PROBLEMS
    as_of = args.as_of or china_today()
    from .site_plan import check_site
    result = check_site(config, as_of, tuple(config_problems))
    problems = result.problems
    if target.only is not None:  # one record or folder, checked with all the others: its problems and the configuration's
        rel = target.only.relative_to(Path(config.catalogue_dir).resolve()).as_posix()
        ours = [v for v in result.loaded.validated if v.source == rel or v.source.startswith(rel + "/")]
        mine = {rel, config.config_file, *(a for v in ours for a in v.attachments)}  # attachments too (a CSV's numbers)
        problems = tuple(p for p in problems if p.file in mine or p.file.startswith(rel + "/"))
    _print_problems(args.format, problems, [v.record.source for v in result.loaded.validated if v.record], show)
    if args.format == "text":
        records = len(result.catalogue.records)
        if target.only is not None:
            what = show(rel) if target.only.is_file() else f"{show(rel)} 中的 {len(ours)} 个记录文件"
            print(f"已检查 {what}（与目录中其他 {len(result.loaded.validated) - len(ours)} 个记录文件一起读取，"
                  f"检查日期 {as_of.isoformat()}）。", file=sys.stderr)
            return EXIT_PROBLEMS if has_errors(problems) else EXIT_OK
        print(f"共读取 {len(result.loaded.validated)} 个记录文件，{records} 条记录有效（检查日期 {as_of.isoformat()}）。",
              file=sys.stderr)
    return EXIT_PROBLEMS if has_errors(problems) else EXIT_OK


def _print_problems(form: str, problems, files: list[str], show) -> None:
    """``problems`` on standard output in the ``--format`` asked for (``files``: the records read, for JUnit)."""
    if form == "json":
        print(formats.as_json(problems))
    elif form == "github":
        print(formats.as_github(problems, display_path=show))
    elif form == "junit":
        print(formats.as_junit(problems, files=files, display_path=show))
    elif form == "vscode":
        print(formats.as_vscode(problems, display_path=show))
    else:
        print(formats.as_text(problems, colour=sys.stdout.isatty() and "NO_COLOR" not in os.environ, display_path=show))


def cmd_report(args: argparse.Namespace) -> int:
    """``catalogue report``: the compliance summary an office director reads."""
    import json

    from .check_target import TargetError, resolve
    from .compliance import build_report, report_text
    try:  # PATH as check reads it: the catalogue folder, or a project folder with its own mkdocs.yml
        target = resolve(args.path, args.config or "mkdocs.yml", config_given=args.config is not None)
    except TargetError as exc:
        print(exc, file=sys.stderr)
        return EXIT_USAGE
    if target.only is not None:
        print(f"catalogue report 报告整个目录：PATH 写目录文件夹（或含 mkdocs.yml 的项目文件夹），不写单个记录或其中的文件夹 {args.path}。",
              file=sys.stderr)
        return EXIT_USAGE
    got = _configuration(str(target.config), str(target.catalogue) if target.catalogue is not None else None,
                         "没有生成报告", option=_catalogue_argument("report"))
    if isinstance(got, int):
        return got
    config, config_problems = got
    from .pipeline import check_catalogue
    result = check_catalogue(config, args.as_of or china_today(), tuple(config_problems))
    report = build_report(result)
    # the workflow writes it into the job summary: an ID or mobile number in a title is masked there (a review)
    from .diagnostics import masked
    if args.format == "json":
        print(masked(json.dumps(report.to_json(), ensure_ascii=False, indent=2)))
    else:
        print(masked(report_text(report)))
    return EXIT_OK


def cmd_build(args: argparse.Namespace) -> int:
    """``catalogue build``: the site for any catalogue directory, without editing mkdocs.yml."""
    # Any configuration error stops the build, strict or not, before MkDocs
    # reads anything (an impossible date in mkdocs.yml would stop its YAML reader).
    today = china_today()
    if args.as_of is not None and args.as_of > today and not args.allow_future_as_of:
        # A year typed too late publishes every record dated until then (a review); one typed too early
        # is stopped by the fewer-records guard.
        print(f"网站没有生成：--as-of {args.as_of.isoformat()} 晚于今天（北京时间 {today.isoformat()}），发布日期在这之间的"
              "记录会提前公开。核对日期；确实要生成将来某天的网站（例如预览，生成到另一个 --site-dir），"
              "加 --allow-future-as-of。", file=sys.stderr)
        return EXIT_USAGE
    got = _configuration(args.config, args.catalogue, "网站没有生成", must_exist=True)
    if isinstance(got, int):
        return got
    from .mkdocs_plugin.build import BuildFailed, build_site
    from .publish_guard import describe_os_error
    # The plugin's progress lines (records read, pages rendered or cached,
    # search index) and its problems, as `mkdocs build` would show them.
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(message)s"))
    plugin_log = logging.getLogger("mkdocs.plugins.catalogue")
    plugin_log.addHandler(handler)
    # MkDocs' own warnings (a docs/ page's broken link, nav:): with --strict its counter on the "mkdocs" logger
    # kept Python from printing them, and the build failed over "warnings above" that were not there (a review)
    theirs = logging.StreamHandler(sys.stderr)
    theirs.setLevel(logging.WARNING)
    theirs.setFormatter(logging.Formatter("MkDocs %(levelname)s: %(message)s"))
    theirs.addFilter(lambda record: not record.name.startswith(plugin_log.name))  # said by the handler above
    logging.getLogger("mkdocs").addHandler(theirs)
    level = plugin_log.level
    plugin_log.setLevel(logging.INFO)  # setLevel, not .level =: it clears the cache of isEnabledFor
    try:
        site = build_site(args.config, catalogue_dir=args.catalogue, site_dir=args.site_dir,
                          as_of=args.as_of, strict=args.strict, allow_empty_catalogue=args.allow_empty_catalogue,
                          allow_fewer_records=args.allow_fewer_records,
                          verify=args.verify)
    except BuildFailed as exc:
        print(f"网站生成失败：{exc}", file=sys.stderr)
        return EXIT_PROBLEMS
    except OSError as exc:  # a full or read-only disk: the previous site is as it was
        print(f"网站生成失败：{describe_os_error(exc)}", file=sys.stderr)
        return EXIT_PROBLEMS
    finally:
        plugin_log.removeHandler(handler)
        logging.getLogger("mkdocs").removeHandler(theirs)
        plugin_log.setLevel(level)
    print(f"网站已生成：{site}", file=sys.stderr)
    return EXIT_OK


def cmd_schema(args: argparse.Namespace) -> int:
    """``catalogue schema``: regenerate (or verify) the generated reference files."""
    from .model.schema import generated_files
    config, problems = load_config(args.config)
    if has_errors(problems):  # a mistyped --config must not rewrite the reference from the defaults
        print(formats.as_text(problems), file=sys.stderr)
        print("配置文件有误，没有写入任何文件。", file=sys.stderr)
        return EXIT_USAGE
    out = Path(args.out)
    refusal = None if args.check else _schema_refusal(config, out)
    if refusal:
        print(refusal, file=sys.stderr)
        return EXIT_USAGE
    stale = []
    for name, content in generated_files(config).items():
        target = out / name
        try:
            current = target.read_text(encoding="utf-8") if target.is_file() else None
            if current == content:
                continue
            stale.append(str(target))
            if not args.check:
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_text(content, encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            from .publish_guard import os_error_reason
            done = [p for p in stale if p != str(target)] if not args.check else []
            why = os_error_reason(exc) if isinstance(exc, OSError) else "原有的文件不是 UTF-8 文本"
            print(f"无法写入 {target}：{why}。" + (f"已更新的文件：{'、'.join(done)}。" if done else "没有写入任何文件。")
                  + "--out 要指定一个可写的目录（默认 docs/reference）。", file=sys.stderr)
            return EXIT_USAGE
    if args.check and stale:
        print("这些生成的文件已过期，请运行 catalogue schema 重新生成：\n  " + "\n  ".join(stale), file=sys.stderr)
        return EXIT_PROBLEMS
    for path in stale:
        print(f"已更新 {path}")
    return EXIT_OK


def cmd_annual_report(args: argparse.Namespace) -> int:
    """``catalogue annual-report YEAR``: a draft record, or (``--format json``) the computed statistics."""
    import json

    from .annual_report import FORMAT_FROM_YEAR, article_20_1_json, earlier_format, plan_draft, report_deadline, write_draft
    got = _configuration(args.config, args.catalogue, "没有生成年度报告")
    if isinstance(got, int):
        return got
    config, _ = got
    if not 1949 <= args.year <= 2100:
        print(f"年份 {args.year} 不对：写四位数字，例如 2025。", file=sys.stderr)
        return EXIT_USAGE
    made_in = earlier_format(args.year)
    if made_in:
        print(f"没有生成年度报告：{args.year} 年的报告按 {made_in}。这个命令只按 30号格式"
              f"（国办公开办函〔2021〕30号）起草和计算 {FORMAT_FROM_YEAR} 年及以后的报告。已经发布的报告请照原样把表格写进正文。",
              file=sys.stderr)
        return EXIT_USAGE
    refusal = _draft_refusal(config, args.out, "没有生成年度报告")  # a mistyped --catalogue had counted 0 (a review)
    if refusal:
        print(refusal, file=sys.stderr)
        return EXIT_USAGE
    as_of = args.as_of or china_today()
    if args.year >= as_of.year:  # the check refuses such a report (invalid-year): a draft of it was written unsaid
        if args.format != "json":
            due = report_deadline(args.year, config.annual_report_deadline)  # 3月31日 for a government (a review)
            print(f"没有生成年度报告：{args.year} 年还没有结束（今天是 {as_of.isoformat()}），年度报告写的是已经结束的年度，"
                  f"次年{due.month}月{due.day}日前发布。要起草的多半是 {as_of.year - 1} 年的报告："
                  f"catalogue annual-report {as_of.year - 1}。",
                  file=sys.stderr)
            return EXIT_USAGE
        print(f"注意：{args.year} 年还没有结束，下面的统计只算到 {as_of.isoformat()}，不是全年的数字。", file=sys.stderr)
    plan = plan_draft(config, args.year, as_of, Path(args.out) if args.out else None)
    if plan.unread or plan.kept_off:  # a record with other errors (a validity conflict …) is published, so counted
        left_out = [f"{plan.unread} 个记录文件有错误，没能读成记录" if plan.unread else "",
                    f"{plan.kept_off} 条记录含个人信息或不公开记录的名称，改正前不发布" if plan.kept_off else ""]
        print(f"注意：{'；'.join(x for x in left_out if x)}，都没有计入（先运行 catalogue check 改正）。", file=sys.stderr)
    if plan.other_issuers:
        print(f"说明：目录中有 {plan.other_issuers} 件其他机关制发的规章、行政规范性文件（发文机关中没有“{config.agency}”），"
              "表二（一）只统计本机关制发的，它们不计入。", file=sys.stderr)
    if plan.reconciliation:
        counted_by = "发布日期" if config.annual_report_date_field == "published" else "成文日期"  # as configured (a review)
        print("核对：表二（一）的现行有效数与“上年现行有效 + 本年制发 − 本年废止”不一致，原因如下"
              f"（本年制发按{counted_by}计入年度，现行有效按实施日期计算）：\n" + "\n".join(plan.reconciliation),
              file=sys.stderr)
    if args.format == "json":
        print(json.dumps(article_20_1_json(plan.year, plan.counts), ensure_ascii=False))
        return EXIT_OK
    if plan.existing:
        print(f"注意：目录中已有{args.year}年的年度报告：{'、'.join(plan.existing)}。", file=sys.stderr)
    try:
        write_draft(plan)
    except NotADirectoryError as exc:
        print(f"{exc.filename} 是一个文件，不是目录，没有生成年度报告：请用 --out 指定一个目录。", file=sys.stderr)
        return EXIT_USAGE
    except FileExistsError:
        print(f"{plan.path} 已经存在，没有覆盖它。要重新生成，请先改名或删除该文件，或用 --out 指定其他目录。",
              file=sys.stderr)
        return EXIT_USAGE
    except OSError as exc:
        from .publish_guard import describe_os_error
        print(f"无法写入 {plan.path}：{describe_os_error(exc, site=False)}", file=sys.stderr)
        return EXIT_PROBLEMS
    print(f"已生成 {plan.path}：第二十条第（一）项已按目录计算，其他统计表和正文请填写（标有“待填写”和 ~ 的地方）。")
    return EXIT_OK


def cmd_new(args: argparse.Namespace) -> int:
    """``catalogue new KIND``: a new record with placeholders for what only the editor knows."""
    from .new_record import NewRecordError, kind_named, plan_new_record, write_new_record
    try:
        kind = kind_named(args.kind)
    except NewRecordError as exc:
        print(exc, file=sys.stderr)
        return EXIT_USAGE
    got = _configuration(args.config, args.catalogue, "没有写新记录", must_exist=True)
    if isinstance(got, int):
        return got
    config, _ = got
    refusal = _draft_refusal(config, None, "没有写新记录")
    if refusal:
        print(refusal, file=sys.stderr)
        return EXIT_USAGE
    try:
        plan = plan_new_record(config, kind, args.as_of or china_today(), title=args.title,
                               interprets=args.interprets, amends=args.amends, repeals=args.repeals)
        write_new_record(plan)
    except NewRecordError as exc:
        print(exc, file=sys.stderr)
        return EXIT_USAGE
    except FileExistsError:
        print(f"{plan.path} 已经存在，没有覆盖它。", file=sys.stderr)
        return EXIT_USAGE
    except OSError as exc:
        from .publish_guard import describe_os_error
        print(f"无法写入新记录：{describe_os_error(exc, site=False)}", file=sys.stderr)
        return EXIT_PROBLEMS
    show = _display_path(config.catalogue_dir, config.config_file)
    print(show(plan.path.relative_to(config.catalogue_dir).as_posix()))
    print(f"索引号 {plan.index_no}。请填写标有“（待填写：…）”的地方：{'、'.join(plan.to_fill)}；"
          "填好后运行 catalogue check 核对。" if plan.to_fill else f"索引号 {plan.index_no}。填好后运行 catalogue check 核对。")
    for note in plan.notes:
        print(f"注意：{note}", file=sys.stderr)
    return EXIT_OK


def cmd_generate(args: argparse.Namespace) -> int:
    """``catalogue generate``: write a demonstration catalogue that passes ``catalogue check``."""
    from .generate import GenerateError, generate_corpus
    config = _configuration_if_any(args.config)
    if isinstance(config, int):
        return config
    refusal = _site_refusal(config, args.out, "演示记录也不例外",  # never into the catalogue: it would publish them
                            "请写到项目以外的一个新文件夹（例如 --out /tmp/catalogue-demo），不要写进记录目录。")
    if refusal:
        print(refusal, file=sys.stderr)
        return EXIT_USAGE
    try:
        summary = generate_corpus(args.n, Path(args.out), seed=args.seed, config=config, overwrite=args.force,
                                  profile=args.profile)
    except GenerateError as exc:
        print(str(exc), file=sys.stderr)
        return EXIT_USAGE
    print(summary.as_text())
    return EXIT_OK


def cmd_import(args: argparse.Namespace) -> int:
    """``catalogue import``: exit 1 when some input could not be imported (gaps to fill are reported, exit 0)."""
    from .config import options_to_config
    from .importer import has_failures, import_pages
    config = _configuration_if_any(args.config)
    if isinstance(config, int):
        return config
    if config is None:
        config, _ = options_to_config({})
    refusal = _site_refusal(config, args.out)
    if refusal:
        print(refusal, file=sys.stderr)
        return EXIT_USAGE
    result = import_pages([Path(p) for p in args.paths], Path(args.out), config, unsaid=args.disclosure)
    if args.format == "json":
        print(formats.as_json(result.problems))
    else:
        colour = sys.stdout.isatty() and "NO_COLOR" not in os.environ
        print(formats.as_text(result.problems, colour=colour))
    print(f"已导入 {len(result.written)} 个文件，{len(result.not_imported)} 个没有导入；"
          f"{result.placeholders} 处必填字段写了“（待填写：…）”，填写后运行 catalogue check。", file=sys.stderr)
    return EXIT_PROBLEMS if has_failures(result) else EXIT_OK


if __name__ == "__main__":  # pragma: no cover
    run()
