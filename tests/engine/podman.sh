#!/usr/bin/env bash
# Private Podman service (Docker-compatible API) for the PSDocker test suite: the second engine.
#
#   podman.sh start          install podman if needed, start `podman system service` on a private
#                            socket, import the test image, write D/podman-env.ps1 and D/podman-env.sh
#   podman.sh stop [--purge] remove its containers, stop the service and what it left behind;
#                            --purge also deletes D/podman (images, containers, config)
#   podman.sh status         report whether the service answers
#
# D is $PSDOCKER_TEST_ROOT (default /tmp/psdtest), shared with tests/engine/engine.sh; everything of
# Podman's lives in P = D/podman: its socket, its configuration (containers.conf, storage.conf,
# registries.conf, read through CONTAINERS_CONF / CONTAINERS_STORAGE_CONF / CONTAINERS_REGISTRIES_CONF),
# its image/container store (graphroot), its run dir (runroot, tmp_dir) and its network definitions.
# It never reads or writes /var/lib/containers, /run/containers or /etc/containers' storage of the machine.
#
# Podman-specific settings (verified with Debian 12's podman 4.3.1, root, cgroup v1, no systemd):
#   - default_ulimits = []       containers fail to start otherwise ("error setting rlimit type 7")
#   - cgroup_manager = cgroupfs, events_logger = file (no systemd / journald here)
#   - a private netavark bridge network (its own interface and /24, no DNS) as the default network
#   - init_path = tini-static (--init; catatonit is not packaged)
#   - the test registries on 127.0.0.1 marked insecure (plain HTTP), no unqualified-search registries
#
# Environment knobs (all optional):
#   PSDOCKER_TEST_ROOT              state dir (shared with engine.sh)          (/tmp/psdtest)
#   PSDOCKER_TEST_BRIDGE            engine.sh's bridge; Podman's is <it>p       (psdtest0 -> psdtest0p)
#   PSDOCKER_TEST_BRIDGE_CIDR       engine.sh's /24; Podman's third octet +100 (10.213.77.1/24 -> 10.213.177.0/24)
#   PSDOCKER_TEST_PODMAN_BRIDGE     Podman's bridge interface name
#   PSDOCKER_TEST_PODMAN_SUBNET     Podman's network (a /24)
#   PSDOCKER_TEST_REGISTRY_PORT / PSDOCKER_TEST_AUTH_REGISTRY_PORT (5310 / 5312): marked insecure
#   PSDOCKER_TEST_PODMAN_STORAGE_DRIVER  overlay (default) or vfs
#   PSDOCKER_TEST_PODMAN_ADDRESS_POOL    where networks the tests create get their /24s (10.215.0.0/16):
#                                        containers.conf default_subnet_pools; `stop` removes those networks
#                                        and any podmanN bridge left with an address in the pool
set -euo pipefail
export PATH="${PATH:-/usr/bin:/bin}:/usr/local/sbin:/usr/sbin:/sbin"

D="${PSDOCKER_TEST_ROOT:-/tmp/psdtest}"
case "$D" in
    /*/*) ;;
    *) echo "podman.sh: error: PSDOCKER_TEST_ROOT must be an absolute path at least two levels deep (got '$D')" >&2; exit 1 ;;
esac
D="${D%/}"
P="$D/podman"
BRIDGE="${PSDOCKER_TEST_BRIDGE:-psdtest0}"
BRIDGE_CIDR="${PSDOCKER_TEST_BRIDGE_CIDR:-10.213.77.1/24}"
PODMAN_BRIDGE="${PSDOCKER_TEST_PODMAN_BRIDGE:-${BRIDGE:0:14}p}"
if [ -n "${PSDOCKER_TEST_PODMAN_SUBNET:-}" ]; then
    SUBNET="$PSDOCKER_TEST_PODMAN_SUBNET"
else
    IFS=. read -r o1 o2 o3 _ <<<"${BRIDGE_CIDR%/*}"
    SUBNET="$o1.$o2.$(( (o3 + 100) % 256 )).0/24"
fi
GATEWAY="${SUBNET%.*}.1"
NETWORK="psdtest"
ADDRESS_POOL="${PSDOCKER_TEST_PODMAN_ADDRESS_POOL:-10.215.0.0/16}"
case "${ADDRESS_POOL#*/}" in
    8|16|24) POOL_PREFIX="$(printf '%s' "${ADDRESS_POOL%/*}" | cut -d. -f1-$(( ${ADDRESS_POOL#*/} / 8 )))." ;;
    *) echo "podman.sh: error: PSDOCKER_TEST_PODMAN_ADDRESS_POOL must be a /8, /16 or /24 (got '$ADDRESS_POOL')" >&2; exit 1 ;;
