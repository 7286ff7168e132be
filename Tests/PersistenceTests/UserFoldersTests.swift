import Testing
@testable import Persistence

@Suite("Default places: XDG variables, else $HOME, never the password file")
struct UserFoldersTests {
    private let passwordHome = { "/home/from-passwd" }

    @Test("with only HOME, every default is under it")
    func homeDecides() {
        let folders = UserFolders(environment: ["HOME": "/tmp/elsewhere"], accountHome: passwordHome)
        #expect(folders.databasePath == "/tmp/elsewhere/.local/share/kimichat/kimichat.sqlite")
        #expect(folders.configPath == "/tmp/elsewhere/.config/kimichat/config.toml")
        #expect(folders.logPath == "/tmp/elsewhere/.local/state/kimichat/kimichat.log")
        #expect(folders.modelCachePath == "/tmp/elsewhere/.cache/kimichat/models.json")
    }

    @Test("absolute XDG variables win over HOME")
    func xdgWins() {
        let folders = UserFolders(environment: ["HOME": "/tmp/h", "XDG_DATA_HOME": "/d", "XDG_CONFIG_HOME": "/c",
                                                "XDG_STATE_HOME": "/s", "XDG_CACHE_HOME": "/k"],
                                  accountHome: passwordHome)
        #expect(folders.databasePath == "/d/kimichat/kimichat.sqlite")
        #expect(folders.configPath == "/c/kimichat/config.toml")
        #expect(folders.logPath == "/s/kimichat/kimichat.log")
        #expect(folders.modelCachePath == "/k/kimichat/models.json")
    }

    @Test("empty or relative XDG variables are ignored, as the XDG spec says")
    func badXDGIgnored() {
        let folders = UserFolders(environment: ["HOME": "/tmp/h", "XDG_DATA_HOME": "", "XDG_CONFIG_HOME": "relative/c",
                                                "XDG_STATE_HOME": "~/s"],
                                  accountHome: passwordHome)
        #expect(folders.data == "/tmp/h/.local/share")
        #expect(folders.config == "/tmp/h/.config")
        #expect(folders.state == "/tmp/h/.local/state")
    }

    @Test("the password file's home only when HOME is unset or empty")
    func accountHomeLastResort() {
        #expect(UserFolders(environment: [:], accountHome: passwordHome).data == "/home/from-passwd/.local/share")
        #expect(UserFolders(environment: ["HOME": ""], accountHome: passwordHome).cache == "/home/from-passwd/.cache")
    }

    @Test("the demo's database sits beside the real one")
    func demoBeside() {
        #expect(ConversationStore.demoPath(beside: "/d/kimichat/kimichat.sqlite") == "/d/kimichat/demo.sqlite")
        #expect(ConversationStore.demoPath(beside: "/x/mine.db") == "/x/demo.sqlite")
    }
}
