#!/usr/bin/env python3
"""Where `nexus serve`'s CPU goes, from a perf recording of its turn window.

Record with nexus_api_bench's --profile, e.g.
  nexus_api_bench BUILD/nexus --only concurrent --clients 64 --turns 20 \
      --profile 'perf record -F 999 --call-graph dwarf,16384 -o /tmp/serve.data -p {pid}'
then: bench/server_profile.py /tmp/serve.data [--cpu-per-turn-ms 1.2] [--top 25]

Each sample (its whole call stack, leaf to root) goes to the first group below whose test it
passes, so a malloc inside SQLite counts as SQLite and one inside the analyst as the analyst; a
second table counts samples by their leaf alone (malloc/free, memcpy, kernel, ...) whatever
called them. With --cpu-per-turn-ms (measured without perf, which adds its own cost to the
server's) the shares are also given in ms per turn.
"""

import argparse
import collections
import re
import subprocess
import sys

SQLITE_DSO = re.compile(r"libsqlite3")
KERNEL_DSO = "[kernel.kallsyms]"


def samples(perf_data):
    out = subprocess.run(
        ["perf", "script", "-i", perf_data, "-F", "tid,ip,sym,dso", "--no-inline"],
        check=True, capture_output=True, text=True).stdout
    stack = None
    for line in out.splitlines():
        if line and not line.startswith("\t"):  # a sample's header (its tid, right-aligned); frames are indented by a tab
            if stack:
                yield stack
            stack = []
        elif line.strip() and stack is not None:
            m = re.match(r"\s*[0-9a-f]+ (.*) \((.*)\)$", line)
            if m:
                stack.append((m.group(1), m.group(2)))
    if stack:
        yield stack


def first(stack, pattern):
    """Index of the leaf-most frame whose symbol matches, or None."""
    for i, (sym, _) in enumerate(stack):
        if re.search(pattern, sym):
            return i
    return None


def has(stack, pattern):
    return first(stack, pattern) is not None


def owner_of_json(stack):
    """The nearest nexus:: function above the leaf-most nlohmann frame (who made the JSON),
    past the to_json functions themselves."""
    i = first(stack, r"nlohmann")
    if i is None:
        return None
    for sym, _ in stack[i + 1:]:
        if sym.startswith("nexus::") and not re.search(r"nexus::(to_json|toString|\(anonymous namespace\)::put)", sym):
            return sym
    return ""


STORE = (r"nexus::Sqlite|nexus::guarded|nexus::\(anonymous namespace\)::(storedTail|planRequirements|"
         r"upsertSession|appendMessages|appendEdits|applyEdits|appendRequirements|originHolder|"
         r"insertRequirement|insertSources|requirementsRevision|bindRequirement|storeRequirement|"
         r"loadHolder|afterWrite|currentIndex)")
SERIALISE = r"nlohmann.*(serializer|dump)"
HANDOFF = (r"futex|finish_task_switch|__schedule|^schedule$|try_to_wake_up|pthread_cond|__lll_lock|"
           r"pthread_mutex_lock|__pthread_mutex|sched_yield")
COPIES = (r"nexus::InterviewSession::InterviewSession|nexus::InterviewEngine::buildRequest|recentMessages|"
          r"std::vector<nexus::(ExtractedRequirement|InterviewMessage|RequirementFinding|RequirementConflict|"
          r"ChatMessage)[^>]*>::vector|nexus::(ExtractedRequirement|InterviewMessage|RequirementFinding|"
          r"RequirementConflict|InterviewContext|LlmRequest)::\1?")
ENGINE = (r"nexus::InterviewEngine|nexus::domain::|nexus::(mergeTurn|applyTurn|reviewTurn|settleAnswer|"
          r"refreshReadiness|keptOf|recordTurn|reviewOf|publish)|nexus::RequirementExtractor|"
          r"nexus::TagStreamFilter|nexus::newId|nexus::SessionManager|nexus::InterviewService")
