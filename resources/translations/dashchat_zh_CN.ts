<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>AnswerOutputs</name>
    <message>
        <source>Output of code block {number}</source>
        <translation>代码块 {number} 的输出</translation>
    </message>
    <message>
        <source>Output of code block {number} of answer {answer}</source>
        <translation>回答 {answer} 中代码块 {number} 的输出</translation>
    </message>
</context>
<context>
    <name>AnswerPane</name>
    <message>
        <source>Ask a question below. Qwen thinks, runs Python in its sandbox, and answers here.</source>
        <translation>在下方提问。Qwen 会思考，在沙箱中运行 Python，并在这里作答。</translation>
    </message>
    <message>
        <source>Show earlier turns ({count})</source>
        <translation>显示更早的对话轮次（{count}）</translation>
    </message>
</context>
<context>
    <name>BranchPager</name>
    <message>
        <source>Previous version</source>
        <translation>上一个版本</translation>
    </message>
    <message>
        <source>Show the previous version of this turn and what followed it</source>
        <translation>显示这一轮的上一个版本及其后续内容</translation>
    </message>
    <message>
        <source>Next version</source>
        <translation>下一个版本</translation>
    </message>
    <message>
        <source>Show the next version of this turn and what followed it</source>
        <translation>显示这一轮的下一个版本及其后续内容</translation>
    </message>
    <message>
        <source>Version {number} of {count}</source>
        <translation>第 {number} 个版本，共 {count} 个</translation>
    </message>
</context>
<context>
    <name>CodeBlock</name>
    <message>
        <source>Copied</source>
        <translation>已复制</translation>
    </message>
    <message>
        <source>Run locally</source>
        <translation>在本机运行</translation>
    </message>
    <message>
        <source>Run this turn&apos;s code up to this block on this computer, in order, and show what it prints</source>
        <translation>在这台电脑上按顺序运行本轮到此代码块为止的代码，并显示其输出</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>复制</translation>
    </message>
    <message>
        <source>Copy exactly the code the interpreter ran</source>
        <translation>复制解释器实际运行的代码</translation>
    </message>
    <message>
        <source>writing code…</source>
        <translation>正在编写代码…</translation>
    </message>
</context>
<context>
    <name>CodeCopyButtons</name>
    <message>
        <source>Copy</source>
        <translation>复制</translation>
    </message>
    <message>
        <source>Copy this code block, without its fences</source>
        <translation>复制此代码块（不含围栏标记）</translation>
    </message>
    <message>
        <source>Copy code block {number}</source>
        <translation>复制代码块 {number}</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>运行</translation>
    </message>
    <message>
        <source>Stop code block {number} of answer {answer}</source>
        <translation>停止回答 {answer} 中的代码块 {number}</translation>
    </message>
    <message>
        <source>Run code block {number} of answer {answer}</source>
        <translation>运行回答 {answer} 中的代码块 {number}</translation>
    </message>
    <message>
        <source>Run this block on this computer, after the answer&apos;s Python blocks before it: in order, in one process, so they share variables. What each prints shows under the answer</source>
        <translation>在本机运行此代码块：先按顺序运行回答中它之前的 Python 代码块，同在一个进程中，因此它们共享变量。每个代码块的输出显示在回答下方</translation>
    </message>
    <message>
        <source>Block {number}: {first_line}</source>
        <translation>代码块 {number}：{first_line}</translation>
    </message>
    <message>
        <source>Stop block {number}</source>
        <translation>停止代码块 {number}</translation>
    </message>
    <message>
        <source>Run block {number}: {first_line}</source>
        <translation>运行代码块 {number}：{first_line}</translation>
    </message>
</context>
<context>
    <name>CodePane</name>
    <message>
        <source>Code the interpreter runs appears here, one block per run.</source>
        <translation>解释器运行的代码会显示在这里，每次运行一个代码块。</translation>
    </message>
    <message>
        <source>{connection} uses the OpenAI-compatible protocol, which does not return the code the interpreter runs: it cannot appear here. The thinking pane marks where it probably ran.</source>
        <translation>{connection} 使用 OpenAI 兼容协议，该协议不返回解释器运行的代码，因此这里不会显示代码。思考过程窗格会标出代码可能运行的位置。</translation>
    </message>
    <message>
        <source>This connection</source>
        <translation>此连接</translation>
    </message>
    <message>
        <source>This reply comes through {connection}, an OpenAI-compatible connection.</source>
        <translation>此回复来自 {connection}，这是一个 OpenAI 兼容连接。</translation>
    </message>
    <message>
        <source>This reply comes through an OpenAI-compatible connection.</source>
        <translation>此回复来自一个 OpenAI 兼容连接。</translation>
    </message>
    <message>
        <source>That protocol does not return the code the interpreter runs, nor how many times it ran: use a DashScope native connection to see it here.</source>
        <translation>该协议不返回解释器运行的代码，也不返回运行次数：请使用 DashScope 原生连接，以便在这里查看。</translation>
    </message>
    <message>
        <source>Nothing has arrived for {seconds} s: the interpreter may be running code.</source>
        <translation>已有 {seconds} 秒没有收到任何内容：解释器可能正在运行代码。</translation>
    </message>
    <message>
        <source>Probable run #{number}: silent for {seconds} s (the code is not returned by this protocol)</source>
        <translation>可能的运行 #{number}：静默 {seconds} 秒（此协议不返回代码）</translation>
    </message>
