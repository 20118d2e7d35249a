"""The official PDF mapping form: layout (reportlab), the attached data, export and verification.

    context.py  what a page needs besides the form (names, letterhead); no reportlab
    form.py     build_form_pdf: typeset, attach the form's data, write the metadata
    layout.py   the pages of the form (reportlab flowables)
    kit.py      reportlab building blocks shared by the form and the recap
    export.py   gather the context from the database and write the file atomically
    verify.py   is a PDF an unaltered export of a signed form?

Nothing here imports reportlab, pypdf or pyHanko at import time except layout.py and kit.py,
which only form.py and the recap import, inside functions.
"""