esac
REG_PORT="${PSDOCKER_TEST_REGISTRY_PORT:-5310}"
AUTH_REG_PORT="${PSDOCKER_TEST_AUTH_REGISTRY_PORT:-5312}"
STORAGE_DRIVER="${PSDOCKER_TEST_PODMAN_STORAGE_DRIVER:-overlay}"
IMAGE="psdocker-test/busybox:1.35"
# What Docker calls psdocker-test/busybox:1.35 is docker.io/psdocker-test/busybox:1.35; `podman import` of a short
# name would store localhost/psdocker-test/busybox:1.35, which is another name. Import it under Docker's meaning.
PODMAN_IMAGE="docker.io/$IMAGE"
# the same applets as engine.sh's image (read from it, so the two images stay alike)
ENGINE_SH="$(dirname "${BASH_SOURCE[0]}")/engine.sh"
APPLETS="$(sed -n 's/^APPLETS="\(.*\)"$/\1/p' "$ENGINE_SH" 2>/dev/null || true)"
[ -n "$APPLETS" ] || APPLETS="sh echo sleep cat httpd ls env pwd id hostname printf true false yes head wc grep touch mkdir rm test seq date kill ps wget nc"

SOCK="$P/podman.sock"
ENDPOINT="unix://$SOCK"
SERVICE_PID="$P/service.pid"
LOG="$P/service.log"
MARKER="$D/.psdtest-root"
START_TIMEOUT=60

export CONTAINERS_CONF="$P/containers.conf"
export CONTAINERS_STORAGE_CONF="$P/storage.conf"
export CONTAINERS_REGISTRIES_CONF="$P/registries.conf"
# never the user's or the machine's registries.conf.d / auth
export REGISTRY_AUTH_FILE="$P/auth.json"
unset DOCKER_HOST CONTAINER_HOST CONTAINER_CONNECTION

log() { printf 'podman.sh: %s\n' "$*" >&2; }
die() { log "error: $*"; exit 1; }
pm() { podman "$@"; }

alive() {
    local pid="$1" st
    [ -n "$pid" ] && [ -d "/proc/$pid" ] || return 1
    st="$(awk '/^State:/ {print $2}' "/proc/$pid/status" 2>/dev/null || true)"
    [ -n "$st" ] && [ "$st" != "Z" ] && [ "$st" != "X" ]
}
cmdline() { tr '\0' ' ' <"/proc/$1/cmdline" 2>/dev/null || true; }
read_pid() { [ -f "$1" ] && tr -dc '0-9' <"$1" || true; }

service_ok() {
    [ -S "$SOCK" ] || return 1
    [ "$(curl -s -m 3 --unix-socket "$SOCK" http://x/_ping 2>/dev/null || true)" = "OK" ]
}

# Processes of ours: the service, conmon and podman helpers whose command line names P.
our_pids() {
    local pid exe
    for pid in $(pgrep -x 'podman|conmon|netavark|aardvark-dns|slirp4netns' 2>/dev/null || true); do
        [ "$pid" = "$$" ] && continue
        alive "$pid" || continue
        [[ " $(cmdline "$pid") " == *"$P/"* ]] || continue
        exe="$(readlink "/proc/$pid/exe" 2>/dev/null || true)"
        [ -z "${1:-}" ] || [ "${exe##*/}" = "$1" ] && echo "$pid"
    done
    return 0
}

