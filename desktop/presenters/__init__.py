"""Qt-free presenters: the state and rules behind the window's dialogs, testable without a widget
(the views in desktop/ui show them and word their outcomes)."""
