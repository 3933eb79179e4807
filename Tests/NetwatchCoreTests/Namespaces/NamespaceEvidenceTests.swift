import NetwatchCore
import XCTest

/// The name a namespace gets from what discovery learned, best source first.
final class NamespaceEvidenceTests: XCTestCase {
    let id = "3f2a1b9c4d5e6f708192a3b4c5d6e7f8091a2b3c4d5e6f708192a3b4c5d6e7f8"
    let pod = "0::/kubepods.slice/kubepods-burstable.slice/kubepods-burstable-pod8d3b8f52_4c1e_4a8e_9b0c_2f6a1d7e3c45.slice/cri-containerd-3f2a1b9c4d5e6f70.scope\n"

    func evidence(_ change: (inout NamespaceEvidence) -> Void) -> NamespaceEvidence {
        var evidence = NamespaceEvidence(inode: 4_026_532_177)
        evidence.pid = 4242
        evidence.command = "nginx"
        change(&evidence)
        return evidence
    }

    func testHostComesFirst() {
        XCTAssertTrue(evidence { $0.isHost = true; $0.ipNetnsName = "x" }.name == ("host", .host))
    }

    func testIPNetnsNameBeatsTheCgroup() {
        XCTAssertTrue(evidence { $0.ipNetnsName = "blue"; $0.cgroups = ["0::/system.slice/docker-\(id).scope"] }.name == ("blue", .ipNetns))
    }

    func testDockerContainerByItsShortID() {
        XCTAssertTrue(evidence { $0.cgroups = ["0::/system.slice/docker-\(id).scope"]; $0.hostname = "3f2a1b9c4d5e" }.name == ("docker 3f2a1b9c4d5e", .container))
    }

    func testPodByItsHostnameElseItsUID() {
        XCTAssertTrue(evidence { $0.cgroups = [pod]; $0.hostname = "web-7f9c" }.name == ("pod web-7f9c", .pod))
        XCTAssertTrue(evidence { $0.cgroups = [pod] }.name == ("pod 8d3b8f52", .pod))
    }

    func testAContainerAmongItsProcessesBeatsAUnit() {
        let cgroups = ["0::/system.slice/containerd.service", "0::/system.slice/docker-\(id).scope"]
        XCTAssertTrue(evidence { $0.cgroups = cgroups }.name == ("docker 3f2a1b9c4d5e", .container))
    }

    func testSystemdUnitThenHostnameThenSandboxThenProcess() {
        XCTAssertTrue(evidence { $0.cgroups = ["0::/system.slice/private.service"] }.name == ("private.service", .systemdUnit))
        XCTAssertTrue(evidence { $0.cgroups = ["0::/"]; $0.hostname = "builder" }.name == ("builder", .hostname))
        XCTAssertTrue(evidence { $0.dockerSandbox = "a1b2c3d4e5f6" }.name == ("docker sandbox a1b2c3d4e5f6", .dockerSandbox))
        XCTAssertTrue(evidence { _ in }.name == ("pid 4242 (nginx)", .process))
        XCTAssertTrue(NamespaceEvidence(inode: 4_026_532_177).name == ("netns 4026532177", .process))
    }
}
