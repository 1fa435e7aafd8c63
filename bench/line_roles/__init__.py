"""Rules or a learned layer for line roles (issue 13, item 5): an experiment, not a stage.

Each line of a document gets one role (title, recipients, signature, date, furniture, other),
derived from gold answers (`labels`); the rule cascade's roles come from the values it chose
(`rules`); a linear-chain CRF over line features (`features`, `crf`) learns them; `report`
compares both per role, by leave-one-set-out cross-validation and on the held-out wild gold.
"""
