#!/usr/bin/env bash
# Private Docker engine + local registry for the PSDocker test suite.
#
#   engine.sh start          install packages if needed, start engine + registries,
#                            build the test image, write D/env.ps1 and D/env.sh
#   engine.sh stop [--purge] stop everything we started; --purge also deletes D
#   engine.sh restart        stop (keeping data) then start
#   engine.sh status         report whether the engine and the registries answer
#   engine.sh swarm          make the running engine a single-node swarm (idempotent; stop leaves it)
#
# D is $PSDOCKER_TEST_ROOT (default /tmp/psdtest; keep it short, the socket
# path must fit in 108 bytes). Everything lives in D: socket, data-root,
# exec-root, pid files, logs. The engine uses its own bridge (psdtest0), its
# own daemon config file and its own cgroup parent, so it never touches any
# other engine on the machine. Needs root.
#
# Two registries: an open one (PSDOCKER_TEST_REGISTRY, no auth, delete enabled)
# and one behind htpasswd basic auth (PSDOCKER_TEST_AUTH_REGISTRY, user
# PSDOCKER_TEST_AUTH_USER, password PSDOCKER_TEST_AUTH_PASSWORD). The password
# is generated once and kept in D/auth-registry.password (mode 600), so it is
# the same after every start until D is purged.
#
# Environment knobs (all optional):
#   PSDOCKER_TEST_ROOT            state dir                  (/tmp/psdtest)
#   PSDOCKER_TEST_BRIDGE          bridge name                (psdtest0)
#   PSDOCKER_TEST_BRIDGE_CIDR     bridge address             (10.213.77.1/24)
#   PSDOCKER_TEST_REGISTRY_PORT   registry port on 127.0.0.1 (5310)
#   PSDOCKER_TEST_AUTH_REGISTRY_PORT  port of the registry with auth (5312)
#   PSDOCKER_TEST_STORAGE_DRIVER  force a storage driver     (overlay2, then vfs)
#   PSDOCKER_TEST_TLS_PORT        TLS (--tlsverify) port on 127.0.0.1 (5314)
#   PSDOCKER_TEST_ADDRESS_POOL    where user networks get their /24s (10.214.0.0/16):
#                                 dockerd --default-address-pool base=<it>,size=24; `stop` removes
#                                 the networks and any br-* bridge left with an address in it
#   PSDOCKER_TEST_SWARM_PORT      swarm listen port on 127.0.0.1 (2377)       } `engine.sh swarm` makes the
#   PSDOCKER_TEST_SWARM_DATA_PORT VXLAN data path port (4789)                 } engine a single-node swarm
#   PSDOCKER_TEST_SWARM_ADDRESS_POOL  overlay networks' /24s (10.212.0.0/16)  } (see the swarm block below)
set -euo pipefail
export PATH="${PATH:-/usr/bin:/bin}:/usr/local/sbin:/usr/sbin:/sbin"

D="${PSDOCKER_TEST_ROOT:-/tmp/psdtest}"
BRIDGE="${PSDOCKER_TEST_BRIDGE:-psdtest0}"
BRIDGE_CIDR="${PSDOCKER_TEST_BRIDGE_CIDR:-10.213.77.1/24}"
REG_PORT="${PSDOCKER_TEST_REGISTRY_PORT:-5310}"
REG_ADDR="127.0.0.1:${REG_PORT}"
AUTH_REG_PORT="${PSDOCKER_TEST_AUTH_REGISTRY_PORT:-5312}"
AUTH_REG_ADDR="127.0.0.1:${AUTH_REG_PORT}"
AUTH_USER="psdtest"
IMAGE="psdocker-test/busybox:1.35"
APPLETS="sh echo sleep cat httpd ls env pwd id hostname printf true false yes head wc grep touch mkdir rm test seq date kill ps wget nc stty tty nslookup ping ip mount cut tr"
ENGINE_TIMEOUT=60
REGISTRY_TIMEOUT=30
STOP_TIMEOUT=30

SOCK="$D/docker.sock"
ENDPOINT="unix://$SOCK"
DOCKERD_PID="$D/dockerd.pid"
DOCKERD_LAUNCH_PID="$D/dockerd.launch.pid"
REGISTRY_PID="$D/registry.pid"
AUTH_REGISTRY_PID="$D/auth-registry.pid"
AUTH_PASSWORD_FILE="$D/auth-registry.password"
AUTH_HTPASSWD="$D/auth-registry.htpasswd"
MARKER="$D/.psdtest-root"
# The cgroup parent of this engine's containers: one per state dir, so stopping or
# starting one engine never kills the containers of another engine on the machine.
if [ "$D" = /tmp/psdtest ]; then CGROUP_PARENT=psdtest; else CGROUP_PARENT="psdtest-$(basename "$D" | tr -c 'A-Za-z0-9_.\n-' _)"; fi
# containers on our bridge get addresses in this prefix (for docker-proxy matching)
BRIDGE_PREFIX="$(printf '%s' "${BRIDGE_CIDR%/*}" | cut -d. -f1-3)."
ADDRESS_POOL="${PSDOCKER_TEST_ADDRESS_POOL:-10.214.0.0/16}"
# pool_prefix CIDR: the whole octets of a /8, /16 or /24 pool as a text prefix ("10.214.")
pool_prefix() {
    local bits="${1#*/}" n
    case "$bits" in 8|16|24) ;; *) die "PSDOCKER_TEST_ADDRESS_POOL must be a /8, /16 or /24 (got '$1')" ;; esac
    n=$(( bits / 8 ))
    printf '%s.' "$(printf '%s' "${1%/*}" | cut -d. -f1-"$n")"
}
POOL_PREFIX="$(pool_prefix "$ADDRESS_POOL")"
SWARM_PORT="${PSDOCKER_TEST_SWARM_PORT:-2377}"
SWARM_DATA_PORT="${PSDOCKER_TEST_SWARM_DATA_PORT:-4789}"
SWARM_POOL="${PSDOCKER_TEST_SWARM_ADDRESS_POOL:-10.212.0.0/16}"
SWARM_POOL_PREFIX="$(pool_prefix "$SWARM_POOL")"
# docker_gwbridge's Linux bridge: one per engine (Linux caps interface names at 15 characters)
GW_BRIDGE="$(printf '%s' "$BRIDGE" | cut -c1-13)gw"

log() { printf 'engine.sh: %s\n' "$*" >&2; }
die() { log "error: $*"; exit 1; }
T0="$(date +%s%N)"
# PSDOCKER_TEST_DEBUG=1 prints step timings
step() { [ -z "${PSDOCKER_TEST_DEBUG:-}" ] || log "$(( ($(date +%s%N) - T0) / 1000000 ))ms $*"; }

case "$D" in
    /) die "PSDOCKER_TEST_ROOT must not be /" ;;
    /*) ;;
    *) die "PSDOCKER_TEST_ROOT must be an absolute path (got '$D')" ;;
esac
D="${D%/}"
# refuse shallow paths like /tmp or /var: stop unmounts everything under D
case "$D" in
    /*/*) ;;
    *) die "PSDOCKER_TEST_ROOT must be at least two levels deep (got '$D')" ;;
