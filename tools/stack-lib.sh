# tools/stack-lib.sh - shell functions shared by tools/stack and the parts it
# starts (tools/parts/NAME): messages, pid files that are checked to be ours
# before any signal, detached daemons, ports and baton.conf values.
# The caller sets PROG (its name for messages), ROOT (the project) and DIR
# (the stack directory, absolute).

# Set by spawn_detached.
SPAWNED_PID=""

say()  { printf '%s: %s\n' "$PROG" "$*" >&2; }

die()  { say "error: $*"; exit 1; }

# Show the end of a log after a failure: the useful line is almost always
# in the last few.
log_tail() {
    local file=$1
    if [[ -s $file ]]; then
        say "last lines of $file:"
        tail -n 25 "$file" >&2
    fi
}

# Name the Debian package, since "command not found" alone does not say it.
need_cmd() {
    local cmd=$1 pkg=$2
    command -v "$cmd" >/dev/null 2>&1 ||
        die "'$cmd' not found: install it with: apt-get install $pkg"
}

# Paths end up unquoted in nginx.conf, in "key = value" lines of baton.conf
# and in sun_path, so refuse the characters that would break any of them
# instead of producing a config that fails in a confusing way later.
check_path_chars() {
    local what=$1 path=$2
    [[ $path =~ ^[A-Za-z0-9_./+-]+$ ]] ||
        die "$what '$path' contains characters the stack cannot quote (use [A-Za-z0-9_./+-] only)"
}

