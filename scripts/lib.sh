# Shared by scripts/run and scripts/test: packages, build, MariaDB,
# FastCGI programs and nginx for one state folder ($VAR).  Source it with
# ROOT set to the repository.  Every process started here writes a pid
# file under $VAR/run, and stop_all stops exactly those.

set -eu

# Debian packages the project needs to build, run and test.
PACKAGES="build-essential autoconf automake libtool pkg-config
libfcgi-dev spawn-fcgi multiwatch libmariadb-dev mariadb-server mariadb-client
libjwt-dev libjansson-dev libsodium-dev libcurl4-openssl-dev libqrencode-dev
libgraphicsmagick1-dev graphicsmagick libcmocka-dev libidn2-dev zbar-tools nginx curl clang wrk
chromium fonts-noto-cjk nodejs npm ca-certificates python3 python3-aiosmtpd"

# FastCGI programs and their worker counts (name:workers).
PROGRAMS="ping:2 session:2 subject:2 product:2 website:2 upload:2 handoff:3 submit:2 review:2 verify:2 progress:2 notify:2"

say() { printf '%s\n' "$*"; }
die() { printf 'beian: %s\n' "$*" >&2; exit 1; }

install_packages() {
	local missing="" p
	for p in $PACKAGES; do
		# Node.js may come from elsewhere than Debian; any node 18+ does.
		[ "$p" = nodejs ] && command -v node >/dev/null 2>&1 && continue
		[ "$p" = npm ] && command -v npm >/dev/null 2>&1 && continue
		dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" ||
			missing="$missing $p"
	done
	[ -z "$missing" ] && return 0
	[ "$(id -u)" = 0 ] || die "missing packages:$missing (run as root to install)"
	say "installing:$missing"
	apt-get update -qq
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
		$missing >/dev/null
}

# build DIR [configure flags...]: an out-of-tree build, redone when the
# flags change.
build() {
	local dir=$1; shift
	local flags="$*"
	[ -x "$ROOT/configure" ] && [ "$ROOT/configure" -nt "$ROOT/configure.ac" ] &&
		[ "$ROOT/Makefile.in" -nt "$ROOT/Makefile.am" ] ||
		(cd "$ROOT" && autoreconf -fi >/dev/null 2>&1) || die "autoreconf failed"
	mkdir -p "$dir"
	if [ ! -f "$dir/Makefile" ] || [ "$(cat "$dir/.flags" 2>/dev/null)" != "$flags" ]; then
		(cd "$dir" && "$ROOT/configure" -q $flags) || die "configure failed"
		printf '%s' "$flags" > "$dir/.flags"
	fi
	make -C "$dir" -j2 -s >/dev/null || die "build failed (make -C $dir)"
	make -C "$dir" -j2 -s check TESTS= >/dev/null || die "build of the tests failed"
}

mysql_root() {
	mariadb --no-defaults --socket="$VAR/run/mysql.sock" -uroot "$@"
}

# A new random secret: hex, so it never needs quoting.
random_hex() { od -An -N"$1" -tx1 /dev/urandom | tr -d ' \n'; }