esac

DKCMD=(env -u DOCKER_CONTEXT -u DOCKER_TLS_VERIFY -u DOCKER_CERT_PATH docker -H "$ENDPOINT")
dk() { "${DKCMD[@]}" "$@"; }

engine_ok() {
    [ -S "$SOCK" ] || return 1
    [ "$(curl -s -m 3 --unix-socket "$SOCK" http://x/_ping 2>/dev/null || true)" = "OK" ]
}
registry_ok() {
    local code
    code="$(curl -s -m 3 -o /dev/null -w '%{http_code}' "http://$REG_ADDR/v2/" 2>/dev/null || true)"
    [ "$code" = "200" ] || [ "$code" = "401" ]
}
# the registry with auth is up when an anonymous GET /v2/ is refused with 401
auth_registry_ok() {
    local code
    code="$(curl -s -m 3 -o /dev/null -w '%{http_code}' "http://$AUTH_REG_ADDR/v2/" 2>/dev/null || true)"
    [ "$code" = "401" ]
}

# alive PID: process exists and is not a zombie
alive() {
    local pid="$1" st
    [ -n "$pid" ] && [ -d "/proc/$pid" ] || return 1
    st="$(awk '/^State:/ {print $2}' "/proc/$pid/status" 2>/dev/null || true)"
    [ -n "$st" ] && [ "$st" != "Z" ] && [ "$st" != "X" ]
}
exe_name() { local e; e="$(readlink "/proc/$1/exe" 2>/dev/null || true)"; e="${e% (deleted)}"; echo "${e##*/}"; }
cmdline() { tr '\0' ' ' <"/proc/$1/cmdline" 2>/dev/null || true; }
read_pid() { [ -f "$1" ] && tr -dc '0-9' <"$1" || true; }

# Is PID one of the processes this script's engine/registry runs?
is_ours() {
    local pid="$1" exe cl
    exe="$(exe_name "$pid")"
    case "$exe" in dockerd|containerd|containerd-shim*|docker-registry|docker-proxy) ;; *) return 1 ;; esac
    alive "$pid" || return 1
    cl=" $(cmdline "$pid") "
    case "$exe" in
        dockerd)           [[ "$cl" == *" unix://$SOCK "* || "$cl" == *"--exec-root $D/exec "* ]] ;;
        containerd)        [[ "$cl" == *"$D/exec/"* ]] ;;
        containerd-shim*)  [[ "$cl" == *"$D/exec/"* ]] ;;
        docker-registry)   [[ "$cl" == *" $D/registry.yml "* || "$cl" == *" $D/auth-registry.yml "* ]] ;;
        docker-proxy)      [[ "$cl" == *"-container-ip $BRIDGE_PREFIX"* || "$cl" == *"-container-ip $POOL_PREFIX"* \
                              || "$cl" == *"-container-ip $SWARM_POOL_PREFIX"* ]] ;;
        *) return 1 ;;
    esac
}
# all PIDs of ours, optionally limited to one executable name
our_pids() {
    local pid
    # candidates by process name (comm is cut at 15 chars: containerd-shim-runc-v2 -> containerd-shim)
    for pid in $(pgrep -x 'dockerd|containerd|containerd-shim.*|docker-registry|docker-proxy' 2>/dev/null || true); do
        [ "$pid" = "$$" ] && continue
        if is_ours "$pid"; then
            if [ -z "${1:-}" ] || [ "$(exe_name "$pid")" = "$1" ]; then echo "$pid"; fi
        fi
    done
}

# PIDs of our docker-registry serving one config file
registry_pids() {
    local pid
    for pid in $(pgrep -x docker-registry 2>/dev/null || true); do
        is_ours "$pid" && [[ " $(cmdline "$pid") " == *" $1 "* ]] && echo "$pid"
    done
    return 0
}

# kill_wait SECONDS PID...: SIGTERM, wait bounded, then SIGKILL
kill_wait() {
    local secs="$1"; shift
    local pids=() p deadline
    for p in "$@"; do alive "$p" && pids+=("$p"); done
    [ "${#pids[@]}" -gt 0 ] || return 0
    kill -TERM "${pids[@]}" 2>/dev/null || true
    deadline=$(( $(date +%s) + secs ))
    while [ "$(date +%s)" -lt "$deadline" ]; do
        local any=0
        for p in "${pids[@]}"; do alive "$p" && any=1; done
        [ "$any" = 0 ] && return 0
        sleep 0.2
    done
    for p in "${pids[@]}"; do
        if alive "$p"; then log "pid $p ($(exe_name "$p")) ignored SIGTERM, sending SIGKILL"; kill -KILL "$p" 2>/dev/null || true; fi
    done
    sleep 0.3
}

