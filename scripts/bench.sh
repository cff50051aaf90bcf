#!/usr/bin/env bash
# Set-up, serving and testing of customer_service on a real Frappe v15 bench.
#
#   scripts/bench.sh dev     system packages, MariaDB config, bench, app, demo site, serve
#   scripts/bench.sh test    unit tests + integration tests on a fresh site, one summary
#
# Runs as root; the bench itself belongs to a non-root user ($BENCH_USER) and
# bench drops privileges to it (config.json "frappe_user").
#
# Environment (all optional):
#   FRAPPE_BENCH    bench directory            (default /home/frappe/frappe-bench)
#   BENCH_USER      owner of the bench         (default: the owner of an existing FRAPPE_BENCH, else frappe)
#   FRAPPE_SOURCE   Frappe git URL or local git path (default upstream GitHub)
#   FRAPPE_BRANCH   branch of FRAPPE_SOURCE    (default version-15)
#   DEV_SITE        site served by `make dev`  (default customer-service.localhost)
#   TEST_SITE       site rebuilt by `make test` (default cs-test.localhost)
#   DEV_PORT        port of `make dev`         (default 8000)
#   SERVE           0 = `make dev` sets up but does not serve
set -euo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
if [ -z "${BENCH_USER:-}" ] && [ -n "${FRAPPE_BENCH:-}" ] && [ -d "$FRAPPE_BENCH" ]; then
	BENCH_USER="$(stat -c %U "$FRAPPE_BENCH")"  # an existing bench keeps its owner
fi
BENCH_USER="${BENCH_USER:-frappe}"
bench_home() { getent passwd "$BENCH_USER" | cut -d: -f6 | grep . || echo "/home/${BENCH_USER}"; }
FRAPPE_BENCH="${FRAPPE_BENCH:-$(bench_home)/frappe-bench}"
FRAPPE_SOURCE="${FRAPPE_SOURCE:-https://github.com/frappe/frappe}"
FRAPPE_BRANCH="${FRAPPE_BRANCH:-version-15}"
DEV_SITE="${DEV_SITE:-customer-service.localhost}"
TEST_SITE="${TEST_SITE:-cs-test.localhost}"
DEV_PORT="${DEV_PORT:-8000}"
ADMIN_PASSWORD="${ADMIN_PASSWORD:-admin}"
DB_ADMIN_USER="cs_dbadmin"
APP=customer_service

log() { printf '\033[1;34m==> %s\033[0m\n' "$*"; }
die() { printf '\033[1;31mERROR: %s\033[0m\n' "$*" >&2; exit 1; }

[ "$(id -u)" = 0 ] || die "run as root (it creates and uses the bench user '${BENCH_USER}' itself)"

as_user() { runuser -u "$BENCH_USER" -- env HOME="$(bench_home)" \
	PATH="$(bench_home)/.bench-cli/bin:/usr/local/bin:/usr/bin:/bin" \
	PIP_CONSTRAINT="$(bench_home)/.bench-constraints.txt" BENCH_DISABLE_UV=1 "$@"; }
bench_cmd() { (cd "$FRAPPE_BENCH" && as_user bench "$@"); }

# --- system -----------------------------------------------------------------

