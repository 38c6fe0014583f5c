#!/usr/bin/env python3
"""Worst cases of the hostile-input classes: time, peak memory and outcome of each.

    .venv/bin/python bench/hostile_bench.py                 # this checkout's code
    .venv/bin/python bench/hostile_bench.py --repo ../other  # another checkout (its .venv)
    .venv/bin/python bench/hostile_bench.py --only logo      # cases whose label has "logo"

Each case is generated here (the generators of tests/hostile/) and run as a real
command (``python -m briefing ...``, or a few lines calling the core) in a child process
of the checked-out code, in its own session, under an address-space cap (``--memory``,
default 4 GiB) and a wall-clock limit (``--timeout``, default 120 s; a case that hangs is
killed and shown as ``>N s``). Peak memory is the child's peak resident set (its worker
processes included) from ``wait4``. The outcome column is the exit code, the first line
of stderr and what the case checks (a private file embedded, an input replaced...).
A table per case is printed, then the worst time and memory per class.
"""
from __future__ import annotations

import argparse
import multiprocessing
import os
import resource
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import zipfile
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT / "tests"))

from hostile import inputs, project_inputs, template_inputs  # noqa: E402

SEED = ROOT / "seeds" / "000_30b27e0cb4826dc3.txt"
BASE_URL = "http://127.0.0.1:9"  # nothing listens there; the URL is only looked for in outputs


@dataclass
class Run:
    """What a case runs: argv (or shell text), extra environment, stdout target, a check."""

    argv: list[str] | str
    env: dict[str, str] = field(default_factory=dict)
    stdout: str | None = None  # a path, e.g. /dev/full; None: captured
    check: Callable[[str], str] | None = None  # given stdout, says what the case checks
    timeout: float | None = None


@dataclass
class Case:
    klass: str
    label: str
    make: Callable[[Path, str], Run]  # (temporary folder, python) -> Run


def briefing(python: str, *args: str) -> list[str]:
    return [python, "-m", "briefing", *map(str, args)]


def core(python: str, code: str) -> list[str]:
    return [python, "-c", code]


def contains(path: Path, marker: bytes) -> bool:
    """Whether ``marker`` is in the file or, for a DOCX, in any of its parts."""
    if not path.is_file():
        return False
    data = path.read_bytes()
    if marker in data:
        return True
    if zipfile.is_zipfile(path):
        with zipfile.ZipFile(path) as z:
            return any(marker in z.read(n) for n in z.namelist())
    return False


def output_check(out: Path, marker: bytes, bad: str) -> Callable[[str], str]:
    """For a DOCX: ``marker`` in any part; for a PDF (images re-encoded): any image at all
    (the base template has no logo, so an image is the private one)."""
    def check(_: str) -> str:
        if not out.exists():
            return "no output"
        found = b"/Subtype /Image" in out.read_bytes() if out.suffix == ".pdf" else contains(out, marker)
        return bad if found else "not in output"
    return check


# ---------------------------------------------------------------- the cases

def _logo_case(how: str, fmt: str) -> Callable[[Path, str], Run]:
    def make(tmp: Path, py: str) -> Run:
        folder = template_inputs.logo_outside(tmp, how)
        out = tmp / f"out.{fmt}"
        return Run(briefing(py, "export", SEED, "-o", out, "--template", folder),
                   check=output_check(out, template_inputs.SECRET, "PRIVATE IMAGE EMBEDDED"))
    return make


def _project_template_path(tmp: Path, py: str) -> Run:
    folder = template_inputs.logo_outside(tmp, "relative")
    proj = project_inputs.template_path(tmp, folder)
    out = tmp / "out.pdf"
    return Run(briefing(py, "export", proj, "-o", out),
               check=output_check(out, template_inputs.SECRET, "PRIVATE IMAGE EMBEDDED"))


