<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ja" sourcelanguage="en">
<context>
    <name>AnswerOutputs</name>
    <message>
        <source>Output of code block {number}</source>
        <translation>コードブロック {number} の出力</translation>
    </message>
    <message>
        <source>Output of code block {number} of answer {answer}</source>
        <translation>回答 {answer} のコードブロック {number} の出力</translation>
    </message>
</context>
<context>
    <name>AnswerPane</name>
    <message>
        <source>Ask a question below. Qwen thinks, runs Python in its sandbox, and answers here.</source>
        <translation>下の欄に質問を入力してください。Qwen が思考し、サンドボックスで Python を実行して、ここに回答します。</translation>
    </message>
    <message>
        <source>Show earlier turns ({count})</source>
        <translation>以前のターンを表示 ({count})</translation>
    </message>
</context>
<context>
    <name>BranchPager</name>
    <message>
        <source>Previous version</source>
        <translation>前のバージョン</translation>
    </message>
    <message>
        <source>Show the previous version of this turn and what followed it</source>
        <translation>このターンの前のバージョンと、その後に続いた内容を表示</translation>
    </message>
    <message>
        <source>Next version</source>
        <translation>次のバージョン</translation>
    </message>
    <message>
        <source>Show the next version of this turn and what followed it</source>
        <translation>このターンの次のバージョンと、その後に続いた内容を表示</translation>
    </message>
    <message>
        <source>Version {number} of {count}</source>
        <translation>バージョン {number}/{count}</translation>
    </message>
</context>
<context>
    <name>CodeBlock</name>
    <message>
        <source>Copied</source>
        <translation>コピーしました</translation>
    </message>
    <message>
        <source>Run locally</source>
        <translation>ローカルで実行</translation>
    </message>
    <message>
        <source>Run this turn&apos;s code up to this block on this computer, in order, and show what it prints</source>
        <translation>このターンのコードをこのブロックまで、このコンピューターで順に実行し、出力を表示</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>コピー</translation>
    </message>
    <message>
        <source>Copy exactly the code the interpreter ran</source>
        <translation>インタープリターが実行したコードをそのままコピー</translation>
    </message>
    <message>
        <source>writing code…</source>
        <translation>コードを作成中…</translation>
    </message>
</context>
<context>
    <name>CodeCopyButtons</name>
    <message>
        <source>Copy</source>
        <translation>コピー</translation>
    </message>
    <message>
        <source>Copy this code block, without its fences</source>
        <translation>このコードブロックをフェンスなしでコピー</translation>
    </message>
    <message>
        <source>Copy code block {number}</source>
        <translation>コードブロック {number} をコピー</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>実行</translation>
    </message>
    <message>
        <source>Stop code block {number} of answer {answer}</source>
        <translation>回答 {answer} のコードブロック {number} を停止</translation>
    </message>
    <message>
        <source>Run code block {number} of answer {answer}</source>
        <translation>回答 {answer} のコードブロック {number} を実行</translation>
    </message>
    <message>
        <source>Run this block on this computer, after the answer&apos;s Python blocks before it: in order, in one process, so they share variables. What each prints shows under the answer</source>
        <translation>このブロックをこのコンピューターで実行します。回答内でこれより前の Python ブロックを順に同じプロセスで実行するため、変数は共有されます。各ブロックの出力は回答の下に表示されます</translation>
    </message>
    <message>
        <source>Block {number}: {first_line}</source>
        <translation>ブロック {number}: {first_line}</translation>
    </message>
    <message>
        <source>Stop block {number}</source>
        <translation>ブロック {number} を停止</translation>
    </message>
    <message>
        <source>Run block {number}: {first_line}</source>
        <translation>ブロック {number} を実行: {first_line}</translation>
    </message>
</context>
<context>
    <name>CodePane</name>
    <message>
        <source>Code the interpreter runs appears here, one block per run.</source>
        <translation>インタープリターが実行するコードがここに表示されます (1 回の実行につき 1 ブロック)。</translation>
    </message>
    <message>
        <source>{connection} uses the OpenAI-compatible protocol, which does not return the code the interpreter runs: it cannot appear here. The thinking pane marks where it probably ran.</source>
        <translation>{connection} は OpenAI 互換プロトコルを使用しています。このプロトコルはインタープリターが実行したコードを返さないため、ここには表示されません。思考プロセスのペインに、コードが実行されたと思われる位置が示されます。</translation>
    </message>
    <message>
        <source>This connection</source>
        <translation>この接続</translation>
    </message>
    <message>
        <source>This reply comes through {connection}, an OpenAI-compatible connection.</source>
        <translation>この応答は OpenAI 互換の接続 {connection} を経由しています。</translation>
    </message>
    <message>
        <source>This reply comes through an OpenAI-compatible connection.</source>
        <translation>この応答は OpenAI 互換の接続を経由しています。</translation>
    </message>
    <message>
        <source>That protocol does not return the code the interpreter runs, nor how many times it ran: use a DashScope native connection to see it here.</source>
        <translation>このプロトコルでは、インタープリターが実行するコードも実行回数も返されません。ここで確認するには DashScope ネイティブの接続を使用してください。</translation>
    </message>
    <message>
        <source>Nothing has arrived for {seconds} s: the interpreter may be running code.</source>
        <translation>{seconds} 秒間何も受信していません。インタープリターがコードを実行している可能性があります。</translation>
    </message>
    <message>
        <source>Probable run #{number}: silent for {seconds} s (the code is not returned by this protocol)</source>
        <translation>推定実行 #{number}: {seconds} 秒間無応答 (このプロトコルではコードは返されません)</translation>
    </message>