# A Unix socket path must fit in sun_path (108 bytes with the NUL); bind()
# fails with a bare "File name too long" otherwise.
check_socket_path() {
    local sock=$1
    (( ${#sock} <= 107 )) ||
        die "socket path too long (${#sock} > 107 bytes): $sock — use a shorter DIR"
}

# Pids: we only ever signal pids read from DIR/run/*.pid, and only after
# checking the process really belongs to this stack (its command line or
# environment mentions DIR/), so a stale pid file reused by an unrelated
# process after a reboot is never killed.

pid_is_ours() {
    local pid=$1
    [[ $pid =~ ^[0-9]+$ ]] || return 1
    proc_alive "$pid" || return 1
    # nginx and mariadbd carry DIR/ in their arguments; the programs carry
    # BATON_CONF=DIR/baton.conf in their environment.  Read into a variable,
    # not piped into "grep -q": under pipefail the writer's SIGPIPE when grep
    # quits early would turn a match into a failure.
    local info
    info="$(tr '\0' '\n' <"/proc/$pid/cmdline" 2>/dev/null
            tr '\0' '\n' <"/proc/$pid/environ" 2>/dev/null)" || true
    [[ $info == *"$DIR/"* ]]
}

# Print the pid in a pid file if that process is alive and ours.
live_pid() {
    local pidfile=$1 pid
    [[ -r $pidfile ]] || return 1
    pid="$(head -n 1 "$pidfile" 2>/dev/null | tr -dc '0-9')"
    [[ -n $pid ]] && pid_is_ours "$pid" || return 1
    printf '%s\n' "$pid"
}

# Is a pid running?  "kill -0" is not enough: it succeeds on a zombie, and
# our daemons' parent is init, which may reap late (seen here: PID 1 is a
# VM init that leaves zombies for 1-2 s), so an exited process counted as
# alive until then.
proc_alive() {
    local pid=$1 stat
    read -r stat 2>/dev/null <"/proc/$pid/stat" || return 1
    # Fields after the ")" closing the command name: state ppid pgrp ...
    stat=${stat##*) }
    [[ ${stat:0:1} != Z ]]
}

# Live (non-zombie) members of a process group that belong to this stack.
# Program workers inherit BATON_CONF=DIR/... so pid_is_ours knows them;
# nginx workers overwrite their environment with the process title, so for
# the nginx group the title is the check.
our_group_members() {
    local pgid=$1 what=$2 pid title
    for pid in $(ps -e -o pid=,pgid=,stat= |
                 awk -v g="$pgid" '$2 == g && $3 !~ /^Z/ { print $1 }'); do
        if pid_is_ours "$pid"; then
            echo "$pid"
        elif [[ $what == nginx ]]; then
            title="$(tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null)" || true
            [[ $title == "nginx: "* ]] && echo "$pid"
        fi
    done
    return 0
}

# Wait until a pid is gone; 0 if gone within the limit.
wait_gone() {
    local pid=$1 secs=$2 i
    for (( i = 0; i < secs * 20; i++ )); do
        proc_alive "$pid" || return 0
        sleep 0.05
    done
    ! proc_alive "$pid"
}

# TERM, wait, then KILL the process named by a pid file; remove the file.
# The programs are started as session leaders (setsid), so their forked
# workers share the leader's process group: if any of them outlive the
# leader (a supervisor that died without reaping them), they are ended
# through that group too, and stop leaves nothing behind.
stop_pidfile() {
    local pidfile=$1 what=$2 secs=$3 pid
    if pid="$(live_pid "$pidfile")"; then
        say "stopping $what (pid $pid)"
        kill -TERM "$pid" 2>/dev/null || true
        if ! wait_gone "$pid" "$secs"; then
            say "$what (pid $pid) ignored TERM for ${secs}s: sending KILL"
            kill -KILL "$pid" 2>/dev/null || true
            wait_gone "$pid" 5 || say "warning: $what (pid $pid) survived KILL"
        fi
        stop_group_leftovers "$pid" "$what"
    elif [[ -e $pidfile ]]; then
        say "$what: stale pid file $pidfile (process gone or not ours)"
        pid="$(head -n 1 "$pidfile" 2>/dev/null | tr -dc '0-9')" || true
        [[ -n $pid ]] && stop_group_leftovers "$pid" "$what"
    fi
    rm -f -- "$pidfile"
}

# End what is left of the process group led by a pid that is now dead:
# workers whose supervisor died without reaping them (crash, KILL), or an
# nginx master's workers after the master was killed.  They still hold the
# old socket or the port.  The group id is the leader's pid, and the kernel
# never hands out a pid that is still in use as a group id, so the group
# can only be the one our process made (setsid); members are checked to be
# ours all the same.
stop_group_leftovers() {
    local pgid=$1 what=$2 i
    local -a pids
    # A live leader that is not ours means the pid was reused: hands off.
    if proc_alive "$pgid" && ! pid_is_ours "$pgid"; then return 0; fi
    mapfile -t pids < <(our_group_members "$pgid" "$what")
    (( ${#pids[@]} > 0 )) || return 0
    say "$what: ending leftover processes of group $pgid: ${pids[*]}"
    kill -TERM "${pids[@]}" 2>/dev/null || true
    for (( i = 0; i < 40; i++ )); do
        mapfile -t pids < <(our_group_members "$pgid" "$what")
        (( ${#pids[@]} > 0 )) || return 0
        sleep 0.05
    done
    kill -KILL "${pids[@]}" 2>/dev/null || true
}

# Start a command detached from our terminal and session (setsid), stdin
# from /dev/null and output appended to a log, so that a caller reading our
# stdout through a pipe ($(tools/stack start ...)) is not held open by the
# daemons.  The lock fd 9 is closed so daemons do not keep the stack lock.
# The subshell is not a process group leader, so setsid execs without
# forking and $! is the daemon's own pid.  Sets SPAWNED_PID.
spawn_detached() {
    local log=$1; shift
    # Logs are readable by the owner's group (an administrators' group),
    # not by everyone.
    [[ -e $log ]] || : >>"$log"
    chmod 0640 "$log" 2>/dev/null || true
    ( exec 9>&- </dev/null >>"$log" 2>&1; exec setsid "$@" ) &
    SPAWNED_PID=$!
}

conf_value() {
    local key=$1 file=$2
    sed -n "s/^[[:space:]]*${key}[[:space:]]*=[[:space:]]*//p" "$file" | tail -n 1
}

free_port() {
    perl -MIO::Socket::INET -e '
        my $s = IO::Socket::INET->new(LocalAddr => "127.0.0.1", LocalPort => 0,
                                      Proto => "tcp", Listen => 1)
            or die "cannot bind 127.0.0.1: $!\n";
        print $s->sockport, "\n";'
}

# Can we bind PORT?  ReuseAddr like nginx, so TIME_WAIT leftovers of our
# own earlier run do not count as "in use".
port_is_free() {
    perl -MIO::Socket::INET -e '
        IO::Socket::INET->new(LocalAddr => "127.0.0.1", LocalPort => $ARGV[0],
                              Proto => "tcp", Listen => 1, ReuseAddr => 1)
            or exit 1;' "$1"
}

# Give a baton.conf setting a value unless the file already sets it: parts
# add what they own on their first start and keep what an operator changed.
conf_ensure() {
    local key=$1 value=$2 conf="$DIR/baton.conf"
    [[ $key =~ ^[a-z0-9_]+$ ]] || die "bad setting name '$key'"
    grep -q "^[[:space:]]*${key}[[:space:]]*=" "$conf" 2>/dev/null && return 0
    printf '%s = %s\n' "$key" "$value" >>"$conf"
}

# A daemon of a part, started detached with its pid in DIR/run/parts/NAME.pid:
#     daemon_start NAME LOG COMMAND [ARG...]   (no-op if it already runs)
#     daemon_stop NAME                          TERM, then KILL after 5 s
#     daemon_status NAME [DETAIL]               one status line; 0 if up
# The command must stay in the foreground, and its command line or
# environment must mention DIR/ (pid_is_ours checks that before any signal).
# It runs under tools/baton-supervise like every program of the stack: if
# it dies it is started again within a second (the pid file names the
# supervisor; DIR/run/parts/NAME.child.pid the daemon itself), and
# daemon_stop stops both.
daemon_pidfile() { printf '%s/run/parts/%s.pid\n' "$DIR" "$1"; }

daemon_start() {
    local name=$1 log=$2 pidfile pid supervise="$ROOT/tools/baton-supervise"; shift 2
    pidfile="$(daemon_pidfile "$name")"
    mkdir -p "$DIR/run/parts"
    if pid="$(live_pid "$pidfile")"; then
        say "$name already running (pid $pid)"
        return 0
    fi
    [[ -x $supervise ]] || die "$supervise not found: run make first"
    spawn_detached "$log" "$supervise" --child-pidfile "$DIR/run/parts/$name.child.pid" \
        --stop-seconds 4 -- "$@"
    echo "$SPAWNED_PID" >"$pidfile"
}

daemon_stop() {
    stop_pidfile "$(daemon_pidfile "$1")" "$1" 5
    rm -f -- "$DIR/run/parts/$1.child.pid"
}

daemon_status() {
    local name=$1 detail=${2:-} pid
    if pid="$(live_pid "$(daemon_pidfile "$name")")"; then
        printf '%-12s up    pid %-8s %s\n' "$name" "$pid" "$detail"
    else
        printf '%-12s DOWN\n' "$name"
        return 1
    fi
}