</context>
<context>
    <name>Composer</name>
    <message>
        <source>Model for this conversation</source>
        <translation>此对话的模型</translation>
    </message>
    <message>
        <source>The model this conversation asks; empty: the connection profile&apos;s model</source>
        <translation>此对话提问所用的模型；留空则使用连接配置中的模型</translation>
    </message>
    <message>
        <source>System prompt…</source>
        <translation>系统提示词…</translation>
    </message>
    <message>
        <source>default</source>
        <translation>默认</translation>
    </message>
    <message>
        <source> tokens</source>
        <translation> 个 Token</translation>
    </message>
    <message>
        <source>Thinking budget for this conversation</source>
        <translation>此对话的思考预算</translation>
    </message>
    <message>
        <source>Most reasoning tokens per question; default: the budget in Settings, or the service&apos;s own</source>
        <translation>每个问题最多的推理 Token 数；默认：设置中的预算，若未设置则用服务自己的</translation>
    </message>
    <message>
        <source>Thinking</source>
        <translation>思考</translation>
    </message>
    <message>
        <source>{model} (default)</source>
        <translation>{model}（默认）</translation>
    </message>
    <message>
        <source>System prompt ●</source>
        <translation>系统提示词 ●</translation>
    </message>
    <message>
        <source>System prompt (set)</source>
        <translation>系统提示词（已设置）</translation>
    </message>
    <message>
        <source>Instructions sent before every question of this conversation</source>
        <translation>在此对话的每个问题之前发送的指示</translation>
    </message>
    <message>
        <source>System prompt (none)</source>
        <translation>系统提示词（无）</translation>
    </message>
</context>
<context>
    <name>CostLabel</name>
    <message>
        <source>An estimate from the token counts the service reported and your price table; the code interpreter itself is not billed, but each of its rounds adds input tokens</source>
        <translation>根据服务报告的 Token 数和你的价格表估算；代码解释器本身不收费，但它的每一轮都会增加输入 Token</translation>
    </message>
    <message>
        <source>turn {cost}</source>
        <translation>本轮 {cost}</translation>
    </message>
    <message>
        <source>conversation {cost}</source>
        <translation>对话 {cost}</translation>
    </message>
    <message>
        <source>{costs} (estimate)</source>
        <translation>{costs}（估算）</translation>
    </message>