# A free TCP port on 127.0.0.1.
free_port() {
	/usr/bin/python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

write_conf() {
	[ -f "$VAR/beian.conf" ] && return 0
	umask 027
	cat > "$VAR/beian.conf" <<CONF
# Written by scripts/run for this state folder; secrets are random.
db_socket = $VAR/run/mysql.sock
db_name = beian
db_user = beian
db_password = $(random_hex 24)
jwt_secret = $(random_hex 32)
sql_dir = $ROOT/sql
public_url = http://127.0.0.1:$PORT
# Development: the local SMTP server and SMS gateway (start_sinks) keep
# what they receive under mail/ and sms/; never so in production.
smtp_url = smtp://127.0.0.1:$(free_port)
mail_from = 备案系统 <beian@example.cn>
mail_reply_to = 备案客服 <support@example.cn>
sms_url = http://127.0.0.1:$(free_port)/sms
sms_secret = $(random_hex 32)
dev_mail_dir = $VAR/mail
${BEIAN_EXTRA_CONF:-}
CONF
	umask 022
	chgrp www-data "$VAR/beian.conf"
	chmod 0640 "$VAR/beian.conf"
}

conf_get() { sed -n "s/^$1 *= *//p" "$VAR/beian.conf"; }

start_db() {
	if [ -S "$VAR/run/mysql.sock" ] && mysql_root -e 'SELECT 1' >/dev/null 2>&1; then
		return 0
	fi
	if [ ! -d "$VAR/db/mysql" ]; then
		mariadb-install-db --no-defaults --user=root --datadir="$VAR/db" \
			--auth-root-authentication-method=socket --skip-test-db \
			>"$VAR/log/mariadb-install.log" 2>&1 || die "mariadb-install-db failed"
	fi
	# pool-of-threads: one FastCGI worker = one connection; a small thread
	# pool switches less on 2 cores (tests/bench/http: +12% on session).
	setsid mariadbd --no-defaults --user=root --datadir="$VAR/db" \
		--socket="$VAR/run/mysql.sock" --skip-networking \
		--pid-file="$VAR/run/mariadb.pid" --log-error="$VAR/log/mariadb.err" \
		--innodb-log-file-size=8M --innodb-buffer-pool-size=64M \
		--character-set-server=utf8mb4 --collation-server=utf8mb4_unicode_ci \
		--thread-handling=pool-of-threads \
		--skip-name-resolve ${BEIAN_DB_OPTS:-} >/dev/null 2>&1 </dev/null &
	local i=0
	until mysql_root -e 'SELECT 1' >/dev/null 2>&1; do
		i=$((i + 1))
		[ $i -gt 200 ] && die "MariaDB did not start; see $VAR/log/mariadb.err"
		sleep 0.05
	done
}

stop_db() {
	[ -S "$VAR/run/mysql.sock" ] || return 0
	mariadb-admin --no-defaults --socket="$VAR/run/mysql.sock" -uroot shutdown \
		>/dev/null 2>&1 || true
}

setup_db() {
	local pw
	pw=$(conf_get db_password)
	mysql_root <<SQL
CREATE DATABASE IF NOT EXISTS beian CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
CREATE USER IF NOT EXISTS 'beian'@'localhost' IDENTIFIED BY '$pw';
ALTER USER 'beian'@'localhost' IDENTIFIED BY '$pw';
GRANT ALL ON beian.* TO 'beian'@'localhost';
SQL
	BEIAN_CONF="$VAR/beian.conf" "$BUILD/cgi/beian-admin" migrate >"$VAR/log/migrate.log" 2>&1 ||
		{ cat "$VAR/log/migrate.log" >&2; die "migrations failed"; }
}

# The worker user must reach the programs and the state folder.
check_access() {
	local p
	for p in "$BUILD/cgi/ping" "$VAR/beian.conf" "$VAR/run"; do
		su -s /bin/sh www-data -c "test -r '$p'" ||
			die "www-data cannot read $p: make its parent folders world-searchable (chmod o+x)"
	done
}

start_programs() {
	local spec name n
	for spec in $PROGRAMS; do
		name=${spec%%:*}; n=${spec#*:}
		[ -f "$VAR/run/$name.pid" ] && kill -0 "$(cat "$VAR/run/$name.pid")" 2>/dev/null && continue
		rm -f "$VAR/run/$name.sock"
		# spawn-fcgi binds the socket and execs multiwatch (-n: no fork,
		# so stderr stays on our log); multiwatch restarts dead workers.
		env BEIAN_CONF="$VAR/beian.conf" OMP_NUM_THREADS=1 \
			ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=0:abort_on_error=1}" \
			UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1}" \
			setsid spawn-fcgi -n -s "$VAR/run/$name.sock" -M 0660 -U www-data -G www-data \
			-u www-data -g www-data -- \
			/usr/bin/multiwatch -f "$n" -s TERM -- "$BUILD/cgi/$name" \
			>>"$VAR/log/$name.log" 2>&1 </dev/null &
		echo $! > "$VAR/run/$name.pid"
	done
}

# The timers no request starts (cgi/worker.c), as www-data like the
# programs; its pid file makes stop_all and the stop check see it.
start_worker() {
	[ -f "$VAR/run/worker.pid" ] && kill -0 "$(cat "$VAR/run/worker.pid")" 2>/dev/null && return 0
	env BEIAN_CONF="$VAR/beian.conf" \
		ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=0:abort_on_error=1}" \
		UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1}" \
		setsid setpriv --reuid=www-data --regid=www-data --init-groups -- \
		"$BUILD/cgi/beian-worker" >>"$VAR/log/worker.log" 2>&1 </dev/null &
	echo $! > "$VAR/run/worker.pid"
}

