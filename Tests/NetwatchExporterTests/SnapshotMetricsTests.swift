import Foundation
@testable import NetwatchCore
import TestSupport
import XCTest
@testable import NetwatchExporter

/// What the exporter makes of a snapshot: names, labels, values and the top-N cut.
final class SnapshotMetricsTests: XCTestCase {
    func text(_ families: [MetricFamily]) -> String {
        ExpositionEncoder.encode(families, format: .prometheusText)
    }

    /// States, ports, fds and listeners of the storm, two rows each: the worst destination, the
    /// process nearest its limit and the fullest accept queue first.
    func testTheStormAtTopTwo() throws {
        let output = text(SnapshotMetrics.families(SnapshotFixtures.storm(), top: 2))
        let head = try XCTUnwrap(output.components(separatedBy: "# HELP netwatch_tcp_active_opens_total").first)
        XCTAssertEqual(head, """
            # HELP netwatch_tcp_sockets TCP sockets (IPv4 and IPv6) in each state.
            # TYPE netwatch_tcp_sockets gauge
            netwatch_tcp_sockets{state="established"} 2980
            netwatch_tcp_sockets{state="syn_sent"} 37
            netwatch_tcp_sockets{state="syn_recv"} 128
            netwatch_tcp_sockets{state="fin_wait1"} 14
            netwatch_tcp_sockets{state="fin_wait2"} 85
            netwatch_tcp_sockets{state="time_wait"} 28100
            netwatch_tcp_sockets{state="close"} 0
            netwatch_tcp_sockets{state="close_wait"} 414
            netwatch_tcp_sockets{state="last_ack"} 6
            netwatch_tcp_sockets{state="listen"} 13
            netwatch_tcp_sockets{state="closing"} 1
            # HELP netwatch_tcp_orphan_sockets TCP sockets no process holds any more (sockstat orphan).
            # TYPE netwatch_tcp_orphan_sockets gauge
            netwatch_tcp_orphan_sockets 12
            # HELP netwatch_tcp_max_tw_buckets net.ipv4.tcp_max_tw_buckets: TIME_WAIT entries beyond it are destroyed at once.
            # TYPE netwatch_tcp_max_tw_buckets gauge
            netwatch_tcp_max_tw_buckets 32768
            # HELP netwatch_ephemeral_ports_used Sockets holding a local port toward the destination (TIME_WAIT included).
            # TYPE netwatch_ephemeral_ports_used gauge
            netwatch_ephemeral_ports_used{destination="10.0.3.17:5432",local_address="10.0.1.5"} 26300
            netwatch_ephemeral_ports_used{destination="10.0.3.22:6379",local_address="10.0.1.5"} 1840
            # HELP netwatch_ephemeral_ports_usable Local ports usable toward the destination: ip_local_port_range - reserved - listening.
            # TYPE netwatch_ephemeral_ports_usable gauge
            netwatch_ephemeral_ports_usable{destination="10.0.3.17:5432",local_address="10.0.1.5"} 28232
            netwatch_ephemeral_ports_usable{destination="10.0.3.22:6379",local_address="10.0.1.5"} 28232
            # HELP netwatch_ephemeral_ports_used_ratio used / usable toward the destination.
            # TYPE netwatch_ephemeral_ports_used_ratio gauge
            netwatch_ephemeral_ports_used_ratio{destination="10.0.3.17:5432",local_address="10.0.1.5"} 0.9315670161518844
            netwatch_ephemeral_ports_used_ratio{destination="10.0.3.22:6379",local_address="10.0.1.5"} 0.06517427033153868
            # HELP netwatch_ephemeral_ports_time_wait TIME_WAIT sockets among the used ports toward the destination.
            # TYPE netwatch_ephemeral_ports_time_wait gauge
            netwatch_ephemeral_ports_time_wait{destination="10.0.3.17:5432",local_address="10.0.1.5"} 26120
            netwatch_ephemeral_ports_time_wait{destination="10.0.3.22:6379",local_address="10.0.1.5"} 1776
            # HELP netwatch_ephemeral_destinations Destinations holding ephemeral ports, before the top-N cut.
            # TYPE netwatch_ephemeral_destinations gauge
            netwatch_ephemeral_destinations 4
            # HELP netwatch_process_open_fds Open file descriptors of the process.
            # TYPE netwatch_process_open_fds gauge
            netwatch_process_open_fds{pid="812",command="nginx"} 9730
            netwatch_process_open_fds{pid="2201",command="java"} 31000
            # HELP netwatch_process_max_fds The process's soft RLIMIT_NOFILE (absent when unlimited).
            # TYPE netwatch_process_max_fds gauge
            netwatch_process_max_fds{pid="812",command="nginx"} 10240
            netwatch_process_max_fds{pid="2201",command="java"} 65536
            # HELP netwatch_system_open_fds File handles allocated system-wide (file-nr).
            # TYPE netwatch_system_open_fds gauge
            netwatch_system_open_fds 98304
            # HELP netwatch_system_max_fds fs.file-max.
            # TYPE netwatch_system_max_fds gauge
            netwatch_system_max_fds 1048576
            # HELP netwatch_listen_queue Connections waiting in the listener's accept queue.
            # TYPE netwatch_listen_queue gauge
            netwatch_listen_queue{listener="0.0.0.0:8080"} 128
            netwatch_listen_queue{listener="[::]:443"} 3
            # HELP netwatch_listen_backlog The listener's accept queue limit: min(listen() backlog, somaxconn); absent from /proc.
            # TYPE netwatch_listen_backlog gauge
            netwatch_listen_backlog{listener="0.0.0.0:8080"} 128
            netwatch_listen_backlog{listener="[::]:443"} 4096

            """)
    }

