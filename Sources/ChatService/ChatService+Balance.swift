import ChatDomain
import Foundation
import NIOHTTP1

extension ChatService: BalanceChecking {
    /// GET /users/me/balance.
    public func balance() async -> BalanceReading {
        do {
            let body = try await exchange(authorizedRequest("/users/me/balance", method: .GET),
                                          what: "GET /users/me/balance", timeout: configuration.connectTimeout + 20)
            guard let balance = Balance.decode(body, currency: Balance.Currency(baseURL: configuration.endpointBase)) else {
                return .unavailable("the endpoint's answer has no balance in it")
            }
            return .known(balance)
        } catch let error as ChatError {
            return .unavailable(error.userMessage)
        } catch {
            logFailure("GET /users/me/balance", error)
            return .unavailable("it could not be read (see the log)")
        }
    }
}