kill_wait() {
    local secs="$1"; shift
    local pids=() p deadline any
    for p in "$@"; do alive "$p" && pids+=("$p"); done
    [ "${#pids[@]}" -gt 0 ] || return 0
    kill -TERM "${pids[@]}" 2>/dev/null || true
    deadline=$(( $(date +%s) + secs ))
    while [ "$(date +%s)" -lt "$deadline" ]; do
        any=0
        for p in "${pids[@]}"; do alive "$p" && any=1; done
        [ "$any" = 0 ] && return 0
        sleep 0.2
    done
    for p in "${pids[@]}"; do alive "$p" && kill -KILL "$p" 2>/dev/null || true; done
    sleep 0.3
}

unmount_all() {
    local m
    while IFS= read -r m; do
        [ -n "$m" ] || continue
        umount -l "$m" 2>/dev/null || true
    done < <(awk -v d="$P" '$2 == d || index($2, d "/") == 1 { print length($2) " " $2 }' /proc/mounts \
                | sort -rn | cut -d' ' -f2- || true)
}

# ---------------------------------------------------------------- packages
ensure_packages() {
    local pkgs=() i
    command -v podman >/dev/null || pkgs+=(podman)
    # containers.conf below names these: the netavark network backend and the runc runtime
    [ -x /usr/lib/podman/netavark ] || [ -x /usr/libexec/podman/netavark ] || pkgs+=(netavark)
    command -v runc >/dev/null || pkgs+=(runc)
    # --init: Podman's default init (catatonit) is not packaged here; containers.conf points at tini's static build
    [ -x /usr/bin/tini-static ] || pkgs+=(tini)
    command -v curl >/dev/null || pkgs+=(curl)
    [ -x /bin/busybox ] || pkgs+=(busybox-static)
    [ "${#pkgs[@]}" -gt 0 ] || return 0
    [ "$(id -u)" = 0 ] || die "missing ${pkgs[*]} and not root"
    log "installing ${pkgs[*]}"
    for i in $(seq 1 600); do
        pgrep -x apt-get >/dev/null 2>&1 || pgrep -x dpkg >/dev/null 2>&1 || pgrep -x apt >/dev/null 2>&1 || break
        [ "$i" = 1 ] && log "waiting for a running apt-get/dpkg to finish"
        sleep 1
    done
    DEBIAN_FRONTEND=noninteractive apt-get update -q >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${pkgs[@]}" >/dev/null
    command -v podman >/dev/null || die "no podman on PATH after install"
}

# ---------------------------------------------------------------- configuration
write_config() {
    mkdir -p "$P/storage" "$P/run" "$P/tmp" "$P/networks" "$P/volumes"
    chmod 700 "$P"
    cat >"$P/storage.conf" <<EOF
# generated by tests/engine/podman.sh: a store private to the PSDocker tests
[storage]
driver = "$STORAGE_DRIVER"
graphroot = "$P/storage"
runroot = "$P/run"
EOF
    cat >"$P/containers.conf" <<EOF
# generated by tests/engine/podman.sh
[containers]
# without this, containers fail to start here ("error setting rlimit type 7")
default_ulimits = []
log_driver = "k8s-file"
# --init (Podman's default, catatonit, is not in Debian 12): tini's static build, mounted into the container
init_path = "/usr/bin/tini-static"

[engine]
cgroup_manager = "cgroupfs"
events_logger = "file"
events_logfile_path = "$P/events.log"
tmp_dir = "$P/tmp"
# Podman 4.3 reads the init binary from [engine] (containers.conf documents it under [containers]): set both
init_path = "/usr/bin/tini-static"
volume_path = "$P/volumes"
static_dir = "$P/storage/libpod"
runtime = "runc"

[network]
network_backend = "netavark"
network_config_dir = "$P/networks"
default_network = "$NETWORK"
# networks created without a subnet take their /24 from here (never podman's 10.89.0.0/16 default)
default_subnet_pools = [ { "base" = "$ADDRESS_POOL", "size" = 24 } ]
EOF
    cat >"$P/registries.conf" <<EOF
# generated by tests/engine/podman.sh: only the test registries on loopback; nothing is searched
unqualified-search-registries = []
short-name-mode = "disabled"

[[registry]]
location = "127.0.0.1:$REG_PORT"
insecure = true

[[registry]]
location = "127.0.0.1:$AUTH_REG_PORT"
insecure = true
EOF
    [ -f "$REGISTRY_AUTH_FILE" ] || { echo '{}' >"$REGISTRY_AUTH_FILE"; chmod 600 "$REGISTRY_AUTH_FILE"; }
    # The default network: our own bridge interface and subnet, no DNS server. Written as a netavark
    # network definition: podman 4.3's `network create` cannot name the interface, and the built-in
    # default network would be podman0 on 10.88.0.0/16.
    cat >"$P/networks/$NETWORK.json" <<EOF
{
     "name": "$NETWORK",
     "id": "$(printf '%s' "psdocker-test-$NETWORK" | sha256sum | cut -c1-64)",
     "driver": "bridge",
     "network_interface": "$PODMAN_BRIDGE",
     "created": "$(date -u +%Y-%m-%dT%H:%M:%SZ)",
     "subnets": [ { "subnet": "$SUBNET", "gateway": "$GATEWAY" } ],
     "ipv6_enabled": false,
     "internal": false,
     "dns_enabled": false,
     "ipam_options": { "driver": "host-local" }
}
EOF
}

