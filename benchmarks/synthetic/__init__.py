"""The synthetic store of many years of bulletins for the performance benchmark (NOT real
data): the bulletin sequence and keys (``periods``), the shipped bulletins whose keys it copies
(``templates``), what its values are scaled on and printed like (``shipped``), the values
themselves (``model``) and the store written from them (``builder``). The rules, and the command
line, are in ``benchmarks/synthetic_store.py``.
"""
