"""The window's look: quiet panes, clear hierarchy, errors that stand out."""

STYLE_SHEET = """
QLabel#paneTitle { font-weight: 600; color: #57606a; padding: 2px 2px; letter-spacing: 0.5px; }
QLabel#paneHint { color: #8c959f; padding: 16px; }
QLabel#note { color: #57606a; }
QLabel#banner { background: #ddf4ff; border: 1px solid #54aeff; border-radius: 6px; padding: 6px 10px; color: #0a3069; }
QLabel#banner[tone="warning"] { background: #fff8c5; border-color: #d4a72c; color: #4d2d00; }
QLabel#errorBanner, QFrame#errorBanner { background: #ffebe9; border: 1px solid #ff8182; border-radius: 6px; padding: 6px 10px; color: #82071e; }
QLabel#noticeText { color: #82071e; }
QLabel#welcomeTitle { font-size: 20px; font-weight: 600; }
QLabel#keyState[ok="true"] { color: #1a7f37; }
QFrame#turnCard { background: palette(base); border: 1px solid #d0d7de; border-radius: 8px; }
QFrame#turnCard[focused="true"] { border: 2px solid #0969da; }
QLabel#roleLabel { color: #57606a; font-weight: 600; font-size: 11px; }
QLabel#question { background: #f6f8fa; border-left: 3px solid #0969da; padding: 6px 8px; }
QLabel#outcome { color: #57606a; font-size: 11px; }
QLabel#outcome[state="error"] { color: #cf222e; }
QLabel#outcome[state="interrupted"] { color: #9a6700; }
QListWidget#conversationList::item { padding: 6px 4px; border-bottom: 1px solid #eaeef2; }
QListWidget#conversationList::item:selected { background: #ddf4ff; color: #0a3069; }
QLabel#turnLabel { color: #57606a; font-weight: 600; padding-top: 4px; }
QFrame#codeBlock { border: 1px solid #d0d7de; border-radius: 6px; background: #f6f8fa; }
QLabel#codeBlockTitle { font-weight: 600; color: #1a7f37; }
QPlainTextEdit#thinkingPane { color: #424a53; }
"""