def _new_from_linked(tmp: Path, py: str) -> Run:
    folder = template_inputs.logo_outside(tmp, "symlink")
    data = tmp / "data"

    def check(_: str) -> str:
        copied = data / "templates" / "mine" / "logo.png"
        if copied.is_symlink():
            return "LINK COPIED (points outside)"
        return "PRIVATE IMAGE COPIED" if contains(copied, template_inputs.SECRET) else "not copied"
    return Run(briefing(py, "templates", "new", "mine", "--from", folder),
               env={"BRIEFING_DATA_DIR": str(data)}, check=check)


def _save_outside(tmp: Path, py: str) -> Run:
    folder = template_inputs.logo_outside(tmp, "relative")
    data = tmp / "data"
    (data / "templates" / "private").mkdir(parents=True)  # another user template's folder
    code = ("from briefing.templates import TemplateError, load_template, save_user_template\n"
            "try:\n"
            f"    save_user_template(load_template({str(folder)!r}), 'copy')\n"
            "except TemplateError as exc:\n"
            "    print(exc)\n")
    escaped = data / "templates" / "private" / "secret.png"
    return Run(core(py, code), env={"BRIEFING_DATA_DIR": str(data)},
               check=lambda _: "WROTE OUTSIDE THE TEMPLATE FOLDER" if escaped.exists() else "nothing outside")


def _reference_remote(tmp: Path, py: str) -> Run:
    folder = template_inputs.reference_template(tmp, template_inputs.reference_with_remote_parts(BASE_URL))
    out = tmp / "out.docx"

    def check(_: str) -> str:
        if not out.exists():
            return "no output"
        kept = [what for what, marker in (("remote URL", BASE_URL.encode()), ("macros", b"VBA-MACRO"),
                                          ("custom XML", b"CUSTOM-XML"), ("OLE", b"OLE-OBJECT"))
                if contains(out, marker)]
        return ("KEPT " + ", ".join(kept)) if kept else "all dropped"
    return Run(briefing(py, "export", SEED, "-o", out, "--template", folder), check=check)


def _reference_bomb(tmp: Path, py: str) -> Run:
    folder = template_inputs.reference_template(tmp, bomb_mb=3000)
    return Run(briefing(py, "export", SEED, "-o", tmp / "out.docx", "--template", folder))


def _overwrite(how: str) -> Callable[[Path, str], Run]:
    def make(tmp: Path, py: str) -> Run:
        d = tmp / "d"
        d.mkdir()
        source = d / "article.pdf"
        source.write_bytes(inputs._pdf_bytes(inputs.GOOD_TEXT.split("\n\n")))
        before = source.read_bytes()
        if how == "out-dir":
            argv = briefing(py, "export", source, "--out-dir", d)
        elif how == "same":
            argv = briefing(py, "export", source, "-o", source)
        else:
            link = d / "linked.pdf"
            os.link(source, link)
            argv = briefing(py, "export", link, "-o", source)
        return Run(argv, check=lambda _: "INPUT REPLACED" if source.read_bytes() != before else "input intact")
    return make


def _surrogates(tmp: Path, py: str) -> Run:
    proj = project_inputs.lone_surrogates(tmp)
    code = ("from briefing.note.project import load_project, save_project\n"
            f"p = load_project({str(proj)!r})\n"
            f"save_project({str(tmp / 'saved.briefing')!r}, p)\n")
    return Run(core(py, code), check=lambda _: "saved" if (tmp / "saved.briefing").exists() else "NOT SAVED")


def _article(maker: Callable[[Path], Path], cmd: str = "extract", timeout: float | None = None,
             check_text: bytes | None = None) -> Callable[[Path, str], Run]:
    def make(tmp: Path, py: str) -> Run:
        path = maker(tmp)
        if cmd == "extract":
            out = tmp / "out"
            argv = briefing(py, "extract", "--no-progress", "--out-dir", out, path)
            check = None
            if check_text is not None:
                check = lambda _: ("text kept" if any(contains(p, check_text) for p in out.glob("*.json"))  # noqa: E731
                                 else "TEXT DROPPED" if any(out.glob("*.json")) else "refused")
            return Run(argv, check=check, timeout=timeout)
        return Run(briefing(py, "export", path, "-o", tmp / "out.pdf"), timeout=timeout)
    return make


