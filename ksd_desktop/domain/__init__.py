"""Pure domain layer: entities, rules, canonical hash, NIP and Indonesian dates.

Nothing here imports Qt, SQL or reportlab (see tests/test_layering.py).
"""
