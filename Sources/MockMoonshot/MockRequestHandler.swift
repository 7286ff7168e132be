import Foundation
import NIOCore
import NIOHTTP1

/// Serves one connection: collects each request, then answers it per the scenario.
final class MockRequestHandler: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart

    let state: MockServerState
    private var head: HTTPRequestHead?
    private var body = ByteBuffer()
    private var stream: StreamWriter?

    init(state: MockServerState) {
        self.state = state
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case let .head(requestHead):
            head = requestHead
            body.clear()
        case var .body(chunk):
            body.writeBuffer(&chunk)
        case .end:
            guard let head else { return }
            self.head = nil
            respond(to: head, body: body, context: context)
        }
    }

    func channelInactive(context: ChannelHandlerContext) {
        if let stream, !stream.isFinished {
            stream.cancel()
            state.recordDisconnect()
        }
        stream = nil
        context.fireChannelInactive()
    }

    func channelWritabilityChanged(context: ChannelHandlerContext) {
        stream?.writabilityChanged(context: context, handler: self)
        context.fireChannelWritabilityChanged()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        context.close(promise: nil)
    }

    // MARK: - Routing

    private func respond(to head: HTTPRequestHead, body raw: ByteBuffer, context: ChannelHandlerContext) {
        let path = head.uri.split(separator: "?").first.map(String.init) ?? head.uri
        if path == "/v1/files" || path.hasPrefix("/v1/files/") {
            return files(head, path: path, body: raw, context: context)
        }
        let body = String(buffer: raw)
        // Off, the controls fall through to the unknown-route 404.
        let controls = state.controlsEnabled
        switch (head.method, path) {
        case (.POST, "/_mock/scenarios") where controls:
            enqueueScenarios(body, context: context)
        case (.GET, "/_mock/requests") where controls:
            let lines = state.requests.map(\.logLine).joined(separator: ",")
            send(status: .ok, json: "[" + lines + "]", context: context)
        case (.GET, "/_mock/stats") where controls:
            send(status: .ok, json: "{\"requests\":\(state.requests.count),\"disconnects\":\(state.disconnects),"
                + "\"completedStreams\":\(state.completedStreams)}", context: context)
        case (.GET, "/v1/models"):
            let request = RecordedRequest(method: "GET", path: path, authorization: authorization(head), body: "",
                                          httpVersion: head.version.major)
            state.record(request)
            if let failure = authenticationFailure(head) { return sendError(failure, context: context) }
            send(status: .ok, json: modelsJSON, context: context)
        case (.GET, "/v1/users/me/balance"):
            state.record(RecordedRequest(method: "GET", path: path, authorization: authorization(head), body: "",
                                         httpVersion: head.version.major))
            if let failure = authenticationFailure(head) { return sendError(failure, context: context) }
            send(status: .ok, json: state.balanceJSON, context: context)
        case (.POST, "/v1/chat/completions"):
            let request = RecordedRequest(method: "POST", path: path, authorization: authorization(head), body: body,
                                          httpVersion: head.version.major)
            state.record(request)
            chat(request, head: head, context: context)
        default:
            sendError(.init(status: 404, type: "resource_not_found_error", message: "No route for \(head.method) \(path)"),
                      context: context)
        }
    }

    private func enqueueScenarios(_ body: String, context: ChannelHandlerContext) {
        let decoder = JSONDecoder()
        let data = Data(body.utf8)
        if let many = try? decoder.decode([MockScenario].self, from: data) {
            state.enqueue(many)
        } else if let one = try? decoder.decode(MockScenario.self, from: data) {
            state.enqueue([one])
        } else {
            return sendError(.init(status: 400, type: "invalid_request_error", message: "Invalid scenario JSON"),
                             context: context)
        }
        send(status: .ok, json: "{\"queued\":true}", context: context)
    }

    private func chat(_ request: RecordedRequest, head: HTTPRequestHead, context: ChannelHandlerContext) {
        if let failure = authenticationFailure(head) { return sendError(failure, context: context) }
        guard let parsed = ChatRequestSummary(request) else {
            return sendError(.init(status: 400, type: "invalid_request_error",
                                   message: "Invalid request: the body is not a chat completion request"),
                             context: context)
        }
        guard let model = MockModel.catalogue.first(where: { $0.id == parsed.model }) else {
            return sendError(.init(status: 404, type: "resource_not_found_error",
                                   message: "Not found the model \(parsed.model) or Permission denied"),
                             context: context)
        }
        if let rejection = parsed.rejection(for: model) { return sendError(rejection, context: context) }
        if state.balanceIsSpent, let quota = MockScenario.errors["quota"] { return sendError(quota, context: context) }
        let scenario = state.nextScenario()
        if scenario.dropConnection { return context.close(promise: nil) }
        if let delay = scenario.headDelayMilliseconds, delay > 0 {
            // The handler lives on this channel's event loop; the answer waits there.
            let loop = context.eventLoop.assumeIsolated()
            loop.scheduleTask(in: .milliseconds(Int64(delay))) {
                guard context.channel.isActive else { return }
                self.answer(parsed, model: model, scenario: scenario, head: head, context: context)
            }
            return
        }
        answer(parsed, model: model, scenario: scenario, head: head, context: context)
    }

    private func answer(_ parsed: ChatRequestSummary, model: MockModel, scenario: MockScenario, head: HTTPRequestHead,
                        context: ChannelHandlerContext) {
        if let failure = scenario.httpError { return sendError(failure, context: context) }
        if let page = scenario.webPage { return send(status: .ok, body: page, contentType: "text/html", context: context) }
        let script = parsed.script(for: model, scenario: scenario)

        guard parsed.stream else {
            return send(status: .ok, json: script.completionBody, context: context)
        }
        var headers = HTTPHeaders()
        headers.add(name: "Content-Type", value: "text/event-stream")
        headers.add(name: "Cache-Control", value: "no-cache")
        context.write(wrapOutboundOut(.head(HTTPResponseHead(version: head.version, status: .ok, headers: headers))),
                      promise: nil)
        let writer = StreamWriter(script: script, scenario: scenario, state: state)
        stream = writer
        writer.start(context: context, handler: self)
    }

    // MARK: - Responses

    func authorization(_ head: HTTPRequestHead) -> String? {
        head.headers.first(name: "Authorization")
    }

    func authenticationFailure(_ head: HTTPRequestHead) -> MockScenario.HTTPError? {
        guard let value = authorization(head), value.hasPrefix("Bearer "), value.count > 7 else {
            return .init(status: 401, type: "incorrect_api_key_error", message: "Incorrect API key provided")
        }
        if let accepted = state.acceptedKey, value != "Bearer \(accepted)" {
            return .init(status: 401, type: "invalid_authentication_error", message: "Invalid Authentication")
        }
        return nil
    }

    func sendError(_ failure: MockScenario.HTTPError, context: ChannelHandlerContext) {
        var extra = HTTPHeaders()
        if let seconds = failure.retryAfterSeconds { extra.add(name: "Retry-After", value: String(seconds)) }
        let json = "{\"error\":{\"message\":\(JSONText.quoted(failure.message)),\"type\":\(JSONText.quoted(failure.type))}}"
        send(status: HTTPResponseStatus(statusCode: failure.status), json: json, extraHeaders: extra, context: context)
    }

    func send(status: HTTPResponseStatus, json: String, extraHeaders: HTTPHeaders = [:],
                      context: ChannelHandlerContext) {
        send(status: status, body: json, contentType: "application/json", extraHeaders: extraHeaders, context: context)
    }

    private func send(status: HTTPResponseStatus, body json: String, contentType: String,
                      extraHeaders: HTTPHeaders = [:], context: ChannelHandlerContext) {
        var headers = extraHeaders
        headers.add(name: "Content-Type", value: contentType)
        headers.add(name: "Content-Length", value: String(json.utf8.count))
        headers.add(name: "Msh-Request-Id", value: "mock-\(UInt32.random(in: 0...UInt32.max))")
        context.write(wrapOutboundOut(.head(HTTPResponseHead(version: .http1_1, status: status, headers: headers))),
                      promise: nil)
        context.write(wrapOutboundOut(.body(.byteBuffer(ByteBuffer(string: json)))), promise: nil)
        context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
    }

    func streamFinished() { stream = nil }

    private var modelsJSON: String {
        let items = MockModel.catalogue.map { model in
            "{\"id\":\(JSONText.quoted(model.id)),\"object\":\"model\",\"created\":1760000000,\"owned_by\":\"moonshot\","
                + "\"context_length\":\(model.contextLength),\"supports_image_in\":\(model.imageInput),"
                + "\"supports_video_in\":false,\"supports_reasoning\":\(model.thinks != .never)}"
        }
        return "{\"object\":\"list\",\"data\":[" + items.joined(separator: ",") + "]}"
    }
}