# Kill what a dead engine left behind: container processes (found through our
# cgroup parent $CGROUP_PARENT; frozen ones are thawed first so SIGKILL lands),
# then containerd, shims and docker-proxy. Leaves the registry alone.
kill_orphans() {
    local f pids=() pid i
    for f in /sys/fs/cgroup/freezer/$CGROUP_PARENT/*/freezer.state; do   # cgroup v1
        [ -f "$f" ] && echo THAWED >"$f" 2>/dev/null || true
    done
    for f in /sys/fs/cgroup/$CGROUP_PARENT/*/cgroup.freeze; do            # cgroup v2
        [ -f "$f" ] && echo 0 >"$f" 2>/dev/null || true
    done
    for i in 1 2 3; do
        pids=()
        while IFS= read -r pid; do
            [ -n "$pid" ] && pids+=("$pid")
        done < <(find /sys/fs/cgroup/*/"$CGROUP_PARENT" /sys/fs/cgroup/"$CGROUP_PARENT" -name cgroup.procs -exec cat {} + 2>/dev/null | sort -u || true)
        [ "${#pids[@]}" -gt 0 ] || break
        kill -KILL "${pids[@]}" 2>/dev/null || true
        sleep 0.3
    done
    # shellcheck disable=SC2046
    kill_wait 5 $(our_pids containerd-shim-runc-v2; our_pids containerd-shim; our_pids containerd; our_pids docker-proxy)
}

# ---------------------------------------------------------------- packages
wait_for_apt() {
    local i
    for i in $(seq 1 600); do
        pgrep -x apt-get >/dev/null 2>&1 || pgrep -x dpkg >/dev/null 2>&1 || pgrep -x apt >/dev/null 2>&1 || return 0
        [ "$i" = 1 ] && log "waiting for a running apt-get/dpkg to finish"
        sleep 1
    done
    die "apt-get/dpkg still running after 10 minutes"
}
ensure_packages() {
    local pkgs=()
    { command -v dockerd >/dev/null && command -v docker-proxy >/dev/null; } || pkgs+=(docker.io)
    command -v docker-registry >/dev/null || pkgs+=(docker-registry)
    [ -x /bin/busybox ] || pkgs+=(busybox-static)
    command -v ip >/dev/null || pkgs+=(iproute2)
    command -v curl >/dev/null || pkgs+=(curl)
    command -v htpasswd >/dev/null || pkgs+=(apache2-utils)
    command -v tmux >/dev/null || pkgs+=(tmux)
    # Debian's docker-compose 1.29 (python): the compose tests show it lists a project Start-ComposeProject made.
    command -v docker-compose >/dev/null || pkgs+=(docker-compose)
    [ "${#pkgs[@]}" -gt 0 ] || return 0
    [ "$(id -u)" = 0 ] || die "missing ${pkgs[*]} and not root"
    log "installing ${pkgs[*]}"
    wait_for_apt
    DEBIAN_FRONTEND=noninteractive apt-get update -q >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${pkgs[@]}" >/dev/null
    # docker.io installs a client; if there is no docker CLI at all we need one
    command -v docker >/dev/null || die "no docker CLI on PATH after install"
}

# ---------------------------------------------------------------- bridge
ensure_bridge() {
    if ! ip link show "$BRIDGE" >/dev/null 2>&1; then
        ip link add "$BRIDGE" type bridge
    fi
    if ! ip -4 addr show dev "$BRIDGE" | grep -qF "inet $BRIDGE_CIDR "; then
        ip addr add "$BRIDGE_CIDR" dev "$BRIDGE" 2>/dev/null || true
    fi
    ip link set "$BRIDGE" up
}

# ---------------------------------------------------------------- TLS (issue 4: TLS endpoint)
# The engine also listens on 127.0.0.1:$TLS_PORT with --tlsverify. Certificates are made
# with openssl under D/tls on the first start (kept until D is purged):
#   ca.pem ca-key.pem            the CA the engine trusts and its server certificate chains to
#   server-cert.pem server-key.pem  for 127.0.0.1 and localhost
#   client/                      ca.pem cert.pem key.pem: what a client needs (DOCKER_CERT_PATH)
#   wrong-ca/                    the client certificate, but ca.pem of another, unrelated CA
#   ca-only/                     ca.pem only: no client certificate
TLS_PORT="${PSDOCKER_TEST_TLS_PORT:-5314}"
TLS_ADDR="127.0.0.1:${TLS_PORT}"
TLS_DIR="$D/tls"
TLS_ENDPOINT="tcp://$TLS_ADDR"
tls_dockerd_args() {
    printf '%s\n' -H "$TLS_ENDPOINT" --tlsverify \
        --tlscacert "$TLS_DIR/ca.pem" --tlscert "$TLS_DIR/server-cert.pem" --tlskey "$TLS_DIR/server-key.pem"
}
tls_ok() {
    [ "$(curl -s -m 3 --cacert "$TLS_DIR/client/ca.pem" --cert "$TLS_DIR/client/cert.pem" \
          --key "$TLS_DIR/client/key.pem" "https://$TLS_ADDR/_ping" 2>/dev/null || true)" = "OK" ]
}
# tls_cert NAME CA_PREFIX SUBJECT EXT: an EC key and a certificate signed by the CA
tls_cert() {
    local name="$1" ca="$2" subj="$3" ext="$4"
    openssl ecparam -name prime256v1 -genkey -noout -out "$TLS_DIR/$name-key.tmp" 2>/dev/null
    openssl pkcs8 -topk8 -nocrypt -in "$TLS_DIR/$name-key.tmp" -out "$TLS_DIR/$name-key.pem"
    rm -f "$TLS_DIR/$name-key.tmp"
    openssl req -new -key "$TLS_DIR/$name-key.pem" -subj "$subj" -out "$TLS_DIR/$name.csr" 2>/dev/null
    printf '%s\n' "$ext" >"$TLS_DIR/$name.ext"
    openssl x509 -req -in "$TLS_DIR/$name.csr" -CA "$TLS_DIR/$ca.pem" -CAkey "$TLS_DIR/$ca-key.pem" \
        -CAcreateserial -days 3650 -sha256 -extfile "$TLS_DIR/$name.ext" -out "$TLS_DIR/$name-cert.pem" 2>/dev/null
    rm -f "$TLS_DIR/$name.csr" "$TLS_DIR/$name.ext"
}
tls_ca() {
    openssl ecparam -name prime256v1 -genkey -noout -out "$TLS_DIR/$1-key.tmp" 2>/dev/null
    openssl pkcs8 -topk8 -nocrypt -in "$TLS_DIR/$1-key.tmp" -out "$TLS_DIR/$1-key.pem"
    rm -f "$TLS_DIR/$1-key.tmp"
    openssl req -new -x509 -key "$TLS_DIR/$1-key.pem" -days 3650 -sha256 -subj "/CN=$2" \
        -addext basicConstraints=critical,CA:TRUE -addext keyUsage=critical,keyCertSign,cRLSign \
        -out "$TLS_DIR/$1.pem" 2>/dev/null
}
ensure_tls() {
    if ! command -v openssl >/dev/null; then
        [ "$(id -u)" = 0 ] || die "openssl is needed for the TLS endpoint"
        log "installing openssl"
        wait_for_apt
        DEBIAN_FRONTEND=noninteractive apt-get update -q >/dev/null
        DEBIAN_FRONTEND=noninteractive apt-get install -y -q openssl >/dev/null
    fi
    if [ -s "$TLS_DIR/client/key.pem" ] && [ -s "$TLS_DIR/wrong-ca/ca.pem" ] && [ -s "$TLS_DIR/server-cert.pem" ] \
        && openssl x509 -checkend 86400 -noout -in "$TLS_DIR/server-cert.pem" >/dev/null 2>&1; then
        return 0
    fi
    rm -rf "$TLS_DIR"
    (umask 077; mkdir -p "$TLS_DIR")
    tls_ca ca "psdtest CA"
    tls_ca other-ca "psdtest unrelated CA"
    tls_cert server ca "/CN=localhost" \
        "$(printf '%s\n' 'subjectAltName=IP:127.0.0.1,DNS:localhost' 'extendedKeyUsage=serverAuth' 'keyUsage=critical,digitalSignature,keyEncipherment')"
    tls_cert client ca "/CN=psdtest-client" \
        "$(printf '%s\n' 'extendedKeyUsage=clientAuth' 'keyUsage=critical,digitalSignature')"
    mkdir -p "$TLS_DIR/client" "$TLS_DIR/wrong-ca" "$TLS_DIR/ca-only"
    cp "$TLS_DIR/ca.pem" "$TLS_DIR/client/ca.pem"
    mv "$TLS_DIR/client-cert.pem" "$TLS_DIR/client/cert.pem"
    mv "$TLS_DIR/client-key.pem" "$TLS_DIR/client/key.pem"
    cp "$TLS_DIR/other-ca.pem" "$TLS_DIR/wrong-ca/ca.pem"
    cp "$TLS_DIR/client/cert.pem" "$TLS_DIR/client/key.pem" "$TLS_DIR/wrong-ca/"
    cp "$TLS_DIR/ca.pem" "$TLS_DIR/ca-only/ca.pem"
    chmod -R go-rwx "$TLS_DIR"
}
tls_env_sh() {
    printf '%s\n' "export PSDOCKER_TEST_TLS_ENDPOINT='$TLS_ENDPOINT'" \
        "export PSDOCKER_TEST_TLS_CERTS='$TLS_DIR/client'" \
        "export PSDOCKER_TEST_TLS_WRONG_CA='$TLS_DIR/wrong-ca'" \
        "export PSDOCKER_TEST_TLS_CA_ONLY='$TLS_DIR/ca-only'"
}
tls_env_ps1() {
    printf '%s\n' "\$env:PSDOCKER_TEST_TLS_ENDPOINT = '$TLS_ENDPOINT'" \
        "\$env:PSDOCKER_TEST_TLS_CERTS = '$TLS_DIR/client'" \
        "\$env:PSDOCKER_TEST_TLS_WRONG_CA = '$TLS_DIR/wrong-ca'" \
        "\$env:PSDOCKER_TEST_TLS_CA_ONLY = '$TLS_DIR/ca-only'"
}
# ---------------------------------------------------------------- end of TLS block

# ---------------------------------------------------------------- engine
# remove pid/socket files left behind by a dead engine
clean_stale_engine_files() {
    local pid
    pid="$(read_pid "$DOCKERD_PID")"
    if [ -n "$pid" ] && ! is_ours "$pid"; then rm -f "$DOCKERD_PID"; fi
    pid="$(read_pid "$DOCKERD_LAUNCH_PID")"
    if [ -n "$pid" ] && ! is_ours "$pid"; then rm -f "$DOCKERD_LAUNCH_PID"; fi
    if [ -z "$(our_pids dockerd)" ]; then
        # the engine is dead: reap its orphans, then drop its runtime state
        # (stale pid/sock files there can break the next start)
        kill_orphans
        unmount_all
        rm -f "$SOCK" "$DOCKERD_PID" "$DOCKERD_LAUNCH_PID"
        if ! grep -qF " $D/exec" /proc/mounts; then rm -rf "$D/exec"; fi
    fi
}

# try_engine DRIVER: 0 when the engine answers, 1 when it died or timed out
try_engine() {
    local driver="$1" pid deadline
    mkdir -p "$D/data" "$D/exec"
    [ -f "$D/daemon.json" ] || echo '{}' >"$D/daemon.json"
    printf '\n===== %s starting dockerd (storage driver %s)\n' "$(date -Is)" "$driver" >>"$D/dockerd.log"
    # setsid: own session, survives the calling shell; the wrapper records its
    # pid and execs dockerd, so the launch pid is dockerd's pid.
    # DOCKER_SERVICE_PREFER_OFFLINE_IMAGE=1: a swarm task uses the local image; without it the agent tries
    # a pull from the image's registry (docker.io for the test image) before every task start.
    setsid bash -c 'echo $$ >"$1"; shift; exec "$@"' _ "$DOCKERD_LAUNCH_PID" \
        env DOCKER_SERVICE_PREFER_OFFLINE_IMAGE=1 \
        dockerd \
        --config-file "$D/daemon.json" \
        --data-root "$D/data" \
        --exec-root "$D/exec" \
        --pidfile "$DOCKERD_PID" \
        -H "$ENDPOINT" \
        --bridge="$BRIDGE" \
        --default-address-pool "base=$ADDRESS_POOL,size=24" \
        --iptables=false \
        --ip-masq=false \
        --cgroup-parent="/$CGROUP_PARENT" \
        --storage-driver="$driver" \
        $(tls_dockerd_args) \
        </dev/null >>"$D/dockerd.log" 2>&1 &
    disown 2>/dev/null || true
    step "dockerd launched"
    deadline=$(( $(date +%s) + ENGINE_TIMEOUT ))
    while [ "$(date +%s)" -lt "$deadline" ]; do
        engine_ok && return 0
        pid="$(read_pid "$DOCKERD_LAUNCH_PID")"
        if [ -n "$pid" ] && ! alive "$pid"; then
            log "dockerd ($driver) exited during start-up"
            return 1
        fi
        sleep 0.25
    done
    log "dockerd ($driver) did not answer within ${ENGINE_TIMEOUT}s"
    return 1
}

# kill whatever a failed start left behind
reap_engine() {
    local pids
    pids="$(our_pids dockerd; read_pid "$DOCKERD_LAUNCH_PID")"
    # shellcheck disable=SC2086
    kill_wait 10 $pids
    clean_stale_engine_files
}

start_engine() {
    if engine_ok; then
        tls_ok && return 0
        log "the engine does not answer on its TLS endpoint $TLS_ADDR; restarting it"
        reap_engine
    fi
    clean_stale_engine_files
    if [ -n "$(our_pids dockerd)" ]; then
        # running but not answering (still starting?) - give it the bounded wait
        local deadline=$(( $(date +%s) + ENGINE_TIMEOUT ))
        while [ "$(date +%s)" -lt "$deadline" ]; do engine_ok && return 0; sleep 0.25; done
        log "engine process exists but does not answer; restarting it"
        reap_engine
    fi
    local drivers=() d
    if [ -n "${PSDOCKER_TEST_STORAGE_DRIVER:-}" ]; then
        drivers=("$PSDOCKER_TEST_STORAGE_DRIVER")
    elif [ -s "$D/storage-driver" ]; then
        # reuse the driver that worked last time (images live per driver)
        drivers=("$(cat "$D/storage-driver")")
        [ "${drivers[0]}" = vfs ] || drivers+=(vfs)
    else
        drivers=(overlay2 vfs)
    fi
    for d in "${drivers[@]}"; do
        if try_engine "$d"; then
            echo "$d" >"$D/storage-driver"
            return 0
        fi
        reap_engine
    done
    log "the engine did not come up; tail of $D/dockerd.log:"
    grep -v 'module=grpc' "$D/dockerd.log" | tail -n 25 >&2 || true
    exit 1
}

# ---------------------------------------------------------------- registry
start_registry() {
    registry_ok && [ -n "$(registry_pids "$D/registry.yml")" ] && return 0
    if registry_ok; then die "something else answers on $REG_ADDR (not our registry)"; fi
    # shellcheck disable=SC2046
    kill_wait 5 $(registry_pids "$D/registry.yml")
    rm -f "$REGISTRY_PID"
    mkdir -p "$D/registry"
    cat >"$D/registry.yml" <<EOF
version: 0.1
log:
  level: warn
  accesslog:
    disabled: true
storage:
  filesystem:
    rootdirectory: $D/registry
  delete:
    enabled: true
  maintenance:
    uploadpurging:
      enabled: false
http:
  addr: $REG_ADDR
EOF
    launch_registry "$D/registry.yml" "$REGISTRY_PID" "$D/registry.log" registry_ok \
        "registry did not come up on $REG_ADDR"
}

# launch_registry CONFIG PIDFILE LOG READY_FN FAILURE_TEXT: starts docker-registry detached and waits
# (bounded by REGISTRY_TIMEOUT) until READY_FN succeeds; on failure prints the log's tail and exits.
launch_registry() {
    local cfg="$1" pidfile="$2" logfile="$3" ready="$4" failure="$5"
    printf '\n===== %s starting docker-registry (%s)\n' "$(date -Is)" "$cfg" >>"$logfile"
    setsid bash -c 'echo $$ >"$1"; shift; exec "$@"' _ "$pidfile" \
        docker-registry serve "$cfg" \
        </dev/null >>"$logfile" 2>&1 &
    disown 2>/dev/null || true
    local deadline=$(( $(date +%s) + REGISTRY_TIMEOUT )) pid
    while [ "$(date +%s)" -lt "$deadline" ]; do
        "$ready" && return 0
        pid="$(read_pid "$pidfile")"
        if [ -n "$pid" ] && ! alive "$pid"; then break; fi
        sleep 0.2
    done
    log "$failure; tail of $logfile:"
    tail -n 20 "$logfile" >&2 || true
    exit 1
}

# The registry with htpasswd auth. Idempotent: the password is generated once
# (kept in AUTH_PASSWORD_FILE); the htpasswd file is rewritten, and the registry
# restarted, only when it no longer matches that password.
ensure_auth_password() {
    local pw=""
    [ -f "$AUTH_PASSWORD_FILE" ] && pw="$(tr -dc 'A-Za-z0-9' <"$AUTH_PASSWORD_FILE" || true)"
    if [ "${#pw}" -lt 16 ]; then
        # 512 random bytes hold about 124 letters and digits; keep 24
        pw="$(head -c 512 /dev/urandom | tr -dc 'A-Za-z0-9')"
        pw="${pw:0:24}"
        [ "${#pw}" -ge 16 ] || die "could not generate a password for the registry with auth"
        (umask 077; printf '%s\n' "$pw" >"$AUTH_PASSWORD_FILE")
    fi
    chmod 600 "$AUTH_PASSWORD_FILE"
    AUTH_PASSWORD="$pw"
}
start_auth_registry() {
    local cfg="$D/auth-registry.yml" changed=0
    ensure_auth_password
    if ! htpasswd -vb "$AUTH_HTPASSWD" "$AUTH_USER" "$AUTH_PASSWORD" >/dev/null 2>&1; then
        (umask 077; htpasswd -Bbn "$AUTH_USER" "$AUTH_PASSWORD" >"$AUTH_HTPASSWD.tmp") || die "htpasswd failed"
        mv -f "$AUTH_HTPASSWD.tmp" "$AUTH_HTPASSWD"
        changed=1
    fi
    if [ "$changed" = 0 ] && auth_registry_ok && [ -n "$(registry_pids "$cfg")" ]; then return 0; fi
    # shellcheck disable=SC2046
    kill_wait 5 $(registry_pids "$cfg")
    if registry_ok_at "$AUTH_REG_ADDR"; then die "something else answers on $AUTH_REG_ADDR (not our registry)"; fi
    rm -f "$AUTH_REGISTRY_PID"
    mkdir -p "$D/auth-registry"
    cat >"$cfg" <<EOF
version: 0.1
log:
  level: warn
  accesslog:
    disabled: true
storage:
  filesystem:
    rootdirectory: $D/auth-registry
  delete:
    enabled: true
  maintenance:
    uploadpurging:
      enabled: false
auth:
  htpasswd:
    realm: psdtest-registry
    path: $AUTH_HTPASSWD
http:
  addr: $AUTH_REG_ADDR
EOF
    launch_registry "$cfg" "$AUTH_REGISTRY_PID" "$D/auth-registry.log" auth_registry_ok \
        "registry with auth did not come up on $AUTH_REG_ADDR (GET /v2/ should answer 401)"
}
# anything answering HTTP on an address
registry_ok_at() {
    local code
    code="$(curl -s -m 3 -o /dev/null -w '%{http_code}' "http://$1/v2/" 2>/dev/null || true)"
    [ -n "$code" ] && [ "$code" != "000" ]
}

# ---------------------------------------------------------------- image
ensure_image() {
    # D/image-applets records the applets the image was built with: a changed list rebuilds it
    if dk image inspect "$IMAGE" >/dev/null 2>&1; then
        [ "$(cat "$D/image-applets" 2>/dev/null || true)" = "$APPLETS" ] && return 0
        log "the applet list changed: rebuilding $IMAGE"
        dk image rm -f "$IMAGE" >/dev/null 2>&1 || true
    fi
    local root="$D/image-root" a
    rm -rf "$root"
    mkdir -p "$root/bin" "$root/etc" "$root/tmp" "$root/root" "$root/home"
    chmod 1777 "$root/tmp"
    chmod 700 "$root/root"
    cp /bin/busybox "$root/bin/busybox"
    chmod 755 "$root/bin/busybox"
    for a in $APPLETS; do ln -sf busybox "$root/bin/$a"; done
    printf '%s\n' 'root:x:0:0:root:/root:/bin/sh' 'nobody:x:65534:65534:nobody:/home:/bin/false' >"$root/etc/passwd"
    printf '%s\n' 'root:x:0:' 'nogroup:x:65534:' >"$root/etc/group"
    tar --numeric-owner --owner=0 --group=0 -C "$root" -c . \
        | dk import \
            -c 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
            -c 'CMD ["/bin/sh"]' \
            - "$IMAGE" >/dev/null
    rm -rf "$root"
    printf '%s\n' "$APPLETS" >"$D/image-applets"
}

# ---------------------------------------------------------------- env files
write_env() {
    # The files hold the password of the registry with auth: readable by their owner only.
    # Each is written to a temp file and renamed, so a reader never sees a half-written file.
    rm -f "$D/env.sh.tmp" "$D/env.ps1.tmp"
    (umask 077; : >"$D/env.sh.tmp"; : >"$D/env.ps1.tmp")
    cat >"$D/env.sh.tmp" <<EOF
# generated by tests/engine/engine.sh - source it
export PSDOCKER_TEST_ENDPOINT='$ENDPOINT'
export PSDOCKER_TEST_REGISTRY='$REG_ADDR'
export PSDOCKER_TEST_IMAGE='$IMAGE'
export PSDOCKER_TEST_AUTH_REGISTRY='$AUTH_REG_ADDR'
export PSDOCKER_TEST_AUTH_USER='$AUTH_USER'
export PSDOCKER_TEST_AUTH_PASSWORD='$AUTH_PASSWORD'
export DOCKER_HOST='$ENDPOINT'
export PSDOCKER_TEST_ADDRESS_POOL='$ADDRESS_POOL'
export PSDOCKER_TEST_ROOT='$D'
export PSDOCKER_TEST_BRIDGE='$BRIDGE'
export PSDOCKER_TEST_SWARM_ADDR='$SWARM_LISTEN'
export PSDOCKER_TEST_SWARM_PORT='$SWARM_PORT'
export PSDOCKER_TEST_SWARM_DATA_PORT='$SWARM_DATA_PORT'
export PSDOCKER_TEST_SWARM_ADDRESS_POOL='$SWARM_POOL'
EOF
    cat >"$D/env.ps1.tmp" <<EOF
# generated by tests/engine/engine.sh - dot-source it
\$env:PSDOCKER_TEST_ENDPOINT = '$ENDPOINT'
\$env:PSDOCKER_TEST_REGISTRY = '$REG_ADDR'
\$env:PSDOCKER_TEST_IMAGE = '$IMAGE'
\$env:PSDOCKER_TEST_AUTH_REGISTRY = '$AUTH_REG_ADDR'
\$env:PSDOCKER_TEST_AUTH_USER = '$AUTH_USER'
\$env:PSDOCKER_TEST_AUTH_PASSWORD = '$AUTH_PASSWORD'
\$env:DOCKER_HOST = '$ENDPOINT'
\$env:PSDOCKER_TEST_ADDRESS_POOL = '$ADDRESS_POOL'
\$env:PSDOCKER_TEST_ROOT = '$D'
\$env:PSDOCKER_TEST_BRIDGE = '$BRIDGE'
\$env:PSDOCKER_TEST_SWARM_ADDR = '$SWARM_LISTEN'
\$env:PSDOCKER_TEST_SWARM_PORT = '$SWARM_PORT'
\$env:PSDOCKER_TEST_SWARM_DATA_PORT = '$SWARM_DATA_PORT'
\$env:PSDOCKER_TEST_SWARM_ADDRESS_POOL = '$SWARM_POOL'
EOF
    tls_env_sh >>"$D/env.sh.tmp"
    tls_env_ps1 >>"$D/env.ps1.tmp"
    mv -f "$D/env.sh.tmp" "$D/env.sh"
    mv -f "$D/env.ps1.tmp" "$D/env.ps1"
}

# ---------------------------------------------------------------- mounts
unmount_all() {
    local m
    # deepest first; /proc/mounts escapes spaces as \040 (D has none by default)
    while IFS= read -r m; do
        [ -n "$m" ] || continue
        umount -l "$m" 2>/dev/null || true
    done < <(awk -v d="$D" '$2 == d || index($2, d "/") == 1 { print length($2) " " $2 }' /proc/mounts \
                | sort -rn | cut -d' ' -f2- || true)
}

# remove_pool_bridges: br-<id> bridges whose IPv4 address lies in ADDRESS_POOL (they are this engine's)
remove_pool_bridges() {
    command -v ip >/dev/null || return 0
    local dev
    for dev in $(ip -o -4 addr show 2>/dev/null | awk -v p="$POOL_PREFIX" '$2 ~ /^br-/ && index($4, p) == 1 { print $2 }' | sort -u); do
        ip link set "$dev" down 2>/dev/null || true
        ip link del "$dev" 2>/dev/null || true
    done
}

# ---------------------------------------------------------------- swarm (issue 9)
# `engine.sh swarm` makes the running engine a single-node swarm manager (idempotent):
#   swarm init --advertise-addr 127.0.0.1 --listen-addr 127.0.0.1:$SWARM_PORT --data-path-addr 127.0.0.1
#              --data-path-port $SWARM_DATA_PORT --default-addr-pool $SWARM_POOL (/24 each)
# Before the init it creates docker_gwbridge itself, on the Linux bridge $GW_BRIDGE (derived from $BRIDGE) with the
# last /24 of $SWARM_POOL, so several private engines on one machine never share (and fight over) one
# `docker_gwbridge` interface. `engine.sh stop` leaves the swarm, removes docker_gwbridge and its bridge, the
# overlay namespaces (bind mounts under $D/exec/netns) and any VXLAN interface on our data port.
#
# What this machine does with swarm networking (verified on dockerd 20.10.24, kernel without IPVS, --iptables=false):
# - swarm init works; the `ingress` overlay network is created with the first /24 of $SWARM_POOL.
# - the kernel has no IPVS (/proc/net/ip_vs missing; dockerd logs "error reading the kernel parameter net.ipv4.vs.*").
#   A VIP-mode service gets a virtual IP and its name resolves to it, but nothing answers on the VIP.
#   Endpoint mode dnsrr works: the service name and tasks.<service> resolve to the task addresses, which answer.
# - an ingress-mode published port (the default) opens no listener on the host at all (routing mesh = IPVS + iptables):
#   the task runs, nothing answers. A host-mode published port works: docker-proxy listens on 0.0.0.0:<port> and
#   forwards to the task's address on the engine bridge (no networks) or on docker_gwbridge (overlay networks).
# - without DOCKER_SERVICE_PREFER_OFFLINE_IMAGE=1 in dockerd's environment the swarm agent tries to pull every task's
#   image from its registry first (docker.io for the test image); try_engine sets it, so tasks use the local image.
SWARM_LISTEN="127.0.0.1:$SWARM_PORT"
# gw_subnet POOL: the last /24 of a /8 or /16 pool (the swarm allocator hands out /24s from the start)
gw_subnet() {
    local bits="${1#*/}"
    case "$bits" in
        16) printf '%s255.0/24' "$SWARM_POOL_PREFIX" ;;
        8)  printf '%s255.255.0/24' "$SWARM_POOL_PREFIX" ;;
        *) die "PSDOCKER_TEST_SWARM_ADDRESS_POOL must be a /8 or /16 (got '$1')" ;;
    esac
}
swarm_state() { dk info --format '{{.Swarm.LocalNodeState}} {{.Swarm.ControlAvailable}}' 2>/dev/null || echo unknown; }
gwbridge_ours() {
    [ "$(dk network inspect docker_gwbridge --format '{{index .Options "com.docker.network.bridge.name"}}' 2>/dev/null || true)" = "$GW_BRIDGE" ]
}
ensure_gwbridge() {
    gwbridge_ours && return 0
    dk network rm docker_gwbridge >/dev/null 2>&1 || true
    dk network create --driver bridge --scope local --subnet "$(gw_subnet "$SWARM_POOL")" \
        --opt com.docker.network.bridge.name="$GW_BRIDGE" \
        --opt com.docker.network.bridge.enable_icc=false \
        --opt com.docker.network.bridge.enable_ip_masquerade=true \
        docker_gwbridge >/dev/null || die "could not create docker_gwbridge on $GW_BRIDGE"
}
cmd_swarm() {
    [ "$(id -u)" = 0 ] || die "must run as root"
    engine_ok || die "the engine does not answer on $ENDPOINT: run engine.sh start first"
    local state
    state="$(swarm_state)"
    if [ "$state" = "active true" ] && gwbridge_ours; then
        echo "psdtest swarm up: manager listening on $SWARM_LISTEN (already)"
        return 0
    fi
    # anything else (a worker, a locked or half-made swarm, a docker_gwbridge not on our bridge): start clean
    if [ "$state" != "inactive false" ]; then
        dk swarm leave --force >/dev/null 2>&1 || true
    fi
    ensure_gwbridge
    dk swarm init --advertise-addr 127.0.0.1 --listen-addr "$SWARM_LISTEN" --data-path-addr 127.0.0.1 \
        --data-path-port "$SWARM_DATA_PORT" --default-addr-pool "$SWARM_POOL" --default-addr-pool-mask-length 24 \
        >/dev/null || die "swarm init failed; tail of $D/dockerd.log: $(grep -v module=grpc "$D/dockerd.log" | tail -n 5)"
    # the node is a manager at once; the ingress network follows a moment later
    local deadline=$(( $(date +%s) + 30 ))
    while [ "$(date +%s)" -lt "$deadline" ]; do
        dk network inspect ingress >/dev/null 2>&1 && [ "$(swarm_state)" = "active true" ] && break
        sleep 0.2
    done
    [ "$(swarm_state)" = "active true" ] || die "the swarm did not become active within 30s"
    echo "psdtest swarm up: manager listening on $SWARM_LISTEN, data port $SWARM_DATA_PORT, pool $SWARM_POOL, docker_gwbridge on $GW_BRIDGE"
}
# while the engine answers: leave the swarm (services and their tasks go with it), then drop docker_gwbridge
swarm_leave() {
    local state
    state="$(swarm_state)"
    case "$state" in inactive*|unknown) ;; *) timeout 30 "${DKCMD[@]}" swarm leave --force >/dev/null 2>&1 || true ;; esac
}
swarm_gwbridge_rm() { timeout 30 "${DKCMD[@]}" network rm docker_gwbridge >/dev/null 2>&1 || true; }
# after dockerd is gone: what a dead engine's swarm left on the host
swarm_leftovers() {
    command -v ip >/dev/null || return 0
    if ip link show "$GW_BRIDGE" >/dev/null 2>&1; then
        ip link set "$GW_BRIDGE" down 2>/dev/null || true
        ip link del "$GW_BRIDGE" 2>/dev/null || true
    fi
    # VXLAN interfaces still in the host namespace on OUR data port (another engine uses another port)
    local dev
    for dev in $(ls /sys/class/net 2>/dev/null); do
        case "$dev" in vx-*) ;; *) continue ;; esac
        if ip -d -o link show dev "$dev" 2>/dev/null | grep -q "vxlan id [0-9]* .*dstport $SWARM_DATA_PORT "; then
            ip link del "$dev" 2>/dev/null || true
        fi
    done
    # a swarm the engine could not leave would come back on the next start
    [ -f "$MARKER" ] && rm -rf "$D/data/swarm"
    return 0
}

