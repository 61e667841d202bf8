import sys

from armstrack.cli import main

sys.exit(main())