def _project_cmd(maker: Callable[[Path], Path], *args: str) -> Callable[[Path, str], Run]:
    def make(tmp: Path, py: str) -> Run:
        path = maker(tmp)
        extra = [tmp / a if a.startswith("out.") else a for a in args]
        return Run(briefing(py, *extra[:1], path, *extra[1:]))
    return make


def _grown(tmp: Path, py: str) -> Run:
    path = inputs.text_over_limit(tmp, 400)
    code = ("import os, pathlib\n"
            f"target = {str(path)!r}\n"
            "real_stat, real_fstat = os.stat, os.fstat\n"
            "def small(result):\n"
            "    values = list(result); values[6] = 1000\n"
            "    return os.stat_result(values)\n"
            "def fake_stat(p, *a, **k):\n"
            "    r = real_stat(p, *a, **k)\n"
            "    return small(r) if os.fspath(p) == target else r\n"
            "def fake_fstat(fd):\n"
            "    r = real_fstat(fd)\n"
            "    return small(r) if r.st_size > 100_000_000 else r\n"
            "os.stat, os.fstat = fake_stat, fake_fstat\n"
            "pathlib.Path.stat = lambda self, **k: fake_stat(self, **k)\n"
            "from briefing.ingest import IngestError, read_article\n"
            "try:\n"
            "    a = read_article(target); print('read', len(a.text), 'characters')\n"
            "except IngestError as e:\n"
            "    print(e)\n")
    return Run(core(py, code))


def _big_logo(fmt: str) -> Callable[[Path, str], Run]:
    def make(tmp: Path, py: str) -> Run:
        folder = template_inputs.big_logo(tmp)
        return Run(briefing(py, "export", SEED, "-o", tmp / f"out.{fmt}", "--template", folder))
    return make


def _seed_copy(tmp: Path, name: str = "a.txt") -> Path:
    path = tmp / name
    shutil.copy(SEED, path)
    return path


def _dev_full(tmp: Path, py: str) -> Run:
    return Run(briefing(py, "extract", _seed_copy(tmp)), stdout="/dev/full")


def _broken_pipe(tmp: Path, py: str) -> Run:
    seed = _seed_copy(tmp)
    cmd = " ".join(f"'{a}'" for a in briefing(py, "extract", seed))
    return Run(f"set -o pipefail; {cmd} | head -c 50 > /dev/null; echo \"exit ${{PIPESTATUS[0]}}\" >&2")


def _long_name(where: str) -> Callable[[Path, str], Run]:
    def make(tmp: Path, py: str) -> Run:
        name = "t" * 300
        if where == "--template":
            return Run(briefing(py, "export", _seed_copy(tmp), "-o", tmp / "out.pdf", "--template", name))
        if where == "show":
            return Run(briefing(py, "templates", "show", name))
        return Run(briefing(py, "export", project_inputs.long_template_name(tmp), "-o", tmp / "out.pdf"))
    return make


def _user_template(maker: Callable[[Path], Path], *args: str) -> Callable[[Path, str], Run]:
    def make(tmp: Path, py: str) -> Run:
        data = tmp / "data"
        maker(data / "templates")
        return Run(briefing(py, "templates", *args), env={"BRIEFING_DATA_DIR": str(data)},
                   check=lambda out: "RAW ESCAPES PRINTED" if "\x1b" in out else "")
    return make


def _undecodable_name(tmp: Path, py: str) -> Run:
    raw = os.fsencode(str(tmp)) + b"/caf\xe9 article.txt"
    with open(raw, "wb") as fh:
        fh.write(SEED.read_bytes())
    return Run(briefing(py, "extract", os.fsdecode(raw)), env={"PYTHONIOENCODING": "utf-8"})