# ---------------------------------------------------------------- commands
cmd_start() {
    [ "$(id -u)" = 0 ] || die "must run as root"
    [ "${#SOCK}" -lt 100 ] || die "socket path too long: $SOCK"
    local t0; t0="$(date +%s.%N)"
    ensure_packages
    mkdir -p "$D"
    touch "$MARKER"
    step packages-ok
    ensure_bridge
    step bridge-ok
    ensure_tls
    step tls-ok
    start_engine
    step engine-ok
    start_registry
    step registry-ok
    start_auth_registry
    step auth-registry-ok
    ensure_image
    step image-ok
    write_env
    local t1 ver
    t1="$(date +%s.%N)"
    ver="$(dk version --format '{{.Server.Version}}' 2>/dev/null || echo '?')"
    printf 'psdtest engine up: %s (dockerd %s, %s) registry %s, registry with auth %s, image %s [%.1fs] env: %s/env.sh %s/env.ps1\n' \
        "$ENDPOINT" "$ver" "$(cat "$D/storage-driver" 2>/dev/null || echo '?')" "$REG_ADDR" "$AUTH_REG_ADDR" "$IMAGE" \
        "$(awk "BEGIN{print $t1-$t0}")" "$D" "$D"
}

cmd_stop() {
    local purge=0 arg pid
    for arg in "$@"; do
        case "$arg" in
            --purge) purge=1 ;;
            *) die "unknown option for stop: $arg" ;;
        esac
    done
    if [ "$(id -u)" != 0 ]; then log "not root; nothing stopped"; return 0; fi
    # 1. swarm, containers
    if engine_ok; then
        swarm_leave
        local ids
        ids="$(timeout 30 "${DKCMD[@]}" ps -aq 2>/dev/null || true)"
        if [ -n "$ids" ]; then
            # shellcheck disable=SC2086
            timeout 60 "${DKCMD[@]}" rm -f $ids >/dev/null 2>&1 || true
        fi
        # user networks: dockerd deletes their br-* bridges as it removes them
        timeout 30 "${DKCMD[@]}" network prune -f >/dev/null 2>&1 || true
        swarm_gwbridge_rm
    fi
    # 2. dockerd
    local dpids
    dpids="$( { read_pid "$DOCKERD_PID"; echo; our_pids dockerd; } | sort -u | while read -r pid; do
                  [ -n "$pid" ] && is_ours "$pid" && echo "$pid"; done || true)"
    # shellcheck disable=SC2086
    kill_wait "$STOP_TIMEOUT" $dpids
    # 3. registries (both: our_pids matches registry.yml and auth-registry.yml)
    # shellcheck disable=SC2046
    kill_wait 5 $(our_pids docker-registry)
    # 4. leftovers: container processes, containerd, shims, docker-proxy
    kill_orphans
    # shellcheck disable=SC2046
    kill_wait 5 $(our_pids)
    # 5. mounts, stale files
    unmount_all
    rm -f "$SOCK" "$DOCKERD_PID" "$DOCKERD_LAUNCH_PID" "$REGISTRY_PID" "$AUTH_REGISTRY_PID"
    if ! grep -qF " $D/exec" /proc/mounts 2>/dev/null; then rm -rf "$D/exec"; fi
    # empty cgroups under our --cgroup-parent
    local cg
    for cg in /sys/fs/cgroup/*/"$CGROUP_PARENT" /sys/fs/cgroup/"$CGROUP_PARENT"; do
        [ -d "$cg" ] && find "$cg" -depth -type d -exec rmdir {} + 2>/dev/null || true
    done
    # 6. bridges: ours, and br-* of user networks a dead engine could not remove (an address in our pool)
    if command -v ip >/dev/null && ip link show "$BRIDGE" >/dev/null 2>&1; then
        ip link set "$BRIDGE" down 2>/dev/null || true
        ip link del "$BRIDGE" 2>/dev/null || true
    fi
    remove_pool_bridges
    swarm_leftovers
    # 7. purge
    if [ "$purge" = 1 ] && [ -d "$D" ]; then
        if [ -f "$MARKER" ]; then
            rm -rf "$D" || log "could not remove all of $D"
        else
            log "$D has no $(basename "$MARKER") marker; not deleting it"
        fi
    fi
    if [ "$purge" = 1 ]; then echo "psdtest engine stopped (purged $D)"
    elif [ -d "$D/data" ]; then echo "psdtest engine stopped (data kept in $D/data)"
    else echo "psdtest engine stopped"; fi
    return 0
}

cmd_status() {
    local e=down r=down a=down rc=0
    if engine_ok; then
        e="up ($(dk version --format '{{.Server.Version}}' 2>/dev/null || echo '?'), $(cat "$D/storage-driver" 2>/dev/null || echo '?'))"
    else rc=1; fi
    if registry_ok; then r=up; else rc=1; fi
    if auth_registry_ok; then a=up; else rc=1; fi
    local t=down
    if tls_ok; then t=up; else rc=1; fi
    echo "engine $ENDPOINT: $e; TLS endpoint $TLS_ENDPOINT: $t; registry $REG_ADDR: $r; registry with auth $AUTH_REG_ADDR: $a"
    return "$rc"
}

case "${1:-}" in
    start)   shift; cmd_start "$@" ;;
    stop)    shift; cmd_stop "$@" ;;
    restart) shift; cmd_stop; cmd_start ;;
    status)  shift; cmd_status ;;
    swarm)   shift; cmd_swarm ;;
    *) echo "usage: $0 start | stop [--purge] | restart | status | swarm" >&2; exit 2 ;;
esac
