/// What `kimichat --demo` answers: a reply that shows off what kimichat draws, chosen by a
/// word in the question — "code", "table", "markdown", "中文", "think", "long" — or else a
/// tour that names those words. Tests use the plain echo reply instead (`demoTour` off).
enum DemoReplies {
    struct Reply {
        var content: String
        /// A thinking block longer than the usual one, for "think".
        var reasoning: String?
    }

    static func reply(to question: String, messageCount: Int) -> Reply {
        let asked = question.lowercased()
        let carried = "Your request carried \(messages(messageCount)): the whole conversation goes along with every question."
        if asked.contains("code") { return Reply(content: code) }
        if asked.contains("table") { return Reply(content: table) }
        if asked.contains("markdown") { return Reply(content: markdown) }
        if question.contains("中文") || asked.contains("chinese") { return Reply(content: chinese) }
        if asked.contains("think") { return Reply(content: thought, reasoning: reasoning) }
        if asked.contains("long") { return Reply(content: long) }
        return Reply(content: tour + "\n\n" + carried)
    }

    /// "1 message", "3 messages".
    static func messages(_ count: Int) -> String {
        count == 1 ? "1 message" : "\(count) messages"
    }

    static let tour = """
        ## Welcome to the kimichat demo

        This answer comes from kimichat's **offline demo server**, not from Kimi: no key and no network are needed, \
        and it streams word by word as Kimi's replies do. Ask about one of these words to see more:

        - **code**: fenced code blocks, which Alt-C copies one at a time
        - **table**: a table whose columns line up, Chinese included
        - **markdown**: headings, lists, quotes, links and the rest
        - **中文**: a reply in Chinese
        - **think**: a thinking block shown as it streams (Alt-T folds it)
        - **long**: an answer long enough to scroll with PgUp and PgDn

        A little of everything:

        | key | what it does | 中文 |
        | :--- | :---: | ---: |
        | Ctrl-O | saved conversations | 会话列表 |
        | Ctrl-T | choose the model | 选择模型 |
        | F1 | every key | 帮助 |

        ```swift
        let reply = "streamed, a word at a time"
        print(reply)
        ```

        Set `MOONSHOT_API_KEY` and start without `--demo` to talk to Kimi; keys are at \
        [platform.moonshot.ai](https://platform.moonshot.ai).
        """

    static let code = """
        ### Code

        A Swift function, and the shell line that runs it. **Alt-C** copies the first block; press it again for the next.

        ```swift
        /// Words longer than `limit`, in the order they appear.
        func longWords(in text: String, limit: Int = 6) -> [Substring] {
            text.split(whereSeparator: \\.isWhitespace).filter { $0.count > limit }
        }

        print(longWords(in: "kimichat streams every reply into the terminal"))
        ```

        ```sh
        swift run longwords   # prints ["kimichat", "streams", "terminal"]
        ```

        Long lines in a code block continue on the next row instead of being re-wrapped, so what you copy is what was written.
        """

    static let table = """
        ### A table

        Columns are measured the way the terminal draws them, so Chinese text lines up with Latin text:

        | model | context | thinks | 说明 |
        | :--- | ---: | :---: | :--- |
        | kimi-k2.6 | 262,144 | by default | 通用对话，支持图片 |
        | kimi-k3 | 262,144 | always | 推理更深 |
        | moonshot-v1-8k | 8,192 | no | 快速、便宜 |

        The second column is aligned right (`---:`), the third centred (`:---:`). A table too wide for the window falls back to one row per line.
        """

    static let markdown = """
        # Markdown in the terminal

        kimichat draws Markdown as it streams. Headings keep their letters; **bold**, *italic* and `inline code` are styled without their markers.

        ## Lists

        1. Numbered items keep their numbers,
        2. and long items wrap with a hanging indent, so the text under a number starts where the first line's text starts.
        - Bullets work too,
          - nested ones as well.

        > A quote is set off by a bar, and wraps inside it.

        ---

        A link shows its text and its address: [Moonshot's API documentation](https://platform.moonshot.ai/docs).

        ```python
        print("and code, with its own background")
        ```
        """

    static let chinese = """
        ### 中文回复

        这是 kimichat 演示服务器的回复，**不是** Kimi 的回复。中文按终端的实际宽度排版：每个汉字占两列，换行不会把一个字拆成两半。

        - 列表、**粗体**和`代码`都可以和中文混排；
        - 标点符号如“引号”、（括号）和——破折号也能正确显示。

        设置 `MOONSHOT_API_KEY` 后去掉 `--demo`，就可以和真正的 Kimi 对话了。
        """

    static let reasoning = """
        The user wants to see thinking. First, what does kimichat show while a model reasons? The thinking streams in \
        dim text above the answer, with a timer. Second, what happens afterwards? Once the answer starts, the thinking \
        folds to one line that says how long it took, and Alt-T unfolds it again. Third, is anything lost? No: the \
        thinking is saved with the reply, so it is there after a restart too. I will answer with these three points.
        """

    static let thought = """
        The dim text above this answer was the model's thinking, streamed as it came. Now that the answer has begun it is \
        folded to one line with how long it took; **Alt-T** unfolds it again, and it is saved with the reply.
        """

    static var long: String {
        var sections = ["## A long answer\n\nScroll with **PgUp** and **PgDn**, or **Alt-Up** and **Alt-Down** to jump from message to message. While you read, new output waits below and the status bar says so."]
        for number in 1...24 {
            sections.append("### Part \(number)\n\nThis is part \(number) of 24. Each part is a heading and a paragraph, long enough to wrap "
                + "on a narrow window, so that the reply is many screens tall. 第\(number)部分：长回复可以滚动阅读。")
        }
        return sections.joined(separator: "\n\n")
    }
}