def _timeout_names(tmp: Path, py: str) -> Run:
    a, b = _seed_copy(tmp, "first.txt"), _seed_copy(tmp, "second.txt")
    return Run(briefing(py, "export", "-j", "2", "--task-timeout", "0.01", "--out-dir", tmp / "out", a, b))


def _message_export(maker: Callable[[Path], Path]) -> Callable[[Path, str], Run]:
    def make(tmp: Path, py: str) -> Run:
        return Run(briefing(py, "export", maker(tmp), "-o", tmp / "out.pdf"), timeout=30)
    return make


def _check_template(maker: Callable[[Path], Path]) -> Callable[[Path, str], Run]:
    def make(tmp: Path, py: str) -> Run:
        return Run(briefing(py, "check", _seed_copy(tmp), "--template", maker(tmp)))
    return make


def _new_named(tmp: Path, py: str) -> Run:
    data = tmp / "data"
    return Run(briefing(py, "templates", "new", "mine\n", "--from", "one-page"),
               env={"BRIEFING_DATA_DIR": str(data)},
               check=lambda _: "CREATED 'mine\\n'" if (data / "templates" / "mine\n").exists() else "not created")


def _aes(password: str) -> Callable[[Path], Path]:
    return lambda tmp: inputs.pdf_aes(tmp, password)


CASES = [
    Case("1 template containment", "logo ../ to a private image, DOCX", _logo_case("relative", "docx")),
    Case("1 template containment", "logo by absolute path, PDF", _logo_case("absolute", "pdf")),
    Case("1 template containment", "logo.png linking to a private image, DOCX", _logo_case("symlink", "docx")),
    Case("1 template containment", "logo ../ to /etc/passwd, PDF", _logo_case("traversal", "pdf")),
    Case("1 template containment", "project note.template is a folder path", _project_template_path),
    Case("1 template containment", "templates new --from a template with a linked logo", _new_from_linked),
    Case("1 template containment", "save_user_template of a ../ logo", _save_outside),
    Case("2 reference document", "reference.docx: remote template, image, macros", _reference_remote),
    Case("2 reference document", "reference.docx holding a 3 GB part", _reference_bomb),
    Case("4 no self-overwrite", "export d/article.pdf --out-dir d", _overwrite("out-dir")),
    Case("4 no self-overwrite", "export a.pdf -o a.pdf", _overwrite("same")),
    Case("4 no self-overwrite", "export hard link -o its other name", _overwrite("link")),
    Case("5 unencodable text", "save a project with lone surrogates", _surrogates),
    Case("6 bounded work", "HTML element with 300,000 attributes", _article(inputs.html_many_attributes)),
    Case("6 bounded work", "DOCX of 100,000 paragraphs", _article(inputs.docx_many_paragraphs)),
    Case("6 bounded work", "DOCX of 400,000 paragraphs",
         _article(lambda f: inputs.docx_many_paragraphs(f, 400_000))),
    Case("6 bounded work", "FIFO named x.txt (extract)", _article(inputs.fifo, timeout=20)),
    Case("6 bounded work", "project with a 2 MB summary, PDF", _project_cmd(project_inputs.long_summary,
                                                                             "export", "-o", "out.pdf")),
    Case("6 bounded work", "project with 2 MB in one table cell, PDF",
         _project_cmd(project_inputs.long_cell, "export", "-o", "out.pdf")),
    Case("6 bounded work", "300 MB project (check)", _project_cmd(project_inputs.huge, "check")),
    Case("6 bounded work", "x.txt linked to /dev/zero (extract)", _article(inputs.device_link, timeout=60)),
    Case("6 bounded work", "file past 50 MB after its size was checked", _grown),
    Case("6 bounded work", "144-megapixel logo, PDF", _big_logo("pdf")),
    Case("6 bounded work", "144-megapixel logo, DOCX", _big_logo("docx")),
    Case("7 no traceback", "extract > /dev/full", _dev_full),
    Case("7 no traceback", "extract | head -c 50", _broken_pipe),
    Case("7 no traceback", "--template of 300 characters", _long_name("--template")),
    Case("7 no traceback", "templates show of 300 characters", _long_name("show")),
    Case("7 no traceback", "project template name of 300 characters", _long_name("project")),
    Case("7 no traceback", "templates list, template.toml nested 5,000 deep",
         _user_template(template_inputs.nested_toml, "list")),
    Case("7 no traceback", "non-UTF-8 file name, PYTHONIOENCODING=utf-8", _undecodable_name),
    Case("8 messages", "batch timeout names the file", _timeout_names),
    Case("8 messages", "export a FIFO", _message_export(inputs.fifo)),
    Case("8 messages", "export x.txt linked to /dev/zero", _message_export(inputs.device_link)),
    Case("8 messages", "corrupt PNG logo (check)", _check_template(lambda f: template_inputs.corrupt_logo(f, "png"))),
    Case("8 messages", "SVG logo (check)", _check_template(lambda f: template_inputs.corrupt_logo(f, "svg"))),
    Case("8 messages", "ANSI escapes in a template (list)", _user_template(template_inputs.control_characters, "list")),
    Case("8 messages", "colour with a trailing newline (check)",
         _check_template(template_inputs.trailing_newline_colour)),
    Case("8 messages", "templates new 'mine\\n'", _new_named),
    Case("8 messages", "30 MB one-line HTML", _article(inputs.html_one_line)),
    Case("8 messages", "200,000 nested <b>", _article(inputs.html_nested, check_text=b"deep paragraph")),
    Case("8 messages", "PDF of 100,000 pages", _article(inputs.pdf_many_pages)),
    Case("9 encrypted PDF", "AES-256 PDF, empty password", _article(_aes(""))),
    Case("9 encrypted PDF", "AES-256 PDF, with a password", _article(_aes("secret"))),
]