NETWORK = (r"boost::beast|reactive_socket|epoll|tcp_|sock_|__sys_sendto|__sys_recvfrom|__sys_sendmsg|"
           r"inet_|ip_finish|__dev_queue_xmit|net_rx|__netif|loopback|nexus::api::http::(WebSocket|Http)")


def group(stack):
    dsos = {dso for _, dso in stack}
    in_sqlite = any(SQLITE_DSO.search(d) for d in dsos) or has(stack, r"^SQLite::")
    in_kernel = KERNEL_DSO in dsos
    if has(stack, r"sqlite3_prepare|sqlite3RunParser|sqlite3Parser$|sqlite3LockAndPrepare|sqlite3Prepare"):
        return "SQLite: statement preparation (sqlite3_prepare_v2, parser, code generation)"
    if has(stack, r"fdatasync|ext4_sync_file|file_write_and_wait|blkdev_issue_flush|jbd2"):
        return "SQLite: fdatasync (the commit's wait for the disk)"
    if in_sqlite and in_kernel:
        return "SQLite: other system calls (pwrite/pread of WAL and database, fcntl locks, ...)"
    if in_sqlite:
        return "SQLite: execution (step, B-tree, pager, WAL, its malloc)"
    if has(stack, HANDOFF):
        return "thread hand-offs: futex, locks, scheduling, wake-ups"
    json_owner = owner_of_json(stack)
    if json_owner is not None and re.search(r"nexus::InterviewEngine::(emitMessage|publish|processMessage|applyReply)|"
                                            r"nexus::systemErrorPayload", json_owner):
        return "events: JSON payload trees (to_json, copies, destruction)"  # built before emit() is called
    if has(stack, r"nexus::EventBus::emit"):
        if has(stack, SERIALISE):
            return "events: JSON serialisation (EventHub::notificationFor -> dump)"
        if has(stack, r"nlohmann"):
            return "events: JSON payload trees (to_json, copies, destruction)"
        return "events: delivery (EventBus, EventHub, Outbox, post to the strand)"
    if json_owner is not None and re.search(STORE, json_owner or ""):
        return "store: JSON columns (findings/conflicts/areas dumped on each save, parse on load)"
    if has(stack, STORE):
        return "store: code around SQLite (binding, ISO-8601 times, plans, requirements index)"
    if json_owner is not None and json_owner.startswith("nexus::api::"):
        if has(stack, SERIALISE):
            return "calls: JSON serialisation of replies (dump)"
        if has(stack, r"nlohmann.*(parse|lexer|sax)"):
            return "calls: JSON parse of requests"
        return "calls: JSON trees of replies (to_json, destruction)"
    if has(stack, r"nexus::OfflineAnalyst|nexus::analyst::"):
        return "offline analyst (OfflineAnalyst::complete)"
    if has(stack, COPIES):
        return "engine: copies (buildRequest's context, recentMessages, session copies)"
    if json_owner is not None:
        return "JSON elsewhere"
    if has(stack, ENGINE):
        return "engine: merge, review, readiness, extraction"
    if has(stack, NETWORK):
        return "networking: Beast/asio and the kernel's TCP over loopback"
    if has(stack, r"nexus::api::"):
        return "API dispatch (Dispatcher, answerCall, params)"
    if stack and re.search(r"malloc|free|_int_|cfree", stack[0][0]):
        return "malloc/free elsewhere"
    return "other"


