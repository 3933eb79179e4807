/// The short page at `/`, for a person who opens the exporter in a browser.
enum LandingPage {
    static let html = """
        <!DOCTYPE html>
        <html lang="en">
        <head><meta charset="utf-8"><title>netwatch exporter</title></head>
        <body>
        <h1>netwatch exporter</h1>
        <p>TCP states, ephemeral ports per destination, file descriptors per process and listen
        queues of this host, for Prometheus.</p>
        <p><a href="/metrics">/metrics</a></p>
        </body>
        </html>

        """
}