# ---------------------------------------------------------------- running

def run_case(case: Case, python: str, repo: Path, timeout: float, memory: int,
             runner: ProcessPoolExecutor) -> tuple[float, int, str]:
    with tempfile.TemporaryDirectory(prefix="hostile-bench-") as name:
        tmp = Path(name)
        run = case.make(tmp, python)
        env = {**os.environ, "PYTHONPATH": str(repo), "BRIEFING_DATA_DIR": str(tmp / "data"), **run.env}
        if "PYTHONIOENCODING" not in run.env:
            env.pop("PYTHONIOENCODING", None)
        argv = ["bash", "-c", run.argv] if isinstance(run.argv, str) else run.argv
        limit = run.timeout or timeout
        seconds, peak, out, err, code = runner.submit(_execute, argv, env, str(tmp), run.stdout, limit,
                                                      memory).result()
        text = err.decode("utf-8", "replace").replace(str(tmp) + "/", "").replace(str(tmp), ".")
        lines = [line for line in text.splitlines() if line.strip()]
        if code is None:
            outcome = f"killed after {limit:g} s"
        else:
            useful = [line for line in lines if not line.startswith("exit ")]
            first = next((line for line in useful if "warning" not in line), useful[0] if useful else "")
            first = first or next((line for line in out.decode("utf-8", "replace").splitlines()
                                   if line.strip()), "").replace(str(tmp) + "/", "")[:80]
            shell_exit = next((line for line in lines if line.startswith("exit ")), None)
            outcome = f"{shell_exit or f'exit {code}'}" + (f": {first}" if first else "")
        if "Traceback" in text:
            outcome = f"TRACEBACK {lines[-1] if lines else ''}"
        if run.check is not None and code is not None:
            extra = run.check((out or b"").decode("utf-8", "replace"))
            outcome += f" [{extra}]" if extra else ""
        return seconds, peak, outcome.replace("\x1b", "\\x1b").replace("\n", "\\n")


