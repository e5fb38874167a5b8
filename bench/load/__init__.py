"""``make load``: a bounded, headless load run against the production shape, verified after
(see ``bench/load/run.py``)."""
