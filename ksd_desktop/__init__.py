"""KSD Desktop: pemetaan kerja sama daerah (PP 28/2018 Pasal 5; Permendagri 22/2020)."""

__version__ = "0.1.0"
APP_NAME = "KSD Desktop"