# The development SMTP server and SMS gateway of a folder whose
# configuration names them on 127.0.0.1 (write_conf); pid files make
# stop_all stop them.
start_sinks() {
	local url port
	url=$(conf_get smtp_url)
	case $url in smtp://127.0.0.1:*)
		port=${url##*:}
		if ! { [ -f "$VAR/run/mail.pid" ] && kill -0 "$(cat "$VAR/run/mail.pid")" 2>/dev/null; }; then
			mkdir -p "$VAR/mail"; chmod 0755 "$VAR/mail"
			setsid /usr/bin/python3 "$ROOT/scripts/mail-sink.py" "$VAR/mail" "$port" \
				>>"$VAR/log/mail.log" 2>&1 </dev/null &
			echo $! > "$VAR/run/mail.pid"
			wait_port "$port" mail
		fi ;;
	esac
	url=$(conf_get sms_url)
	case $url in http://127.0.0.1:*/sms)
		port=${url#http://127.0.0.1:}; port=${port%/sms}
		if ! { [ -f "$VAR/run/sms.pid" ] && kill -0 "$(cat "$VAR/run/sms.pid")" 2>/dev/null; }; then
			mkdir -p "$VAR/sms"; chmod 0755 "$VAR/sms"
			setsid /usr/bin/python3 "$ROOT/scripts/sms-sink.py" "$VAR/sms" "$port" \
				"$VAR/beian.conf" >>"$VAR/log/sms.log" 2>&1 </dev/null &
			echo $! > "$VAR/run/sms.pid"
			wait_port "$port" sms
		fi ;;
	esac
}

wait_port() {
	local i=0
	until /usr/bin/python3 -c "import socket; socket.create_connection(('127.0.0.1', $1), 1)" 2>/dev/null; do
		i=$((i + 1))
		[ $i -gt 100 ] && die "the $2 sink does not listen on port $1; see $VAR/log/$2.log"
		sleep 0.1
	done
}

render_nginx() {
	mkdir -p "$VAR/tmp"
	sed -e "s|@VAR@|$VAR|g" -e "s|@ROOT@|$ROOT|g" -e "s|@WEB@|$ROOT/web|g" -e "s|@PORT@|$PORT|g" \
		-e "s|@LOGIN_RATE@|${BEIAN_LOGIN_RATE:-5r/s}|g" \
		-e "s|@LOGIN_BURST@|${BEIAN_LOGIN_BURST:-20}|g" \
		-e "s|@PHONE_RATE@|${BEIAN_PHONE_RATE:-10r/s}|g" \
		"$ROOT/conf/nginx.conf.in" > "$VAR/nginx.conf"
	nginx -t -q -p "$VAR/" -c "$VAR/nginx.conf" 2>>"$VAR/log/nginx-error.log" ||
		die "nginx -t failed; see $VAR/log/nginx-error.log"
}

start_nginx() {
	[ -f "$VAR/run/nginx.pid" ] && kill -0 "$(cat "$VAR/run/nginx.pid")" 2>/dev/null && return 0
	render_nginx
	nginx -p "$VAR/" -c "$VAR/nginx.conf" 2>>"$VAR/log/nginx-error.log" ||
		die "nginx did not start; see $VAR/log/nginx-error.log"
}

wait_http() {
	local i=0
	until curl -fsS -o /dev/null "http://127.0.0.1:$PORT/api/ping" 2>/dev/null; do
		i=$((i + 1))
		[ $i -gt 100 ] && die "the portal does not answer on port $PORT"
		sleep 0.1
	done
}

is_running() {
	[ -f "$VAR/run/nginx.pid" ] && kill -0 "$(cat "$VAR/run/nginx.pid")" 2>/dev/null
}

prepare_var() {
	mkdir -p "$VAR/run" "$VAR/log" "$VAR/db" "$VAR/tmp"
	chmod 0755 "$VAR" "$VAR/run" "$VAR/log"
	chmod 0700 "$VAR/db"
}

start_all() {
	prepare_var
	write_conf
	start_db
	setup_db
	check_access
	start_sinks
	start_programs
	start_worker
	start_nginx
	wait_http
	wait_programs
	printf '%s\n' "$PORT" > "$VAR/run/port"
}

# The pids of everything start_all started (for checking a stop).
stack_pids() {
	local f
	for f in "$VAR"/run/*.pid; do
		[ -e "$f" ] || continue
		cat "$f"
		pgrep -P "$(cat "$f")" 2>/dev/null
	done
}

# True when pid is gone (a zombie waiting for its reaper counts as gone).
pid_gone() {
	[ ! -e "/proc/$1" ] || grep -q '^State:.*Z' "/proc/$1/status" 2>/dev/null
}

# Every program answers (a bad configuration makes workers exit at once).
wait_programs() {
	local spec name
	for spec in $PROGRAMS; do
		name=${spec%%:*}
		kill -0 "$(cat "$VAR/run/$name.pid")" 2>/dev/null ||
			die "$name is not running; see $VAR/log/$name.log"
	done
	kill -0 "$(cat "$VAR/run/worker.pid")" 2>/dev/null ||
		die "the worker is not running; see $VAR/log/worker.log"
}

# The programs and the worker only (a test restarting them after a
# change of beian.conf); waits until every one of them is gone.
stop_programs() {
	local f pid pids="" i
	for f in "$VAR"/run/*.pid; do
		[ -e "$f" ] || continue
		case $f in */nginx.pid|*/mariadb.pid) continue ;; esac
		pid=$(cat "$f")
		pids="$pids $pid $(pgrep -P "$pid" 2>/dev/null | tr '\n' ' ')"
		kill -TERM "$pid" 2>/dev/null || true
		rm -f "$f"
	done
	for i in $(seq 100); do
		local left=""
		for pid in $pids; do pid_gone "$pid" || left="$left $pid"; done
		[ -z "$left" ] && return 0
		sleep 0.1
	done
	die "programs still running after stop:$left"
}

stop_all() {
	local f pid
	if [ -f "$VAR/run/nginx.pid" ]; then
		nginx -s quit -p "$VAR/" -c "$VAR/nginx.conf" 2>/dev/null ||
			kill "$(cat "$VAR/run/nginx.pid")" 2>/dev/null || true
	fi
	for f in "$VAR"/run/*.pid; do
		[ -e "$f" ] || continue
		case $f in */nginx.pid|*/mariadb.pid) continue ;; esac
		pid=$(cat "$f")
		kill -TERM "$pid" 2>/dev/null || true
		rm -f "$f" "${f%.pid}.sock"
	done
	stop_db
	local i=0
	while [ -f "$VAR/run/nginx.pid" ] && kill -0 "$(cat "$VAR/run/nginx.pid")" 2>/dev/null; do
		i=$((i + 1)); [ $i -gt 50 ] && break; sleep 0.1
	done
}
