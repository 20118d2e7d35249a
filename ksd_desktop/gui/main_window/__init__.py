"""The main window: agencies, proposals, detail pane, and the actions on forms and data.

    window.py        MainWindow: layout, data loading, selection
    actions.py       the QActions (menus, toolbar) and their tips
    form_mixin.py    actions on the selected form (new, open, sign, revise, export, verify, assess)
    form_actions.py  the dialogs behind the form actions
    data_actions.py  import, export bundle, recap, backup, undo import
"""
