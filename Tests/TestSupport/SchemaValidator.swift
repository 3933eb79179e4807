import Foundation

/// Validates JSON text against `schema/netwatch.snapshot-1.schema.json` (or another schema of
/// `schema/`) with Python's `jsonschema` (installed by scripts/setup), an implementation
/// independent of netwatch.
public enum SchemaValidator {
    public static var schemaPath: String { FixturePaths.packageRoot + "/schema/netwatch.snapshot-1.schema.json" }
    /// `snapshot --all-netns`'s schema.
    public static var namespacesSchemaPath: String { FixturePaths.packageRoot + "/schema/netwatch.namespaces-1.schema.json" }

    /// Exit status 0 when valid; otherwise stdout names the failing path.
    public static func validate(_ json: String, schema: String = schemaPath) throws -> ProcessResult {
        let script = """
        import json, sys, jsonschema
        schema = json.load(open(sys.argv[1]))
        jsonschema.Draft202012Validator.check_schema(schema)
        validator = jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())
        errors = sorted(validator.iter_errors(json.loads(sys.stdin.read())), key=lambda e: list(e.path))
        for e in errors: print("/".join(map(str, e.path)) + ": " + e.message)
        sys.exit(1 if errors else 0)
        """
        return try ProcessRunner.run(["python3", "-c", script, schema], stdin: json)
    }
}
