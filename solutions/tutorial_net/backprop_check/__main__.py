"""``python -m backprop_check NOTEBOOK``: check a whole notebook on the public cases (see selfcheck)."""
import sys

from .selfcheck import main

sys.exit(main())
