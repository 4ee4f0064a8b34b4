"""The checks of an address: syntax, typos, domain knowledge, risk, DNS, duplicates, suppression."""
