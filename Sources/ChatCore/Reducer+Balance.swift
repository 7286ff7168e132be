import ChatDomain

/// The balance read for help (F1), and explained after a request was refused for the quota.
func reduceBalanceRead(_ state: inout AppState, _ reading: BalanceReading) {
    state.balance = reading
    guard state.explainsBalance, case let .known(balance) = reading else { return }
    state.explainsBalance = false
    guard balance.available <= 0 else { return }
    state.appendMessage(kind: .error, text: "Your account's balance is \(balance.summary): "
        + "Kimi refuses requests until it is topped up (the platform's Billing page).")
}