</context>
<context>
    <name>GeneralTab</name>
    <message>
        <source>Limit thinking to</source>
        <translation>将思考限制为</translation>
    </message>
    <message>
        <source> tokens</source>
        <translation> 个 Token</translation>
    </message>
    <message>
        <source>Generation</source>
        <translation>生成</translation>
    </message>
    <message>
        <source>Thinking budget</source>
        <translation>思考预算</translation>
    </message>
    <message>
        <source>Enter sends the question (Ctrl+Enter for a new line)</source>
        <translation>按 Enter 发送问题（Ctrl+Enter 换行）</translation>
    </message>
    <message>
        <source>Off: Enter starts a new line and Ctrl+Enter sends</source>
        <translation>关闭时：Enter 换行，Ctrl+Enter 发送</translation>
    </message>
    <message>
        <source>Question box</source>
        <translation>提问框</translation>
    </message>
    <message>
        <source>The stream may go quiet while the interpreter runs; the service gives up after about 300 s.</source>
        <translation>解释器运行期间，数据流可能暂时没有输出；服务端约 300 秒后会放弃。</translation>
    </message>
    <message>
        <source>system settings  (e.g. http://proxy.example:8080)</source>
        <translation>系统设置  （例如 http://proxy.example:8080）</translation>
    </message>
    <message>
        <source>Leave empty to use the system&apos;s proxy settings (HTTPS_PROXY, NO_PROXY). Certificates are always verified; SSL_CERT_FILE adds a custom CA bundle.</source>
        <translation>留空则使用系统的代理设置（HTTPS_PROXY、NO_PROXY）。始终验证证书；可通过 SSL_CERT_FILE 添加自定义 CA 证书包。</translation>
    </message>
    <message>
        <source>Network (every connection)</source>
        <translation>网络（所有连接）</translation>
    </message>
    <message>
        <source>Connect timeout</source>
        <translation>连接超时</translation>
    </message>
    <message>
        <source>Silence timeout</source>
        <translation>静默超时</translation>
    </message>
    <message>
        <source>Proxy</source>
        <translation>代理</translation>
    </message>
    <message>
        <source>no Python found on PATH</source>
        <translation>PATH 中找不到 Python</translation>
    </message>
    <message>
        <source>The Python that runs executed code locally; leave empty for the default shown</source>
        <translation>在本机运行代码所用的 Python；留空则使用显示的默认值</translation>
    </message>
    <message>
        <source>Allow the code to use the network</source>
        <translation>允许代码访问网络</translation>
    </message>
    <message>
        <source>Run code locally</source>
        <translation>在本机运行代码</translation>
    </message>
    <message>
        <source>Python</source>
        <translation>Python</translation>
    </message>
    <message>
        <source>No python3 or python was found on PATH: install Python, or enter the path of one here, to run code locally.</source>
        <translation>PATH 中找不到 python3 或 python：要在本机运行代码，请安装 Python，或在此填写其路径。</translation>
    </message>
    <message>
        <source>Time limit</source>
        <translation>时间限制</translation>
    </message>
    <message>
        <source>Follow the system</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <source>Light</source>
        <translation>浅色</translation>
    </message>
    <message>
        <source>Dark</source>
        <translation>深色</translation>
    </message>
    <message>
        <source>A new language applies when dashchat starts again.</source>
        <translation>新的语言将在 dashchat 重新启动后生效。</translation>
    </message>
    <message>
        <source>Appearance</source>
        <translation>外观</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <source>Theme</source>
        <translation>主题</translation>
    </message>
    <message>
        <source> s</source>
        <translation> 秒</translation>
    </message>
</context>
<context>
    <name>LocalRuns</name>
    <message>
        <source>A local run is going on: stop it first</source>
        <translation>本机运行尚未结束：请先停止它</translation>
    </message>
    <message>
        <source>Wait for the reply to finish before running its code</source>
        <translation>请等回复结束后再运行其代码</translation>
    </message>
    <message>
        <source>(no Python found)</source>
        <translation>（找不到 Python）</translation>
    </message>
    <message>
        <source>Run this code on your computer?</source>
        <translation>要在你的电脑上运行这段代码吗？</translation>
    </message>
    <message>
        <source>The code the model wrote will run on this computer, as you, with {python}. It can read and change your files and do what any program you start can do.

dashchat runs it in a separate process, in a temporary folder that is removed afterwards, without your API keys or other credentials in its environment, stopped after {seconds} s; {network} {memory}

This guards against accidents, not against hostile code: run only code you would run yourself.</source>
        <translation>模型编写的代码将以你的身份、用 {python} 在这台电脑上运行。它可以读取和修改你的文件，能做你启动的任何程序能做的事。

dashchat 在单独的进程中运行它，工作目录是事后删除的临时文件夹，环境中不含你的 API 密钥或其他凭据，{seconds} 秒后停止；{network}{memory}

这能防止意外，但防不了恶意代码：只运行你自己也会运行的代码。</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>运行</translation>
    </message>
    <message>
        <source>Don&apos;t ask again for this conversation</source>
        <translation>此对话中不再询问</translation>
    </message>
    <message>
        <source>the network is allowed (Settings).</source>
        <translation>允许访问网络（设置）。</translation>
    </message>
    <message>
        <source>the network is refused from Python&apos;s sockets (code that goes around them, such as curl in a subprocess, is not stopped).</source>
        <translation>通过 Python 套接字的网络访问会被拒绝（绕过它们的代码，例如子进程中的 curl，不会被阻止）。</translation>
    </message>
    <message>
        <source>Its memory is limited to 2048 MB.</source>
        <translation>其内存限制为 2048 MB。</translation>
    </message>
    <message>
        <source>A memory limit is set, but macOS does not enforce it.</source>
        <translation>设置了内存限制，但 macOS 不会执行它。</translation>
    </message>
    <message>
        <source>Its memory is not limited on this system.</source>
        <translation>在此系统上其内存不受限制。</translation>
    </message>
    <message>
        <source>No Python to run the code with: install Python (python3 on PATH) or choose one in Settings ▸ General.</source>
        <translation>没有可用于运行代码的 Python：请安装 Python（PATH 中的 python3），或在 设置 ▸ 常规 中选择一个。</translation>
    </message>
    <message>
        <source>Running…</source>
        <translation>正在运行…</translation>
    </message>
    <message>
        <source>Could not run the code: {reason}</source>
        <translation>无法运行代码：{reason}</translation>
    </message>
    <message>
        <source>The outputs could not be saved: {reason}</source>
        <translation>输出无法保存：{reason}</translation>
    </message>
    <message>
        <source>Ran locally in {seconds} s</source>
        <translation>已在本机运行，用时 {seconds} 秒</translation>
    </message>
    <message>
        <source>Raised an exception</source>
        <translation>引发了异常</translation>
    </message>
    <message>
        <source>Stopped at the time limit</source>
        <translation>达到时间限制，已停止</translation>
    </message>
    <message>
        <source>Stopped</source>
        <translation>已停止</translation>
    </message>
    <message>
        <source>The process ended unexpectedly</source>
        <translation>进程意外结束</translation>
    </message>
    <message>
        <source>Not run: an earlier block did not finish</source>
        <translation>未运行：之前的代码块没有完成</translation>
    </message>
    <message>
        <source>The outputs could not be removed from the history: {reason}</source>
        <translation>无法从历史记录中删除输出：{reason}</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Waiting for the service…</source>
        <translation>正在等待服务…</translation>
    </message>
    <message>
        <source>Silent for {seconds} s: the interpreter may be running code…</source>
        <translation>已静默 {seconds} 秒：解释器可能正在运行代码…</translation>
    </message>
    <message>
        <source>Running code #{number} in the sandbox…</source>
        <translation>正在沙箱中运行代码 #{number}…</translation>
    </message>
    <message>
        <source>Writing the answer…</source>
        <translation>正在撰写回答…</translation>
    </message>
    <message>
        <source>Thinking…</source>
        <translation>正在思考…</translation>
    </message>
    <message>
        <source>dashchat (demo)</source>
        <translation>dashchat（演示）</translation>
    </message>
    <message>
        <source>Thinking</source>
        <translation>思考过程</translation>
    </message>
    <message>
        <source>Executed code</source>
        <translation>已执行的代码</translation>
    </message>
    <message>
        <source>Answer</source>
        <translation>回答</translation>
    </message>
    <message>
        <source>Open settings</source>
        <translation>打开设置</translation>
    </message>
    <message>
        <source>Retry</source>
        <translation>重试</translation>
    </message>
    <message>
        <source>Ask the same question again in the failed turn&apos;s place (the failed attempt stays in the history)</source>
        <translation>在失败轮次的位置重新提出同一问题（失败的尝试保留在历史记录中）</translation>
    </message>
    <message>
        <source>Close the error message</source>
        <translation>关闭错误消息</translation>
    </message>
    <message>
        <source>Save as…</source>
        <translation>另存为…</translation>
    </message>
    <message>
        <source>Write this conversation to a file of your choice</source>
        <translation>将此对话写入您选择的文件</translation>
    </message>
    <message>
        <source>Send</source>
        <translation>发送</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <source>Stop the reply and keep what arrived (Esc)</source>
        <translation>停止回复并保留已收到的内容（Esc）</translation>
    </message>
    <message>
        <source>The connection profile the next question goes to</source>
        <translation>下一个问题将发送到的连接配置</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>撤销</translation>
    </message>
    <message>
        <source>Send the question</source>
        <translation>发送问题</translation>
    </message>
    <message>
        <source>Not saved to the history</source>
        <translation>未保存到历史记录</translation>
    </message>
    <message>
        <source>The last reply could not be saved to the history: {problem}.

Save a copy before closing?</source>
        <translation>最后一条回复无法保存到历史记录：{problem}。

关闭前要保存一份副本吗？</translation>
    </message>
    <message>
        <source>Close without saving</source>
        <translation>不保存并关闭</translation>
    </message>
    <message>
        <source>Import conversations</source>
        <translation>导入对话</translation>
    </message>
    <message>
        <source>ChatGPT export or dashchat transcript (*.zip *.json)</source>
        <translation>ChatGPT 导出或 dashchat 记录 (*.zip *.json)</translation>
    </message>
    <message>
        <source>All files (*)</source>
        <translation>所有文件 (*)</translation>
    </message>
    <message>
        <source>Importing {name}…</source>
        <translation>正在导入 {name}…</translation>
    </message>
    <message>
        <source>Nothing was imported from {name}: {reason}</source>
        <translation>未从 {name} 导入任何内容：{reason}</translation>
    </message>
    <message>
        <source>Nothing was imported: the history could not be written ({reason})</source>
        <translation>未导入任何内容：无法写入历史记录（{reason}）</translation>
    </message>
    <message>
        <source>Imported {name}: conversations added: {conversations}, continued: {continued}; turns: {turns}</source>
        <translation>已导入 {name}：新增对话 {conversations} 个，续接 {continued} 个；轮次 {turns} 个</translation>
    </message>
    <message>
        <source>{name}: everything in it is in the history already</source>
        <translation>{name}：其中的内容都已在历史记录中</translation>
    </message>
</context>
<context>
    <name>MenusMixin</name>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;New conversation</source>
        <translation>新建对话(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;Export conversation…</source>
        <translation>导出对话(&amp;E)…</translation>
    </message>
    <message>
        <source>&amp;Import…</source>
        <translation>导入(&amp;I)…</translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation>设置(&amp;S)…</translation>
    </message>
    <message>
        <source>&amp;Prices…</source>
        <translation>价格(&amp;P)…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <source>Copy the last answer</source>
        <translation>复制最后的回答</translation>
    </message>
    <message>
        <source>Copy the last executed code</source>
        <translation>复制最后执行的代码</translation>
    </message>
    <message>
        <source>Search conversations</source>
        <translation>搜索对话</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>Question box</source>
        <translation>提问框</translation>
    </message>
    <message>
        <source>Conversations</source>
        <translation>对话列表</translation>
    </message>
    <message>
        <source>Answer pane</source>
        <translation>回答窗格</translation>
    </message>
    <message>
        <source>Thinking pane</source>
        <translation>思考过程窗格</translation>
    </message>
    <message>
        <source>Executed code pane</source>
        <translation>已执行代码窗格</translation>
    </message>
    <message>
        <source>Show Thinking</source>
        <translation>显示思考过程</translation>
    </message>
    <message>
        <source>Show Executed code</source>
        <translation>显示已执行的代码</translation>
    </message>
    <message>
        <source>Zoom in</source>
        <translation>放大</translation>
    </message>
    <message>
        <source>Zoom out</source>
        <translation>缩小</translation>
    </message>
    <message>
        <source>Actual size</source>
        <translation>实际大小</translation>
    </message>
    <message>
        <source>Send the question</source>
        <translation>发送问题</translation>
    </message>
    <message>
        <source>Stop the reply</source>
        <translation>停止回答</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;Keyboard shortcuts</source>
        <translation>键盘快捷键(&amp;K)</translation>
    </message>
    <message>
        <source>Question</source>
        <translation>问题</translation>
    </message>
    <message>
        <source>Answer</source>
        <translation>回答</translation>
    </message>
    <message>
        <source>The conversation: each question and its answer</source>
        <translation>对话：每个问题及其回答</translation>
    </message>
    <message>
        <source>Thinking</source>
        <translation>思考过程</translation>
    </message>
    <message>
        <source>The model&apos;s reasoning, with a marker where code ran</source>
        <translation>模型的思考过程，运行代码处有标记</translation>
    </message>
    <message>
        <source>Executed code</source>
        <translation>已执行的代码</translation>
    </message>
    <message>
        <source>Every snippet the interpreter ran, in order</source>
        <translation>解释器运行过的每段代码，按顺序排列</translation>
    </message>
    <message>
        <source>Stored conversations, newest first</source>
        <translation>已保存的对话，最新的在前</translation>
    </message>
    <message>
        <source>Token usage</source>
        <translation>Token 用量</translation>
    </message>
    <message>
        <source>Interpreter runs</source>
        <translation>解释器运行次数</translation>
    </message>
    <message>
        <source>Timing</source>
        <translation>耗时</translation>
    </message>
    <message>
        <source>Request id</source>
        <translation>请求 ID</translation>
    </message>
    <message>
        <source>Request status</source>
        <translation>请求状态</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>错误</translation>
    </message>
    <message numerus="yes">
        <source>%n reply(s) cut off by an earlier crash were kept and marked interrupted</source>
        <translation>
            <numerusform>%n 个因之前崩溃而中断的回答已保留并标记为已中断</numerusform>
        </translation>
    </message>
    <message>
        <source>Copied the last answer</source>
        <translation>已复制最后的回答</translation>
    </message>
    <message>
        <source>Copied the last executed code</source>
        <translation>已复制最后执行的代码</translation>
    </message>
    <message>
        <source>Demo: recorded replies from the documentation&apos;s examples stream through the real pipeline. No key, no network. Whatever you ask, the next recording answers.</source>
        <translation>演示模式：取自文档示例的录制回复会经由真实的处理流程流式输出。无需 API Key，无需联网。无论你问什么，都由下一段录制内容作答。</translation>
    </message>
</context>
<context>
    <name>OpeningMixin</name>
    <message>
        <source>Stop the current reply first</source>
        <translation>请先停止当前回复</translation>
    </message>
    <message>
        <source>New conversation</source>
        <translation>新对话</translation>
    </message>
    <message>
        <source>Stop the current reply before opening another conversation</source>
        <translation>请先停止当前回复，再打开其他对话</translation>
    </message>
    <message>
        <source>That conversation is gone</source>
        <translation>该对话已不存在</translation>
    </message>
    <message>
        <source>Deleted “{title}”</source>
        <translation>已删除“{title}”</translation>
    </message>
    <message>
        <source>Untitled</source>
        <translation>无标题</translation>
    </message>
    <message>
        <source>Restored</source>
        <translation>已恢复</translation>
    </message>
</context>
<context>
    <name>OptionsMixin</name>
    <message>
        <source>This conversation&apos;s model, system prompt and thinking budget could not be saved to the history: they apply until dashchat closes.</source>
        <translation>此对话的模型、系统提示词和思考预算无法保存到历史记录：它们在 dashchat 关闭前仍然有效。</translation>
    </message>
    <message>
        <source>The prices could not be saved: {reason}</source>
        <translation>无法保存价格：{reason}</translation>
    </message>
    <message>
        <source>Zoom: {steps:+d}</source>
        <translation>缩放：{steps:+d}</translation>
    </message>
    <message>
        <source>Zoom: actual size</source>
        <translation>缩放：实际大小</translation>
    </message>
</context>
<context>
    <name>OutputsView</name>
    <message>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <source>Stop this run: the process and everything it started are ended</source>
        <translation>停止本次运行：结束该进程及其启动的一切</translation>
    </message>
    <message>
        <source>Clear outputs</source>
        <translation>清除输出</translation>
    </message>
    <message>
        <source>Remove these outputs, here and in the history</source>
        <translation>删除这些输出，包括此处和历史记录中的</translation>
    </message>
    <message>
        <source>Show all</source>
        <translation>全部显示</translation>
    </message>
    <message>
        <source>Show the whole output (long outputs are cut on screen)</source>
        <translation>显示完整输出（较长的输出在屏幕上会被截断）</translation>
    </message>
    <message>
        <source>Figure, {width}×{height} pixels</source>
        <translation>图像，{width}×{height} 像素</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>值</translation>
    </message>
</context>
<context>
    <name>PricesDialog</name>
    <message>
        <source>Prices</source>
        <translation>价格</translation>
    </message>
    <message>
        <source>Prices per million tokens, as your Model Studio console lists them. Costs shown are estimates from the token counts the service reports; reasoning counts as output, and the code interpreter adds input tokens but no charge of its own. A model without prices gets no estimate.</source>
        <translation>每百万 Token 的价格，按你的 Model Studio 控制台所列填写。显示的费用是根据服务报告的 Token 数得出的估算；推理计为输出，代码解释器会增加输入 Token，但本身不另收费。没有价格的模型不显示估算。</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>Input / 1M tokens</source>
        <translation>输入 / 百万 Token</translation>
    </message>
    <message>
        <source>Output / 1M tokens</source>
        <translation>输出 / 百万 Token</translation>
    </message>
    <message>
        <source>Add model</source>
        <translation>添加模型</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <source>Currency</source>
        <translation>货币</translation>
    </message>
    <message>
        <source>{model}: a price is a number of at least 0 (both are needed)</source>
        <translation>{model}：价格须为不小于 0 的数字（两项都需要）</translation>
    </message>
    <message>
        <source>{model} is listed twice</source>
        <translation>{model} 列出了两次</translation>
    </message>
</context>
<context>
    <name>QuestionBox</name>
    <message>
        <source>Ask Qwen — it can run Python to work things out.  ({keys})</source>
        <translation>向 Qwen 提问——它可以运行 Python 来解决问题。  （{keys}）</translation>
    </message>
    <message>
        <source>Type a question; {keys}</source>
        <translation>输入问题；{keys}</translation>
    </message>
</context>
<context>
    <name>QuestionEditor</name>
    <message>
        <source>Edited question</source>
        <translation>编辑后的问题</translation>
    </message>
    <message>
        <source>Send</source>
        <translation>发送</translation>
    </message>
    <message>
        <source>Ask the edited question as a new version of this turn; the earlier version stays, with what followed it</source>
        <translation>将编辑后的问题作为这一轮的新版本提问；之前的版本及其后续内容会保留</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Leave the question as it was (Esc)</source>
        <translation>保持问题原样 (Esc)</translation>
    </message>
</context>
<context>
    <name>QuestionText</name>
    <message>
        <source>Show all ({count} characters)</source>
        <translation>显示全部（{count} 个字符）</translation>
    </message>
    <message>
        <source>Show less</source>
        <translation>收起</translation>
    </message>
</context>
<context>
    <name>RequestStatus</name>
    <message>
        <source>Ready</source>
        <translation>就绪</translation>
    </message>
    <message>
        <source>Copy id</source>
        <translation>复制 ID</translation>
    </message>
    <message>
        <source>Copy the request id (support asks for it)</source>
        <translation>复制请求 ID（联系技术支持时需要提供）</translation>
    </message>
    <message>
        <source>Silent for {seconds} s: the interpreter may be running code…</source>
        <translation>已静默 {seconds} 秒：解释器可能正在运行代码…</translation>
    </message>
    <message>
        <source>Tokens: {input} in · {output} out · {reasoning} reasoning · {total} total</source>
        <translation>Token：输入 {input} · 输出 {output} · 思考 {reasoning} · 总计 {total}</translation>
    </message>
    <message>
        <source>Tokens: counted at the end of the reply</source>
        <translation>Token：在回复结束时统计</translation>
    </message>
    <message>
        <source>Tokens: not reported by the server</source>
        <translation>Token：服务器未报告</translation>
    </message>
    <message>
        <source>Interpreter runs: {count}</source>
        <translation>解释器运行次数：{count}</translation>
    </message>
    <message>
        <source>Interpreter runs: not reported</source>
        <translation>解释器运行次数：未报告</translation>
    </message>
    <message>
        <source>The OpenAI-compatible protocol does not report how many times the interpreter ran, nor the code it ran</source>
        <translation>OpenAI 兼容协议不报告解释器的运行次数，也不返回它运行的代码</translation>
    </message>
    <message>
        <source>via {connection}</source>
        <translation>经由 {connection}</translation>
    </message>
    <message>
        <source>Elapsed {elapsed} · first token {first}</source>
        <translation>耗时 {elapsed} · 首个 Token {first}</translation>
    </message>
    <message>
        <source>Request {id}</source>
        <translation>请求 {id}</translation>
    </message>
    <message>
        <source>Streaming…</source>
        <translation>正在流式输出…</translation>
    </message>
    <message>
        <source>Waiting for the service…</source>
        <translation>正在等待服务…</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>完成</translation>
    </message>
    <message>
        <source>Stopped: what arrived is kept</source>
        <translation>已停止：已收到的内容已保留</translation>
    </message>
    <message>
        <source>Failed: {code}</source>
        <translation>失败：{code}</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>失败</translation>
    </message>
</context>
<context>
    <name>SendKeys</name>
    <message>
        <source>Enter sends · Ctrl+Enter for a new line</source>
        <translation>Enter 发送 · Ctrl+Enter 换行</translation>
    </message>
    <message>
        <source>Ctrl+Enter sends</source>
        <translation>Ctrl+Enter 发送</translation>
    </message>
</context>
<context>
    <name>SendingMixin</name>
    <message>
        <source>Saved to the history</source>
        <translation>已保存到历史记录</translation>
    </message>
    <message>
        <source>&lt;b&gt;Not saved to the history&lt;/b&gt; — {problem}.&lt;br&gt;The reply stays here in full and dashchat keeps trying; it is saved as soon as that is fixed. Save as… keeps a copy elsewhere.</source>
        <translation>&lt;b&gt;未保存到历史记录&lt;/b&gt; — {problem}。&lt;br&gt;回复完整保留在此处，dashchat 会继续重试；问题解决后立即保存。“另存为…”可在别处保留一份副本。</translation>
    </message>
    <message>
        <source>Export failed: {reason}</source>
        <translation>导出失败：{reason}</translation>
    </message>
    <message>
        <source>Showing version {number} of {count}</source>
        <translation>正在显示第 {number} 个版本（共 {count} 个）</translation>
    </message>
</context>
<context>
    <name>SentTime</name>
    <message>
        <source>Sent {time}</source>
        <translation>发送于 {time}</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>Checking the keyring…</source>
        <translation>正在检查密钥环…</translation>
    </message>
    <message>
        <source>sk-…  (leave empty to keep the current key)</source>
        <translation>sk-…  （留空则保留当前的 API Key）</translation>
    </message>
    <message>
        <source>Show</source>
        <translation>显示</translation>
    </message>
    <message>
        <source>Show or hide the key you are typing</source>
        <translation>显示或隐藏正在输入的 API Key</translation>
    </message>
    <message>
        <source>Keep it in the OS keyring (otherwise for this session only)</source>
        <translation>保存到系统密钥环（否则仅用于本次会话）</translation>
    </message>
    <message>
        <source>Test</source>
        <translation>测试</translation>
    </message>
    <message>
        <source>Remove stored key</source>
        <translation>删除已保存的 API Key</translation>
    </message>
    <message>
        <source>China (Beijing)</source>
        <translation>中国大陆（北京）</translation>
    </message>
    <message>
        <source>Singapore</source>
        <translation>新加坡</translation>
    </message>
    <message>
        <source>US (Virginia)</source>
        <translation>美国（弗吉尼亚）</translation>
    </message>
    <message>
        <source>Custom base URL</source>
        <translation>自定义 Base URL</translation>
    </message>
    <message>
        <source>https://gateway.example/prefix</source>
        <translation>https://gateway.example/prefix</translation>
    </message>
    <message>
        <source>The code interpreter is documented for the China (Beijing) region only, and API keys are bound to the region that issued them.</source>
        <translation>根据文档，代码解释器仅支持中国大陆（北京）地域；API Key 与签发它的地域绑定。</translation>
    </message>
    <message>
        <source>Region</source>
        <translation>地域</translation>
    </message>
    <message>
        <source>Base URL</source>
        <translation>Base URL</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>Use it for this session only</source>
        <translation>仅用于本次会话</translation>
    </message>
    <message>
        <source>Connection</source>
        <translation>连接</translation>
    </message>
    <message>
        <source>General</source>
        <translation>常规</translation>
    </message>
    <message>
        <source>Save and leave that key in the keyring</source>
        <translation>保存，并将该 API Key 保留在密钥环中</translation>
    </message>
    <message>
        <source>Connection profiles: each has its own protocol, address, model and key</source>
        <translation>连接配置：每个配置都有各自的协议、地址、模型和 API Key</translation>
    </message>
    <message>
        <source>New</source>
        <translation>新建</translation>
    </message>
    <message>
        <source>Add a connection profile (an OpenAI-compatible server, to begin with)</source>
        <translation>添加连接配置（初始为 OpenAI 兼容服务器）</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Delete this profile and its stored key when you save</source>
        <translation>保存时删除此配置及其已保存的 API Key</translation>
    </message>
    <message>
        <source>DashScope native — shows the executed code</source>
        <translation>DashScope 原生——显示已执行的代码</translation>
    </message>
    <message>
        <source>OpenAI-compatible — no executed code</source>
        <translation>OpenAI 兼容——不显示已执行的代码</translation>
    </message>
    <message>
        <source>This protocol does not return the executed code or the interpreter count; the code pane will say so.</source>
        <translation>此协议不返回已执行的代码，也不返回解释器运行次数；代码窗格中会对此加以说明。</translation>
    </message>
    <message>
        <source>Profile</source>
        <translation>配置</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Protocol</source>
        <translation>协议</translation>
    </message>
    <message>
        <source>Send one tiny request with this key, address and model</source>
        <translation>使用此 API Key、地址和模型发送一个极小的请求</translation>
    </message>
    <message>
        <source>API key of this profile</source>
        <translation>此配置的 API Key</translation>
    </message>
    <message>
        <source>(no name)</source>
        <translation>（无名称）</translation>
    </message>
    <message>
        <source>http://localhost:8000/v1</source>
        <translation>http://localhost:8000/v1</translation>
    </message>
    <message>
        <source>The next question uses this connection.</source>
        <translation>下一个问题将使用此连接。</translation>
    </message>
    <message>
        <source>Saving makes this the connection for the next question (now: {name}).</source>
        <translation>保存后，下一个问题将使用此连接（当前：{name}）。</translation>
    </message>
    <message>
        <source>A connection needs a name.</source>
        <translation>连接需要一个名称。</translation>
    </message>
    <message>
        <source>Another connection is already called “{name}”.</source>
        <translation>已有另一个连接名为“{name}”。</translation>
    </message>
    <message>
        <source>“{name}” needs a base URL (or a region).</source>
        <translation>“{name}”需要 Base URL（或地域）。</translation>
    </message>
    <message>
        <source>The base URL of “{name}” must look like http://host:port/path.</source>
        <translation>“{name}”的 Base URL 格式必须类似 http://host:port/path。</translation>
    </message>
    <message>
        <source>New connection</source>
        <translation>新连接</translation>
    </message>
    <message>
        <source>Deleted when you save, with the stored key: {names}. Cancel undoes this.</source>
        <translation>保存时将删除以下连接及其已保存的 API Key：{names}。点击“取消”可撤销此操作。</translation>
    </message>
    <message>
        <source>Hide</source>
        <translation>隐藏</translation>
    </message>
    <message>
        <source>Type the base URL above: a local server may need no key.</source>
        <translation>请在上方输入 Base URL：本地服务器可能不需要 API Key。</translation>
    </message>
    <message>
        <source>No key needed for a local server; add one if yours asks for it.</source>
        <translation>本地服务器无需 API Key；如果你的服务器要求提供，请添加一个。</translation>
    </message>
    <message>
        <source>(The OS keyring cannot be used: {reason})</source>
        <translation>（无法使用系统密钥环：{reason}）</translation>
    </message>
    <message>
        <source>DASHSCOPE_API_KEY is set and takes precedence</source>
        <translation>已设置 DASHSCOPE_API_KEY，将优先使用</translation>
    </message>
    <message>
        <source>optional: only if your server asks for a key</source>
        <translation>可选：仅当你的服务器要求 API Key 时填写</translation>
    </message>
    <message>
        <source>Testing…</source>
        <translation>正在测试…</translation>
    </message>
    <message>
        <source>No key to test: type one above.</source>
        <translation>没有可测试的 API Key：请在上方输入。</translation>
    </message>
    <message>
        <source>The key works with {url} and {model} ({seconds} s).</source>
        <translation>该 API Key 可用于 {url} 和 {model}（{seconds} 秒）。</translation>
    </message>
    <message>
        <source>{url} answers with {model} without a key ({seconds} s).</source>
        <translation>{url} 使用 {model} 作出了应答，无需 API Key（{seconds} 秒）。</translation>
    </message>
    <message>
        <source>Not removed: {reason}</source>
        <translation>未删除：{reason}</translation>
    </message>
    <message>
        <source>Removed the stored key.</source>
        <translation>已删除保存的 API Key。</translation>
    </message>
    <message>
        <source>No key was stored.</source>
        <translation>没有已保存的 API Key。</translation>
    </message>
    <message>
        <source>Not saved: {reason}.</source>
        <translation>未保存：{reason}。</translation>
    </message>
    <message>
        <source>Not saved. {problem}</source>
        <translation>未保存。{problem}</translation>
    </message>
    <message>
        <source>The stored key of the deleted connection “{name}” could not be removed: {reason}</source>
        <translation>已删除的连接“{name}”所保存的 API Key 未能删除：{reason}</translation>
    </message>
    <message>
        <source>The key was not stored: {reason} Nothing was written anywhere else.</source>
        <translation>API Key 未保存：{reason} 也没有写入其他任何位置。</translation>
    </message>
</context>
<context>
    <name>SettingsMixin</name>
    <message>
        <source>dashchat (demo)</source>
        <translation>dashchat（演示）</translation>
    </message>
    <message>
        <source>OpenAI-compatible: no executed code</source>
        <translation>OpenAI 兼容：不显示已执行的代码</translation>
    </message>
    <message>
        <source>DashScope native</source>
        <translation>DashScope 原生</translation>
    </message>
    <message>
        <source>The next question goes to {connection}</source>
        <translation>下一个问题将发送到 {connection}</translation>
    </message>
    <message>
        <source>Settings saved: they apply to the next question</source>
        <translation>设置已保存，将从下一个问题开始生效</translation>
    </message>
    <message>
        <source>Nothing to export yet</source>
        <translation>暂无可导出的内容</translation>
    </message>
    <message>
        <source>Markdown (*.md)</source>
        <translation>Markdown (*.md)</translation>
    </message>
    <message>
        <source>HTML (*.html)</source>
        <translation>HTML 网页 (*.html)</translation>
    </message>
    <message>
        <source>Transcript JSON (*.json)</source>
        <translation>对话记录 JSON (*.json)</translation>
    </message>
    <message>
        <source>Jupyter notebook (*.ipynb)</source>
        <translation>Jupyter 笔记本 (*.ipynb)</translation>
    </message>
    <message>
        <source>Export conversation</source>
        <translation>导出对话</translation>
    </message>
    <message>
        <source>Export failed: {reason}</source>
        <translation>导出失败：{reason}</translation>
    </message>
    <message>
        <source>Exported to {path}</source>
        <translation>已导出到 {path}</translation>
    </message>
</context>
<context>
    <name>ShortcutsDialog</name>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>键盘快捷键</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>操作</translation>
    </message>
    <message>
        <source>Keys</source>
        <translation>按键</translation>
    </message>
</context>
<context>
    <name>Sidebar</name>
    <message>
        <source>New conversation</source>
        <translation>新建对话</translation>
    </message>
    <message>
        <source>New conversation ({shortcut})</source>
        <translation>新建对话（{shortcut}）</translation>
    </message>
    <message>
        <source>Search conversations</source>
        <translation>搜索对话</translation>
    </message>
    <message>
        <source>Include thinking</source>
        <translation>包括思考过程</translation>
    </message>
    <message numerus="yes">
        <source>%n turn(s)</source>
        <translation>
            <numerusform>%n 轮对话</numerusform>
        </translation>
    </message>
    <message>
        <source>Untitled</source>
        <translation>无标题</translation>
    </message>
    <message>
        <source>No conversations yet.</source>
        <translation>还没有对话。</translation>
    </message>
    <message>
        <source>Turn {number}</source>
        <translation>第 {number} 轮</translation>
    </message>
    <message>
        <source>Nothing matches “{text}”.</source>
        <translation>没有与“{text}”匹配的结果。</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>打开</translation>
    </message>
    <message>
        <source>Rename…</source>
        <translation>重命名…</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Rename conversation</source>
        <translation>重命名对话</translation>
    </message>
    <message>
        <source>Title:</source>
        <translation>标题：</translation>
    </message>
    <message>
        <source>Not saved to the history</source>
        <translation>未保存到历史记录</translation>
    </message>
</context>
<context>
    <name>SystemPromptDialog</name>
    <message>
        <source>System prompt</source>
        <translation>系统提示词</translation>
    </message>
    <message>
        <source>Instructions sent before every question of this conversation</source>
        <translation>在此对话的每个问题之前发送的指示</translation>
    </message>
    <message>
        <source>Sent first, as the system message, with each question of this conversation only.</source>
        <translation>仅在此对话中，作为系统消息随每个问题最先发送。</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>清除</translation>
    </message>
</context>
<context>
    <name>ThinkingPane</name>
    <message>
        <source>The model&apos;s thinking streams here.</source>
        <translation>模型的思考过程会实时显示在这里。</translation>
    </message>
    <message>
        <source>ran code #{number}</source>
        <translation>运行了代码 #{number}</translation>
    </message>
    <message>
        <source>silent for {seconds} s: the interpreter probably ran code</source>
        <translation>静默 {seconds} 秒：解释器可能运行了代码</translation>
    </message>
</context>
<context>
    <name>TurnCard</name>
    <message>
        <source>{number}. You</source>
        <translation>{number}. 你</translation>
    </message>
    <message>
        <source>Edit</source>
        <translation>编辑</translation>
    </message>
    <message>
        <source>Edit question {number}</source>
        <translation>编辑问题 {number}</translation>
    </message>
    <message>
        <source>Edit this question and ask it again as a new version of this turn</source>
        <translation>编辑此问题，并作为这一轮的新版本重新提问</translation>
    </message>
    <message>
        <source>Regenerate</source>
        <translation>重新生成</translation>
    </message>
    <message>
        <source>Regenerate answer {number}</source>
        <translation>重新生成回答 {number}</translation>
    </message>
    <message>
        <source>Ask the same question again as a new version of this turn; this answer stays, with what followed it</source>
        <translation>将同一问题作为这一轮的新版本再问一次；此回答及其后续内容会保留</translation>
    </message>
    <message>
        <source>Copy answer</source>
        <translation>复制回答</translation>
    </message>
    <message>
        <source>Copy this answer as Markdown</source>
        <translation>以 Markdown 格式复制此回答</translation>
    </message>
    <message>
        <source>Copy code</source>
        <translation>复制代码</translation>
    </message>
    <message>
        <source>Copy a code block of this answer, without its fences, or run one</source>
        <translation>复制此回答中的代码块（不含 ``` 行），或运行它</translation>
    </message>
    <message>
        <source>Opening the answer…</source>
        <translation>正在打开回答…</translation>
    </message>
    <message>
        <source>Streaming…</source>
        <translation>正在流式输出…</translation>
    </message>
    <message>
        <source>Complete (cut at max tokens)</source>
        <translation>已完成（达到最大 Token 数，已截断）</translation>
    </message>
    <message>
        <source>Complete</source>
        <translation>已完成</translation>
    </message>
    <message>
        <source>Interrupted: what arrived is kept</source>
        <translation>已中断：已收到的内容已保留</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>失败</translation>
    </message>
</context>
<context>
    <name>WelcomeDialog</name>
    <message>
        <source>Welcome to dashchat</source>
        <translation>欢迎使用 dashchat</translation>
    </message>
    <message>
        <source>Ask Qwen a question: it thinks, writes and runs Python in its sandbox, and answers. You watch its thinking, every snippet it ran, and the answer, live.

To talk to the service you need an API key from Alibaba Cloud Model Studio (the code interpreter is offered in the China (Beijing) region). The key is kept in your system&apos;s keyring, never in a file.</source>
        <translation>向 Qwen 提问：它会思考，在沙箱中编写并运行 Python，然后作答。你可以实时看到它的思考过程、运行过的每段代码以及回答。

要使用该服务，你需要 Alibaba Cloud Model Studio（阿里云百炼）的 API Key；代码解释器在中国大陆（北京）地域提供。API Key 保存在系统密钥环中，绝不会写入文件。</translation>
    </message>
    <message>
        <source>Enter your API key…</source>
        <translation>输入 API Key…</translation>
    </message>
    <message>
        <source>Try the demo</source>
        <translation>试用演示</translation>
    </message>
    <message>
        <source>Recorded replies, no key, no network</source>
        <translation>录制的回复，无需 API Key，无需联网</translation>
    </message>
    <message>
        <source>Later</source>
        <translation>稍后</translation>
    </message>
</context>
</TS>
