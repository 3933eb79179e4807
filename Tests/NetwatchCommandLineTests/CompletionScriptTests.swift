import NetwatchCommandLine
import XCTest

/// What each shell's script must hold; IntegrationTests.CompletionShellTests runs them in the shells.
final class CompletionScriptTests: XCTestCase {
    typealias P = ExampleProgram

    func testBashCompletesCommandsOptionsAndValues() {
        let script = CompletionScript.script(for: .bash, P.program)
        for line in [
            "complete -F _nw nw",
            "_nw_dump() {",
            "        -o|--output) compopt -o filenames 2>/dev/null; _nw_reply -f; return ;;",
            "        --format) _nw_reply -W 'json prometheus'; return ;;",
            "        --top) return ;;",
            "        _nw_reply -W '-o --output --format --top --pretty -p --port --version -h --help'",
            "        --proc-root) compopt -o filenames 2>/dev/null; _nw_reply -d; return ;;",
            "        _nw_reply -W 'watch dump replay'",
            "            replay) _nw_replay; return ;;",
            "    _nw_watch",
        ] {
            XCTAssertTrue((script + "\n").contains(line + "\n"), line)
        }
        XCTAssertFalse(script.contains("worker"), "a hidden command is not completed")
    }

    func testZshDescribesEachOptionForArguments() {
        let script = CompletionScript.script(for: .zsh, P.program)
        XCTAssertTrue(script.hasPrefix("#compdef nw\n"))
        for line in [
            "_nw_dump() {",
            #"        '(-o --output)'{-o,--output}'[Write to FILE\: a regular file is replaced atomically, keeping its mode and owner; a device or FIFO is written as it is.]:FILE:_files' \"#,
            #"        '--format[json, or prometheus.]:FORMAT:(json prometheus)' \"#,
            #"        '--proc-root[Read kernel files under DIR.]:DIR:_files -/' \"#,
            #"        '--pretty[Indent the JSON.]' \"#,
            "        '*:FILE|-:_files'",
            "        'dump:Print one snapshot of the host'\\''s TCP state as JSON or Prometheus text, once.'",
            "    compdef _nw nw",
        ] {
            XCTAssertTrue((script + "\n").contains(line + "\n"), line)
        }
        XCTAssertFalse(script.contains("worker"))
    }

    func testFishGuardsEachOptionByTheCommand() {
        let script = CompletionScript.script(for: .fish, P.program)
        for line in [
            "complete -c nw -f",
            "complete -c nw -n __nw_first_word -a dump -d 'Print one snapshot of the host\\'s TCP state as JSON or Prometheus text, once.'",
            "complete -c nw -n 'test (__nw_command) = dump' -l format -x -a 'json prometheus' -d 'json, or prometheus.'",
            "complete -c nw -n 'test (__nw_command) = dump' -s o -l output -r -F -d 'Write to FILE: a regular file is replaced atomically, keeping its mode and owner; a device or FIFO is written as it is.'",
            "complete -c nw -n 'test (__nw_command) = watch' -l proc-root -x -a '(__fish_complete_directories (commandline -ct))' -d 'Read kernel files under DIR.'",
            "complete -c nw -n 'test (__nw_command) = replay' -F",
            "complete -c nw -n 'test (__nw_command) = dump' -l pretty -d 'Indent the JSON.'",
        ] {
            XCTAssertTrue((script + "\n").contains(line + "\n"), line)
        }
        XCTAssertFalse(script.contains("worker"))
    }
}
