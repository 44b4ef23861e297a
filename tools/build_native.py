"""Compile flows/native.py's COMPILED modules with mypyc into .native/ (`make native`)."""
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ["BILATERAL_NATIVE"] = "0"
from flows.native import COMPILED, NATIVE_DIR, fingerprint  # noqa: E402

SETUP = """
from setuptools import setup
from mypyc.build import mypycify
setup(name="bilateral-native", py_modules=[], ext_modules=mypycify(
    ["--ignore-missing-imports", "--follow-imports=silent", *{files!r}], opt_level="3"))
"""

def main() -> None:
    stamp = fingerprint()
    with tempfile.TemporaryDirectory() as tmp:
        setup = Path(tmp) / "setup.py"
        setup.write_text(SETUP.format(files=list(COMPILED)))
        out = Path(tmp) / "lib"
        subprocess.run([sys.executable, str(setup), "-q", "build_ext", "--build-lib", str(out),
                        "--build-temp", str(Path(tmp) / "tmp"), "-j", str(os.cpu_count() or 1)],
                       cwd=ROOT, check=True)
        if fingerprint() != stamp:   # the build may hold some of the edit: it matches no source
            sys.exit("a compiled module's source changed during the build: run `make native` again")
        (out / "FINGERPRINT").write_text(stamp + "\n")
        # Swapped in with two renames, not rewritten in place: a process starting meanwhile finds
        # the old build or the new one (or none, and runs the .py files), never half of each.
        new, old = NATIVE_DIR.with_name(".native.new"), NATIVE_DIR.with_name(".native.old")
        for folder in (new, old):
            shutil.rmtree(folder, ignore_errors=True)
        shutil.copytree(out, new)
        if NATIVE_DIR.exists():
            NATIVE_DIR.rename(old)
        new.rename(NATIVE_DIR)
        shutil.rmtree(old, ignore_errors=True)
    print(f"compiled {len(COMPILED)} modules into {NATIVE_DIR}")


if __name__ == "__main__":
    main()
