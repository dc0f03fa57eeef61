#!/usr/bin/env bash
# scripts/pg-test.sh start|stop|restart|status|env|destroy
#
# A throwaway PostgreSQL for the test-suite that behaves like Neon where it matters:
# TLS is mandatory over TCP, passwords are checked with scram-sha-256, the server speaks UTC.
#
#   data, certificates, socket, log:  $REPO/.pgtest/   (gitignored)
#   TCP:   127.0.0.1 (and ::1 when the loopback has IPv6) port ${PGTEST_PORT:-55440}, ssl=on
#   unix:  socket in .pgtest/ (trust; used by the tests' admin helper)
#
# Certificates (openssl, created once, kept across runs):
#   ca.crt/ca.key               test CA
#   server.crt/server.key       server cert signed by ca (SAN DNS:localhost, IP:127.0.0.1, IP:::1);
#                               the server presents server cert + CA (like the research setup, so
#                               an untrusting client sees "self-signed certificate in certificate chain")
#   other-ca.crt/other-ca.key   an unrelated CA (negative tests)
#   other-server.crt/.key       a server-style cert from the unrelated CA (not served)
#   certuser.crt/certuser.key   client cert CN=certuser signed by ca (cert auth)
#
# Roles: postgres (superuser, password "postgres"), app (password "app pw:@/", scram, owns app_db),
#        md5user (password "md5_pw", stored as md5), certuser (client certificate only).
# pg_hba: local trust; over loopback: hostssl md5user md5, hostssl certuser cert,
#         hostssl all scram-sha-256, hostnossl reject.
#
# `start` is idempotent (re-uses the cluster, rewrites config, reloads or restarts as needed) and
# writes .pgtest/env.json (printed again by `env`); it prints the env.json path on stdout.
# `destroy` stops the server and removes .pgtest/.
#
# Env: PGTEST_PORT (default 55440), PGTEST_DIR (default $REPO/.pgtest), PGTEST_OS_USER (default postgres).
#
# PostgreSQL refuses to run as root: as root the server runs as $PGTEST_OS_USER (default postgres,
# created with useradd if missing). Binaries: from PATH, else /usr/lib/postgresql/<newest>/bin.
set -euo pipefail

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
PGDIR=${PGTEST_DIR:-$REPO/.pgtest}
DATA=$PGDIR/data
PORT=${PGTEST_PORT:-55440}
LOG=$PGDIR/server.log
ENV_JSON=$PGDIR/env.json
DB=app_db

PG_SUPER_PW=postgres
APP_USER=app
APP_PW='app pw:@/'
MD5_USER=md5user
MD5_PW=md5_pw
CERT_USER=certuser

log() { echo "[pg-test] $*" >&2; }
die() { log "error: $*"; exit 1; }

usage() {
  echo "usage: $0 start|stop|restart|status|env|destroy" >&2
  exit 2
}

# ------------------------------------------------------------------ binaries
find_pg_bin() {
  if ! command -v initdb >/dev/null 2>&1 || ! command -v pg_ctl >/dev/null 2>&1; then
    local d
    d=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
    [ -n "$d" ] && PATH="$d:$PATH"
  fi
  local b
  for b in initdb pg_ctl postgres psql openssl; do
    command -v "$b" >/dev/null 2>&1 || die "'$b' not found (install postgresql and openssl)"
  done
}

# ------------------------------------------------------------------ OS user
setup_os_user() {
  if [ "$(id -u)" = 0 ]; then
    PG_OS_USER=${PGTEST_OS_USER:-postgres}
    if ! id "$PG_OS_USER" >/dev/null 2>&1; then
      log "creating OS user $PG_OS_USER"
      useradd --system --no-create-home --shell /usr/sbin/nologin "$PG_OS_USER"
    fi
    as_pg() { runuser -u "$PG_OS_USER" -- "$@"; }
  else
    PG_OS_USER=$(id -un)
    as_pg() { "$@"; }
  fi
}

