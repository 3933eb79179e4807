import NetwatchCore
import XCTest

/// Container and unit names from `/proc/PID/cgroup` text as the runtimes write it.
final class CgroupIdentityTests: XCTestCase {
    let id = "3f2a1b9c4d5e6f708192a3b4c5d6e7f8091a2b3c4d5e6f708192a3b4c5d6e7f8"

    func testDockerWithTheSystemdDriver() {
        XCTAssertEqual(CgroupIdentity.parse("0::/system.slice/docker-\(id).scope\n"), .container(runtime: "docker", id: id))
    }

    func testDockerWithTheCgroupfsDriverOnCgroupV1() {
        let text = "12:pids:/docker/\(id)\n11:memory:/docker/\(id)\n1:name=systemd:/docker/\(id)\n"
        XCTAssertEqual(CgroupIdentity.parse(text), .container(runtime: "docker", id: id))
    }

    func testContainerdCRIPodWithTheSystemdDriver() {
        let text = "0::/kubepods.slice/kubepods-burstable.slice/kubepods-burstable-pod8d3b8f52_4c1e_4a8e_9b0c_2f6a1d7e3c45.slice/cri-containerd-\(id).scope\n"
        XCTAssertEqual(CgroupIdentity.parse(text), .pod(uid: "8d3b8f52-4c1e-4a8e-9b0c-2f6a1d7e3c45", containerID: id))
    }

    func testCRIPodWithTheCgroupfsDriver() {
        let text = "0::/kubepods/besteffort/pod8d3b8f52-4c1e-4a8e-9b0c-2f6a1d7e3c45/\(id)\n"
        XCTAssertEqual(CgroupIdentity.parse(text), .pod(uid: "8d3b8f52-4c1e-4a8e-9b0c-2f6a1d7e3c45", containerID: id))
    }

    func testCRIOGuaranteedPod() {
        let text = "0::/kubepods.slice/kubepods-pod0a1b2c3d_0000_4000_8000_123456789abc.slice/crio-\(id).scope\n"
        XCTAssertEqual(CgroupIdentity.parse(text), .pod(uid: "0a1b2c3d-0000-4000-8000-123456789abc", containerID: id))
    }

    func testPodmanRootfulAndRootless() {
        XCTAssertEqual(CgroupIdentity.parse("0::/machine.slice/libpod-\(id).scope/container\n"), .container(runtime: "podman", id: id))
        let rootless = "0::/user.slice/user-1000.slice/user@1000.service/user.slice/libpod-\(id).scope\n"
        XCTAssertEqual(CgroupIdentity.parse(rootless), .container(runtime: "podman", id: id))
    }

    func testPodmanConmonIsNoContainer() {
        XCTAssertEqual(CgroupIdentity.parse("0::/machine.slice/libpod-conmon-\(id).scope\n"), nil)
    }

    func testSystemdServiceAndNspawnMachine() {
        XCTAssertEqual(CgroupIdentity.parse("0::/system.slice/nginx.service\n"), .systemdUnit("nginx.service"))
        XCTAssertEqual(CgroupIdentity.parse("0::/machine.slice/systemd-nspawn@web.service/payload\n"), .container(runtime: "nspawn", id: "web"))
        XCTAssertEqual(CgroupIdentity.parse("0::/machine.slice/machine-db.scope\n"), .container(runtime: "nspawn", id: "db"))
    }

    func testRootSessionsAndInitNameNothing() {
        XCTAssertEqual(CgroupIdentity.parse("0::/\n"), nil)
        XCTAssertEqual(CgroupIdentity.parse("0::/init.scope\n"), nil)
        XCTAssertEqual(CgroupIdentity.parse("0::/user.slice/user-0.slice/session-3.scope\n"), nil)
        XCTAssertEqual(CgroupIdentity.parse("0::/user.slice/user-1000.slice/user@1000.service/app.slice\n"), nil)
        XCTAssertEqual(CgroupIdentity.parse(""), nil)
    }
}
