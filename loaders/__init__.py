"""EIM Monitor loaders: MIIT 电子信息制造业运行情况 bulletins -> validated, tidy facts.

from loaders import parse_bulletin
bulletin = parse_bulletin(Path("2023-11.txt"))
bulletin.observations  # Observation rows in the contract's codes
"""

from loaders.bulletin.models import Bulletin, Issue, Observation
from loaders.bulletin.parse import BulletinError, parse_bulletin

__all__ = ["Bulletin", "BulletinError", "Issue", "Observation", "parse_bulletin"]