ensure_packages() {
	local missing=()
	command -v mariadbd >/dev/null || [ -x /usr/sbin/mariadbd ] || missing+=(mariadb-server)
	command -v mariadb >/dev/null || missing+=(mariadb-client)
	command -v redis-server >/dev/null || missing+=(redis-server)
	command -v git >/dev/null || missing+=(git)
	command -v node >/dev/null || missing+=(nodejs npm)
	command -v pkg-config >/dev/null || missing+=(pkg-config)
	command -v rsync >/dev/null || missing+=(rsync)
	dpkg -s libmariadb-dev >/dev/null 2>&1 || missing+=(libmariadb-dev)
	dpkg -s python3-venv >/dev/null 2>&1 || missing+=(python3-venv)
	dpkg -s python3-dev >/dev/null 2>&1 || missing+=(python3-dev)
	if [ ${#missing[@]} -gt 0 ]; then
		log "installing system packages: ${missing[*]}"
		apt-get update -qq
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}"
	fi
	if ! command -v yarn >/dev/null || [[ "$(yarn --version)" != 1.* ]]; then
		log "installing yarn 1.x from the npm registry"
		npm install -g --silent yarn@1
	fi
}

ensure_services() {
	if ! mariadb -uroot -e 'select 1' >/dev/null 2>&1; then
		log "starting MariaDB"
		start-stop-daemon --start --oknodo --background --exec /usr/sbin/mariadbd
		for _ in $(seq 30); do mariadb -uroot -e 'select 1' >/dev/null 2>&1 && break; sleep 1; done
	fi
	if ! redis-cli -h 127.0.0.1 ping >/dev/null 2>&1; then
		log "starting Redis"
		mkdir -p /var/lib/redis /var/log/redis
		redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no \
			--dir /var/lib/redis --logfile /var/log/redis/cs.log
	fi
}

configure_mariadb() {
	local conf=/etc/mysql/mariadb.conf.d/99-frappe.cnf
	if [ ! -f "$conf" ]; then
		log "configuring MariaDB for Frappe (utf8mb4 / utf8mb4_unicode_ci)"
		mkdir -p "$(dirname "$conf")"
		cat >"$conf" <<-'EOF'
			[mysqld]
			character-set-client-handshake = FALSE
			character-set-server = utf8mb4
			collation-server = utf8mb4_unicode_ci

			[mysql]
			default-character-set = utf8mb4
		EOF
	fi
	# the running server takes the settings at once; the file keeps them over restarts
	mariadb -uroot -e "SET GLOBAL character_set_server='utf8mb4'; SET GLOBAL collation_server='utf8mb4_unicode_ci';"
	local pw_file="$(bench_home)/.cs_db_admin_password"
	if [ ! -s "$pw_file" ]; then
		head -c 18 /dev/urandom | base64 | tr -dc 'A-Za-z0-9' >"$pw_file"
		chown "$BENCH_USER" "$pw_file"; chmod 600 "$pw_file"
	fi
	local pw; pw="$(cat "$pw_file")"
	for host in localhost 127.0.0.1; do
		mariadb -uroot -e "CREATE USER IF NOT EXISTS '${DB_ADMIN_USER}'@'${host}' IDENTIFIED BY '${pw}';
			ALTER USER '${DB_ADMIN_USER}'@'${host}' IDENTIFIED BY '${pw}';
			GRANT ALL PRIVILEGES ON *.* TO '${DB_ADMIN_USER}'@'${host}' WITH GRANT OPTION;"
	done
}
db_admin_args() { echo "--db-root-username ${DB_ADMIN_USER} --db-root-password $(cat "$(bench_home)/.cs_db_admin_password")"; }

ensure_user() {
	if ! id "$BENCH_USER" >/dev/null 2>&1; then
		log "creating bench user ${BENCH_USER}"
		useradd -m -s /bin/bash "$BENCH_USER"
	fi
	local home; home="$(getent passwd "$BENCH_USER" | cut -d: -f6)"
	chmod 755 "$home"
	# Frappe 15 imports pkg_resources, which setuptools 81+ no longer ships
	echo 'setuptools<81' >"$home/.bench-constraints.txt"
	chown "$BENCH_USER" "$home/.bench-constraints.txt"
	if [ ! -x "$home/.bench-cli/bin/bench" ]; then
		log "installing frappe-bench for ${BENCH_USER}"
		as_user /usr/bin/python3 -m venv "$home/.bench-cli"
		as_user "$home/.bench-cli/bin/pip" install -q frappe-bench
	fi
	ln -sf "$home/.bench-cli/bin/bench" /usr/local/bin/bench
}

# --- bench ------------------------------------------------------------------

ensure_bench() {
	if [ -f "$FRAPPE_BENCH/apps/frappe/frappe/__init__.py" ] && [ -x "$FRAPPE_BENCH/env/bin/python" ]; then
		log "reusing bench $FRAPPE_BENCH"
	else
		local src="$FRAPPE_SOURCE"
		if [ -d "$FRAPPE_SOURCE" ]; then
			# a local checkout: clone it where the bench user can read it
			# (bench wants a work tree whose folder is named after the app)
			src="$(bench_home)/.frappe-source/frappe"
			[ -d "$src/.git" ] || git clone -q --branch "$FRAPPE_BRANCH" "$FRAPPE_SOURCE" "$src"
			chown -R "$BENCH_USER" "$(bench_home)/.frappe-source"
		fi
		log "creating bench $FRAPPE_BENCH (Frappe ${FRAPPE_BRANCH} from ${FRAPPE_SOURCE})"
		mkdir -p "$(dirname "$FRAPPE_BENCH")"
		chown "$BENCH_USER" "$(dirname "$FRAPPE_BENCH")"
		(cd "$(dirname "$FRAPPE_BENCH")" && as_user bench init "$(basename "$FRAPPE_BENCH")" \
			--frappe-path "$src" --frappe-branch "$FRAPPE_BRANCH" --python /usr/bin/python3 \
			--skip-redis-config-generation --no-backups)
		# the bench we create runs on the machine's Redis (an existing bench keeps its own)
		for key in redis_cache redis_queue redis_socketio; do
			(cd "$FRAPPE_BENCH" && as_user bench set-config -g "$key" redis://127.0.0.1:6379 >/dev/null)
		done
	fi
	# the bench user runs bench even when root calls it
	as_user "$FRAPPE_BENCH/env/bin/python" - "$FRAPPE_BENCH" "$BENCH_USER" <<-'PY'
		import json, sys, pathlib
		bench, user = sys.argv[1:]
		p = pathlib.Path(bench, "sites", "common_site_config.json")
		conf = json.loads(p.read_text()) if p.exists() else {}
		if conf.get("frappe_user") != user:
		    conf["frappe_user"] = user
		    p.write_text(json.dumps(conf, indent=1))
	PY
	as_user "$FRAPPE_BENCH/env/bin/pip" install -q 'setuptools<81' pytest freezegun
}

APP_ROOT="$REPO"  # where the bench reads the app (and its tests) from

ensure_app() {
	local target="$FRAPPE_BENCH/apps/$APP"
	if [ -d "$target/.git" ] && [ ! -L "$target" ] && [ "$(readlink -f "$target")" != "$REPO" ]; then
		# a checkout bench get-app made: keep it aside rather than delete it
		log "moving the existing $target aside to $target.before-working-tree"
		rm -rf "$target.before-working-tree"
		mv "$target" "$target.before-working-tree"
	fi
	if as_user test -r "$REPO/pyproject.toml" -a -x "$REPO/$APP"; then
		# the working tree itself, editable
		if [ "$(readlink -f "$target" 2>/dev/null)" != "$REPO" ]; then
			rm -rf "$target"
			ln -s "$REPO" "$target"
		fi
	else
		# the bench user cannot read the working tree where it is: install a copy
		[ -L "$target" ] && rm -f "$target"
		rsync -a --delete --exclude .git "$REPO/" "$target/"
		chown -R "$BENCH_USER" "$target"
		APP_ROOT="$target"
	fi
	log "installing $APP into the bench (editable)"
	as_user "$FRAPPE_BENCH/env/bin/pip" install -q --no-deps -e "$target"
	local apps="$FRAPPE_BENCH/sites/apps.txt"
	if ! grep -qx "$APP" "$apps"; then
		sed -i -e '$a\' "$apps"   # bench writes the last line without a newline
		echo "$APP" >>"$apps"
	fi
}

site_exists() { [ -f "$FRAPPE_BENCH/sites/$1/site_config.json" ]; }

new_site() {
	local site="$1"
	# shellcheck disable=SC2046
	bench_cmd new-site "$site" $(db_admin_args) --admin-password "$ADMIN_PASSWORD" \
		--install-app "$APP" --force || return 1
	# a sender for the mails Frappe queues (there is no mail server in dev and test)
	bench_cmd --site "$site" set-config mail_server localhost >/dev/null || return 1
	bench_cmd --site "$site" set-config auto_email_id "noreply@${site}" >/dev/null || return 1
	complete_setup_wizard "$site" || return 1
}

# What the setup wizard would ask, answered for a Chinese developer's site; only
# on a site whose wizard was never completed (a reused site keeps its settings).
complete_setup_wizard() {
	local site="$1"
	bench_cmd --site "$site" execute customer_service.setup.install.complete_setup_wizard \
		--kwargs '{"language": "zh", "country": "China", "time_zone": "Asia/Shanghai"}' >/dev/null
}

# --- commands ---------------------------------------------------------------

setup() {
	ensure_packages
	ensure_services
	ensure_user
	configure_mariadb
	ensure_bench
	ensure_app
}

cmd_dev() {
	setup
	if site_exists "$DEV_SITE"; then
		log "reusing site $DEV_SITE; migrating"
		bench_cmd --site "$DEV_SITE" migrate
		complete_setup_wizard "$DEV_SITE"
	else
		log "creating site $DEV_SITE"
		new_site "$DEV_SITE"
		bench_cmd --site "$DEV_SITE" set-config developer_mode 0 >/dev/null
	fi
	bench_cmd --site "$DEV_SITE" scheduler enable >/dev/null
	bench_cmd use "$DEV_SITE" >/dev/null
	log "loading demo data (idempotent)"
	bench_cmd --site "$DEV_SITE" execute customer_service.demo.make_demo
	bench_cmd build --app "$APP" || bench_cmd build
	cat <<-EOF

		customer_service is ready: http://127.0.0.1:${DEV_PORT}
		  site:  ${DEV_SITE}
		  login: Administrator / ${ADMIN_PASSWORD}
		  demo agent: agent@demo.customer-service.localhost / demo1234

	EOF
	[ "${SERVE:-1}" = 0 ] && return 0
	log "serving (Ctrl-C stops)"
	cd "$FRAPPE_BENCH"
	exec runuser -u "$BENCH_USER" -- env HOME="$(bench_home)" \
		PATH="$(bench_home)/.bench-cli/bin:/usr/local/bin:/usr/bin:/bin" bash -c "
		trap 'kill 0' EXIT
		(cd sites && ../env/bin/python -m frappe.utils.bench_helper frappe --site ${DEV_SITE} worker) &
		(cd sites && ../env/bin/python -m frappe.utils.bench_helper frappe --site ${DEV_SITE} schedule) &
		node apps/frappe/socketio.js &
		cd sites && ../env/bin/python -m frappe.utils.bench_helper frappe --site ${DEV_SITE} serve --port ${DEV_PORT} --noreload"
}

cmd_test() {
	local status=0 unit_line frappe_line
	log "unit tests (pure Python)"
	set +e
	(cd "$APP_ROOT" && as_user "$FRAPPE_BENCH/env/bin/python" -m pytest -q -p no:cacheprovider \
		-c "$APP_ROOT/pytest.ini" --rootdir "$APP_ROOT" "$APP_ROOT/tests/unit" 2>&1) | tee /tmp/cs-unit.log
	[ "${PIPESTATUS[0]}" = 0 ] || status=1
	set -e
	unit_line="$(grep -E '[0-9]+ (passed|failed|errors?)' /tmp/cs-unit.log | tail -1 || true)"

	log "integration tests on a fresh site ${TEST_SITE}"
	new_site "$TEST_SITE" >/tmp/cs-new-site.log 2>&1 || { cat /tmp/cs-new-site.log; die "could not create the test site"; }
	set +e
	(cd "$FRAPPE_BENCH/sites" && as_user env CS_TEST_SITE="$TEST_SITE" ../env/bin/python -m pytest -q \
		-p no:cacheprovider -c "$APP_ROOT/pytest.ini" --rootdir "$APP_ROOT" "$APP_ROOT/$APP" 2>&1) | tee /tmp/cs-frappe.log
	[ "${PIPESTATUS[0]}" = 0 ] || status=1
	set -e
	frappe_line="$(grep -E '[0-9]+ (passed|failed|errors?)' /tmp/cs-frappe.log | tail -1 || true)"
	grep -qE '[1-9][0-9]* passed' /tmp/cs-frappe.log || { echo "no Frappe test ran"; status=1; }

	python3 - "$unit_line" "$frappe_line" "$status" <<-'PY'
		import re, sys
		unit, frappe_tests, status = sys.argv[1:]
		def count(line, word):
		    m = re.search(r"(\d+) " + word, line)
		    return int(m.group(1)) if m else 0
		p = count(unit, "passed") + count(frappe_tests, "passed")
		f = count(unit, "failed") + count(frappe_tests, "failed") + count(unit, "error") + count(frappe_tests, "error")
		print(f"\nunit: {unit.strip('= ')}\nfrappe: {frappe_tests.strip('= ')}")
		print(f"{p} passed, {f} failed")
	PY
	return $status
}

cmd_setup() { setup; }

case "${1:-}" in
	dev) cmd_dev ;;
	test) setup; cmd_test ;;
	setup) cmd_setup ;;
	*) die "usage: $0 dev|test|setup" ;;
esac
