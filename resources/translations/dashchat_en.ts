<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name>AnswerOutputs</name>
    <message>
        <source>Output of code block {number}</source>
        <translation>Output of code block {number}</translation>
    </message>
    <message>
        <source>Output of code block {number} of answer {answer}</source>
        <translation>Output of code block {number} of answer {answer}</translation>
    </message>
</context>
<context>
    <name>AnswerPane</name>
    <message>
        <source>Ask a question below. Qwen thinks, runs Python in its sandbox, and answers here.</source>
        <translation>Ask a question below. Qwen thinks, runs Python in its sandbox, and answers here.</translation>
    </message>
    <message>
        <source>Show earlier turns ({count})</source>
        <translation>Show earlier turns ({count})</translation>
    </message>
</context>
<context>
    <name>BranchPager</name>
    <message>
        <source>Previous version</source>
        <translation>Previous version</translation>
    </message>
    <message>
        <source>Show the previous version of this turn and what followed it</source>
        <translation>Show the previous version of this turn and what followed it</translation>
    </message>
    <message>
        <source>Next version</source>
        <translation>Next version</translation>
    </message>
    <message>
        <source>Show the next version of this turn and what followed it</source>
        <translation>Show the next version of this turn and what followed it</translation>
    </message>
    <message>
        <source>Version {number} of {count}</source>
        <translation>Version {number} of {count}</translation>
    </message>
</context>
<context>
    <name>CodeBlock</name>
    <message>
        <source>Copied</source>
        <translation>Copied</translation>
    </message>
    <message>
        <source>Run locally</source>
        <translation>Run locally</translation>
    </message>
    <message>
        <source>Run this turn&apos;s code up to this block on this computer, in order, and show what it prints</source>
        <translation>Run this turn&apos;s code up to this block on this computer, in order, and show what it prints</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>Copy</translation>
    </message>
    <message>
        <source>Copy exactly the code the interpreter ran</source>
        <translation>Copy exactly the code the interpreter ran</translation>
    </message>
    <message>
        <source>writing code…</source>
        <translation>writing code…</translation>
    </message>
</context>
<context>
    <name>CodeCopyButtons</name>
    <message>
        <source>Copy</source>
        <translation>Copy</translation>
    </message>
    <message>
        <source>Copy this code block, without its fences</source>
        <translation>Copy this code block, without its fences</translation>
    </message>
    <message>
        <source>Copy code block {number}</source>
        <translation>Copy code block {number}</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>Stop</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>Run</translation>
    </message>
    <message>
        <source>Stop code block {number} of answer {answer}</source>
        <translation>Stop code block {number} of answer {answer}</translation>
    </message>
    <message>
        <source>Run code block {number} of answer {answer}</source>
        <translation>Run code block {number} of answer {answer}</translation>
    </message>
    <message>
        <source>Run this block on this computer, after the answer&apos;s Python blocks before it: in order, in one process, so they share variables. What each prints shows under the answer</source>
        <translation>Run this block on this computer, after the answer&apos;s Python blocks before it: in order, in one process, so they share variables. What each prints shows under the answer</translation>
    </message>
    <message>
        <source>Block {number}: {first_line}</source>
        <translation>Block {number}: {first_line}</translation>
    </message>
    <message>
        <source>Stop block {number}</source>
        <translation>Stop block {number}</translation>
    </message>
    <message>
        <source>Run block {number}: {first_line}</source>
        <translation>Run block {number}: {first_line}</translation>
    </message>
</context>
<context>
    <name>CodePane</name>
    <message>
        <source>Code the interpreter runs appears here, one block per run.</source>
        <translation>Code the interpreter runs appears here, one block per run.</translation>
    </message>
    <message>
        <source>{connection} uses the OpenAI-compatible protocol, which does not return the code the interpreter runs: it cannot appear here. The thinking pane marks where it probably ran.</source>
        <translation>{connection} uses the OpenAI-compatible protocol, which does not return the code the interpreter runs: it cannot appear here. The thinking pane marks where it probably ran.</translation>
    </message>
    <message>
        <source>This connection</source>
        <translation>This connection</translation>
    </message>
    <message>
        <source>This reply comes through {connection}, an OpenAI-compatible connection.</source>
        <translation>This reply comes through {connection}, an OpenAI-compatible connection.</translation>
    </message>
    <message>
        <source>This reply comes through an OpenAI-compatible connection.</source>
        <translation>This reply comes through an OpenAI-compatible connection.</translation>
    </message>
    <message>
        <source>That protocol does not return the code the interpreter runs, nor how many times it ran: use a DashScope native connection to see it here.</source>
        <translation>That protocol does not return the code the interpreter runs, nor how many times it ran: use a DashScope native connection to see it here.</translation>
    </message>
    <message>
        <source>Nothing has arrived for {seconds} s: the interpreter may be running code.</source>
        <translation>Nothing has arrived for {seconds} s: the interpreter may be running code.</translation>
    </message>
    <message>
        <source>Probable run #{number}: silent for {seconds} s (the code is not returned by this protocol)</source>
        <translation>Probable run #{number}: silent for {seconds} s (the code is not returned by this protocol)</translation>
    </message>