    func testKernelCountersAreTotalCounters() {
        let counters = SnapshotMetrics.families(SnapshotFixtures.storm(), top: 50).filter { $0.kind == .counter }
        XCTAssertEqual(counters.map(\.sampleName), [
            "netwatch_tcp_active_opens_total", "netwatch_tcp_passive_opens_total", "netwatch_tcp_attempt_fails_total",
            "netwatch_tcp_estab_resets_total", "netwatch_tcp_out_rsts_total", "netwatch_tcp_retrans_segs_total",
            "netwatch_tcp_in_segs_total", "netwatch_tcp_out_segs_total", "netwatch_tcp_in_errs_total",
            "netwatch_tcp_time_wait_entered_total", "netwatch_tcp_time_wait_killed_total", "netwatch_tcp_time_wait_recycled_total",
            "netwatch_tcp_time_wait_overflow_total", "netwatch_tcp_listen_overflows_total", "netwatch_tcp_listen_drops_total",
            "netwatch_tcp_abort_on_timeout_total", "netwatch_tcp_abort_on_data_total", "netwatch_tcp_abort_on_close_total",
            "netwatch_tcp_req_q_full_drop_total", "netwatch_tcp_syncookies_sent_total",
        ])
        XCTAssertEqual(counters.first { $0.name == "netwatch_tcp_listen_overflows" }?.samples, [MetricSample(.integer(4_410))])
    }

    /// SO_REUSEPORT listeners on one address and port are one series; /proc listeners (no
    /// backlog) have a queue and no backlog series.
    func testListenersSharingAnAddressArePooled() {
        var snapshot = SnapshotFixtures.storm()
        let any = IPAddress("0.0.0.0")!
        snapshot.listeners = [
            .init(record: ListenerRecord(address: any, port: 22, acceptQueue: 2, backlog: 128, inode: 1), owner: nil),
            .init(record: ListenerRecord(address: any, port: 22, acceptQueue: 5, backlog: 128, inode: 2), owner: nil),
            .init(record: ListenerRecord(address: any, port: 80, acceptQueue: 9, backlog: nil, inode: 3), owner: nil),
        ]
        let families = SnapshotMetrics.listeners(snapshot, top: 50)
        XCTAssertEqual(text(families), """
            # HELP netwatch_listen_queue Connections waiting in the listener's accept queue.
            # TYPE netwatch_listen_queue gauge
            netwatch_listen_queue{listener="0.0.0.0:22"} 7
            netwatch_listen_queue{listener="0.0.0.0:80"} 9
            # HELP netwatch_listen_backlog The listener's accept queue limit: min(listen() backlog, somaxconn); absent from /proc.
            # TYPE netwatch_listen_backlog gauge
            netwatch_listen_backlog{listener="0.0.0.0:22"} 256

            """)
    }

    /// Unreadable sources leave their families out (absent, never 0).
    func testMissingDataLeavesItsFamiliesOut() {
        let families = SnapshotMetrics.families(SnapshotFixtures.missingData(), top: 50).filter { !$0.samples.isEmpty }
        XCTAssertEqual(families.map(\.name), ["netwatch_ephemeral_destinations", "netwatch_collector_duration_seconds"])
    }

    /// Conntrack: the count against the host's limit and the per-CPU counters summed, as
    /// `_total` counters; nothing at all when conntrack is not in use.
    func testConntrackFamilies() {
        var snapshot = SnapshotFixtures.storm()
        snapshot.conntrack = Snapshot.Conntrack(count: 258_000, max: 262_144, buckets: 65_536,
                                                statistics: ["insert_failed": 100, "drop": 11, "early_drop": 0, "search_restart": 3])
        XCTAssertEqual(text(SnapshotMetrics.conntrack(snapshot)), """
            # HELP netwatch_conntrack_entries Entries in the conntrack table (nf_conntrack_count).
            # TYPE netwatch_conntrack_entries gauge
            netwatch_conntrack_entries 258000
            # HELP netwatch_conntrack_max net.netfilter.nf_conntrack_max, global to the host.
            # TYPE netwatch_conntrack_max gauge
            netwatch_conntrack_max 262144
            # HELP netwatch_conntrack_buckets net.netfilter.nf_conntrack_buckets (hash size).
            # TYPE netwatch_conntrack_buckets gauge
            netwatch_conntrack_buckets 65536
            # HELP netwatch_conntrack_insert_failed_total insert_failed from /proc/net/stat/nf_conntrack, summed over CPUs.
            # TYPE netwatch_conntrack_insert_failed_total counter
            netwatch_conntrack_insert_failed_total 100
            # HELP netwatch_conntrack_drop_total drop from /proc/net/stat/nf_conntrack, summed over CPUs.
            # TYPE netwatch_conntrack_drop_total counter
            netwatch_conntrack_drop_total 11
            # HELP netwatch_conntrack_early_drop_total early_drop from /proc/net/stat/nf_conntrack, summed over CPUs.
            # TYPE netwatch_conntrack_early_drop_total counter
            netwatch_conntrack_early_drop_total 0
            # HELP netwatch_conntrack_search_restart_total search_restart from /proc/net/stat/nf_conntrack, summed over CPUs.
            # TYPE netwatch_conntrack_search_restart_total counter
            netwatch_conntrack_search_restart_total 3

            """)
        snapshot.conntrack = nil
        XCTAssertEqual(SnapshotMetrics.conntrack(snapshot), [])
    }

