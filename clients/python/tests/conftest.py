# The client from this folder's parent, not an installed copy, so these tests check the code beside them.
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), ".."))