def _execute(argv: list[str], env: dict[str, str], cwd: str, stdout_path: str | None, limit: float,
             memory: int) -> tuple[float, int, bytes, bytes, int | None]:
    """Run one case (in a small forkserver worker, so that the child's peak resident set,
    which Linux starts from its parent's, is the child's own); ``(seconds, peak bytes,
    stdout, stderr, exit code or None if killed)``."""
    _install_wait4()

    def limits() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (memory, memory))

    stdout = open(stdout_path, "w") if stdout_path else subprocess.PIPE  # noqa: SIM115
    started = time.monotonic()
    proc = subprocess.Popen(argv, cwd=cwd, env=env, stdout=stdout, stderr=subprocess.PIPE,
                            preexec_fn=limits, start_new_session=True)
    killed = False
    try:
        out, err = proc.communicate(timeout=limit)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        killed = True
        out, err = proc.communicate()
    seconds = time.monotonic() - started
    if stdout_path:
        stdout.close()
    return seconds, _peak.pop(proc.pid, 0) * 1024, out or b"", err or b"", None if killed else proc.returncode


_peak: dict[int, int] = {}


def _install_wait4() -> None:
    """Record each child's own peak RSS (its waited-for descendants included) via wait4."""
    if getattr(subprocess.Popen, "_wait4_installed", False):
        return
    original = subprocess.Popen._try_wait  # type: ignore[attr-defined]

    def _try_wait(self, wait_flags):  # noqa: ANN001, ANN202
        try:
            pid, status, usage = os.wait4(self.pid, wait_flags)
        except ChildProcessError:
            return original(self, wait_flags)
        if pid == self.pid:
            _peak[pid] = usage.ru_maxrss
        return pid, status

    subprocess.Popen._try_wait = _try_wait  # type: ignore[attr-defined]
    subprocess.Popen._wait4_installed = True  # type: ignore[attr-defined]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repo", type=Path, default=ROOT, help="checkout whose code runs (default: this one)")
    parser.add_argument("--python", help="interpreter (default: REPO/.venv/bin/python)")
    parser.add_argument("--timeout", type=float, default=120.0, help="seconds before a case is killed")
    parser.add_argument("--memory", type=float, default=4.0, help="address-space cap, GiB")
    parser.add_argument("--only", default="", help="run cases whose label contains this text")
    args = parser.parse_args()
    repo = args.repo.resolve()
    python = args.python or str(repo / ".venv" / "bin" / "python")
    runner = ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("forkserver"))
    runner.submit(time.sleep, 0).result()  # start it while this process is still small
    cases = [c for c in CASES if args.only.lower() in (c.klass + " " + c.label).lower()]
    print(f"code: {repo} ({_commit(repo)}); cap {args.memory:g} GiB, {args.timeout:g} s per case\n")
    print(f"{'class':<24} {'case':<52} {'time':>8} {'peak':>8}  outcome")
    worst: dict[str, tuple[float, int]] = {}
    for case in cases:
        seconds, peak, outcome = run_case(case, python, repo, args.timeout, int(args.memory * 1024 ** 3),
                                          runner)
        t, m = worst.get(case.klass, (0.0, 0))
        worst[case.klass] = (max(t, seconds), max(m, peak))
        print(f"{case.klass:<24} {case.label[:52]:<52} {seconds:7.1f}s {peak / 2**20:6.0f}MB  {outcome[:150]}",
              flush=True)
    runner.shutdown()
    print("\nworst per class (time, peak memory):")
    for klass, (t, m) in worst.items():
        print(f"  {klass:<24} {t:7.1f} s {m / 2**20:7.0f} MB")
    return 0


def _commit(repo: Path) -> str:
    try:
        return subprocess.run(["git", "-C", str(repo), "log", "-1", "--format=%h %s"], capture_output=True,
                              text=True, check=True).stdout.strip()[:60]
    except (OSError, subprocess.CalledProcessError):
        return "unknown commit"


if __name__ == "__main__":
    sys.exit(main())