</context>
<context>
    <name>Composer</name>
    <message>
        <source>Model for this conversation</source>
        <translation>Model for this conversation</translation>
    </message>
    <message>
        <source>The model this conversation asks; empty: the connection profile&apos;s model</source>
        <translation>The model this conversation asks; empty: the connection profile&apos;s model</translation>
    </message>
    <message>
        <source>System prompt…</source>
        <translation>System prompt…</translation>
    </message>
    <message>
        <source>default</source>
        <translation>default</translation>
    </message>
    <message>
        <source> tokens</source>
        <translation> tokens</translation>
    </message>
    <message>
        <source>Thinking budget for this conversation</source>
        <translation>Thinking budget for this conversation</translation>
    </message>
    <message>
        <source>Most reasoning tokens per question; default: the budget in Settings, or the service&apos;s own</source>
        <translation>Most reasoning tokens per question; default: the budget in Settings, or the service&apos;s own</translation>
    </message>
    <message>
        <source>Thinking</source>
        <translation>Thinking</translation>
    </message>
    <message>
        <source>{model} (default)</source>
        <translation>{model} (default)</translation>
    </message>
    <message>
        <source>System prompt ●</source>
        <translation>System prompt ●</translation>
    </message>
    <message>
        <source>System prompt (set)</source>
        <translation>System prompt (set)</translation>
    </message>
    <message>
        <source>Instructions sent before every question of this conversation</source>
        <translation>Instructions sent before every question of this conversation</translation>
    </message>
    <message>
        <source>System prompt (none)</source>
        <translation>System prompt (none)</translation>
    </message>
</context>
<context>
    <name>CostLabel</name>
    <message>
        <source>An estimate from the token counts the service reported and your price table; the code interpreter itself is not billed, but each of its rounds adds input tokens</source>
        <translation>An estimate from the token counts the service reported and your price table; the code interpreter itself is not billed, but each of its rounds adds input tokens</translation>
    </message>
    <message>
        <source>turn {cost}</source>
        <translation>turn {cost}</translation>
    </message>
    <message>
        <source>conversation {cost}</source>
        <translation>conversation {cost}</translation>
    </message>
    <message>
        <source>{costs} (estimate)</source>
        <translation>{costs} (estimate)</translation>
    </message>
