#!/usr/bin/env bash
# Lint: ruff (pyproject.toml) and semgrep with the repository's Frappe rules (.semgrep/), whose own
# cases run first (`semgrep --test`). Installs both into a virtualenv of their own when missing.
set -euo pipefail
cd "$(dirname "$0")/.."
venv="${LINT_VENV:-${XDG_CACHE_HOME:-$HOME/.cache}/customer-service-lint}"
if [ ! -x "$venv/bin/semgrep" ] || [ ! -x "$venv/bin/ruff" ]; then
	python3 -m venv "$venv"
	"$venv/bin/pip" install -q "ruff==0.17.5" "semgrep==1.185.0"
fi
export SEMGREP_SEND_METRICS=off
echo "ruff:"
"$venv/bin/ruff" check customer_service tests
echo "semgrep rule cases:"
"$venv/bin/semgrep" --quiet --metrics=off --disable-version-check --test --config .semgrep/frappe.yml .semgrep/frappe.py
echo "semgrep:"
"$venv/bin/semgrep" --quiet --metrics=off --disable-version-check --no-git-ignore --error \
	--config .semgrep/frappe.yml customer_service
echo "lint: clean"
