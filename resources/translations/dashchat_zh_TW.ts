<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_TW" sourcelanguage="en">
<context>
    <name>AnswerOutputs</name>
    <message>
        <source>Output of code block {number}</source>
        <translation>程式碼區塊 {number} 的輸出</translation>
    </message>
    <message>
        <source>Output of code block {number} of answer {answer}</source>
        <translation>回答 {answer} 中程式碼區塊 {number} 的輸出</translation>
    </message>
</context>
<context>
    <name>AnswerPane</name>
    <message>
        <source>Ask a question below. Qwen thinks, runs Python in its sandbox, and answers here.</source>
        <translation>在下方提出問題。Qwen 會思考、在沙箱中執行 Python，並在這裡回答。</translation>
    </message>
    <message>
        <source>Show earlier turns ({count})</source>
        <translation>顯示較早的對話輪次（{count}）</translation>
    </message>
</context>
<context>
    <name>BranchPager</name>
    <message>
        <source>Previous version</source>
        <translation>上一個版本</translation>
    </message>
    <message>
        <source>Show the previous version of this turn and what followed it</source>
        <translation>顯示這一輪的上一個版本及其後續內容</translation>
    </message>
    <message>
        <source>Next version</source>
        <translation>下一個版本</translation>
    </message>
    <message>
        <source>Show the next version of this turn and what followed it</source>
        <translation>顯示這一輪的下一個版本及其後續內容</translation>
    </message>
    <message>
        <source>Version {number} of {count}</source>
        <translation>第 {number} 個版本，共 {count} 個</translation>
    </message>
</context>
<context>
    <name>CodeBlock</name>
    <message>
        <source>Copied</source>
        <translation>已複製</translation>
    </message>
    <message>
        <source>Run locally</source>
        <translation>在本機執行</translation>
    </message>
    <message>
        <source>Run this turn&apos;s code up to this block on this computer, in order, and show what it prints</source>
        <translation>在這台電腦上依序執行本輪到此程式碼區塊為止的程式碼，並顯示其輸出</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>複製</translation>
    </message>
    <message>
        <source>Copy exactly the code the interpreter ran</source>
        <translation>複製解譯器實際執行的程式碼</translation>
    </message>
    <message>
        <source>writing code…</source>
        <translation>正在撰寫程式碼…</translation>
    </message>
</context>
<context>
    <name>CodeCopyButtons</name>
    <message>
        <source>Copy</source>
        <translation>複製</translation>
    </message>
    <message>
        <source>Copy this code block, without its fences</source>
        <translation>複製此程式碼區塊（不含圍欄標記）</translation>
    </message>
    <message>
        <source>Copy code block {number}</source>
        <translation>複製程式碼區塊 {number}</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>執行</translation>
    </message>
    <message>
        <source>Stop code block {number} of answer {answer}</source>
        <translation>停止回答 {answer} 中的程式碼區塊 {number}</translation>
    </message>
    <message>
        <source>Run code block {number} of answer {answer}</source>
        <translation>執行回答 {answer} 中的程式碼區塊 {number}</translation>
    </message>
    <message>
        <source>Run this block on this computer, after the answer&apos;s Python blocks before it: in order, in one process, so they share variables. What each prints shows under the answer</source>
        <translation>在本機執行此程式碼區塊：先依序執行回答中它之前的 Python 程式碼區塊，同在一個行程中，因此它們共用變數。每個區塊的輸出顯示在回答下方</translation>
    </message>
    <message>
        <source>Block {number}: {first_line}</source>
        <translation>區塊 {number}：{first_line}</translation>
    </message>
    <message>
        <source>Stop block {number}</source>
        <translation>停止程式碼區塊 {number}</translation>
    </message>
    <message>
        <source>Run block {number}: {first_line}</source>
        <translation>執行程式碼區塊 {number}：{first_line}</translation>
    </message>
</context>
<context>
    <name>CodePane</name>
    <message>
        <source>Code the interpreter runs appears here, one block per run.</source>
        <translation>解譯器執行的程式碼會顯示在這裡，每次執行一個區塊。</translation>
    </message>
    <message>
        <source>{connection} uses the OpenAI-compatible protocol, which does not return the code the interpreter runs: it cannot appear here. The thinking pane marks where it probably ran.</source>
        <translation>{connection} 使用 OpenAI 相容協定，該協定不會傳回解譯器執行的程式碼，因此這裡不會顯示程式碼。思考過程窗格會標出程式碼可能執行的位置。</translation>
    </message>
    <message>
        <source>This connection</source>
        <translation>此連線</translation>
    </message>
    <message>
        <source>This reply comes through {connection}, an OpenAI-compatible connection.</source>
        <translation>此回覆來自 {connection}，這是一個 OpenAI 相容連線。</translation>
    </message>
    <message>
        <source>This reply comes through an OpenAI-compatible connection.</source>
        <translation>此回覆來自一個 OpenAI 相容連線。</translation>
    </message>
    <message>
        <source>That protocol does not return the code the interpreter runs, nor how many times it ran: use a DashScope native connection to see it here.</source>
        <translation>該通訊協定不會傳回解譯器執行的程式碼，也不會傳回執行次數：請使用 DashScope 原生連線，才能在這裡查看。</translation>
    </message>
    <message>
        <source>Nothing has arrived for {seconds} s: the interpreter may be running code.</source>
        <translation>已有 {seconds} 秒未收到任何內容：解譯器可能正在執行程式碼。</translation>
    </message>
    <message>
        <source>Probable run #{number}: silent for {seconds} s (the code is not returned by this protocol)</source>
        <translation>可能的執行 #{number}：靜默 {seconds} 秒（此通訊協定不會傳回程式碼）</translation>
    </message>
