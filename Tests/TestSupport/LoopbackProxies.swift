import Foundation

/// nginx from Debian as a TLS reverse proxy with HTTP/2 (`listen … ssl http2`,
/// `proxy_buffering off`), in front of a plain HTTP/1.1 upstream: how the real API is
/// served. Its access log records the protocol each request came in on.
public enum ReverseProxy {
    public static func start(upstreamPort: Int) async throws -> LoopbackDaemon {
        let nginx = try LoopbackDaemon.systemProgram("nginx")
        let folder = try Binaries.temporaryDirectory()
        let port = try Loopback.freePort()
        let dir = folder.path
        let configuration = """
            daemon off;
            master_process off;
            worker_processes 1;
            pid \(dir)/nginx.pid;
            error_log \(dir)/error.log info;
            events { worker_connections 64; }
            http {
                log_format protocols '$request_method $uri $server_protocol $status';
                access_log \(dir)/access.log protocols;
                client_body_temp_path \(dir)/client_body;
                proxy_temp_path \(dir)/proxy;
                fastcgi_temp_path \(dir)/fastcgi;
                uwsgi_temp_path \(dir)/uwsgi;
                scgi_temp_path \(dir)/scgi;
                server {
                    listen 127.0.0.1:\(port) ssl http2;
                    ssl_certificate \(TestCertificates.serverCertificatePath);
                    ssl_certificate_key \(TestCertificates.serverKeyPath);
                    location / {
                        proxy_pass http://127.0.0.1:\(upstreamPort);
                        proxy_http_version 1.1;
                        proxy_set_header Connection "";
                        proxy_buffering off;
                        proxy_read_timeout 60s;
                    }
                }
            }
            """
        let path = folder.appendingPathComponent("nginx.conf").path
        try configuration.write(toFile: path, atomically: true, encoding: .utf8)
        return try await LoopbackDaemon.start([nginx, "-e", "\(dir)/error.log", "-p", dir, "-c", path],
                                              port: port, folder: folder, name: "nginx")
    }
}

/// tinyproxy from Debian as a forward proxy (HTTP CONNECT), its log recording each
/// CONNECT. `connectPorts` limits the ports it tunnels to (empty: any), so a test can
/// have it refuse.
public enum ForwardProxy {
    public static func start(connectPorts: [Int] = []) async throws -> LoopbackDaemon {
        let tinyproxy = try LoopbackDaemon.systemProgram("tinyproxy")
        let folder = try Binaries.temporaryDirectory()
        let port = try Loopback.freePort()
        var lines = ["Port \(port)", "Listen 127.0.0.1", "Timeout 60", "MaxClients 20", "Allow 127.0.0.1",
                     "LogFile \"\(folder.path)/tinyproxy.log\"", "LogLevel Connect",
                     "PidFile \"\(folder.path)/tinyproxy.pid\""]
        lines += connectPorts.map { "ConnectPort \($0)" }
        let path = folder.appendingPathComponent("tinyproxy.conf").path
        try (lines.joined(separator: "\n") + "\n").write(toFile: path, atomically: true, encoding: .utf8)
        return try await LoopbackDaemon.start([tinyproxy, "-d", "-c", path], port: port, folder: folder,
                                              name: "tinyproxy")
    }
}
