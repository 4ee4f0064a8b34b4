"""``python -m listcheck``."""

from listcheck.cli import main

raise SystemExit(main())