</context>
<context>
    <name>Composer</name>
    <message>
        <source>Model for this conversation</source>
        <translation>此對話的模型</translation>
    </message>
    <message>
        <source>The model this conversation asks; empty: the connection profile&apos;s model</source>
        <translation>此對話提問所用的模型；留空則使用連線設定檔中的模型</translation>
    </message>
    <message>
        <source>System prompt…</source>
        <translation>系統提示詞…</translation>
    </message>
    <message>
        <source>default</source>
        <translation>預設</translation>
    </message>
    <message>
        <source> tokens</source>
        <translation> 個 Token</translation>
    </message>
    <message>
        <source>Thinking budget for this conversation</source>
        <translation>此對話的思考預算</translation>
    </message>
    <message>
        <source>Most reasoning tokens per question; default: the budget in Settings, or the service&apos;s own</source>
        <translation>每個問題最多的推理 Token 數；預設：設定中的預算，若未設定則用服務自己的</translation>
    </message>
    <message>
        <source>Thinking</source>
        <translation>思考</translation>
    </message>
    <message>
        <source>{model} (default)</source>
        <translation>{model}（預設）</translation>
    </message>
    <message>
        <source>System prompt ●</source>
        <translation>系統提示詞 ●</translation>
    </message>
    <message>
        <source>System prompt (set)</source>
        <translation>系統提示詞（已設定）</translation>
    </message>
    <message>
        <source>Instructions sent before every question of this conversation</source>
        <translation>在此對話的每個問題之前傳送的指示</translation>
    </message>
    <message>
        <source>System prompt (none)</source>
        <translation>系統提示詞（無）</translation>
    </message>