# the unix socket path must fit in sun_path (107 bytes)
socket_dir() {
  if [ $(( ${#PGDIR} + 20 )) -le 100 ]; then
    echo "$PGDIR"
  else
    echo "/tmp/.sequelize-rs-pgtest.$(id -u).$PORT"
  fi
}

# the server user must be able to reach $PGDIR
ensure_traversable() {
  [ "$(id -u)" = 0 ] || return 0
  local d
  d=$(dirname "$PGDIR")
  while [ "$d" != / ]; do
    if ! runuser -u "$PG_OS_USER" -- test -x "$d"; then
      log "chmod o+x $d (so $PG_OS_USER can reach $PGDIR)"
      chmod o+x "$d"
    fi
    d=$(dirname "$d")
  done
}

is_running() {
  [ -s "$DATA/PG_VERSION" ] && as_pg pg_ctl -D "$DATA" status >/dev/null 2>&1
}

running_port() {
  # line 4 of postmaster.pid is the port
  sed -n 4p "$DATA/postmaster.pid" 2>/dev/null || true
}

# ------------------------------------------------------------------ certificates
gen_ca() { # name CN
  openssl req -x509 -new -nodes -newkey rsa:2048 -sha256 -days 3650 \
    -subj "/CN=$2" \
    -addext "basicConstraints=critical,CA:TRUE" \
    -addext "keyUsage=critical,keyCertSign,cRLSign" \
    -keyout "$PGDIR/$1.key" -out "$PGDIR/$1.crt" 2>/dev/null
  chmod 600 "$PGDIR/$1.key"; chmod 644 "$PGDIR/$1.crt"
}

gen_leaf() { # name CN ca-name ext-lines...
  local name=$1 cn=$2 ca=$3 ext
  shift 3
  ext=$(mktemp)
  printf '%s\n' "$@" > "$ext"
  openssl req -new -nodes -newkey rsa:2048 -sha256 -subj "/CN=$cn" \
    -keyout "$PGDIR/$name.key" -out "$PGDIR/$name.csr" 2>/dev/null
  openssl x509 -req -in "$PGDIR/$name.csr" -CA "$PGDIR/$ca.crt" -CAkey "$PGDIR/$ca.key" \
    -CAcreateserial -days 3650 -sha256 -extfile "$ext" -out "$PGDIR/$name.crt" 2>/dev/null
  rm -f "$ext" "$PGDIR/$name.csr" "$PGDIR/$ca.srl"
  chmod 600 "$PGDIR/$name.key"; chmod 644 "$PGDIR/$name.crt"
}

SERVER_EXT=(
  "basicConstraints=CA:FALSE"
  "keyUsage=critical,digitalSignature,keyEncipherment"
  "extendedKeyUsage=serverAuth"
  "subjectAltName=DNS:localhost,IP:127.0.0.1,IP:::1"
)
CLIENT_EXT=(
  "basicConstraints=CA:FALSE"
  "keyUsage=critical,digitalSignature,keyEncipherment"
  "extendedKeyUsage=clientAuth"
)

have() { [ -s "$PGDIR/$1.crt" ] && [ -s "$PGDIR/$1.key" ]; }

ensure_certs() {
  if ! have ca; then
    log "generating test CA"
    gen_ca ca "sequelize-rs test CA"
    rm -f "$PGDIR/server.crt" "$PGDIR/server.key" "$PGDIR/$CERT_USER.crt" "$PGDIR/$CERT_USER.key"
  fi
  if ! have server; then
    log "generating server certificate (SAN DNS:localhost, IP:127.0.0.1, IP:::1)"
    gen_leaf server localhost ca "${SERVER_EXT[@]}"
  fi
  if ! have "$CERT_USER"; then
    log "generating client certificate CN=$CERT_USER"
    gen_leaf "$CERT_USER" "$CERT_USER" ca "${CLIENT_EXT[@]}"
  fi
  if ! have other-ca; then
    log "generating unrelated CA (negative tests)"
    gen_ca other-ca "sequelize-rs unrelated CA"
    rm -f "$PGDIR/other-server.crt" "$PGDIR/other-server.key"
  fi
  if ! have other-server; then
    gen_leaf other-server localhost other-ca "${SERVER_EXT[@]}"
  fi
}

# ------------------------------------------------------------------ config
has_ipv6_lo() {
  [ -r /proc/net/if_inet6 ] && grep -q '^00000000000000000000000000000001 .* lo$' /proc/net/if_inet6
}

write_config() { # -> sets CONFIG_CHANGED=1 when pgtest.conf or pg_hba.conf changed
  local sock=$1 listen="127.0.0.1" los=("127.0.0.1/32") tmp
  if has_ipv6_lo; then listen="127.0.0.1,::1"; los+=("::1/128"); IPV6=true; else IPV6=false; fi
  CONFIG_CHANGED=0

  # server's copies of key/cert (key owned by the server user, 0600); the cert file carries the chain
  install -o "$PG_OS_USER" -m 600 "$PGDIR/server.key" "$DATA/server.key"
  cat "$PGDIR/server.crt" "$PGDIR/ca.crt" > "$DATA/server.crt.new"
  install -o "$PG_OS_USER" -m 644 "$DATA/server.crt.new" "$DATA/server.crt"
  install -o "$PG_OS_USER" -m 644 "$PGDIR/ca.crt" "$DATA/root.crt"
  rm -f "$DATA/server.crt.new"

  tmp=$(mktemp)
  cat > "$tmp" <<EOF
# written by scripts/pg-test.sh -- do not edit (rewritten on every start)
listen_addresses = '$listen'
port = $PORT
unix_socket_directories = '$sock'
ssl = on
ssl_cert_file = 'server.crt'
ssl_key_file = 'server.key'
ssl_ca_file = 'root.crt'
password_encryption = 'scram-sha-256'
timezone = 'UTC'
log_timezone = 'UTC'
lc_messages = 'C'
log_connections = on
log_disconnections = on
log_line_prefix = '%m [%p] %q%u@%d app=%a '
max_connections = 100
fsync = off
synchronous_commit = off
full_page_writes = off
EOF
  if ! cmp -s "$tmp" "$DATA/pgtest.conf"; then CONFIG_CHANGED=1; fi
  install -o "$PG_OS_USER" -m 600 "$tmp" "$DATA/pgtest.conf"

  {
    echo "# written by scripts/pg-test.sh -- TLS is mandatory over TCP (like Neon)"
    echo "# TYPE    DATABASE USER          ADDRESS          METHOD"
    echo "local     all      all                            trust"
    local lo
    for lo in "${los[@]}"; do
      printf 'hostssl   all      %-13s %-16s %s\n' "$MD5_USER" "$lo" md5
      printf 'hostssl   all      %-13s %-16s %s\n' "$CERT_USER" "$lo" cert
      printf 'hostssl   all      %-13s %-16s %s\n' all "$lo" scram-sha-256
      printf 'hostnossl all      %-13s %-16s %s\n' all "$lo" reject
    done
  } > "$tmp"
  if ! cmp -s "$tmp" "$DATA/pg_hba.conf"; then CONFIG_CHANGED=1; fi
  install -o "$PG_OS_USER" -m 600 "$tmp" "$DATA/pg_hba.conf"
  rm -f "$tmp"

  if ! grep -q "^include_if_exists = 'pgtest.conf'" "$DATA/postgresql.conf"; then
    echo "include_if_exists = 'pgtest.conf'" >> "$DATA/postgresql.conf"
    CONFIG_CHANGED=1
  fi
}

# ------------------------------------------------------------------ helpers
urlenc() { # RFC 3986 percent-encoding (unreserved chars kept)
  local LC_ALL=C s=$1 out="" c i
  for (( i = 0; i < ${#s}; i++ )); do
    c=${s:i:1}
    case "$c" in
      [a-zA-Z0-9._~-]) out+=$c ;;
      *) out+=$(printf '%%%02X' "'$c") ;;
    esac
  done
  printf '%s' "$out"
}

json_str() { # JSON string literal
  local s=$1
  s=${s//\\/\\\\}
  s=${s//\"/\\\"}
  printf '"%s"' "$s"
}

psql_admin() { # via the unix socket (trust), as the postgres superuser
  PGCONNECT_TIMEOUT=10 psql -X -q -h "$SOCK" -p "$PORT" -U postgres -v ON_ERROR_STOP=1 -At "$@"
}

sql_lit() { # SQL string literal
  printf "'%s'" "${1//\'/\'\'}"
}

setup_roles() {
  psql_admin -d postgres <<EOF >&2
ALTER ROLE postgres PASSWORD $(sql_lit "$PG_SUPER_PW");
DO \$\$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '$APP_USER') THEN CREATE ROLE $APP_USER LOGIN; END IF;
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '$MD5_USER') THEN CREATE ROLE $MD5_USER LOGIN; END IF;
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '$CERT_USER') THEN CREATE ROLE $CERT_USER LOGIN; END IF;
END
\$\$;
SET password_encryption = 'scram-sha-256';
ALTER ROLE $APP_USER LOGIN PASSWORD $(sql_lit "$APP_PW");
SET password_encryption = 'md5';
ALTER ROLE $MD5_USER LOGIN PASSWORD $(sql_lit "$MD5_PW");
RESET password_encryption;
ALTER ROLE $CERT_USER LOGIN PASSWORD NULL;
EOF
  if [ -z "$(psql_admin -d postgres -c "SELECT 1 FROM pg_database WHERE datname = '$DB'")" ]; then
    log "creating database $DB owned by $APP_USER"
    psql_admin -d postgres -c "CREATE DATABASE $DB OWNER $APP_USER" >&2
  fi
  psql_admin -d "$DB" -c "GRANT ALL ON SCHEMA public TO $MD5_USER, $CERT_USER" >&2
}

write_env_json() {
  local enc_app enc_md5 host=localhost version
  enc_app=$(urlenc "$APP_PW")
  enc_md5=$(urlenc "$MD5_PW")
  version=$(psql_admin -d postgres -c "SHOW server_version")
  cat > "$ENV_JSON.tmp" <<EOF
{
  "host": "$host",
  "port": $PORT,
  "ipv6": $IPV6,
  "socketDir": $(json_str "$SOCK"),
  "dataDir": $(json_str "$DATA"),
  "logFile": $(json_str "$LOG"),
  "caFile": $(json_str "$PGDIR/ca.crt"),
  "serverCert": $(json_str "$PGDIR/server.crt"),
  "otherCaFile": $(json_str "$PGDIR/other-ca.crt"),
  "otherServerCert": $(json_str "$PGDIR/other-server.crt"),
  "otherServerKey": $(json_str "$PGDIR/other-server.key"),
  "clientCert": $(json_str "$PGDIR/$CERT_USER.crt"),
  "clientKey": $(json_str "$PGDIR/$CERT_USER.key"),
  "serverVersion": $(json_str "$version"),
  "users": {
    "postgres": { "user": "postgres", "password": $(json_str "$PG_SUPER_PW") },
    "app": { "user": "$APP_USER", "password": $(json_str "$APP_PW") },
    "md5user": { "user": "$MD5_USER", "password": $(json_str "$MD5_PW") },
    "certuser": { "user": "$CERT_USER" }
  },
  "database": "$DB",
  "urls": {
    "app": "postgres://$APP_USER:$enc_app@$host:$PORT/$DB",
    "admin": "postgres://postgres:$(urlenc "$PG_SUPER_PW")@$host:$PORT/$DB",
    "md5": "postgres://$MD5_USER:$enc_md5@$host:$PORT/$DB",
    "cert": "postgres://$CERT_USER@$host:$PORT/$DB"
  }
}
EOF
  mv "$ENV_JSON.tmp" "$ENV_JSON"
}

sanity_check() { # TLS + scram over TCP as app, verifying the server certificate
  local out
  if ! out=$(PGPASSWORD=$APP_PW PGCONNECT_TIMEOUT=10 psql -X -At \
      "host=localhost port=$PORT user=$APP_USER dbname=$DB sslmode=verify-full sslrootcert=$PGDIR/ca.crt" \
      -c "SELECT 'ssl=' || s.ssl || ' ' || s.version || ', ' || version() FROM pg_stat_ssl s WHERE s.pid = pg_backend_pid()" 2>&1); then
    die "sanity check (TLS connection as $APP_USER) failed: $out"
  fi
  log "ok: $out"
}

# ------------------------------------------------------------------ commands
cmd_start() {
  mkdir -p "$PGDIR"
  chmod 755 "$PGDIR"
  [ "$(id -u)" = 0 ] && chown "$PG_OS_USER" "$PGDIR"
  ensure_traversable
  SOCK=$(socket_dir)
  if [ "$SOCK" != "$PGDIR" ]; then
    mkdir -p "$SOCK"; chmod 755 "$SOCK"
    [ "$(id -u)" = 0 ] && chown "$PG_OS_USER" "$SOCK"
    log "path too long for a unix socket; socket directory is $SOCK"
  fi
  ensure_certs

  if [ ! -s "$DATA/PG_VERSION" ]; then
    log "initdb $DATA"
    rm -rf "$DATA"
    mkdir -p "$DATA"
    [ "$(id -u)" = 0 ] && chown "$PG_OS_USER" "$DATA"
    chmod 700 "$DATA"
    as_pg initdb -D "$DATA" -U postgres -E UTF8 --locale=C.UTF-8 --auth=trust >"$PGDIR/initdb.log" 2>&1 \
      || as_pg initdb -D "$DATA" -U postgres -E UTF8 --locale=C --auth=trust >"$PGDIR/initdb.log" 2>&1 \
      || { cat "$PGDIR/initdb.log" >&2; die "initdb failed"; }
  fi

  write_config "$SOCK"

  if is_running; then
    if [ "$CONFIG_CHANGED" = 1 ] || [ "$(running_port)" != "$PORT" ]; then
      log "already running; configuration changed, restarting"
      as_pg pg_ctl -D "$DATA" -l "$LOG" -m fast -w -t 60 restart >/dev/null
    else
      log "already running on port $PORT; reloading"
      as_pg pg_ctl -D "$DATA" reload >/dev/null
    fi
  else
    log "starting on port $PORT (log: $LOG)"
    if ! as_pg pg_ctl -D "$DATA" -l "$LOG" -w -t 60 start >/dev/null; then
      tail -n 20 "$LOG" >&2 || true
      die "server did not start"
    fi
  fi

  setup_roles
  write_env_json
  sanity_check
  echo "$ENV_JSON"
}

cmd_stop() {
  if is_running; then
    as_pg pg_ctl -D "$DATA" -m fast -w -t 60 stop >/dev/null
    log "stopped"
  else
    log "not running"
  fi
}

cmd_restart() {
  [ -s "$DATA/PG_VERSION" ] || die "no cluster in $DATA (run start first)"
  if is_running; then
    as_pg pg_ctl -D "$DATA" -l "$LOG" -m fast -w -t 60 restart >/dev/null
    log "restarted"
  else
    as_pg pg_ctl -D "$DATA" -l "$LOG" -w -t 60 start >/dev/null
    log "started"
  fi
}

cmd_status() {
  if is_running; then
    echo "running (port $(running_port), data $DATA)"
  else
    echo "not running"
    exit 3
  fi
}

cmd_env() {
  [ -s "$ENV_JSON" ] || die "$ENV_JSON missing (run start first)"
  cat "$ENV_JSON"
}

cmd_destroy() {
  cmd_stop
  SOCK=$(socket_dir)
  [ "$SOCK" != "$PGDIR" ] && rm -rf "$SOCK"
  rm -rf "$PGDIR"
  log "removed $PGDIR"
}

[ $# -eq 1 ] || usage
find_pg_bin
setup_os_user
case "$1" in
  start) cmd_start ;;
  stop) cmd_stop ;;
  restart) cmd_restart ;;
  status) cmd_status ;;
  env) cmd_env ;;
  destroy) cmd_destroy ;;
  *) usage ;;
esac