# ---------------------------------------------------------------- image
ensure_image() {
    # P/image-applets records the applets the image was built with: a changed list rebuilds it
    if pm image exists "$PODMAN_IMAGE" 2>/dev/null; then
        [ "$(cat "$P/image-applets" 2>/dev/null || true)" = "$APPLETS" ] && return 0
        log "the applet list changed: rebuilding $PODMAN_IMAGE"
        pm image rm -f "$PODMAN_IMAGE" >/dev/null 2>&1 || true
    fi
    local root="$P/image-root" a
    rm -rf "$root"
    mkdir -p "$root/bin" "$root/etc" "$root/tmp" "$root/root" "$root/home"
    chmod 1777 "$root/tmp"
    chmod 700 "$root/root"
    cp /bin/busybox "$root/bin/busybox"
    chmod 755 "$root/bin/busybox"
    for a in $APPLETS; do ln -sf busybox "$root/bin/$a"; done
    printf '%s\n' 'root:x:0:0:root:/root:/bin/sh' 'nobody:x:65534:65534:nobody:/home:/bin/false' >"$root/etc/passwd"
    printf '%s\n' 'root:x:0:' 'nogroup:x:65534:' >"$root/etc/group"
    tar --numeric-owner --owner=0 --group=0 -C "$root" -c -f "$P/image.tar" .
    pm import \
        -c 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
        -c 'CMD ["/bin/sh"]' \
        "$P/image.tar" "$PODMAN_IMAGE" >/dev/null
    rm -rf "$root" "$P/image.tar"
    printf '%s\n' "$APPLETS" >"$P/image-applets"
}

write_env() {
    cat >"$D/podman-env.sh" <<EOF
# generated by tests/engine/podman.sh - source it
export PSDOCKER_TEST_PODMAN_ENDPOINT='$ENDPOINT'
export PSDOCKER_TEST_PODMAN_ADDRESS_POOL='$ADDRESS_POOL'
EOF
    cat >"$D/podman-env.ps1" <<EOF
# generated by tests/engine/podman.sh - dot-source it
\$env:PSDOCKER_TEST_PODMAN_ENDPOINT = '$ENDPOINT'
\$env:PSDOCKER_TEST_PODMAN_ADDRESS_POOL = '$ADDRESS_POOL'
EOF
}

