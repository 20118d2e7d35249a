"""The main window: agencies, proposals, detail pane, and the actions on forms and data.

window.py           MainWindow: layout, data loading, selection
state.py            Action (every action's name), WindowState, and the pure ``enablement``
actions.py          the QActions (menus, toolbar), their tips, applying a WindowState
port.py             WindowPort: what the controllers may use of the window
form_controller.py  actions on the selected form (new, open, sign, revise, export, verify, assess)
form_actions.py     the dialogs behind the form actions
data_actions.py     import, export bundle, recap, backup, undo import (DataController)
"""
