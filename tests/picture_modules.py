"""Import the picture modules (stdlib-only, no other `briefing` imports) for their tests.

While `briefing/render.py` is still a module, `briefing.render.pictures` cannot be imported as a
package; then the `pictures` folder is loaded as a package of its own from its path.
"""

from __future__ import annotations

import importlib
import importlib.util
import sys
from pathlib import Path
from types import ModuleType

PICTURES = Path(__file__).resolve().parents[1] / "plugins" / "briefing" / "render" / "pictures"
_STANDALONE = "briefing_pictures"


def load(name: str) -> ModuleType:
    """The module `briefing.render.pictures.<name>`, or the same file loaded from its path."""
    try:
        return importlib.import_module(f"briefing.render.pictures.{name}")
    except ModuleNotFoundError:
        pass
    if _STANDALONE not in sys.modules:
        spec = importlib.util.spec_from_file_location(
            _STANDALONE, PICTURES / "__init__.py", submodule_search_locations=[str(PICTURES)]
        )
        assert spec is not None and spec.loader is not None
        package = importlib.util.module_from_spec(spec)
        sys.modules[_STANDALONE] = package
        spec.loader.exec_module(package)
    return importlib.import_module(f"{_STANDALONE}.{name}")
