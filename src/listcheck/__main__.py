"""``python -m listcheck``."""

from .cli import main

raise SystemExit(main())