# ---------------------------------------------------------------- start / stop / status
cmd_start() {
    local t0 t1 pid i
    t0="$(date +%s.%N)"
    [ "$(id -u)" = 0 ] || die "needs root (a rootful Podman service on a private socket)"
    ensure_packages
    mkdir -p "$D"
    [ -f "$MARKER" ] || touch "$MARKER"
    write_config
    if ! service_ok; then
        # a stale service of ours that does not answer: stop it first
        # shellcheck disable=SC2046
        kill_wait 10 $(our_pids podman)
        rm -f "$SOCK"
        printf '\n===== %s starting podman system service\n' "$(date -Is)" >>"$LOG"
        setsid podman system service --time=0 "$ENDPOINT" >>"$LOG" 2>&1 </dev/null &
        pid=$!
        echo "$pid" >"$SERVICE_PID"
        for i in $(seq 1 $(( START_TIMEOUT * 5 ))); do
            service_ok && break
            alive "$pid" || { tail -20 "$LOG" >&2; die "podman system service exited"; }
            sleep 0.2
        done
        service_ok || { tail -20 "$LOG" >&2; die "podman system service did not answer on $SOCK within ${START_TIMEOUT}s"; }
    fi
    ensure_image
    write_env
    t1="$(date +%s.%N)"
    printf 'psdtest podman up: %s (podman %s, %s, network %s %s on %s) image %s [%.1fs] env: %s/podman-env.sh %s/podman-env.ps1\n' \
        "$ENDPOINT" "$(podman --version | awk '{print $3}')" "$STORAGE_DRIVER" "$NETWORK" "$SUBNET" "$PODMAN_BRIDGE" "$IMAGE" \
        "$(awk "BEGIN{print $t1-$t0}")" "$D" "$D"
}

cmd_stop() {
    local purge=0 arg ids cg
    for arg in "$@"; do
        case "$arg" in
            --purge) purge=1 ;;
            *) die "unknown option for stop: $arg" ;;
        esac
    done
    if [ "$(id -u)" != 0 ]; then log "not root; nothing stopped"; return 0; fi
    if [ -f "$P/containers.conf" ] && command -v podman >/dev/null; then
        # 1. containers (through the same private store; also runs netavark teardown for each)
        ids="$(timeout 30 podman ps -aq 2>/dev/null || true)"
        if [ -n "$ids" ]; then
            # shellcheck disable=SC2086
            timeout 60 podman rm -f -t 0 $ids >/dev/null 2>&1 || true
        fi
        # networks the tests created (never our default one, which prune keeps as the default network)
        timeout 30 podman network prune -f >/dev/null 2>&1 || true
    fi
    # 2. the service, then anything of ours left (conmon of containers that could not be removed, ...)
    # shellcheck disable=SC2046
    kill_wait 15 $(read_pid "$SERVICE_PID") $(our_pids podman)
    # shellcheck disable=SC2046
    kill_wait 5 $(our_pids)
    # 3. mounts, sockets, our bridge, empty cgroups of our containers
    unmount_all
    rm -f "$SOCK" "$SERVICE_PID"
    if command -v ip >/dev/null && ip link show "$PODMAN_BRIDGE" >/dev/null 2>&1; then
        ip link set "$PODMAN_BRIDGE" down 2>/dev/null || true
        ip link del "$PODMAN_BRIDGE" 2>/dev/null || true
    fi
    # bridges of test networks netavark could not tear down: an address in our pool
    if command -v ip >/dev/null; then
        local dev
        for dev in $(ip -o -4 addr show 2>/dev/null | awk -v p="$POOL_PREFIX" 'index($4, p) == 1 { print $2 }' | sort -u); do
            case "$dev" in podman*|"$PODMAN_BRIDGE") ip link set "$dev" down 2>/dev/null || true; ip link del "$dev" 2>/dev/null || true ;; esac
        done
    fi
    if [ "$purge" = 1 ] && [ -d "$P" ]; then
        rm -rf "$P" || log "could not remove all of $P"
        rm -f "$D/podman-env.sh" "$D/podman-env.ps1"
        echo "psdtest podman stopped (purged $P)"
    else
        echo "psdtest podman stopped"
    fi
    return 0
}

cmd_status() {
    if service_ok; then
        echo "podman $ENDPOINT: up ($(curl -s -m 3 --unix-socket "$SOCK" http://x/version | sed -n 's/.*"Version":"\([^"]*\)".*/\1/p' | head -1))"
    else
        echo "podman $ENDPOINT: down"
        return 1
    fi
}

case "${1:-}" in
    start)  shift; cmd_start "$@" ;;
    stop)   shift; cmd_stop "$@" ;;
    status) shift; cmd_status ;;
    *) echo "usage: $0 start | stop [--purge] | status" >&2; exit 2 ;;
esac