</context>
<context>
    <name>CostLabel</name>
    <message>
        <source>An estimate from the token counts the service reported and your price table; the code interpreter itself is not billed, but each of its rounds adds input tokens</source>
        <translation>根據服務回報的 Token 數和你的價格表估算；程式碼解譯器本身不收費，但它的每一輪都會增加輸入 Token</translation>
    </message>
    <message>
        <source>turn {cost}</source>
        <translation>本輪 {cost}</translation>
    </message>
    <message>
        <source>conversation {cost}</source>
        <translation>對話 {cost}</translation>
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
        <translation>將思考限制為</translation>
    </message>
    <message>
        <source> tokens</source>
        <translation> 個 Token</translation>
    </message>
    <message>
        <source>Generation</source>
        <translation>生成</translation>
    </message>
    <message>
        <source>Thinking budget</source>
        <translation>思考預算</translation>
    </message>
    <message>
        <source>Enter sends the question (Ctrl+Enter for a new line)</source>
        <translation>按 Enter 送出問題（Ctrl+Enter 換行）</translation>
    </message>
    <message>
        <source>Off: Enter starts a new line and Ctrl+Enter sends</source>
        <translation>關閉時：Enter 換行，Ctrl+Enter 送出</translation>
    </message>
    <message>
        <source>Question box</source>
        <translation>提問框</translation>
    </message>
    <message>
        <source>The stream may go quiet while the interpreter runs; the service gives up after about 300 s.</source>
        <translation>解譯器執行期間，串流可能暫時沒有資料；服務端約 300 秒後會放棄。</translation>
    </message>
    <message>
        <source>system settings  (e.g. http://proxy.example:8080)</source>
        <translation>系統設定  （例如 http://proxy.example:8080）</translation>
    </message>
    <message>
        <source>Leave empty to use the system&apos;s proxy settings (HTTPS_PROXY, NO_PROXY). Certificates are always verified; SSL_CERT_FILE adds a custom CA bundle.</source>
        <translation>留空則使用系統的代理伺服器設定（HTTPS_PROXY、NO_PROXY）。一律驗證憑證；可透過 SSL_CERT_FILE 加入自訂 CA 憑證組合。</translation>
    </message>
    <message>
        <source>Network (every connection)</source>
        <translation>網路（所有連線）</translation>
    </message>
    <message>
        <source>Connect timeout</source>
        <translation>連線逾時</translation>
    </message>
    <message>
        <source>Silence timeout</source>
        <translation>靜默逾時</translation>
    </message>
    <message>
        <source>Proxy</source>
        <translation>代理伺服器</translation>
    </message>
    <message>
        <source>no Python found on PATH</source>
        <translation>PATH 中找不到 Python</translation>
    </message>
    <message>
        <source>The Python that runs executed code locally; leave empty for the default shown</source>
        <translation>在本機執行程式碼所用的 Python；留空則使用顯示的預設值</translation>
    </message>
    <message>
        <source>Allow the code to use the network</source>
        <translation>允許程式碼存取網路</translation>
    </message>
    <message>
        <source>Run code locally</source>
        <translation>在本機執行程式碼</translation>
    </message>
    <message>
        <source>Python</source>
        <translation>Python</translation>
    </message>
    <message>
        <source>No python3 or python was found on PATH: install Python, or enter the path of one here, to run code locally.</source>
        <translation>PATH 中找不到 python3 或 python：要在本機執行程式碼，請安裝 Python，或在此填寫其路徑。</translation>
    </message>
    <message>
        <source>Time limit</source>
        <translation>時間限制</translation>
    </message>
    <message>
        <source>Follow the system</source>
        <translation>跟隨系統</translation>
    </message>
    <message>
        <source>Light</source>
        <translation>淺色</translation>
    </message>
    <message>
        <source>Dark</source>
        <translation>深色</translation>
    </message>
    <message>
        <source>A new language applies when dashchat starts again.</source>
        <translation>新的語言將在 dashchat 重新啟動後生效。</translation>
    </message>
    <message>
        <source>Appearance</source>
        <translation>外觀</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>語言</translation>
    </message>
    <message>
        <source>Theme</source>
        <translation>主題</translation>
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
        <translation>本機執行尚未結束：請先停止它</translation>
    </message>
    <message>
        <source>Wait for the reply to finish before running its code</source>
        <translation>請等回覆結束後再執行其程式碼</translation>
    </message>
    <message>
        <source>(no Python found)</source>
        <translation>（找不到 Python）</translation>
    </message>
    <message>
        <source>Run this code on your computer?</source>
        <translation>要在你的電腦上執行這段程式碼嗎？</translation>
    </message>
    <message>
        <source>The code the model wrote will run on this computer, as you, with {python}. It can read and change your files and do what any program you start can do.

dashchat runs it in a separate process, in a temporary folder that is removed afterwards, without your API keys or other credentials in its environment, stopped after {seconds} s; {network} {memory}

This guards against accidents, not against hostile code: run only code you would run yourself.</source>
        <translation>模型撰寫的程式碼將以你的身分、用 {python} 在這台電腦上執行。它可以讀取和修改你的檔案，能做你啟動的任何程式能做的事。

dashchat 在獨立的行程中執行它，工作目錄是事後刪除的暫存資料夾，環境中不含你的 API 金鑰或其他憑證，{seconds} 秒後停止；{network}{memory}

這能防止意外，但防不了惡意程式碼：只執行你自己也會執行的程式碼。</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>執行</translation>
    </message>
    <message>
        <source>Don&apos;t ask again for this conversation</source>
        <translation>此對話中不再詢問</translation>
    </message>
    <message>
        <source>the network is allowed (Settings).</source>
        <translation>允許存取網路（設定）。</translation>
    </message>
    <message>
        <source>the network is refused from Python&apos;s sockets (code that goes around them, such as curl in a subprocess, is not stopped).</source>
        <translation>透過 Python socket 的網路存取會被拒絕（繞過它們的程式碼，例如子行程中的 curl，不會被阻止）。</translation>
    </message>
    <message>
        <source>Its memory is limited to 2048 MB.</source>
        <translation>其記憶體限制為 2048 MB。</translation>
    </message>
    <message>
        <source>A memory limit is set, but macOS does not enforce it.</source>
        <translation>設定了記憶體限制，但 macOS 不會執行它。</translation>
    </message>
    <message>
        <source>Its memory is not limited on this system.</source>
        <translation>在此系統上其記憶體不受限制。</translation>
    </message>
    <message>
        <source>No Python to run the code with: install Python (python3 on PATH) or choose one in Settings ▸ General.</source>
        <translation>沒有可用於執行程式碼的 Python：請安裝 Python（PATH 中的 python3），或在 設定 ▸ 一般 中選擇一個。</translation>
    </message>
    <message>
        <source>Running…</source>
        <translation>正在執行…</translation>
    </message>
    <message>
        <source>Could not run the code: {reason}</source>
        <translation>無法執行程式碼：{reason}</translation>
    </message>
    <message>
        <source>The outputs could not be saved: {reason}</source>
        <translation>輸出無法儲存：{reason}</translation>
    </message>
    <message>
        <source>Ran locally in {seconds} s</source>
        <translation>已在本機執行，用時 {seconds} 秒</translation>
    </message>
    <message>
        <source>Raised an exception</source>
        <translation>引發了例外</translation>
    </message>
    <message>
        <source>Stopped at the time limit</source>
        <translation>達到時間限制，已停止</translation>
    </message>
    <message>
        <source>Stopped</source>
        <translation>已停止</translation>
    </message>
    <message>
        <source>The process ended unexpectedly</source>
        <translation>行程意外結束</translation>
    </message>
    <message>
        <source>Not run: an earlier block did not finish</source>
        <translation>未執行：之前的程式碼區塊沒有完成</translation>
    </message>
    <message>
        <source>The outputs could not be removed from the history: {reason}</source>
        <translation>無法從歷史紀錄中刪除輸出：{reason}</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Waiting for the service…</source>
        <translation>正在等待服務…</translation>
    </message>
    <message>
        <source>Silent for {seconds} s: the interpreter may be running code…</source>
        <translation>已靜默 {seconds} 秒：解譯器可能正在執行程式碼…</translation>
    </message>
    <message>
        <source>Running code #{number} in the sandbox…</source>
        <translation>正在沙箱中執行程式碼 #{number}…</translation>
    </message>
    <message>
        <source>Writing the answer…</source>
        <translation>正在撰寫回答…</translation>
    </message>
    <message>
        <source>Thinking…</source>
        <translation>正在思考…</translation>
    </message>
    <message>
        <source>dashchat (demo)</source>
        <translation>dashchat（示範）</translation>
    </message>
    <message>
        <source>Thinking</source>
        <translation>思考過程</translation>
    </message>
    <message>
        <source>Executed code</source>
        <translation>已執行的程式碼</translation>
    </message>
    <message>
        <source>Answer</source>
        <translation>回答</translation>
    </message>
    <message>
        <source>Open settings</source>
        <translation>開啟設定</translation>
    </message>
    <message>
        <source>Retry</source>
        <translation>重試</translation>
    </message>
    <message>
        <source>Ask the same question again in the failed turn&apos;s place (the failed attempt stays in the history)</source>
        <translation>在失敗回合的位置重新提出同一問題（失敗的嘗試保留在歷史紀錄中）</translation>
    </message>
    <message>
        <source>Close the error message</source>
        <translation>關閉錯誤訊息</translation>
    </message>
    <message>
        <source>Save as…</source>
        <translation>另存新檔…</translation>
    </message>
    <message>
        <source>Write this conversation to a file of your choice</source>
        <translation>將此對話寫入您選擇的檔案</translation>
    </message>
    <message>
        <source>Send</source>
        <translation>送出</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <source>Stop the reply and keep what arrived (Esc)</source>
        <translation>停止回覆並保留已收到的內容（Esc）</translation>
    </message>
    <message>
        <source>The connection profile the next question goes to</source>
        <translation>下一個問題將送往的連線設定檔</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>復原</translation>
    </message>
    <message>
        <source>Send the question</source>
        <translation>送出問題</translation>
    </message>
    <message>
        <source>Not saved to the history</source>
        <translation>未儲存到歷史記錄</translation>
    </message>
    <message>
        <source>The last reply could not be saved to the history: {problem}.

Save a copy before closing?</source>
        <translation>最後一則回覆無法儲存到歷史記錄：{problem}。

關閉前要儲存一份副本嗎？</translation>
    </message>
    <message>
        <source>Close without saving</source>
        <translation>不儲存並關閉</translation>
    </message>
    <message>
        <source>Import conversations</source>
        <translation>匯入對話</translation>
    </message>
    <message>
        <source>ChatGPT export or dashchat transcript (*.zip *.json)</source>
        <translation>ChatGPT 匯出或 dashchat 紀錄 (*.zip *.json)</translation>
    </message>
    <message>
        <source>All files (*)</source>
        <translation>所有檔案 (*)</translation>
    </message>
    <message>
        <source>Importing {name}…</source>
        <translation>正在匯入 {name}…</translation>
    </message>
    <message>
        <source>Nothing was imported from {name}: {reason}</source>
        <translation>未從 {name} 匯入任何內容：{reason}</translation>
    </message>
    <message>
        <source>Nothing was imported: the history could not be written ({reason})</source>
        <translation>未匯入任何內容：無法寫入歷史紀錄（{reason}）</translation>
    </message>
    <message>
        <source>Imported {name}: conversations added: {conversations}, continued: {continued}; turns: {turns}</source>
        <translation>已匯入 {name}：新增對話 {conversations} 個，續接 {continued} 個；輪次 {turns} 個</translation>
    </message>
    <message>
        <source>{name}: everything in it is in the history already</source>
        <translation>{name}：其中的內容都已在歷史紀錄中</translation>
    </message>
</context>
<context>
    <name>MenusMixin</name>
    <message>
        <source>&amp;File</source>
        <translation>檔案(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;New conversation</source>
        <translation>新增對話(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;Export conversation…</source>
        <translation>匯出對話(&amp;E)…</translation>
    </message>
    <message>
        <source>&amp;Import…</source>
        <translation>匯入(&amp;I)…</translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation>設定(&amp;S)…</translation>
    </message>
    <message>
        <source>&amp;Prices…</source>
        <translation>價格(&amp;P)…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>結束(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>編輯(&amp;E)</translation>
    </message>
    <message>
        <source>Copy the last answer</source>
        <translation>複製最後的回答</translation>
    </message>
    <message>
        <source>Copy the last executed code</source>
        <translation>複製最後執行的程式碼</translation>
    </message>
    <message>
        <source>Search conversations</source>
        <translation>搜尋對話</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>檢視(&amp;V)</translation>
    </message>
    <message>
        <source>Question box</source>
        <translation>提問框</translation>
    </message>
    <message>
        <source>Conversations</source>
        <translation>對話列表</translation>
    </message>
    <message>
        <source>Answer pane</source>
        <translation>回答窗格</translation>
    </message>
    <message>
        <source>Thinking pane</source>
        <translation>思考過程窗格</translation>
    </message>
    <message>
        <source>Executed code pane</source>
        <translation>已執行程式碼窗格</translation>
    </message>
    <message>
        <source>Show Thinking</source>
        <translation>顯示思考過程</translation>
    </message>
    <message>
        <source>Show Executed code</source>
        <translation>顯示已執行的程式碼</translation>
    </message>
    <message>
        <source>Zoom in</source>
        <translation>放大</translation>
    </message>
    <message>
        <source>Zoom out</source>
        <translation>縮小</translation>
    </message>
    <message>
        <source>Actual size</source>
        <translation>實際大小</translation>
    </message>
    <message>
        <source>Send the question</source>
        <translation>送出問題</translation>
    </message>
    <message>
        <source>Stop the reply</source>
        <translation>停止回答</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>說明(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;Keyboard shortcuts</source>
        <translation>鍵盤快速鍵(&amp;K)</translation>
    </message>
    <message>
        <source>Question</source>
        <translation>問題</translation>
    </message>
    <message>
        <source>Answer</source>
        <translation>回答</translation>
    </message>
    <message>
        <source>The conversation: each question and its answer</source>
        <translation>對話：每個問題及其回答</translation>
    </message>
    <message>
        <source>Thinking</source>
        <translation>思考過程</translation>
    </message>
    <message>
        <source>The model&apos;s reasoning, with a marker where code ran</source>
        <translation>模型的思考過程，執行程式碼處有標記</translation>
    </message>
    <message>
        <source>Executed code</source>
        <translation>已執行的程式碼</translation>
    </message>
    <message>
        <source>Every snippet the interpreter ran, in order</source>
        <translation>解譯器執行過的每段程式碼，依序排列</translation>
    </message>
    <message>
        <source>Stored conversations, newest first</source>
        <translation>已儲存的對話，最新的在前</translation>
    </message>
    <message>
        <source>Token usage</source>
        <translation>Token 用量</translation>
    </message>
    <message>
        <source>Interpreter runs</source>
        <translation>解譯器執行次數</translation>
    </message>
    <message>
        <source>Timing</source>
        <translation>耗時</translation>
    </message>
    <message>
        <source>Request id</source>
        <translation>請求 ID</translation>
    </message>
    <message>
        <source>Request status</source>
        <translation>請求狀態</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>錯誤</translation>
    </message>
    <message numerus="yes">
        <source>%n reply(s) cut off by an earlier crash were kept and marked interrupted</source>
        <translation>
            <numerusform>%n 個因先前當機而中斷的回答已保留並標記為已中斷</numerusform>
        </translation>
    </message>
    <message>
        <source>Copied the last answer</source>
        <translation>已複製最後的回答</translation>
    </message>
    <message>
        <source>Copied the last executed code</source>
        <translation>已複製最後執行的程式碼</translation>
    </message>
    <message>
        <source>Demo: recorded replies from the documentation&apos;s examples stream through the real pipeline. No key, no network. Whatever you ask, the next recording answers.</source>
        <translation>示範模式：取自文件範例的錄製回覆會經由實際的處理流程串流輸出。不需 API Key，也不需網路。無論你問什麼，都由下一段錄製內容回答。</translation>
    </message>
</context>
<context>
    <name>OpeningMixin</name>
    <message>
        <source>Stop the current reply first</source>
        <translation>請先停止目前的回覆</translation>
    </message>
    <message>
        <source>New conversation</source>
        <translation>新對話</translation>
    </message>
    <message>
        <source>Stop the current reply before opening another conversation</source>
        <translation>請先停止目前的回覆，再開啟其他對話</translation>
    </message>
    <message>
        <source>That conversation is gone</source>
        <translation>該對話已不存在</translation>
    </message>
    <message>
        <source>Deleted “{title}”</source>
        <translation>已刪除「{title}」</translation>
    </message>
    <message>
        <source>Untitled</source>
        <translation>未命名</translation>
    </message>
    <message>
        <source>Restored</source>
        <translation>已還原</translation>
    </message>
</context>
<context>
    <name>OptionsMixin</name>
    <message>
        <source>This conversation&apos;s model, system prompt and thinking budget could not be saved to the history: they apply until dashchat closes.</source>
        <translation>此對話的模型、系統提示詞和思考預算無法儲存到歷史記錄：它們在 dashchat 關閉前仍然有效。</translation>
    </message>
    <message>
        <source>The prices could not be saved: {reason}</source>
        <translation>無法儲存價格：{reason}</translation>
    </message>
    <message>
        <source>Zoom: {steps:+d}</source>
        <translation>縮放：{steps:+d}</translation>
    </message>
    <message>
        <source>Zoom: actual size</source>
        <translation>縮放：實際大小</translation>
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
        <translation>停止本次執行：結束該行程及其啟動的一切</translation>
    </message>
    <message>
        <source>Clear outputs</source>
        <translation>清除輸出</translation>
    </message>
    <message>
        <source>Remove these outputs, here and in the history</source>
        <translation>刪除這些輸出，包括此處和歷史紀錄中的</translation>
    </message>
    <message>
        <source>Show all</source>
        <translation>全部顯示</translation>
    </message>
    <message>
        <source>Show the whole output (long outputs are cut on screen)</source>
        <translation>顯示完整輸出（較長的輸出在螢幕上會被截斷）</translation>
    </message>
    <message>
        <source>Figure, {width}×{height} pixels</source>
        <translation>圖像，{width}×{height} 像素</translation>
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
        <translation>價格</translation>
    </message>
    <message>
        <source>Prices per million tokens, as your Model Studio console lists them. Costs shown are estimates from the token counts the service reports; reasoning counts as output, and the code interpreter adds input tokens but no charge of its own. A model without prices gets no estimate.</source>
        <translation>每百萬 Token 的價格，依你的 Model Studio 主控台所列填寫。顯示的費用是根據服務回報的 Token 數得出的估算；推理計為輸出，程式碼解譯器會增加輸入 Token，但本身不另收費。沒有價格的模型不顯示估算。</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>Input / 1M tokens</source>
        <translation>輸入 / 百萬 Token</translation>
    </message>
    <message>
        <source>Output / 1M tokens</source>
        <translation>輸出 / 百萬 Token</translation>
    </message>
    <message>
        <source>Add model</source>
        <translation>新增模型</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <source>Currency</source>
        <translation>貨幣</translation>
    </message>
    <message>
        <source>{model}: a price is a number of at least 0 (both are needed)</source>
        <translation>{model}：價格須為不小於 0 的數字（兩項都需要）</translation>
    </message>
    <message>
        <source>{model} is listed twice</source>
        <translation>{model} 列出了兩次</translation>
    </message>
</context>
<context>
    <name>QuestionBox</name>
    <message>
        <source>Ask Qwen — it can run Python to work things out.  ({keys})</source>
        <translation>向 Qwen 提問——它可以執行 Python 來解決問題。  （{keys}）</translation>
    </message>
    <message>
        <source>Type a question; {keys}</source>
        <translation>輸入問題；{keys}</translation>
    </message>
</context>
<context>
    <name>QuestionEditor</name>
    <message>
        <source>Edited question</source>
        <translation>編輯後的問題</translation>
    </message>
    <message>
        <source>Send</source>
        <translation>傳送</translation>
    </message>
    <message>
        <source>Ask the edited question as a new version of this turn; the earlier version stays, with what followed it</source>
        <translation>將編輯後的問題作為這一輪的新版本提問；之前的版本及其後續內容會保留</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Leave the question as it was (Esc)</source>
        <translation>保持問題原樣 (Esc)</translation>
    </message>
</context>
<context>
    <name>QuestionText</name>
    <message>
        <source>Show all ({count} characters)</source>
        <translation>顯示全部（{count} 個字元）</translation>
    </message>
    <message>
        <source>Show less</source>
        <translation>收合</translation>
    </message>
</context>
<context>
    <name>RequestStatus</name>
    <message>
        <source>Ready</source>
        <translation>就緒</translation>
    </message>
    <message>
        <source>Copy id</source>
        <translation>複製 ID</translation>
    </message>
    <message>
        <source>Copy the request id (support asks for it)</source>
        <translation>複製請求 ID（聯絡技術支援時需要提供）</translation>
    </message>
    <message>
        <source>Silent for {seconds} s: the interpreter may be running code…</source>
        <translation>已靜默 {seconds} 秒：解譯器可能正在執行程式碼…</translation>
    </message>
    <message>
        <source>Tokens: {input} in · {output} out · {reasoning} reasoning · {total} total</source>
        <translation>Token：輸入 {input} · 輸出 {output} · 思考 {reasoning} · 總計 {total}</translation>
    </message>
    <message>
        <source>Tokens: counted at the end of the reply</source>
        <translation>Token：在回覆結束時統計</translation>
    </message>
    <message>
        <source>Tokens: not reported by the server</source>
        <translation>Token：伺服器未回報</translation>
    </message>
    <message>
        <source>Interpreter runs: {count}</source>
        <translation>解譯器執行次數：{count}</translation>
    </message>
    <message>
        <source>Interpreter runs: not reported</source>
        <translation>解譯器執行次數：未回報</translation>
    </message>
    <message>
        <source>The OpenAI-compatible protocol does not report how many times the interpreter ran, nor the code it ran</source>
        <translation>OpenAI 相容通訊協定不會回報解譯器的執行次數，也不會傳回它執行的程式碼</translation>
    </message>
    <message>
        <source>via {connection}</source>
        <translation>透過 {connection}</translation>
    </message>
    <message>
        <source>Elapsed {elapsed} · first token {first}</source>
        <translation>耗時 {elapsed} · 首個 Token {first}</translation>
    </message>
    <message>
        <source>Request {id}</source>
        <translation>請求 {id}</translation>
    </message>
    <message>
        <source>Streaming…</source>
        <translation>串流輸出中…</translation>
    </message>
    <message>
        <source>Waiting for the service…</source>
        <translation>正在等待服務…</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>完成</translation>
    </message>
    <message>
        <source>Stopped: what arrived is kept</source>
        <translation>已停止：已保留收到的內容</translation>
    </message>
    <message>
        <source>Failed: {code}</source>
        <translation>失敗：{code}</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>失敗</translation>
    </message>
</context>
<context>
    <name>SendKeys</name>
    <message>
        <source>Enter sends · Ctrl+Enter for a new line</source>
        <translation>Enter 傳送 · Ctrl+Enter 換行</translation>
    </message>
    <message>
        <source>Ctrl+Enter sends</source>
        <translation>Ctrl+Enter 傳送</translation>
    </message>
</context>
<context>
    <name>SendingMixin</name>
    <message>
        <source>Saved to the history</source>
        <translation>已儲存到歷史記錄</translation>
    </message>
    <message>
        <source>&lt;b&gt;Not saved to the history&lt;/b&gt; — {problem}.&lt;br&gt;The reply stays here in full and dashchat keeps trying; it is saved as soon as that is fixed. Save as… keeps a copy elsewhere.</source>
        <translation>&lt;b&gt;未儲存到歷史記錄&lt;/b&gt; — {problem}。&lt;br&gt;回覆完整保留在此處，dashchat 會持續重試；問題解決後立即儲存。「另存新檔…」可在別處保留一份副本。</translation>
    </message>
    <message>
        <source>Export failed: {reason}</source>
        <translation>匯出失敗：{reason}</translation>
    </message>
    <message>
        <source>Showing version {number} of {count}</source>
        <translation>正在顯示第 {number} 個版本（共 {count} 個）</translation>
    </message>
</context>
<context>
    <name>SentTime</name>
    <message>
        <source>Sent {time}</source>
        <translation>傳送於 {time}</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation>設定</translation>
    </message>
    <message>
        <source>Checking the keyring…</source>
        <translation>正在檢查鑰匙圈…</translation>
    </message>
    <message>
        <source>sk-…  (leave empty to keep the current key)</source>
        <translation>sk-…  （留空則保留目前的 API Key）</translation>
    </message>
    <message>
        <source>Show</source>
        <translation>顯示</translation>
    </message>
    <message>
        <source>Show or hide the key you are typing</source>
        <translation>顯示或隱藏正在輸入的 API Key</translation>
    </message>
    <message>
        <source>Keep it in the OS keyring (otherwise for this session only)</source>
        <translation>儲存到系統鑰匙圈（否則僅用於本次工作階段）</translation>
    </message>
    <message>
        <source>Test</source>
        <translation>測試</translation>
    </message>
    <message>
        <source>Remove stored key</source>
        <translation>移除已儲存的 API Key</translation>
    </message>
    <message>
        <source>China (Beijing)</source>
        <translation>中國大陸（北京）</translation>
    </message>
    <message>
        <source>Singapore</source>
        <translation>新加坡</translation>
    </message>
    <message>
        <source>US (Virginia)</source>
        <translation>美國（維吉尼亞）</translation>
    </message>
    <message>
        <source>Custom base URL</source>
        <translation>自訂 Base URL</translation>
    </message>
    <message>
        <source>https://gateway.example/prefix</source>
        <translation>https://gateway.example/prefix</translation>
    </message>
    <message>
        <source>The code interpreter is documented for the China (Beijing) region only, and API keys are bound to the region that issued them.</source>
        <translation>根據文件，代碼解譯器僅支援中國大陸（北京）地區；API Key 與核發它的地區綁定。</translation>
    </message>
    <message>
        <source>Region</source>
        <translation>地區</translation>
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
        <translation>僅用於本次工作階段</translation>
    </message>
    <message>
        <source>Connection</source>
        <translation>連線</translation>
    </message>
    <message>
        <source>General</source>
        <translation>一般</translation>
    </message>
    <message>
        <source>Save and leave that key in the keyring</source>
        <translation>儲存，並將該 API Key 保留在鑰匙圈中</translation>
    </message>
    <message>
        <source>Connection profiles: each has its own protocol, address, model and key</source>
        <translation>連線設定檔：每個設定檔都有各自的通訊協定、位址、模型和 API Key</translation>
    </message>
    <message>
        <source>New</source>
        <translation>新增</translation>
    </message>
    <message>
        <source>Add a connection profile (an OpenAI-compatible server, to begin with)</source>
        <translation>新增連線設定檔（初始為 OpenAI 相容伺服器）</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>刪除</translation>
    </message>
    <message>
        <source>Delete this profile and its stored key when you save</source>
        <translation>儲存時刪除此設定檔及其已儲存的 API Key</translation>
    </message>
    <message>
        <source>DashScope native — shows the executed code</source>
        <translation>DashScope 原生——顯示已執行的程式碼</translation>
    </message>
    <message>
        <source>OpenAI-compatible — no executed code</source>
        <translation>OpenAI 相容——不顯示已執行的程式碼</translation>
    </message>
    <message>
        <source>This protocol does not return the executed code or the interpreter count; the code pane will say so.</source>
        <translation>此通訊協定不會傳回已執行的程式碼，也不會傳回解譯器執行次數；程式碼窗格中會加以說明。</translation>
    </message>
    <message>
        <source>Profile</source>
        <translation>設定檔</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名稱</translation>
    </message>
    <message>
        <source>Protocol</source>
        <translation>通訊協定</translation>
    </message>
    <message>
        <source>Send one tiny request with this key, address and model</source>
        <translation>使用此 API Key、位址和模型傳送一個極小的請求</translation>
    </message>
    <message>
        <source>API key of this profile</source>
        <translation>此設定檔的 API Key</translation>
    </message>
    <message>
        <source>(no name)</source>
        <translation>（無名稱）</translation>
    </message>
    <message>
        <source>http://localhost:8000/v1</source>
        <translation>http://localhost:8000/v1</translation>
    </message>
    <message>
        <source>The next question uses this connection.</source>
        <translation>下一個問題將使用此連線。</translation>
    </message>
    <message>
        <source>Saving makes this the connection for the next question (now: {name}).</source>
        <translation>儲存後，下一個問題將使用此連線（目前：{name}）。</translation>
    </message>
    <message>
        <source>A connection needs a name.</source>
        <translation>連線需要名稱。</translation>
    </message>
    <message>
        <source>Another connection is already called “{name}”.</source>
        <translation>已有另一個連線名為「{name}」。</translation>
    </message>
    <message>
        <source>“{name}” needs a base URL (or a region).</source>
        <translation>「{name}」需要 Base URL（或地區）。</translation>
    </message>
    <message>
        <source>The base URL of “{name}” must look like http://host:port/path.</source>
        <translation>「{name}」的 Base URL 格式必須類似 http://host:port/path。</translation>
    </message>
    <message>
        <source>New connection</source>
        <translation>新連線</translation>
    </message>
    <message>
        <source>Deleted when you save, with the stored key: {names}. Cancel undoes this.</source>
        <translation>儲存時將刪除以下連線及其已儲存的 API Key：{names}。按「取消」可復原此操作。</translation>
    </message>
    <message>
        <source>Hide</source>
        <translation>隱藏</translation>
    </message>
    <message>
        <source>Type the base URL above: a local server may need no key.</source>
        <translation>請在上方輸入 Base URL：本機伺服器可能不需要 API Key。</translation>
    </message>
    <message>
        <source>No key needed for a local server; add one if yours asks for it.</source>
        <translation>本機伺服器不需要 API Key；如果你的伺服器要求提供，請加入一個。</translation>
    </message>
    <message>
        <source>(The OS keyring cannot be used: {reason})</source>
        <translation>（無法使用系統鑰匙圈：{reason}）</translation>
    </message>
    <message>
        <source>DASHSCOPE_API_KEY is set and takes precedence</source>
        <translation>已設定 DASHSCOPE_API_KEY，將優先使用</translation>
    </message>
    <message>
        <source>optional: only if your server asks for a key</source>
        <translation>選填：僅在你的伺服器要求 API Key 時填寫</translation>
    </message>
    <message>
        <source>Testing…</source>
        <translation>正在測試…</translation>
    </message>
    <message>
        <source>No key to test: type one above.</source>
        <translation>沒有可測試的 API Key：請在上方輸入。</translation>
    </message>
    <message>
        <source>The key works with {url} and {model} ({seconds} s).</source>
        <translation>此 API Key 可搭配 {url} 與 {model} 使用（{seconds} 秒）。</translation>
    </message>
    <message>
        <source>{url} answers with {model} without a key ({seconds} s).</source>
        <translation>{url} 使用 {model} 做出回應，不需 API Key（{seconds} 秒）。</translation>
    </message>
    <message>
        <source>Not removed: {reason}</source>
        <translation>未移除：{reason}</translation>
    </message>
    <message>
        <source>Removed the stored key.</source>
        <translation>已移除儲存的 API Key。</translation>
    </message>
    <message>
        <source>No key was stored.</source>
        <translation>沒有已儲存的 API Key。</translation>
    </message>
    <message>
        <source>Not saved: {reason}.</source>
        <translation>未儲存：{reason}。</translation>
    </message>
    <message>
        <source>Not saved. {problem}</source>
        <translation>未儲存。{problem}</translation>
    </message>
    <message>
        <source>The stored key of the deleted connection “{name}” could not be removed: {reason}</source>
        <translation>已刪除的連線「{name}」所儲存的 API Key 無法移除：{reason}</translation>
    </message>
    <message>
        <source>The key was not stored: {reason} Nothing was written anywhere else.</source>
        <translation>API Key 未儲存：{reason} 也沒有寫入其他任何位置。</translation>
    </message>
</context>
<context>
    <name>SettingsMixin</name>
    <message>
        <source>dashchat (demo)</source>
        <translation>dashchat（示範）</translation>
    </message>
    <message>
        <source>OpenAI-compatible: no executed code</source>
        <translation>OpenAI 相容：不顯示已執行的程式碼</translation>
    </message>
    <message>
        <source>DashScope native</source>
        <translation>DashScope 原生</translation>
    </message>
    <message>
        <source>The next question goes to {connection}</source>
        <translation>下一個問題將送往 {connection}</translation>
    </message>
    <message>
        <source>Settings saved: they apply to the next question</source>
        <translation>設定已儲存，將從下一個問題開始生效</translation>
    </message>
    <message>
        <source>Nothing to export yet</source>
        <translation>目前沒有可匯出的內容</translation>
    </message>
    <message>
        <source>Markdown (*.md)</source>
        <translation>Markdown (*.md)</translation>
    </message>
    <message>
        <source>HTML (*.html)</source>
        <translation>HTML 網頁 (*.html)</translation>
    </message>
    <message>
        <source>Transcript JSON (*.json)</source>
        <translation>對話紀錄 JSON (*.json)</translation>
    </message>
    <message>
        <source>Jupyter notebook (*.ipynb)</source>
        <translation>Jupyter 筆記本 (*.ipynb)</translation>
    </message>
    <message>
        <source>Export conversation</source>
        <translation>匯出對話</translation>
    </message>
    <message>
        <source>Export failed: {reason}</source>
        <translation>匯出失敗：{reason}</translation>
    </message>
    <message>
        <source>Exported to {path}</source>
        <translation>已匯出至 {path}</translation>
    </message>
</context>
<context>
    <name>ShortcutsDialog</name>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>鍵盤快速鍵</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>操作</translation>
    </message>
    <message>
        <source>Keys</source>
        <translation>按鍵</translation>
    </message>
</context>
<context>
    <name>Sidebar</name>
    <message>
        <source>New conversation</source>
        <translation>新增對話</translation>
    </message>
    <message>
        <source>New conversation ({shortcut})</source>
        <translation>新增對話（{shortcut}）</translation>
    </message>
    <message>
        <source>Search conversations</source>
        <translation>搜尋對話</translation>
    </message>
    <message>
        <source>Include thinking</source>
        <translation>包含思考過程</translation>
    </message>
    <message numerus="yes">
        <source>%n turn(s)</source>
        <translation>
            <numerusform>%n 輪對話</numerusform>
        </translation>
    </message>
    <message>
        <source>Untitled</source>
        <translation>未命名</translation>
    </message>
    <message>
        <source>No conversations yet.</source>
        <translation>尚無對話。</translation>
    </message>
    <message>
        <source>Turn {number}</source>
        <translation>第 {number} 輪</translation>
    </message>
    <message>
        <source>Nothing matches “{text}”.</source>
        <translation>找不到符合「{text}」的結果。</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>開啟</translation>
    </message>
    <message>
        <source>Rename…</source>
        <translation>重新命名…</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>刪除</translation>
    </message>
    <message>
        <source>Rename conversation</source>
        <translation>重新命名對話</translation>
    </message>
    <message>
        <source>Title:</source>
        <translation>標題：</translation>
    </message>
    <message>
        <source>Not saved to the history</source>
        <translation>未儲存到歷史記錄</translation>
    </message>
</context>
<context>
    <name>SystemPromptDialog</name>
    <message>
        <source>System prompt</source>
        <translation>系統提示詞</translation>
    </message>
    <message>
        <source>Instructions sent before every question of this conversation</source>
        <translation>在此對話的每個問題之前傳送的指示</translation>
    </message>
    <message>
        <source>Sent first, as the system message, with each question of this conversation only.</source>
        <translation>僅在此對話中，作為系統訊息隨每個問題最先傳送。</translation>
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
        <translation>模型的思考過程會即時顯示在這裡。</translation>
    </message>
    <message>
        <source>ran code #{number}</source>
        <translation>執行了程式碼 #{number}</translation>
    </message>
    <message>
        <source>silent for {seconds} s: the interpreter probably ran code</source>
        <translation>靜默 {seconds} 秒：解譯器可能執行了程式碼</translation>
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
        <translation>編輯</translation>
    </message>
    <message>
        <source>Edit question {number}</source>
        <translation>編輯問題 {number}</translation>
    </message>
    <message>
        <source>Edit this question and ask it again as a new version of this turn</source>
        <translation>編輯此問題，並作為這一輪的新版本重新提問</translation>
    </message>
    <message>
        <source>Regenerate</source>
        <translation>重新產生</translation>
    </message>
    <message>
        <source>Regenerate answer {number}</source>
        <translation>重新產生回答 {number}</translation>
    </message>
    <message>
        <source>Ask the same question again as a new version of this turn; this answer stays, with what followed it</source>
        <translation>將同一問題作為這一輪的新版本再問一次；此回答及其後續內容會保留</translation>
    </message>
    <message>
        <source>Copy answer</source>
        <translation>複製回答</translation>
    </message>
    <message>
        <source>Copy this answer as Markdown</source>
        <translation>以 Markdown 格式複製此回答</translation>
    </message>
    <message>
        <source>Copy code</source>
        <translation>複製程式碼</translation>
    </message>
    <message>
        <source>Copy a code block of this answer, without its fences, or run one</source>
        <translation>複製此回答中的程式碼區塊（不含 ``` 行），或執行它</translation>
    </message>
    <message>
        <source>Opening the answer…</source>
        <translation>正在開啟回答…</translation>
    </message>
    <message>
        <source>Streaming…</source>
        <translation>串流輸出中…</translation>
    </message>
    <message>
        <source>Complete (cut at max tokens)</source>
        <translation>已完成（達到 Token 上限，已截斷）</translation>
    </message>
    <message>
        <source>Complete</source>
        <translation>已完成</translation>
    </message>
    <message>
        <source>Interrupted: what arrived is kept</source>
        <translation>已中斷：已保留收到的內容</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>失敗</translation>
    </message>
</context>
<context>
    <name>WelcomeDialog</name>
    <message>
        <source>Welcome to dashchat</source>
        <translation>歡迎使用 dashchat</translation>
    </message>
    <message>
        <source>Ask Qwen a question: it thinks, writes and runs Python in its sandbox, and answers. You watch its thinking, every snippet it ran, and the answer, live.

To talk to the service you need an API key from Alibaba Cloud Model Studio (the code interpreter is offered in the China (Beijing) region). The key is kept in your system&apos;s keyring, never in a file.</source>
        <translation>向 Qwen 提問：它會思考、在沙箱中撰寫並執行 Python，然後回答。你可以即時看到它的思考過程、執行過的每段程式碼，以及回答。

若要使用此服務，你需要 Alibaba Cloud Model Studio（阿里雲百鍊）的 API Key；代碼解譯器在中國大陸（北京）地區提供。API Key 會保存在系統的鑰匙圈中，絕不會寫入檔案。</translation>
    </message>
    <message>
        <source>Enter your API key…</source>
        <translation>輸入 API Key…</translation>
    </message>
    <message>
        <source>Try the demo</source>
        <translation>試用示範</translation>
    </message>
    <message>
        <source>Recorded replies, no key, no network</source>
        <translation>錄製的回覆，不需 API Key，也不需網路</translation>
    </message>
    <message>
        <source>Later</source>
        <translation>稍後</translation>
    </message>
</context>
</TS>