</context>
<context>
    <name>GeneralTab</name>
    <message>
        <source>Limit thinking to</source>
        <translation>Limit thinking to</translation>
    </message>
    <message>
        <source> tokens</source>
        <translation> tokens</translation>
    </message>
    <message>
        <source>Generation</source>
        <translation>Generation</translation>
    </message>
    <message>
        <source>Thinking budget</source>
        <translation>Thinking budget</translation>
    </message>
    <message>
        <source>Enter sends the question (Ctrl+Enter for a new line)</source>
        <translation>Enter sends the question (Ctrl+Enter for a new line)</translation>
    </message>
    <message>
        <source>Off: Enter starts a new line and Ctrl+Enter sends</source>
        <translation>Off: Enter starts a new line and Ctrl+Enter sends</translation>
    </message>
    <message>
        <source>Question box</source>
        <translation>Question box</translation>
    </message>
    <message>
        <source>The stream may go quiet while the interpreter runs; the service gives up after about 300 s.</source>
        <translation>The stream may go quiet while the interpreter runs; the service gives up after about 300 s.</translation>
    </message>
    <message>
        <source>system settings  (e.g. http://proxy.example:8080)</source>
        <translation>system settings  (e.g. http://proxy.example:8080)</translation>
    </message>
    <message>
        <source>Leave empty to use the system&apos;s proxy settings (HTTPS_PROXY, NO_PROXY). Certificates are always verified; SSL_CERT_FILE adds a custom CA bundle.</source>
        <translation>Leave empty to use the system&apos;s proxy settings (HTTPS_PROXY, NO_PROXY). Certificates are always verified; SSL_CERT_FILE adds a custom CA bundle.</translation>
    </message>
    <message>
        <source>Network (every connection)</source>
        <translation>Network (every connection)</translation>
    </message>
    <message>
        <source>Connect timeout</source>
        <translation>Connect timeout</translation>
    </message>
    <message>
        <source>Silence timeout</source>
        <translation>Silence timeout</translation>
    </message>
    <message>
        <source>Proxy</source>
        <translation>Proxy</translation>
    </message>
    <message>
        <source>no Python found on PATH</source>
        <translation>no Python found on PATH</translation>
    </message>
    <message>
        <source>The Python that runs executed code locally; leave empty for the default shown</source>
        <translation>The Python that runs executed code locally; leave empty for the default shown</translation>
    </message>
    <message>
        <source>Allow the code to use the network</source>
        <translation>Allow the code to use the network</translation>
    </message>
    <message>
        <source>Run code locally</source>
        <translation>Run code locally</translation>
    </message>
    <message>
        <source>Python</source>
        <translation>Python</translation>
    </message>
    <message>
        <source>No python3 or python was found on PATH: install Python, or enter the path of one here, to run code locally.</source>
        <translation>No python3 or python was found on PATH: install Python, or enter the path of one here, to run code locally.</translation>
    </message>
    <message>
        <source>Time limit</source>
        <translation>Time limit</translation>
    </message>
    <message>
        <source>Follow the system</source>
        <translation>Follow the system</translation>
    </message>
    <message>
        <source>Light</source>
        <translation>Light</translation>
    </message>
    <message>
        <source>Dark</source>
        <translation>Dark</translation>
    </message>
    <message>
        <source>A new language applies when dashchat starts again.</source>
        <translation>A new language applies when dashchat starts again.</translation>
    </message>
    <message>
        <source>Appearance</source>
        <translation>Appearance</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Language</translation>
    </message>
    <message>
        <source>Theme</source>
        <translation>Theme</translation>
    </message>
    <message>
        <source> s</source>
        <translation> s</translation>
    </message>
</context>
<context>
    <name>LocalRuns</name>
    <message>
        <source>A local run is going on: stop it first</source>
        <translation>A local run is going on: stop it first</translation>
    </message>
    <message>
        <source>Wait for the reply to finish before running its code</source>
        <translation>Wait for the reply to finish before running its code</translation>
    </message>
    <message>
        <source>(no Python found)</source>
        <translation>(no Python found)</translation>
    </message>
    <message>
        <source>Run this code on your computer?</source>
        <translation>Run this code on your computer?</translation>
    </message>
    <message>
        <source>The code the model wrote will run on this computer, as you, with {python}. It can read and change your files and do what any program you start can do.

dashchat runs it in a separate process, in a temporary folder that is removed afterwards, without your API keys or other credentials in its environment, stopped after {seconds} s; {network} {memory}

This guards against accidents, not against hostile code: run only code you would run yourself.</source>
        <translation>The code the model wrote will run on this computer, as you, with {python}. It can read and change your files and do what any program you start can do.

dashchat runs it in a separate process, in a temporary folder that is removed afterwards, without your API keys or other credentials in its environment, stopped after {seconds} s; {network} {memory}

This guards against accidents, not against hostile code: run only code you would run yourself.</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>Run</translation>
    </message>
    <message>
        <source>Don&apos;t ask again for this conversation</source>
        <translation>Don&apos;t ask again for this conversation</translation>
    </message>
    <message>
        <source>the network is allowed (Settings).</source>
        <translation>the network is allowed (Settings).</translation>
    </message>
    <message>
        <source>the network is refused from Python&apos;s sockets (code that goes around them, such as curl in a subprocess, is not stopped).</source>
        <translation>the network is refused from Python&apos;s sockets (code that goes around them, such as curl in a subprocess, is not stopped).</translation>
    </message>
    <message>
        <source>Its memory is limited to 2048 MB.</source>
        <translation>Its memory is limited to 2048 MB.</translation>
    </message>
    <message>
        <source>A memory limit is set, but macOS does not enforce it.</source>
        <translation>A memory limit is set, but macOS does not enforce it.</translation>
    </message>
    <message>
        <source>Its memory is not limited on this system.</source>
        <translation>Its memory is not limited on this system.</translation>
    </message>
    <message>
        <source>No Python to run the code with: install Python (python3 on PATH) or choose one in Settings ▸ General.</source>
        <translation>No Python to run the code with: install Python (python3 on PATH) or choose one in Settings ▸ General.</translation>
    </message>
    <message>
        <source>Running…</source>
        <translation>Running…</translation>
    </message>
    <message>
        <source>Could not run the code: {reason}</source>
        <translation>Could not run the code: {reason}</translation>
    </message>
    <message>
        <source>The outputs could not be saved: {reason}</source>
        <translation>The outputs could not be saved: {reason}</translation>
    </message>
    <message>
        <source>Ran locally in {seconds} s</source>
        <translation>Ran locally in {seconds} s</translation>
    </message>
    <message>
        <source>Raised an exception</source>
        <translation>Raised an exception</translation>
    </message>
    <message>
        <source>Stopped at the time limit</source>
        <translation>Stopped at the time limit</translation>
    </message>
    <message>
        <source>Stopped</source>
        <translation>Stopped</translation>
    </message>
    <message>
        <source>The process ended unexpectedly</source>
        <translation>The process ended unexpectedly</translation>
    </message>
    <message>
        <source>Not run: an earlier block did not finish</source>
        <translation>Not run: an earlier block did not finish</translation>
    </message>
    <message>
        <source>The outputs could not be removed from the history: {reason}</source>
        <translation>The outputs could not be removed from the history: {reason}</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Waiting for the service…</source>
        <translation>Waiting for the service…</translation>
    </message>
    <message>
        <source>Silent for {seconds} s: the interpreter may be running code…</source>
        <translation>Silent for {seconds} s: the interpreter may be running code…</translation>
    </message>
    <message>
        <source>Running code #{number} in the sandbox…</source>
        <translation>Running code #{number} in the sandbox…</translation>
    </message>
    <message>
        <source>Writing the answer…</source>
        <translation>Writing the answer…</translation>
    </message>
    <message>
        <source>Thinking…</source>
        <translation>Thinking…</translation>
    </message>
    <message>
        <source>dashchat (demo)</source>
        <translation>dashchat (demo)</translation>
    </message>
    <message>
        <source>Thinking</source>
        <translation>Thinking</translation>
    </message>
    <message>
        <source>Executed code</source>
        <translation>Executed code</translation>
    </message>
    <message>
        <source>Answer</source>
        <translation>Answer</translation>
    </message>
    <message>
        <source>Open settings</source>
        <translation>Open settings</translation>
    </message>
    <message>
        <source>Retry</source>
        <translation>Retry</translation>
    </message>
    <message>
        <source>Ask the same question again in the failed turn&apos;s place (the failed attempt stays in the history)</source>
        <translation>Ask the same question again in the failed turn&apos;s place (the failed attempt stays in the history)</translation>
    </message>
    <message>
        <source>Close the error message</source>
        <translation>Close the error message</translation>
    </message>
    <message>
        <source>Save as…</source>
        <translation>Save as…</translation>
    </message>
    <message>
        <source>Write this conversation to a file of your choice</source>
        <translation>Write this conversation to a file of your choice</translation>
    </message>
    <message>
        <source>Send</source>
        <translation>Send</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>Stop</translation>
    </message>
    <message>
        <source>Stop the reply and keep what arrived (Esc)</source>
        <translation>Stop the reply and keep what arrived (Esc)</translation>
    </message>
    <message>
        <source>The connection profile the next question goes to</source>
        <translation>The connection profile the next question goes to</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>Undo</translation>
    </message>
    <message>
        <source>Send the question</source>
        <translation>Send the question</translation>
    </message>
    <message>
        <source>Not saved to the history</source>
        <translation>Not saved to the history</translation>
    </message>
    <message>
        <source>The last reply could not be saved to the history: {problem}.

Save a copy before closing?</source>
        <translation>The last reply could not be saved to the history: {problem}.

Save a copy before closing?</translation>
    </message>
    <message>
        <source>Close without saving</source>
        <translation>Close without saving</translation>
    </message>
    <message>
        <source>Import conversations</source>
        <translation>Import conversations</translation>
    </message>
    <message>
        <source>ChatGPT export or dashchat transcript (*.zip *.json)</source>
        <translation>ChatGPT export or dashchat transcript (*.zip *.json)</translation>
    </message>
    <message>
        <source>All files (*)</source>
        <translation>All files (*)</translation>
    </message>
    <message>
        <source>Importing {name}…</source>
        <translation>Importing {name}…</translation>
    </message>
    <message>
        <source>Nothing was imported from {name}: {reason}</source>
        <translation>Nothing was imported from {name}: {reason}</translation>
    </message>
    <message>
        <source>Nothing was imported: the history could not be written ({reason})</source>
        <translation>Nothing was imported: the history could not be written ({reason})</translation>
    </message>
    <message>
        <source>Imported {name}: conversations added: {conversations}, continued: {continued}; turns: {turns}</source>
        <translation>Imported {name}: conversations added: {conversations}, continued: {continued}; turns: {turns}</translation>
    </message>
    <message>
        <source>{name}: everything in it is in the history already</source>
        <translation>{name}: everything in it is in the history already</translation>
    </message>
</context>
<context>
    <name>MenusMixin</name>
    <message>
        <source>&amp;File</source>
        <translation>&amp;File</translation>
    </message>
    <message>
        <source>&amp;New conversation</source>
        <translation>&amp;New conversation</translation>
    </message>
    <message>
        <source>&amp;Export conversation…</source>
        <translation>&amp;Export conversation…</translation>
    </message>
    <message>
        <source>&amp;Import…</source>
        <translation>&amp;Import…</translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation>&amp;Settings…</translation>
    </message>
    <message>
        <source>&amp;Prices…</source>
        <translation>&amp;Prices…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Quit</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>&amp;Edit</translation>
    </message>
    <message>
        <source>Copy the last answer</source>
        <translation>Copy the last answer</translation>
    </message>
    <message>
        <source>Copy the last executed code</source>
        <translation>Copy the last executed code</translation>
    </message>
    <message>
        <source>Search conversations</source>
        <translation>Search conversations</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;View</translation>
    </message>
    <message>
        <source>Question box</source>
        <translation>Question box</translation>
    </message>
    <message>
        <source>Conversations</source>
        <translation>Conversations</translation>
    </message>
    <message>
        <source>Answer pane</source>
        <translation>Answer pane</translation>
    </message>
    <message>
        <source>Thinking pane</source>
        <translation>Thinking pane</translation>
    </message>
    <message>
        <source>Executed code pane</source>
        <translation>Executed code pane</translation>
    </message>
    <message>
        <source>Show Thinking</source>
        <translation>Show Thinking</translation>
    </message>
    <message>
        <source>Show Executed code</source>
        <translation>Show Executed code</translation>
    </message>
    <message>
        <source>Zoom in</source>
        <translation>Zoom in</translation>
    </message>
    <message>
        <source>Zoom out</source>
        <translation>Zoom out</translation>
    </message>
    <message>
        <source>Actual size</source>
        <translation>Actual size</translation>
    </message>
    <message>
        <source>Send the question</source>
        <translation>Send the question</translation>
    </message>
    <message>
        <source>Stop the reply</source>
        <translation>Stop the reply</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Help</translation>
    </message>
    <message>
        <source>&amp;Keyboard shortcuts</source>
        <translation>&amp;Keyboard shortcuts</translation>
    </message>
    <message>
        <source>Question</source>
        <translation>Question</translation>
    </message>
    <message>
        <source>Answer</source>
        <translation>Answer</translation>
    </message>
    <message>
        <source>The conversation: each question and its answer</source>
        <translation>The conversation: each question and its answer</translation>
    </message>
    <message>
        <source>Thinking</source>
        <translation>Thinking</translation>
    </message>
    <message>
        <source>The model&apos;s reasoning, with a marker where code ran</source>
        <translation>The model&apos;s reasoning, with a marker where code ran</translation>
    </message>
    <message>
        <source>Executed code</source>
        <translation>Executed code</translation>
    </message>
    <message>
        <source>Every snippet the interpreter ran, in order</source>
        <translation>Every snippet the interpreter ran, in order</translation>
    </message>
    <message>
        <source>Stored conversations, newest first</source>
        <translation>Stored conversations, newest first</translation>
    </message>
    <message>
        <source>Token usage</source>
        <translation>Token usage</translation>
    </message>
    <message>
        <source>Interpreter runs</source>
        <translation>Interpreter runs</translation>
    </message>
    <message>
        <source>Timing</source>
        <translation>Timing</translation>
    </message>
    <message>
        <source>Request id</source>
        <translation>Request id</translation>
    </message>
    <message>
        <source>Request status</source>
        <translation>Request status</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>Error</translation>
    </message>
    <message numerus="yes">
        <source>%n reply(s) cut off by an earlier crash were kept and marked interrupted</source>
        <translation>
            <numerusform>%n reply cut off by an earlier crash was kept and marked interrupted</numerusform>
            <numerusform>%n replies cut off by an earlier crash were kept and marked interrupted</numerusform>
        </translation>
    </message>
    <message>
        <source>Copied the last answer</source>
        <translation>Copied the last answer</translation>
    </message>
    <message>
        <source>Copied the last executed code</source>
        <translation>Copied the last executed code</translation>
    </message>
    <message>
        <source>Demo: recorded replies from the documentation&apos;s examples stream through the real pipeline. No key, no network. Whatever you ask, the next recording answers.</source>
        <translation>Demo: recorded replies from the documentation&apos;s examples stream through the real pipeline. No key, no network. Whatever you ask, the next recording answers.</translation>
    </message>
</context>
<context>
    <name>OpeningMixin</name>
    <message>
        <source>Stop the current reply first</source>
        <translation>Stop the current reply first</translation>
    </message>
    <message>
        <source>New conversation</source>
        <translation>New conversation</translation>
    </message>
    <message>
        <source>Stop the current reply before opening another conversation</source>
        <translation>Stop the current reply before opening another conversation</translation>
    </message>
    <message>
        <source>That conversation is gone</source>
        <translation>That conversation is gone</translation>
    </message>
    <message>
        <source>Deleted “{title}”</source>
        <translation>Deleted “{title}”</translation>
    </message>
    <message>
        <source>Untitled</source>
        <translation>Untitled</translation>
    </message>
    <message>
        <source>Restored</source>
        <translation>Restored</translation>
    </message>
</context>
<context>
    <name>OptionsMixin</name>
    <message>
        <source>This conversation&apos;s model, system prompt and thinking budget could not be saved to the history: they apply until dashchat closes.</source>
        <translation>This conversation&apos;s model, system prompt and thinking budget could not be saved to the history: they apply until dashchat closes.</translation>
    </message>
    <message>
        <source>The prices could not be saved: {reason}</source>
        <translation>The prices could not be saved: {reason}</translation>
    </message>
    <message>
        <source>Zoom: {steps:+d}</source>
        <translation>Zoom: {steps:+d}</translation>
    </message>
    <message>
        <source>Zoom: actual size</source>
        <translation>Zoom: actual size</translation>
    </message>
</context>
<context>
    <name>OutputsView</name>
    <message>
        <source>Stop</source>
        <translation>Stop</translation>
    </message>
    <message>
        <source>Stop this run: the process and everything it started are ended</source>
        <translation>Stop this run: the process and everything it started are ended</translation>
    </message>
    <message>
        <source>Clear outputs</source>
        <translation>Clear outputs</translation>
    </message>
    <message>
        <source>Remove these outputs, here and in the history</source>
        <translation>Remove these outputs, here and in the history</translation>
    </message>
    <message>
        <source>Show all</source>
        <translation>Show all</translation>
    </message>
    <message>
        <source>Show the whole output (long outputs are cut on screen)</source>
        <translation>Show the whole output (long outputs are cut on screen)</translation>
    </message>
    <message>
        <source>Figure, {width}×{height} pixels</source>
        <translation>Figure, {width}×{height} pixels</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Value</translation>
    </message>
</context>
<context>
    <name>PricesDialog</name>
    <message>
        <source>Prices</source>
        <translation>Prices</translation>
    </message>
    <message>
        <source>Prices per million tokens, as your Model Studio console lists them. Costs shown are estimates from the token counts the service reports; reasoning counts as output, and the code interpreter adds input tokens but no charge of its own. A model without prices gets no estimate.</source>
        <translation>Prices per million tokens, as your Model Studio console lists them. Costs shown are estimates from the token counts the service reports; reasoning counts as output, and the code interpreter adds input tokens but no charge of its own. A model without prices gets no estimate.</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>Model</translation>
    </message>
    <message>
        <source>Input / 1M tokens</source>
        <translation>Input / 1M tokens</translation>
    </message>
    <message>
        <source>Output / 1M tokens</source>
        <translation>Output / 1M tokens</translation>
    </message>
    <message>
        <source>Add model</source>
        <translation>Add model</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Remove</translation>
    </message>
    <message>
        <source>Currency</source>
        <translation>Currency</translation>
    </message>
    <message>
        <source>{model}: a price is a number of at least 0 (both are needed)</source>
        <translation>{model}: a price is a number of at least 0 (both are needed)</translation>
    </message>
    <message>
        <source>{model} is listed twice</source>
        <translation>{model} is listed twice</translation>
    </message>
</context>
<context>
    <name>QuestionBox</name>
    <message>
        <source>Ask Qwen — it can run Python to work things out.  ({keys})</source>
        <translation>Ask Qwen — it can run Python to work things out.  ({keys})</translation>
    </message>
    <message>
        <source>Type a question; {keys}</source>
        <translation>Type a question; {keys}</translation>
    </message>
</context>
<context>
    <name>QuestionEditor</name>
    <message>
        <source>Edited question</source>
        <translation>Edited question</translation>
    </message>
    <message>
        <source>Send</source>
        <translation>Send</translation>
    </message>
    <message>
        <source>Ask the edited question as a new version of this turn; the earlier version stays, with what followed it</source>
        <translation>Ask the edited question as a new version of this turn; the earlier version stays, with what followed it</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>Leave the question as it was (Esc)</source>
        <translation>Leave the question as it was (Esc)</translation>
    </message>
</context>
<context>
    <name>QuestionText</name>
    <message>
        <source>Show all ({count} characters)</source>
        <translation>Show all ({count} characters)</translation>
    </message>
    <message>
        <source>Show less</source>
        <translation>Show less</translation>
    </message>
</context>
<context>
    <name>RequestStatus</name>
    <message>
        <source>Ready</source>
        <translation>Ready</translation>
    </message>
    <message>
        <source>Copy id</source>
        <translation>Copy id</translation>
    </message>
    <message>
        <source>Copy the request id (support asks for it)</source>
        <translation>Copy the request id (support asks for it)</translation>
    </message>
    <message>
        <source>Silent for {seconds} s: the interpreter may be running code…</source>
        <translation>Silent for {seconds} s: the interpreter may be running code…</translation>
    </message>
    <message>
        <source>Tokens: {input} in · {output} out · {reasoning} reasoning · {total} total</source>
        <translation>Tokens: {input} in · {output} out · {reasoning} reasoning · {total} total</translation>
    </message>
    <message>
        <source>Tokens: counted at the end of the reply</source>
        <translation>Tokens: counted at the end of the reply</translation>
    </message>
    <message>
        <source>Tokens: not reported by the server</source>
        <translation>Tokens: not reported by the server</translation>
    </message>
    <message>
        <source>Interpreter runs: {count}</source>
        <translation>Interpreter runs: {count}</translation>
    </message>
    <message>
        <source>Interpreter runs: not reported</source>
        <translation>Interpreter runs: not reported</translation>
    </message>
    <message>
        <source>The OpenAI-compatible protocol does not report how many times the interpreter ran, nor the code it ran</source>
        <translation>The OpenAI-compatible protocol does not report how many times the interpreter ran, nor the code it ran</translation>
    </message>
    <message>
        <source>via {connection}</source>
        <translation>via {connection}</translation>
    </message>
    <message>
        <source>Elapsed {elapsed} · first token {first}</source>
        <translation>Elapsed {elapsed} · first token {first}</translation>
    </message>
    <message>
        <source>Request {id}</source>
        <translation>Request {id}</translation>
    </message>
    <message>
        <source>Streaming…</source>
        <translation>Streaming…</translation>
    </message>
    <message>
        <source>Waiting for the service…</source>
        <translation>Waiting for the service…</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Done</translation>
    </message>
    <message>
        <source>Stopped: what arrived is kept</source>
        <translation>Stopped: what arrived is kept</translation>
    </message>
    <message>
        <source>Failed: {code}</source>
        <translation>Failed: {code}</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Failed</translation>
    </message>
</context>
<context>
    <name>SendKeys</name>
    <message>
        <source>Enter sends · Ctrl+Enter for a new line</source>
        <translation>Enter sends · Ctrl+Enter for a new line</translation>
    </message>
    <message>
        <source>Ctrl+Enter sends</source>
        <translation>Ctrl+Enter sends</translation>
    </message>
</context>
<context>
    <name>SendingMixin</name>
    <message>
        <source>Saved to the history</source>
        <translation>Saved to the history</translation>
    </message>
    <message>
        <source>&lt;b&gt;Not saved to the history&lt;/b&gt; — {problem}.&lt;br&gt;The reply stays here in full and dashchat keeps trying; it is saved as soon as that is fixed. Save as… keeps a copy elsewhere.</source>
        <translation>&lt;b&gt;Not saved to the history&lt;/b&gt; — {problem}.&lt;br&gt;The reply stays here in full and dashchat keeps trying; it is saved as soon as that is fixed. Save as… keeps a copy elsewhere.</translation>
    </message>
    <message>
        <source>Export failed: {reason}</source>
        <translation>Export failed: {reason}</translation>
    </message>
    <message>
        <source>Showing version {number} of {count}</source>
        <translation>Showing version {number} of {count}</translation>
    </message>
</context>
<context>
    <name>SentTime</name>
    <message>
        <source>Sent {time}</source>
        <translation>Sent {time}</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation>Settings</translation>
    </message>
    <message>
        <source>Checking the keyring…</source>
        <translation>Checking the keyring…</translation>
    </message>
    <message>
        <source>sk-…  (leave empty to keep the current key)</source>
        <translation>sk-…  (leave empty to keep the current key)</translation>
    </message>
    <message>
        <source>Show</source>
        <translation>Show</translation>
    </message>
    <message>
        <source>Show or hide the key you are typing</source>
        <translation>Show or hide the key you are typing</translation>
    </message>
    <message>
        <source>Keep it in the OS keyring (otherwise for this session only)</source>
        <translation>Keep it in the OS keyring (otherwise for this session only)</translation>
    </message>
    <message>
        <source>Test</source>
        <translation>Test</translation>
    </message>
    <message>
        <source>Remove stored key</source>
        <translation>Remove stored key</translation>
    </message>
    <message>
        <source>China (Beijing)</source>
        <translation>China (Beijing)</translation>
    </message>
    <message>
        <source>Singapore</source>
        <translation>Singapore</translation>
    </message>
    <message>
        <source>US (Virginia)</source>
        <translation>US (Virginia)</translation>
    </message>
    <message>
        <source>Custom base URL</source>
        <translation>Custom base URL</translation>
    </message>
    <message>
        <source>https://gateway.example/prefix</source>
        <translation>https://gateway.example/prefix</translation>
    </message>
    <message>
        <source>The code interpreter is documented for the China (Beijing) region only, and API keys are bound to the region that issued them.</source>
        <translation>The code interpreter is documented for the China (Beijing) region only, and API keys are bound to the region that issued them.</translation>
    </message>
    <message>
        <source>Region</source>
        <translation>Region</translation>
    </message>
    <message>
        <source>Base URL</source>
        <translation>Base URL</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>Model</translation>
    </message>
    <message>
        <source>Use it for this session only</source>
        <translation>Use it for this session only</translation>
    </message>
    <message>
        <source>Connection</source>
        <translation>Connection</translation>
    </message>
    <message>
        <source>General</source>
        <translation>General</translation>
    </message>
    <message>
        <source>Save and leave that key in the keyring</source>
        <translation>Save and leave that key in the keyring</translation>
    </message>
    <message>
        <source>Connection profiles: each has its own protocol, address, model and key</source>
        <translation>Connection profiles: each has its own protocol, address, model and key</translation>
    </message>
    <message>
        <source>New</source>
        <translation>New</translation>
    </message>
    <message>
        <source>Add a connection profile (an OpenAI-compatible server, to begin with)</source>
        <translation>Add a connection profile (an OpenAI-compatible server, to begin with)</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Delete</translation>
    </message>
    <message>
        <source>Delete this profile and its stored key when you save</source>
        <translation>Delete this profile and its stored key when you save</translation>
    </message>
    <message>
        <source>DashScope native — shows the executed code</source>
        <translation>DashScope native — shows the executed code</translation>
    </message>
    <message>
        <source>OpenAI-compatible — no executed code</source>
        <translation>OpenAI-compatible — no executed code</translation>
    </message>
    <message>
        <source>This protocol does not return the executed code or the interpreter count; the code pane will say so.</source>
        <translation>This protocol does not return the executed code or the interpreter count; the code pane will say so.</translation>
    </message>
    <message>
        <source>Profile</source>
        <translation>Profile</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Protocol</source>
        <translation>Protocol</translation>
    </message>
    <message>
        <source>Send one tiny request with this key, address and model</source>
        <translation>Send one tiny request with this key, address and model</translation>
    </message>
    <message>
        <source>API key of this profile</source>
        <translation>API key of this profile</translation>
    </message>
    <message>
        <source>(no name)</source>
        <translation>(no name)</translation>
    </message>
    <message>
        <source>http://localhost:8000/v1</source>
        <translation>http://localhost:8000/v1</translation>
    </message>
    <message>
        <source>The next question uses this connection.</source>
        <translation>The next question uses this connection.</translation>
    </message>
    <message>
        <source>Saving makes this the connection for the next question (now: {name}).</source>
        <translation>Saving makes this the connection for the next question (now: {name}).</translation>
    </message>
    <message>
        <source>A connection needs a name.</source>
        <translation>A connection needs a name.</translation>
    </message>
    <message>
        <source>Another connection is already called “{name}”.</source>
        <translation>Another connection is already called “{name}”.</translation>
    </message>
    <message>
        <source>“{name}” needs a base URL (or a region).</source>
        <translation>“{name}” needs a base URL (or a region).</translation>
    </message>
    <message>
        <source>The base URL of “{name}” must look like http://host:port/path.</source>
        <translation>The base URL of “{name}” must look like http://host:port/path.</translation>
    </message>
    <message>
        <source>New connection</source>
        <translation>New connection</translation>
    </message>
    <message>
        <source>Deleted when you save, with the stored key: {names}. Cancel undoes this.</source>
        <translation>Deleted when you save, with the stored key: {names}. Cancel undoes this.</translation>
    </message>
    <message>
        <source>Hide</source>
        <translation>Hide</translation>
    </message>
    <message>
        <source>Type the base URL above: a local server may need no key.</source>
        <translation>Type the base URL above: a local server may need no key.</translation>
    </message>
    <message>
        <source>No key needed for a local server; add one if yours asks for it.</source>
        <translation>No key needed for a local server; add one if yours asks for it.</translation>
    </message>
    <message>
        <source>(The OS keyring cannot be used: {reason})</source>
        <translation>(The OS keyring cannot be used: {reason})</translation>
    </message>
    <message>
        <source>DASHSCOPE_API_KEY is set and takes precedence</source>
        <translation>DASHSCOPE_API_KEY is set and takes precedence</translation>
    </message>
    <message>
        <source>optional: only if your server asks for a key</source>
        <translation>optional: only if your server asks for a key</translation>
    </message>
    <message>
        <source>Testing…</source>
        <translation>Testing…</translation>
    </message>
    <message>
        <source>No key to test: type one above.</source>
        <translation>No key to test: type one above.</translation>
    </message>
    <message>
        <source>The key works with {url} and {model} ({seconds} s).</source>
        <translation>The key works with {url} and {model} ({seconds} s).</translation>
    </message>
    <message>
        <source>{url} answers with {model} without a key ({seconds} s).</source>
        <translation>{url} answers with {model} without a key ({seconds} s).</translation>
    </message>
    <message>
        <source>Not removed: {reason}</source>
        <translation>Not removed: {reason}</translation>
    </message>
    <message>
        <source>Removed the stored key.</source>
        <translation>Removed the stored key.</translation>
    </message>
    <message>
        <source>No key was stored.</source>
        <translation>No key was stored.</translation>
    </message>
    <message>
        <source>Not saved: {reason}.</source>
        <translation>Not saved: {reason}.</translation>
    </message>
    <message>
        <source>Not saved. {problem}</source>
        <translation>Not saved. {problem}</translation>
    </message>
    <message>
        <source>The stored key of the deleted connection “{name}” could not be removed: {reason}</source>
        <translation>The stored key of the deleted connection “{name}” could not be removed: {reason}</translation>
    </message>
    <message>
        <source>The key was not stored: {reason} Nothing was written anywhere else.</source>
        <translation>The key was not stored: {reason} Nothing was written anywhere else.</translation>
    </message>
</context>
<context>
    <name>SettingsMixin</name>
    <message>
        <source>dashchat (demo)</source>
        <translation>dashchat (demo)</translation>
    </message>
    <message>
        <source>OpenAI-compatible: no executed code</source>
        <translation>OpenAI-compatible: no executed code</translation>
    </message>
    <message>
        <source>DashScope native</source>
        <translation>DashScope native</translation>
    </message>
    <message>
        <source>The next question goes to {connection}</source>
        <translation>The next question goes to {connection}</translation>
    </message>
    <message>
        <source>Settings saved: they apply to the next question</source>
        <translation>Settings saved: they apply to the next question</translation>
    </message>
    <message>
        <source>Nothing to export yet</source>
        <translation>Nothing to export yet</translation>
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
        <translation>Transcript JSON (*.json)</translation>
    </message>
    <message>
        <source>Jupyter notebook (*.ipynb)</source>
        <translation>Jupyter notebook (*.ipynb)</translation>
    </message>
    <message>
        <source>Export conversation</source>
        <translation>Export conversation</translation>
    </message>
    <message>
        <source>Export failed: {reason}</source>
        <translation>Export failed: {reason}</translation>
    </message>
    <message>
        <source>Exported to {path}</source>
        <translation>Exported to {path}</translation>
    </message>
</context>
<context>
    <name>ShortcutsDialog</name>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>Keyboard shortcuts</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Action</translation>
    </message>
    <message>
        <source>Keys</source>
        <translation>Keys</translation>
    </message>
</context>
<context>
    <name>Sidebar</name>
    <message>
        <source>New conversation</source>
        <translation>New conversation</translation>
    </message>
    <message>
        <source>New conversation ({shortcut})</source>
        <translation>New conversation ({shortcut})</translation>
    </message>
    <message>
        <source>Search conversations</source>
        <translation>Search conversations</translation>
    </message>
    <message>
        <source>Include thinking</source>
        <translation>Include thinking</translation>
    </message>
    <message numerus="yes">
        <source>%n turn(s)</source>
        <translation>
            <numerusform>%n turn</numerusform>
            <numerusform>%n turns</numerusform>
        </translation>
    </message>
    <message>
        <source>Untitled</source>
        <translation>Untitled</translation>
    </message>
    <message>
        <source>No conversations yet.</source>
        <translation>No conversations yet.</translation>
    </message>
    <message>
        <source>Turn {number}</source>
        <translation>Turn {number}</translation>
    </message>
    <message>
        <source>Nothing matches “{text}”.</source>
        <translation>Nothing matches “{text}”.</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Open</translation>
    </message>
    <message>
        <source>Rename…</source>
        <translation>Rename…</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Delete</translation>
    </message>
    <message>
        <source>Rename conversation</source>
        <translation>Rename conversation</translation>
    </message>
    <message>
        <source>Title:</source>
        <translation>Title:</translation>
    </message>
    <message>
        <source>Not saved to the history</source>
        <translation>Not saved to the history</translation>
    </message>
</context>
<context>
    <name>SystemPromptDialog</name>
    <message>
        <source>System prompt</source>
        <translation>System prompt</translation>
    </message>
    <message>
        <source>Instructions sent before every question of this conversation</source>
        <translation>Instructions sent before every question of this conversation</translation>
    </message>
    <message>
        <source>Sent first, as the system message, with each question of this conversation only.</source>
        <translation>Sent first, as the system message, with each question of this conversation only.</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>Clear</translation>
    </message>
</context>
<context>
    <name>ThinkingPane</name>
    <message>
        <source>The model&apos;s thinking streams here.</source>
        <translation>The model&apos;s thinking streams here.</translation>
    </message>
    <message>
        <source>ran code #{number}</source>
        <translation>ran code #{number}</translation>
    </message>
    <message>
        <source>silent for {seconds} s: the interpreter probably ran code</source>
        <translation>silent for {seconds} s: the interpreter probably ran code</translation>
    </message>
</context>
<context>
    <name>TurnCard</name>
    <message>
        <source>{number}. You</source>
        <translation>{number}. You</translation>
    </message>
    <message>
        <source>Edit</source>
        <translation>Edit</translation>
    </message>
    <message>
        <source>Edit question {number}</source>
        <translation>Edit question {number}</translation>
    </message>
    <message>
        <source>Edit this question and ask it again as a new version of this turn</source>
        <translation>Edit this question and ask it again as a new version of this turn</translation>
    </message>
    <message>
        <source>Regenerate</source>
        <translation>Regenerate</translation>
    </message>
    <message>
        <source>Regenerate answer {number}</source>
        <translation>Regenerate answer {number}</translation>
    </message>
    <message>
        <source>Ask the same question again as a new version of this turn; this answer stays, with what followed it</source>
        <translation>Ask the same question again as a new version of this turn; this answer stays, with what followed it</translation>
    </message>
    <message>
        <source>Copy answer</source>
        <translation>Copy answer</translation>
    </message>
    <message>
        <source>Copy this answer as Markdown</source>
        <translation>Copy this answer as Markdown</translation>
    </message>
    <message>
        <source>Copy code</source>
        <translation>Copy code</translation>
    </message>
    <message>
        <source>Copy a code block of this answer, without its fences, or run one</source>
        <translation>Copy a code block of this answer, without its fences, or run one</translation>
    </message>
    <message>
        <source>Opening the answer…</source>
        <translation>Opening the answer…</translation>
    </message>
    <message>
        <source>Streaming…</source>
        <translation>Streaming…</translation>
    </message>
    <message>
        <source>Complete (cut at max tokens)</source>
        <translation>Complete (cut at max tokens)</translation>
    </message>
    <message>
        <source>Complete</source>
        <translation>Complete</translation>
    </message>
    <message>
        <source>Interrupted: what arrived is kept</source>
        <translation>Interrupted: what arrived is kept</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Failed</translation>
    </message>
</context>
<context>
    <name>WelcomeDialog</name>
    <message>
        <source>Welcome to dashchat</source>
        <translation>Welcome to dashchat</translation>
    </message>
    <message>
        <source>Ask Qwen a question: it thinks, writes and runs Python in its sandbox, and answers. You watch its thinking, every snippet it ran, and the answer, live.

To talk to the service you need an API key from Alibaba Cloud Model Studio (the code interpreter is offered in the China (Beijing) region). The key is kept in your system&apos;s keyring, never in a file.</source>
        <translation>Ask Qwen a question: it thinks, writes and runs Python in its sandbox, and answers. You watch its thinking, every snippet it ran, and the answer, live.

To talk to the service you need an API key from Alibaba Cloud Model Studio (the code interpreter is offered in the China (Beijing) region). The key is kept in your system&apos;s keyring, never in a file.</translation>
    </message>
    <message>
        <source>Enter your API key…</source>
        <translation>Enter your API key…</translation>
    </message>
    <message>
        <source>Try the demo</source>
        <translation>Try the demo</translation>
    </message>
    <message>
        <source>Recorded replies, no key, no network</source>
        <translation>Recorded replies, no key, no network</translation>
    </message>
    <message>
        <source>Later</source>
        <translation>Later</translation>
    </message>
</context>
</TS>
