"""Follow-up after the mapping: tindak lanjut steps, the agreements register, drafts, monev."""