</context>
<context>
    <name>Composer</name>
    <message>
        <source>Model for this conversation</source>
        <translation>この会話のモデル</translation>
    </message>
    <message>
        <source>The model this conversation asks; empty: the connection profile&apos;s model</source>
        <translation>この会話で質問するモデル。空欄なら接続プロファイルのモデル</translation>
    </message>
    <message>
        <source>System prompt…</source>
        <translation>システムプロンプト…</translation>
    </message>
    <message>
        <source>default</source>
        <translation>既定</translation>
    </message>
    <message>
        <source> tokens</source>
        <translation> トークン</translation>
    </message>
    <message>
        <source>Thinking budget for this conversation</source>
        <translation>この会話の思考予算</translation>
    </message>
    <message>
        <source>Most reasoning tokens per question; default: the budget in Settings, or the service&apos;s own</source>
        <translation>質問ごとの推論トークンの上限。既定：設定の予算、なければサービス側の既定値</translation>
    </message>
    <message>
        <source>Thinking</source>
        <translation>思考</translation>
    </message>
    <message>
        <source>{model} (default)</source>
        <translation>{model}（既定）</translation>
    </message>
    <message>
        <source>System prompt ●</source>
        <translation>システムプロンプト ●</translation>
    </message>
    <message>
        <source>System prompt (set)</source>
        <translation>システムプロンプト（設定済み）</translation>
    </message>
    <message>
        <source>Instructions sent before every question of this conversation</source>
        <translation>この会話の各質問の前に送られる指示</translation>
    </message>
    <message>
        <source>System prompt (none)</source>
        <translation>システムプロンプト（なし）</translation>
    </message>
</context>
<context>
    <name>CostLabel</name>
    <message>
        <source>An estimate from the token counts the service reported and your price table; the code interpreter itself is not billed, but each of its rounds adds input tokens</source>
        <translation>サービスが報告したトークン数と価格表からの見積もりです。コードインタープリター自体は課金されませんが、実行のたびに入力トークンが増えます</translation>
    </message>
    <message>
        <source>turn {cost}</source>
        <translation>このターン {cost}</translation>
    </message>
    <message>
        <source>conversation {cost}</source>
        <translation>会話 {cost}</translation>
    </message>
    <message>
        <source>{costs} (estimate)</source>
        <translation>{costs}（見積もり）</translation>
    </message>
