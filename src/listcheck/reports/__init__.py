"""The report of a run, how it is counted, and how it is shown: terminal, JSON, HTML."""
