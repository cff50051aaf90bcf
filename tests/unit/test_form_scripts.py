"""Every form and report script parses (node --check), so a typo never blanks a desk form."""

import shutil
import subprocess
from pathlib import Path

import pytest

APP = Path(__file__).resolve().parents[2] / "customer_service"
SCRIPTS = sorted(APP.glob("**/*.js"))


def test_scripts_are_found():
	assert len(SCRIPTS) >= 10


@pytest.mark.parametrize("script", SCRIPTS, ids=lambda p: str(p.relative_to(APP)))
def test_script_parses(script):
	node = shutil.which("node")
	assert node, "Node.js is part of the bench (make dev installs it)"
	result = subprocess.run([node, "--check", str(script)], capture_output=True, text=True)
	assert result.returncode == 0, result.stderr