    /// Connectors counted by eBPF: cumulative connects and failures by cause per process and
    /// destination (busiest first, cut at `top`), accepts per process; an estimate exports nothing.
    func testConnectorsCountedByEBPF() {
        var snapshot = SnapshotFixtures.storm()
        let curl = ProcessIdentity(pid: 4242, command: "curl"), nginx = ProcessIdentity(pid: 812, command: "nginx")
        let db = IPAddress("10.0.3.17")!
        snapshot.connectors = Connectors(source: .ebpf, connections: [
            ConnectorRow(process: nginx, address: db, port: 6379, totals: ConnectorTotals(command: "nginx", connects: 5, established: 5)),
            ConnectorRow(process: curl, address: db, port: 5432,
                         totals: ConnectorTotals(command: "curl", connects: 812, established: 500,
                                                 failures: ConnectFailures(addressNotAvailable: 312))),
        ], accepts: [AcceptorRow(process: nginx, totals: AcceptorTotals(command: "nginx", accepts: 9000,
                                                                         failures: AcceptFailures(processLimit: 41)))])
        XCTAssertEqual(text(SnapshotMetrics.connectors(snapshot, top: 1)), """
            # HELP netwatch_process_connects_total connect() calls toward the destination that reached TCP (failed ones included), counted by eBPF.
            # TYPE netwatch_process_connects_total counter
            netwatch_process_connects_total{pid="4242",command="curl",destination="10.0.3.17:5432"} 812
            # HELP netwatch_process_connect_failures_total Failed connects toward the destination by cause (eaddrnotavail: no local port was free).
            # TYPE netwatch_process_connect_failures_total counter
            netwatch_process_connect_failures_total{pid="4242",command="curl",destination="10.0.3.17:5432",cause="eaddrnotavail"} 312
            netwatch_process_connect_failures_total{pid="4242",command="curl",destination="10.0.3.17:5432",cause="econnrefused"} 0
            netwatch_process_connect_failures_total{pid="4242",command="curl",destination="10.0.3.17:5432",cause="etimedout"} 0
            netwatch_process_connect_failures_total{pid="4242",command="curl",destination="10.0.3.17:5432",cause="reset"} 0
            netwatch_process_connect_failures_total{pid="4242",command="curl",destination="10.0.3.17:5432",cause="other"} 0
            # HELP netwatch_process_accepts_total Connections the process accepted, counted by eBPF.
            # TYPE netwatch_process_accepts_total counter
            netwatch_process_accepts_total{pid="812",command="nginx"} 9000
            # HELP netwatch_process_accept_failures_total Failed accept() calls by cause (emfile: the process's fd limit; enfile: fs.file-max).
            # TYPE netwatch_process_accept_failures_total counter
            netwatch_process_accept_failures_total{pid="812",command="nginx",cause="emfile"} 41
            netwatch_process_accept_failures_total{pid="812",command="nginx",cause="enfile"} 0
            netwatch_process_accept_failures_total{pid="812",command="nginx",cause="other"} 0

            """)
        snapshot.connectors?.source = .sockets
        XCTAssertEqual(SnapshotMetrics.connectors(snapshot, top: 1), [])
    }

    /// The alert rules and the dashboard query only names the exporter writes, so a rename cannot
    /// silently blank them.
    func testAlertsAndDashboardUseOnlyExportedNames() throws {
        var snapshot = SnapshotFixtures.storm()
        snapshot.conntrack = Snapshot.Conntrack(count: 1, max: 2)
        let exported = Set(SnapshotMetrics.families(snapshot, top: 50).map(\.sampleName))
        for file in ["contrib/prometheus/alerts.yml", "contrib/grafana/netwatch.json"] {
            let text = try String(contentsOfFile: FixturePaths.packageRoot + "/" + file, encoding: .utf8)
            let regex = try NSRegularExpression(pattern: "netwatch_[a-z0-9_]+")
            let used = Set(regex.matches(in: text, range: NSRange(text.startIndex..., in: text)).map {
                String(text[Range($0.range, in: text)!])
            })
            XCTAssertFalse(used.isEmpty, file)
            XCTAssertEqual(used.subtracting(exported), [], file)
        }
    }
}
