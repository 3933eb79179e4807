import XCTest
@testable import NetwatchExporter

final class ExpositionEncoderTests: XCTestCase {
    let families = [
        MetricFamily("netwatch_tcp_sockets", .gauge, help: "TCP sockets in each state.", samples: [
            MetricSample([.init("state", "time_wait")], .integer(24811)),
            MetricSample([.init("state", "close_wait")], .integer(0)),
        ]),
        MetricFamily("netwatch_ephemeral_ports_used_ratio", .gauge, help: "used / usable.", unit: "ratio", samples: [
            MetricSample([.init("destination", "[::1]:80"), .init("local_address", "::1")], .real(0.8788)),
        ]),
        MetricFamily("netwatch_tcp_listen_overflows", .counter, help: "TcpExt ListenOverflows.", samples: [
            MetricSample(.integer(4410)),
        ]),
        MetricFamily("netwatch_process_max_fds", .gauge, help: "left out: no samples", samples: []),
    ]

    func testPrometheusTextFormat() {
        XCTAssertEqual(ExpositionEncoder.encode(families, format: .prometheusText), """
            # HELP netwatch_tcp_sockets TCP sockets in each state.
            # TYPE netwatch_tcp_sockets gauge
            netwatch_tcp_sockets{state="time_wait"} 24811
            netwatch_tcp_sockets{state="close_wait"} 0
            # HELP netwatch_ephemeral_ports_used_ratio used / usable.
            # TYPE netwatch_ephemeral_ports_used_ratio gauge
            netwatch_ephemeral_ports_used_ratio{destination="[::1]:80",local_address="::1"} 0.8788
            # HELP netwatch_tcp_listen_overflows_total TcpExt ListenOverflows.
            # TYPE netwatch_tcp_listen_overflows_total counter
            netwatch_tcp_listen_overflows_total 4410

            """)
    }

    func testOpenMetricsNamesCounterFamiliesWithoutTotalAddsUnitsAndEndsWithEOF() {
        XCTAssertEqual(ExpositionEncoder.encode(families, format: .openMetrics), """
            # TYPE netwatch_tcp_sockets gauge
            # HELP netwatch_tcp_sockets TCP sockets in each state.
            netwatch_tcp_sockets{state="time_wait"} 24811
            netwatch_tcp_sockets{state="close_wait"} 0
            # TYPE netwatch_ephemeral_ports_used_ratio gauge
            # UNIT netwatch_ephemeral_ports_used_ratio ratio
            # HELP netwatch_ephemeral_ports_used_ratio used / usable.
            netwatch_ephemeral_ports_used_ratio{destination="[::1]:80",local_address="::1"} 0.8788
            # TYPE netwatch_tcp_listen_overflows counter
            # HELP netwatch_tcp_listen_overflows TcpExt ListenOverflows.
            netwatch_tcp_listen_overflows_total 4410
            # EOF

            """)
    }

    func testLabelValuesAndHelpAreEscaped() {
        let family = MetricFamily("netwatch_process_open_fds", .gauge, help: "a \\ b\n\"c\"",
                                  samples: [MetricSample([.init("command", "we\"ird\\cmd\nx")], .integer(3))])
        XCTAssertEqual(ExpositionEncoder.encode([family], format: .prometheusText), """
            # HELP netwatch_process_open_fds a \\\\ b\\n"c"
            # TYPE netwatch_process_open_fds gauge
            netwatch_process_open_fds{command="we\\"ird\\\\cmd\\nx"} 3

            """)
        XCTAssertTrue(ExpositionEncoder.encode([family], format: .openMetrics)
            .hasPrefix("# TYPE netwatch_process_open_fds gauge\n# HELP netwatch_process_open_fds a \\\\ b\\n\\\"c\\\"\n"))
    }

    func testValues() {
        XCTAssertEqual(ExpositionEncoder.text(.integer(-3)), "-3")
        XCTAssertEqual(ExpositionEncoder.text(.real(2)), "2")
        XCTAssertEqual(ExpositionEncoder.text(.real(0.0471)), "0.0471")
        XCTAssertEqual(ExpositionEncoder.text(.real(0.00001)), "1e-05")
        XCTAssertEqual(ExpositionEncoder.text(.real(.nan)), "NaN")
        XCTAssertEqual(ExpositionEncoder.text(.real(.infinity)), "+Inf")
        XCTAssertEqual(ExpositionEncoder.text(.real(-.infinity)), "-Inf")
    }

    func testNegotiation() {
        XCTAssertEqual(ExpositionFormat.negotiate(accept: nil), .prometheusText)
        XCTAssertEqual(ExpositionFormat.negotiate(accept: "*/*"), .prometheusText)
        XCTAssertEqual(ExpositionFormat.negotiate(accept: "text/plain;version=0.0.4;q=1,*/*;q=0.1"), .prometheusText)
        // What Prometheus 2.x sends.
        XCTAssertEqual(ExpositionFormat.negotiate(accept: "application/openmetrics-text;version=1.0.0,application/openmetrics-text;version=0.0.1;q=0.75,text/plain;version=0.0.4;q=0.5,*/*;q=0.1"),
                       .openMetrics)
        XCTAssertEqual(ExpositionFormat.negotiate(accept: "application/openmetrics-text; q=0, text/plain"), .prometheusText)
    }
}