</context>
<context>
    <name>GeneralTab</name>
    <message>
        <source>Limit thinking to</source>
        <translation>思考の上限</translation>
    </message>
    <message>
        <source> tokens</source>
        <translation> トークン</translation>
    </message>
    <message>
        <source>Generation</source>
        <translation>生成</translation>
    </message>
    <message>
        <source>Thinking budget</source>
        <translation>思考予算</translation>
    </message>
    <message>
        <source>Enter sends the question (Ctrl+Enter for a new line)</source>
        <translation>Enter で質問を送信（Ctrl+Enter で改行）</translation>
    </message>
    <message>
        <source>Off: Enter starts a new line and Ctrl+Enter sends</source>
        <translation>オフ：Enter で改行、Ctrl+Enter で送信</translation>
    </message>
    <message>
        <source>Question box</source>
        <translation>質問欄</translation>
    </message>
    <message>
        <source>The stream may go quiet while the interpreter runs; the service gives up after about 300 s.</source>
        <translation>インタープリターの実行中はストリームが途切れることがあります。サービス側は約 300 秒で打ち切ります。</translation>
    </message>
    <message>
        <source>system settings  (e.g. http://proxy.example:8080)</source>
        <translation>システム設定  (例: http://proxy.example:8080)</translation>
    </message>
    <message>
        <source>Leave empty to use the system&apos;s proxy settings (HTTPS_PROXY, NO_PROXY). Certificates are always verified; SSL_CERT_FILE adds a custom CA bundle.</source>
        <translation>空欄の場合はシステムのプロキシ設定 (HTTPS_PROXY、NO_PROXY) を使用します。証明書は常に検証されます。SSL_CERT_FILE でカスタム CA バンドルを追加できます。</translation>
    </message>
    <message>
        <source>Network (every connection)</source>
        <translation>ネットワーク (すべての接続)</translation>
    </message>
    <message>
        <source>Connect timeout</source>
        <translation>接続タイムアウト</translation>
    </message>
    <message>
        <source>Silence timeout</source>
        <translation>無応答タイムアウト</translation>
    </message>
    <message>
        <source>Proxy</source>
        <translation>プロキシ</translation>
    </message>
    <message>
        <source>no Python found on PATH</source>
        <translation>PATH に Python が見つかりません</translation>
    </message>
    <message>
        <source>The Python that runs executed code locally; leave empty for the default shown</source>
        <translation>コードをローカルで実行する Python。空欄なら表示中の既定値</translation>
    </message>
    <message>
        <source>Allow the code to use the network</source>
        <translation>コードにネットワークの使用を許可</translation>
    </message>
    <message>
        <source>Run code locally</source>
        <translation>コードのローカル実行</translation>
    </message>
    <message>
        <source>Python</source>
        <translation>Python</translation>
    </message>
    <message>
        <source>No python3 or python was found on PATH: install Python, or enter the path of one here, to run code locally.</source>
        <translation>PATH に python3 も python も見つかりません。コードをローカルで実行するには、Python をインストールするか、ここにそのパスを入力してください。</translation>
    </message>
    <message>
        <source>Time limit</source>
        <translation>制限時間</translation>
    </message>
    <message>
        <source>Follow the system</source>
        <translation>システムに合わせる</translation>
    </message>
    <message>
        <source>Light</source>
        <translation>ライト</translation>
    </message>
    <message>
        <source>Dark</source>
        <translation>ダーク</translation>
    </message>
    <message>
        <source>A new language applies when dashchat starts again.</source>
        <translation>新しい言語は dashchat の再起動後に適用されます。</translation>
    </message>
    <message>
        <source>Appearance</source>
        <translation>外観</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>言語</translation>
    </message>
    <message>
        <source>Theme</source>
        <translation>テーマ</translation>
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
        <translation>ローカル実行が進行中です。先に停止してください</translation>
    </message>
    <message>
        <source>Wait for the reply to finish before running its code</source>
        <translation>コードを実行する前に、返答が終わるのを待ってください</translation>
    </message>
    <message>
        <source>(no Python found)</source>
        <translation>（Python が見つかりません）</translation>
    </message>
    <message>
        <source>Run this code on your computer?</source>
        <translation>このコードをあなたのコンピューターで実行しますか？</translation>
    </message>
    <message>
        <source>The code the model wrote will run on this computer, as you, with {python}. It can read and change your files and do what any program you start can do.

dashchat runs it in a separate process, in a temporary folder that is removed afterwards, without your API keys or other credentials in its environment, stopped after {seconds} s; {network} {memory}

This guards against accidents, not against hostile code: run only code you would run yourself.</source>
        <translation>モデルが書いたコードが、このコンピューター上で、あなたとして {python} で実行されます。あなたのファイルを読み書きでき、あなたが起動するプログラムにできることは何でもできます。

dashchat はそれを別プロセスで、終了後に削除される一時フォルダーの中で、API キーなどの認証情報を含まない環境で実行し、{seconds} 秒で停止します。{network}{memory}

これは事故を防ぐためのもので、悪意のあるコードは防げません。自分でも実行するようなコードだけを実行してください。</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>実行</translation>
    </message>
    <message>
        <source>Don&apos;t ask again for this conversation</source>
        <translation>この会話では今後確認しない</translation>
    </message>
    <message>
        <source>the network is allowed (Settings).</source>
        <translation>ネットワークは許可されています（設定）。</translation>
    </message>
    <message>
        <source>the network is refused from Python&apos;s sockets (code that goes around them, such as curl in a subprocess, is not stopped).</source>
        <translation>Python のソケットからのネットワーク接続は拒否されます（子プロセスの curl など、それを迂回するコードは止められません）。</translation>
    </message>
    <message>
        <source>Its memory is limited to 2048 MB.</source>
        <translation>メモリは 2048 MB に制限されます。</translation>
    </message>
    <message>
        <source>A memory limit is set, but macOS does not enforce it.</source>
        <translation>メモリ制限は設定されますが、macOS はそれを適用しません。</translation>
    </message>
    <message>
        <source>Its memory is not limited on this system.</source>
        <translation>このシステムではメモリは制限されません。</translation>
    </message>
    <message>
        <source>No Python to run the code with: install Python (python3 on PATH) or choose one in Settings ▸ General.</source>
        <translation>コードを実行する Python がありません。Python（PATH 上の python3）をインストールするか、設定 ▸ 全般 で選んでください。</translation>
    </message>
    <message>
        <source>Running…</source>
        <translation>実行中…</translation>
    </message>
    <message>
        <source>Could not run the code: {reason}</source>
        <translation>コードを実行できませんでした: {reason}</translation>
    </message>
    <message>
        <source>The outputs could not be saved: {reason}</source>
        <translation>出力を保存できませんでした: {reason}</translation>
    </message>
    <message>
        <source>Ran locally in {seconds} s</source>
        <translation>ローカルで {seconds} 秒で実行しました</translation>
    </message>
    <message>
        <source>Raised an exception</source>
        <translation>例外が発生しました</translation>
    </message>
    <message>
        <source>Stopped at the time limit</source>
        <translation>制限時間で停止しました</translation>
    </message>
    <message>
        <source>Stopped</source>
        <translation>停止しました</translation>
    </message>
    <message>
        <source>The process ended unexpectedly</source>
        <translation>プロセスが予期せず終了しました</translation>
    </message>
    <message>
        <source>Not run: an earlier block did not finish</source>
        <translation>未実行: 前のブロックが完了しませんでした</translation>
    </message>
    <message>
        <source>The outputs could not be removed from the history: {reason}</source>
        <translation>履歴から出力を削除できませんでした: {reason}</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Waiting for the service…</source>
        <translation>サービスの応答を待っています…</translation>
    </message>
    <message>
        <source>Silent for {seconds} s: the interpreter may be running code…</source>
        <translation>{seconds} 秒間無応答: インタープリターがコードを実行している可能性があります…</translation>
    </message>
    <message>
        <source>Running code #{number} in the sandbox…</source>
        <translation>サンドボックスでコード #{number} を実行中…</translation>
    </message>
    <message>
        <source>Writing the answer…</source>
        <translation>回答を作成中…</translation>
    </message>
    <message>
        <source>Thinking…</source>
        <translation>思考中…</translation>
    </message>
    <message>
        <source>dashchat (demo)</source>
        <translation>dashchat (デモ)</translation>
    </message>
    <message>
        <source>Thinking</source>
        <translation>思考プロセス</translation>
    </message>
    <message>
        <source>Executed code</source>
        <translation>実行されたコード</translation>
    </message>
    <message>
        <source>Answer</source>
        <translation>回答</translation>
    </message>
    <message>
        <source>Open settings</source>
        <translation>設定を開く</translation>
    </message>
    <message>
        <source>Retry</source>
        <translation>再試行</translation>
    </message>
    <message>
        <source>Ask the same question again in the failed turn&apos;s place (the failed attempt stays in the history)</source>
        <translation>失敗したターンの位置で同じ質問をもう一度行います（失敗した試行は履歴に残ります）</translation>
    </message>
    <message>
        <source>Close the error message</source>
        <translation>エラーメッセージを閉じる</translation>
    </message>
    <message>
        <source>Save as…</source>
        <translation>名前を付けて保存…</translation>
    </message>
    <message>
        <source>Write this conversation to a file of your choice</source>
        <translation>この会話を選んだファイルに書き出します</translation>
    </message>
    <message>
        <source>Send</source>
        <translation>送信</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <source>Stop the reply and keep what arrived (Esc)</source>
        <translation>応答を停止し、受信済みの内容を残します (Esc)</translation>
    </message>
    <message>
        <source>The connection profile the next question goes to</source>
        <translation>次の質問の送信先となる接続プロファイル</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>元に戻す</translation>
    </message>
    <message>
        <source>Send the question</source>
        <translation>質問を送信</translation>
    </message>
    <message>
        <source>Not saved to the history</source>
        <translation>履歴に保存されていません</translation>
    </message>
    <message>
        <source>The last reply could not be saved to the history: {problem}.

Save a copy before closing?</source>
        <translation>最後の返答を履歴に保存できませんでした: {problem}。

閉じる前にコピーを保存しますか?</translation>
    </message>
    <message>
        <source>Close without saving</source>
        <translation>保存せずに閉じる</translation>
    </message>
    <message>
        <source>Import conversations</source>
        <translation>会話をインポート</translation>
    </message>
    <message>
        <source>ChatGPT export or dashchat transcript (*.zip *.json)</source>
        <translation>ChatGPT のエクスポートまたは dashchat のトランスクリプト (*.zip *.json)</translation>
    </message>
    <message>
        <source>All files (*)</source>
        <translation>すべてのファイル (*)</translation>
    </message>
    <message>
        <source>Importing {name}…</source>
        <translation>{name} をインポート中…</translation>
    </message>
    <message>
        <source>Nothing was imported from {name}: {reason}</source>
        <translation>{name} からは何もインポートされませんでした: {reason}</translation>
    </message>
    <message>
        <source>Nothing was imported: the history could not be written ({reason})</source>
        <translation>何もインポートされませんでした: 履歴に書き込めません（{reason}）</translation>
    </message>
    <message>
        <source>Imported {name}: conversations added: {conversations}, continued: {continued}; turns: {turns}</source>
        <translation>{name} をインポートしました: 追加した会話 {conversations}、続きを追加した会話 {continued}、ターン {turns}</translation>
    </message>
    <message>
        <source>{name}: everything in it is in the history already</source>
        <translation>{name}: 中身はすべて履歴にあります</translation>
    </message>
</context>
<context>
    <name>MenusMixin</name>
    <message>
        <source>&amp;File</source>
        <translation>ファイル(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;New conversation</source>
        <translation>新しい会話(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;Export conversation…</source>
        <translation>会話をエクスポート(&amp;E)…</translation>
    </message>
    <message>
        <source>&amp;Import…</source>
        <translation>インポート(&amp;I)…</translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation>設定(&amp;S)…</translation>
    </message>
    <message>
        <source>&amp;Prices…</source>
        <translation>価格(&amp;P)…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>終了(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>編集(&amp;E)</translation>
    </message>
    <message>
        <source>Copy the last answer</source>
        <translation>最後の回答をコピー</translation>
    </message>
    <message>
        <source>Copy the last executed code</source>
        <translation>最後に実行したコードをコピー</translation>
    </message>
    <message>
        <source>Search conversations</source>
        <translation>会話を検索</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>表示(&amp;V)</translation>
    </message>
    <message>
        <source>Question box</source>
        <translation>質問欄</translation>
    </message>
    <message>
        <source>Conversations</source>
        <translation>会話一覧</translation>
    </message>
    <message>
        <source>Answer pane</source>
        <translation>回答ペイン</translation>
    </message>
    <message>
        <source>Thinking pane</source>
        <translation>思考プロセス ペイン</translation>
    </message>
    <message>
        <source>Executed code pane</source>
        <translation>実行済みコード ペイン</translation>
    </message>
    <message>
        <source>Show Thinking</source>
        <translation>思考を表示</translation>
    </message>
    <message>
        <source>Show Executed code</source>
        <translation>実行されたコードを表示</translation>
    </message>
    <message>
        <source>Zoom in</source>
        <translation>拡大</translation>
    </message>
    <message>
        <source>Zoom out</source>
        <translation>縮小</translation>
    </message>
    <message>
        <source>Actual size</source>
        <translation>実際のサイズ</translation>
    </message>
    <message>
        <source>Send the question</source>
        <translation>質問を送信</translation>
    </message>
    <message>
        <source>Stop the reply</source>
        <translation>回答を停止</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>ヘルプ(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;Keyboard shortcuts</source>
        <translation>キーボード ショートカット(&amp;K)</translation>
    </message>
    <message>
        <source>Question</source>
        <translation>質問</translation>
    </message>
    <message>
        <source>Answer</source>
        <translation>回答</translation>
    </message>
    <message>
        <source>The conversation: each question and its answer</source>
        <translation>会話: 各質問とその回答</translation>
    </message>
    <message>
        <source>Thinking</source>
        <translation>思考プロセス</translation>
    </message>
    <message>
        <source>The model&apos;s reasoning, with a marker where code ran</source>
        <translation>モデルの思考プロセス。コードを実行した箇所に印があります</translation>
    </message>
    <message>
        <source>Executed code</source>
        <translation>実行されたコード</translation>
    </message>
    <message>
        <source>Every snippet the interpreter ran, in order</source>
        <translation>インタープリターが実行したすべてのコード（実行順）</translation>
    </message>
    <message>
        <source>Stored conversations, newest first</source>
        <translation>保存済みの会話（新しい順）</translation>
    </message>
    <message>
        <source>Token usage</source>
        <translation>トークン使用量</translation>
    </message>
    <message>
        <source>Interpreter runs</source>
        <translation>インタープリター実行回数</translation>
    </message>
    <message>
        <source>Timing</source>
        <translation>所要時間</translation>
    </message>
    <message>
        <source>Request id</source>
        <translation>リクエスト ID</translation>
    </message>
    <message>
        <source>Request status</source>
        <translation>リクエストの状態</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>エラー</translation>
    </message>
    <message numerus="yes">
        <source>%n reply(s) cut off by an earlier crash were kept and marked interrupted</source>
        <translation>
            <numerusform>前回の異常終了で中断された %n 件の回答を保持し、中断済みとしてマークしました</numerusform>
        </translation>
    </message>
    <message>
        <source>Copied the last answer</source>
        <translation>最後の回答をコピーしました</translation>
    </message>
    <message>
        <source>Copied the last executed code</source>
        <translation>最後に実行したコードをコピーしました</translation>
    </message>
    <message>
        <source>Demo: recorded replies from the documentation&apos;s examples stream through the real pipeline. No key, no network. Whatever you ask, the next recording answers.</source>
        <translation>デモ: ドキュメントの例から記録した応答が、実際の処理パイプラインを通してストリーミングされます。API キー不要、ネットワーク不要。何を質問しても、次の記録済み応答が返されます。</translation>
    </message>
</context>
<context>
    <name>OpeningMixin</name>
    <message>
        <source>Stop the current reply first</source>
        <translation>先に現在の応答を停止してください</translation>
    </message>
    <message>
        <source>New conversation</source>
        <translation>新しい会話</translation>
    </message>
    <message>
        <source>Stop the current reply before opening another conversation</source>
        <translation>別の会話を開く前に、現在の応答を停止してください</translation>
    </message>
    <message>
        <source>That conversation is gone</source>
        <translation>その会話はもう存在しません</translation>
    </message>
    <message>
        <source>Deleted “{title}”</source>
        <translation>「{title}」を削除しました</translation>
    </message>
    <message>
        <source>Untitled</source>
        <translation>無題</translation>
    </message>
    <message>
        <source>Restored</source>
        <translation>復元しました</translation>
    </message>
</context>
<context>
    <name>OptionsMixin</name>
    <message>
        <source>This conversation&apos;s model, system prompt and thinking budget could not be saved to the history: they apply until dashchat closes.</source>
        <translation>この会話のモデル、システムプロンプト、思考予算を履歴に保存できませんでした。dashchat を閉じるまでは有効です。</translation>
    </message>
    <message>
        <source>The prices could not be saved: {reason}</source>
        <translation>価格を保存できませんでした：{reason}</translation>
    </message>
    <message>
        <source>Zoom: {steps:+d}</source>
        <translation>ズーム：{steps:+d}</translation>
    </message>
    <message>
        <source>Zoom: actual size</source>
        <translation>ズーム：実際のサイズ</translation>
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
        <translation>この実行を停止: プロセスとそれが起動したものすべてを終了します</translation>
    </message>
    <message>
        <source>Clear outputs</source>
        <translation>出力を消去</translation>
    </message>
    <message>
        <source>Remove these outputs, here and in the history</source>
        <translation>この出力を、ここと履歴から削除</translation>
    </message>
    <message>
        <source>Show all</source>
        <translation>すべて表示</translation>
    </message>
    <message>
        <source>Show the whole output (long outputs are cut on screen)</source>
        <translation>出力全体を表示（長い出力は画面上で省略されます）</translation>
    </message>
    <message>
        <source>Figure, {width}×{height} pixels</source>
        <translation>図、{width}×{height} ピクセル</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>値</translation>
    </message>
</context>
<context>
    <name>PricesDialog</name>
    <message>
        <source>Prices</source>
        <translation>価格</translation>
    </message>
    <message>
        <source>Prices per million tokens, as your Model Studio console lists them. Costs shown are estimates from the token counts the service reports; reasoning counts as output, and the code interpreter adds input tokens but no charge of its own. A model without prices gets no estimate.</source>
        <translation>100 万トークンあたりの価格を、Model Studio コンソールの表示どおりに入力します。表示される費用はサービスが報告したトークン数からの見積もりです。推論は出力として数え、コードインタープリターは入力トークンを増やしますが、それ自体の料金はかかりません。価格のないモデルには見積もりを表示しません。</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>モデル</translation>
    </message>
    <message>
        <source>Input / 1M tokens</source>
        <translation>入力 / 100 万トークン</translation>
    </message>
    <message>
        <source>Output / 1M tokens</source>
        <translation>出力 / 100 万トークン</translation>
    </message>
    <message>
        <source>Add model</source>
        <translation>モデルを追加</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>削除</translation>
    </message>
    <message>
        <source>Currency</source>
        <translation>通貨</translation>
    </message>
    <message>
        <source>{model}: a price is a number of at least 0 (both are needed)</source>
        <translation>{model}：価格は 0 以上の数値です（両方が必要です）</translation>
    </message>
    <message>
        <source>{model} is listed twice</source>
        <translation>{model} が 2 回あります</translation>
    </message>
</context>
<context>
    <name>QuestionBox</name>
    <message>
        <source>Ask Qwen — it can run Python to work things out.  ({keys})</source>
        <translation>Qwen に質問 — Python を実行して答えを導き出せます。  ({keys})</translation>
    </message>
    <message>
        <source>Type a question; {keys}</source>
        <translation>質問を入力；{keys}</translation>
    </message>
</context>
<context>
    <name>QuestionEditor</name>
    <message>
        <source>Edited question</source>
        <translation>編集した質問</translation>
    </message>
    <message>
        <source>Send</source>
        <translation>送信</translation>
    </message>
    <message>
        <source>Ask the edited question as a new version of this turn; the earlier version stays, with what followed it</source>
        <translation>編集した質問をこのターンの新しいバージョンとして送信。以前のバージョンとその後の内容は残ります</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>キャンセル</translation>
    </message>
    <message>
        <source>Leave the question as it was (Esc)</source>
        <translation>質問を元のままにする (Esc)</translation>
    </message>
</context>
<context>
    <name>QuestionText</name>
    <message>
        <source>Show all ({count} characters)</source>
        <translation>すべて表示（{count} 文字）</translation>
    </message>
    <message>
        <source>Show less</source>
        <translation>折りたたむ</translation>
    </message>
</context>
<context>
    <name>RequestStatus</name>
    <message>
        <source>Ready</source>
        <translation>準備完了</translation>
    </message>
    <message>
        <source>Copy id</source>
        <translation>ID をコピー</translation>
    </message>
    <message>
        <source>Copy the request id (support asks for it)</source>
        <translation>リクエスト ID をコピー (サポートへの問い合わせで必要になります)</translation>
    </message>
    <message>
        <source>Silent for {seconds} s: the interpreter may be running code…</source>
        <translation>{seconds} 秒間無応答: インタープリターがコードを実行している可能性があります…</translation>
    </message>
    <message>
        <source>Tokens: {input} in · {output} out · {reasoning} reasoning · {total} total</source>
        <translation>トークン: 入力 {input} · 出力 {output} · 思考 {reasoning} · 合計 {total}</translation>
    </message>
    <message>
        <source>Tokens: counted at the end of the reply</source>
        <translation>トークン: 応答の最後に集計されます</translation>
    </message>
    <message>
        <source>Tokens: not reported by the server</source>
        <translation>トークン: サーバーから報告されていません</translation>
    </message>
    <message>
        <source>Interpreter runs: {count}</source>
        <translation>インタープリター実行回数: {count}</translation>
    </message>
    <message>
        <source>Interpreter runs: not reported</source>
        <translation>インタープリター実行回数: 報告なし</translation>
    </message>
    <message>
        <source>The OpenAI-compatible protocol does not report how many times the interpreter ran, nor the code it ran</source>
        <translation>OpenAI 互換プロトコルでは、インタープリターの実行回数も実行されたコードも報告されません</translation>
    </message>
    <message>
        <source>via {connection}</source>
        <translation>{connection} 経由</translation>
    </message>
    <message>
        <source>Elapsed {elapsed} · first token {first}</source>
        <translation>経過時間 {elapsed} · 最初のトークン {first}</translation>
    </message>
    <message>
        <source>Request {id}</source>
        <translation>リクエスト {id}</translation>
    </message>
    <message>
        <source>Streaming…</source>
        <translation>ストリーミング中…</translation>
    </message>
    <message>
        <source>Waiting for the service…</source>
        <translation>サービスの応答を待っています…</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>完了</translation>
    </message>
    <message>
        <source>Stopped: what arrived is kept</source>
        <translation>停止しました: 受信済みの内容は保持されています</translation>
    </message>
    <message>
        <source>Failed: {code}</source>
        <translation>失敗: {code}</translation>
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
        <translation>Enter で送信 · Ctrl+Enter で改行</translation>
    </message>
    <message>
        <source>Ctrl+Enter sends</source>
        <translation>Ctrl+Enter で送信</translation>
    </message>
</context>
<context>
    <name>SendingMixin</name>
    <message>
        <source>Saved to the history</source>
        <translation>履歴に保存しました</translation>
    </message>
    <message>
        <source>&lt;b&gt;Not saved to the history&lt;/b&gt; — {problem}.&lt;br&gt;The reply stays here in full and dashchat keeps trying; it is saved as soon as that is fixed. Save as… keeps a copy elsewhere.</source>
        <translation>&lt;b&gt;履歴に保存されていません&lt;/b&gt; — {problem}。&lt;br&gt;返答はここにすべて残っており、dashchat は再試行を続けます。問題が解消されしだい保存されます。「名前を付けて保存…」で別の場所にコピーを残せます。</translation>
    </message>
    <message>
        <source>Export failed: {reason}</source>
        <translation>エクスポートに失敗しました: {reason}</translation>
    </message>
    <message>
        <source>Showing version {number} of {count}</source>
        <translation>バージョン {number}/{count} を表示中</translation>
    </message>
</context>
<context>
    <name>SentTime</name>
    <message>
        <source>Sent {time}</source>
        <translation>{time} に送信</translation>
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
        <translation>キーリングを確認しています…</translation>
    </message>
    <message>
        <source>sk-…  (leave empty to keep the current key)</source>
        <translation>sk-…  (空欄のままにすると現在のキーを保持)</translation>
    </message>
    <message>
        <source>Show</source>
        <translation>表示</translation>
    </message>
    <message>
        <source>Show or hide the key you are typing</source>
        <translation>入力中のキーを表示または非表示にします</translation>
    </message>
    <message>
        <source>Keep it in the OS keyring (otherwise for this session only)</source>
        <translation>OS のキーリングに保存する (保存しない場合はこのセッションのみ)</translation>
    </message>
    <message>
        <source>Test</source>
        <translation>テスト</translation>
    </message>
    <message>
        <source>Remove stored key</source>
        <translation>保存済みのキーを削除</translation>
    </message>
    <message>
        <source>China (Beijing)</source>
        <translation>中国 (北京)</translation>
    </message>
    <message>
        <source>Singapore</source>
        <translation>シンガポール</translation>
    </message>
    <message>
        <source>US (Virginia)</source>
        <translation>米国 (バージニア)</translation>
    </message>
    <message>
        <source>Custom base URL</source>
        <translation>カスタム Base URL</translation>
    </message>
    <message>
        <source>https://gateway.example/prefix</source>
        <translation>https://gateway.example/prefix</translation>
    </message>
    <message>
        <source>The code interpreter is documented for the China (Beijing) region only, and API keys are bound to the region that issued them.</source>
        <translation>ドキュメントでは、コードインタープリターは中国 (北京) リージョンでのみサポートされています。また、API キーは発行元のリージョンに紐づいています。</translation>
    </message>
    <message>
        <source>Region</source>
        <translation>リージョン</translation>
    </message>
    <message>
        <source>Base URL</source>
        <translation>Base URL</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>モデル</translation>
    </message>
    <message>
        <source>Use it for this session only</source>
        <translation>このセッションでのみ使用</translation>
    </message>
    <message>
        <source>Connection</source>
        <translation>接続</translation>
    </message>
    <message>
        <source>General</source>
        <translation>全般</translation>
    </message>
    <message>
        <source>Save and leave that key in the keyring</source>
        <translation>保存し、そのキーはキーリングに残す</translation>
    </message>
    <message>
        <source>Connection profiles: each has its own protocol, address, model and key</source>
        <translation>接続プロファイル: それぞれが独自のプロトコル、アドレス、モデル、キーを持ちます</translation>
    </message>
    <message>
        <source>New</source>
        <translation>新規</translation>
    </message>
    <message>
        <source>Add a connection profile (an OpenAI-compatible server, to begin with)</source>
        <translation>接続プロファイルを追加します (最初は OpenAI 互換サーバー)</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>削除</translation>
    </message>
    <message>
        <source>Delete this profile and its stored key when you save</source>
        <translation>保存時にこのプロファイルと保存済みのキーを削除します</translation>
    </message>
    <message>
        <source>DashScope native — shows the executed code</source>
        <translation>DashScope ネイティブ — 実行されたコードを表示</translation>
    </message>
    <message>
        <source>OpenAI-compatible — no executed code</source>
        <translation>OpenAI 互換 — 実行されたコードは表示されません</translation>
    </message>
    <message>
        <source>This protocol does not return the executed code or the interpreter count; the code pane will say so.</source>
        <translation>このプロトコルでは、実行されたコードもインタープリターの実行回数も返されません。コード ペインにその旨が表示されます。</translation>
    </message>
    <message>
        <source>Profile</source>
        <translation>プロファイル</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名前</translation>
    </message>
    <message>
        <source>Protocol</source>
        <translation>プロトコル</translation>
    </message>
    <message>
        <source>Send one tiny request with this key, address and model</source>
        <translation>このキー、アドレス、モデルでごく小さなリクエストを 1 件送信します</translation>
    </message>
    <message>
        <source>API key of this profile</source>
        <translation>このプロファイルの API キー</translation>
    </message>
    <message>
        <source>(no name)</source>
        <translation>(名前なし)</translation>
    </message>
    <message>
        <source>http://localhost:8000/v1</source>
        <translation>http://localhost:8000/v1</translation>
    </message>
    <message>
        <source>The next question uses this connection.</source>
        <translation>次の質問ではこの接続を使用します。</translation>
    </message>
    <message>
        <source>Saving makes this the connection for the next question (now: {name}).</source>
        <translation>保存すると、次の質問ではこの接続が使用されます (現在: {name})。</translation>
    </message>
    <message>
        <source>A connection needs a name.</source>
        <translation>接続には名前が必要です。</translation>
    </message>
    <message>
        <source>Another connection is already called “{name}”.</source>
        <translation>「{name}」という名前の接続がすでにあります。</translation>
    </message>
    <message>
        <source>“{name}” needs a base URL (or a region).</source>
        <translation>「{name}」には Base URL (またはリージョン) が必要です。</translation>
    </message>
    <message>
        <source>The base URL of “{name}” must look like http://host:port/path.</source>
        <translation>「{name}」の Base URL は http://host:port/path の形式にしてください。</translation>
    </message>
    <message>
        <source>New connection</source>
        <translation>新しい接続</translation>
    </message>
    <message>
        <source>Deleted when you save, with the stored key: {names}. Cancel undoes this.</source>
        <translation>保存時に、保存済みのキーとともに削除されます: {names}。キャンセルすると元に戻ります。</translation>
    </message>
    <message>
        <source>Hide</source>
        <translation>非表示</translation>
    </message>
    <message>
        <source>Type the base URL above: a local server may need no key.</source>
        <translation>上の欄に Base URL を入力してください。ローカル サーバーではキーが不要な場合があります。</translation>
    </message>
    <message>
        <source>No key needed for a local server; add one if yours asks for it.</source>
        <translation>ローカル サーバーではキーは不要です。サーバーで必要な場合は追加してください。</translation>
    </message>
    <message>
        <source>(The OS keyring cannot be used: {reason})</source>
        <translation>(OS のキーリングを使用できません: {reason})</translation>
    </message>
    <message>
        <source>DASHSCOPE_API_KEY is set and takes precedence</source>
        <translation>DASHSCOPE_API_KEY が設定されているため、そちらが優先されます</translation>
    </message>
    <message>
        <source>optional: only if your server asks for a key</source>
        <translation>任意: サーバーでキーが必要な場合のみ</translation>
    </message>
    <message>
        <source>Testing…</source>
        <translation>テスト中…</translation>
    </message>
    <message>
        <source>No key to test: type one above.</source>
        <translation>テストするキーがありません。上の欄に入力してください。</translation>
    </message>
    <message>
        <source>The key works with {url} and {model} ({seconds} s).</source>
        <translation>このキーは {url} と {model} で使用できます ({seconds} 秒)。</translation>
    </message>
    <message>
        <source>{url} answers with {model} without a key ({seconds} s).</source>
        <translation>{url} はキーなしで {model} を使って応答しました ({seconds} 秒)。</translation>
    </message>
    <message>
        <source>Not removed: {reason}</source>
        <translation>削除されませんでした: {reason}</translation>
    </message>
    <message>
        <source>Removed the stored key.</source>
        <translation>保存済みのキーを削除しました。</translation>
    </message>
    <message>
        <source>No key was stored.</source>
        <translation>保存されたキーはありません。</translation>
    </message>
    <message>
        <source>Not saved: {reason}.</source>
        <translation>保存されませんでした: {reason}。</translation>
    </message>
    <message>
        <source>Not saved. {problem}</source>
        <translation>保存されませんでした。{problem}</translation>
    </message>
    <message>
        <source>The stored key of the deleted connection “{name}” could not be removed: {reason}</source>
        <translation>削除した接続「{name}」の保存済みキーを削除できませんでした: {reason}</translation>
    </message>
    <message>
        <source>The key was not stored: {reason} Nothing was written anywhere else.</source>
        <translation>キーは保存されませんでした: {reason} ほかの場所にも何も書き込まれていません。</translation>
    </message>
</context>
<context>
    <name>SettingsMixin</name>
    <message>
        <source>dashchat (demo)</source>
        <translation>dashchat (デモ)</translation>
    </message>
    <message>
        <source>OpenAI-compatible: no executed code</source>
        <translation>OpenAI 互換: 実行されたコードは表示されません</translation>
    </message>
    <message>
        <source>DashScope native</source>
        <translation>DashScope ネイティブ</translation>
    </message>
    <message>
        <source>The next question goes to {connection}</source>
        <translation>次の質問は {connection} に送信されます</translation>
    </message>
    <message>
        <source>Settings saved: they apply to the next question</source>
        <translation>設定を保存しました。次の質問から適用されます</translation>
    </message>
    <message>
        <source>Nothing to export yet</source>
        <translation>エクスポートする内容がまだありません</translation>
    </message>
    <message>
        <source>Markdown (*.md)</source>
        <translation>Markdown (*.md)</translation>
    </message>
    <message>
        <source>HTML (*.html)</source>
        <translation>HTML (*.html)</translation>
    </message>
    <message>
        <source>Transcript JSON (*.json)</source>
        <translation>トランスクリプト JSON (*.json)</translation>
    </message>
    <message>
        <source>Jupyter notebook (*.ipynb)</source>
        <translation>Jupyter ノートブック (*.ipynb)</translation>
    </message>
    <message>
        <source>Export conversation</source>
        <translation>会話をエクスポート</translation>
    </message>
    <message>
        <source>Export failed: {reason}</source>
        <translation>エクスポートに失敗しました: {reason}</translation>
    </message>
    <message>
        <source>Exported to {path}</source>
        <translation>{path} にエクスポートしました</translation>
    </message>
</context>
<context>
    <name>ShortcutsDialog</name>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>キーボード ショートカット</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>操作</translation>
    </message>
    <message>
        <source>Keys</source>
        <translation>キー</translation>
    </message>
</context>
<context>
    <name>Sidebar</name>
    <message>
        <source>New conversation</source>
        <translation>新しい会話</translation>
    </message>
    <message>
        <source>New conversation ({shortcut})</source>
        <translation>新しい会話 ({shortcut})</translation>
    </message>
    <message>
        <source>Search conversations</source>
        <translation>会話を検索</translation>
    </message>
    <message>
        <source>Include thinking</source>
        <translation>思考プロセスも検索</translation>
    </message>
    <message numerus="yes">
        <source>%n turn(s)</source>
        <translation>
            <numerusform>%n ターン</numerusform>
        </translation>
    </message>
    <message>
        <source>Untitled</source>
        <translation>無題</translation>
    </message>
    <message>
        <source>No conversations yet.</source>
        <translation>まだ会話はありません。</translation>
    </message>
    <message>
        <source>Turn {number}</source>
        <translation>ターン {number}</translation>
    </message>
    <message>
        <source>Nothing matches “{text}”.</source>
        <translation>「{text}」に一致する結果はありません。</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>開く</translation>
    </message>
    <message>
        <source>Rename…</source>
        <translation>名前を変更…</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>削除</translation>
    </message>
    <message>
        <source>Rename conversation</source>
        <translation>会話の名前を変更</translation>
    </message>
    <message>
        <source>Title:</source>
        <translation>タイトル:</translation>
    </message>
    <message>
        <source>Not saved to the history</source>
        <translation>履歴に保存されていません</translation>
    </message>
</context>
<context>
    <name>SystemPromptDialog</name>
    <message>
        <source>System prompt</source>
        <translation>システムプロンプト</translation>
    </message>
    <message>
        <source>Instructions sent before every question of this conversation</source>
        <translation>この会話の各質問の前に送られる指示</translation>
    </message>
    <message>
        <source>Sent first, as the system message, with each question of this conversation only.</source>
        <translation>この会話でのみ、システムメッセージとして各質問の最初に送られます。</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>クリア</translation>
    </message>
</context>
<context>
    <name>ThinkingPane</name>
    <message>
        <source>The model&apos;s thinking streams here.</source>
        <translation>モデルの思考プロセスがここにリアルタイムで表示されます。</translation>
    </message>
    <message>
        <source>ran code #{number}</source>
        <translation>コード #{number} を実行</translation>
    </message>
    <message>
        <source>silent for {seconds} s: the interpreter probably ran code</source>
        <translation>{seconds} 秒間無応答: インタープリターがコードを実行したと思われます</translation>
    </message>
</context>
<context>
    <name>TurnCard</name>
    <message>
        <source>{number}. You</source>
        <translation>{number}. あなた</translation>
    </message>
    <message>
        <source>Edit</source>
        <translation>編集</translation>
    </message>
    <message>
        <source>Edit question {number}</source>
        <translation>質問 {number} を編集</translation>
    </message>
    <message>
        <source>Edit this question and ask it again as a new version of this turn</source>
        <translation>この質問を編集し、このターンの新しいバージョンとしてもう一度尋ねる</translation>
    </message>
    <message>
        <source>Regenerate</source>
        <translation>再生成</translation>
    </message>
    <message>
        <source>Regenerate answer {number}</source>
        <translation>回答 {number} を再生成</translation>
    </message>
    <message>
        <source>Ask the same question again as a new version of this turn; this answer stays, with what followed it</source>
        <translation>同じ質問をこのターンの新しいバージョンとしてもう一度尋ねる。この回答とその後の内容は残ります</translation>
    </message>
    <message>
        <source>Copy answer</source>
        <translation>回答をコピー</translation>
    </message>
    <message>
        <source>Copy this answer as Markdown</source>
        <translation>この回答を Markdown としてコピー</translation>
    </message>
    <message>
        <source>Copy code</source>
        <translation>コードをコピー</translation>
    </message>
    <message>
        <source>Copy a code block of this answer, without its fences, or run one</source>
        <translation>この回答のコードブロックを ``` の行を除いてコピー、または実行</translation>
    </message>
    <message>
        <source>Opening the answer…</source>
        <translation>回答を開いています…</translation>
    </message>
    <message>
        <source>Streaming…</source>
        <translation>ストリーミング中…</translation>
    </message>
    <message>
        <source>Complete (cut at max tokens)</source>
        <translation>完了 (最大トークン数で打ち切り)</translation>
    </message>
    <message>
        <source>Complete</source>
        <translation>完了</translation>
    </message>
    <message>
        <source>Interrupted: what arrived is kept</source>
        <translation>中断されました: 受信済みの内容は保持されています</translation>
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
        <translation>dashchat へようこそ</translation>
    </message>
    <message>
        <source>Ask Qwen a question: it thinks, writes and runs Python in its sandbox, and answers. You watch its thinking, every snippet it ran, and the answer, live.

To talk to the service you need an API key from Alibaba Cloud Model Studio (the code interpreter is offered in the China (Beijing) region). The key is kept in your system&apos;s keyring, never in a file.</source>
        <translation>Qwen に質問すると、思考し、サンドボックスで Python のコードを書いて実行し、回答します。思考プロセス、実行されたすべてのコード、回答をリアルタイムで確認できます。

サービスを利用するには、Alibaba Cloud Model Studio の API キーが必要です。コードインタープリターは中国 (北京) リージョンで提供されています。キーはシステムのキーリングに保存され、ファイルに書き込まれることはありません。</translation>
    </message>
    <message>
        <source>Enter your API key…</source>
        <translation>API キーを入力…</translation>
    </message>
    <message>
        <source>Try the demo</source>
        <translation>デモを試す</translation>
    </message>
    <message>
        <source>Recorded replies, no key, no network</source>
        <translation>記録済みの応答。API キー不要、ネットワーク不要</translation>
    </message>
    <message>
        <source>Later</source>
        <translation>後で</translation>
    </message>
</context>
</TS>