def leaf_kind(stack):
    sym, dso = stack[0] if stack else ("?", "?")
    if dso == KERNEL_DSO:
        if re.search(r"futex|sched|switch|wake|idle|hrtimer", sym):
            return "kernel: scheduling, futex, wake-ups"
        if any(re.search(r"tcp_|sock_|__sys_send|__sys_recv|inet_|ip_|netif|skb|loopback", s) for s, _ in stack):
            return "kernel: TCP/loopback"
        if any(re.search(r"ext4|jbd2|blk|virtblk|vfs_|ksys_pwrite|ksys_pread|fdatasync|iomap|filemap", s)
               for s, _ in stack):
            return "kernel: file system and block I/O"
        if any(re.search(r"page_fault|handle_mm_fault", s) for s, _ in stack):
            return "kernel: page faults"
        return "kernel: other"
    if re.search(r"libc\.so", dso):
        if re.search(r"^(malloc|free|cfree|_int_malloc|_int_free|malloc_consolidate|_int_realloc|realloc|"
                     r"calloc|tcache|unlink_chunk|__libc_malloc|__libc_free|operator new|operator delete)", sym):
            return "libc: malloc/free"
        if re.search(r"mem(cpy|move|set|cmp|chr)|str(len|cmp|chr)|__mem|__str", sym):
            return "libc: memcpy/memmove/memcmp/strlen"
        return "libc: other"
    if SQLITE_DSO.search(dso):
        return "libsqlite3"
    if re.search(r"libstdc\+\+", dso):
        return "libstdc++"
    if re.search(r"nlohmann", sym):
        return "nexus binary: nlohmann::json (inlined)"
    if re.search(r"boost::", sym):
        return "nexus binary: Boost (asio, beast)"
    if sym.startswith("SQLite::"):
        return "nexus binary: SQLiteCpp"
    if sym.startswith("std::"):
        return "nexus binary: std:: templates"
    if sym.startswith("nexus::"):
        return "nexus binary: nexus code"
    return "other"


def thread_kind(stack):
    if has(stack, r"thread_pool"):
        return "worker threads (calls)"
    if has(stack, r"io_context::run|scheduler::run"):
        return "network threads (sockets)"
    return "other threads"


def table(title, counts, total, cpu_per_turn):
    print(f"\n| {title} | share | ms per turn |" if cpu_per_turn else f"\n| {title} | share |")
    print("|---|---|---|" if cpu_per_turn else "|---|---|")
    for name, n in counts.most_common():
        share = 100.0 * n / total
        if cpu_per_turn:
            print(f"| {name} | {share:.1f} % | {cpu_per_turn * n / total:.3f} |")
        else:
            print(f"| {name} | {share:.1f} % |")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("perf_data", nargs="+")
    parser.add_argument("--cpu-per-turn-ms", type=float, default=0)
    parser.add_argument("--top", type=int, default=25, help="leaf symbols to list")
    args = parser.parse_args()
    groups, leaves, threads, symbols = (collections.Counter() for _ in range(4))
    prepare_callers = collections.Counter()
    total = 0
    for data in args.perf_data:
        for stack in samples(data):
            if not stack:
                continue
            total += 1
            g = group(stack)
            groups[g] += 1
            leaves[leaf_kind(stack)] += 1
            threads[thread_kind(stack)] += 1
            symbols[stack[0][0][:100]] += 1
            if g.startswith("SQLite: statement preparation"):
                i = first(stack, r"sqlite3_prepare|sqlite3_exec")
                callers = [s for s, _ in stack[i + 1:] if s.startswith("nexus::")][:1] if i is not None else []
                prepare_callers[" <- ".join(c[:90] for c in callers) or "?"] += 1
    if total == 0:
        sys.exit("no samples")
    print(f"{total} samples from {', '.join(args.perf_data)}")
    table("group (whole stack, first match)", groups, total, args.cpu_per_turn_ms)
    table("leaf (the function on the CPU)", leaves, total, args.cpu_per_turn_ms)
    table("thread", threads, total, args.cpu_per_turn_ms)
    prep_total = sum(prepare_callers.values())
    print(f"\nstatement preparation by caller ({prep_total} samples, {100.0 * prep_total / total:.1f} %):")
    for name, n in prepare_callers.most_common(12):
        print(f"  {100.0 * n / total:5.1f} %  {name}")
    print(f"\ntop {args.top} leaf symbols:")
    for name, n in symbols.most_common(args.top):
        print(f"  {100.0 * n / total:5.1f} %  {name}")


if __name__ == "__main__":
    main()
