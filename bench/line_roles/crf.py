"""A linear-chain CRF over a document's lines (python-crfsuite), trained and applied in memory."""
from __future__ import annotations

import os
import tempfile
from collections.abc import Sequence

import pycrfsuite

from bench.line_roles.features import crfsuite_items

PARAMS = {"c1": 0.1, "c2": 1.0, "max_iterations": 150, "feature.possible_transitions": True}
"""L1 + L2 (elastic net) by L-BFGS. c1/c2 chosen by the leave-one-set-out cross-validation
over the training sets (eight settings, c1 0.02–0.5, c2 0.001–1.0: macro line F1 0.909–0.938),
never on the held-out set."""


class LineCRF:
    """Train on (features per line, role per line) sequences; tag new sequences."""

    def __init__(self, params: dict | None = None):
        self.params = {**PARAMS, **(params or {})}
        self._tagger: pycrfsuite.Tagger | None = None
        self._path = ""

    def fit(self, docs: Sequence[list[dict]], labels: Sequence[list[str]]) -> LineCRF:
        trainer = pycrfsuite.Trainer(verbose=False)
        for feats, roles in zip(docs, labels):
            if feats:
                trainer.append([crfsuite_items(f) for f in feats], list(roles))
        trainer.set_params(self.params)
        fd, self._path = tempfile.mkstemp(suffix=".crfsuite")
        os.close(fd)
        trainer.train(self._path)
        self._tagger = pycrfsuite.Tagger()
        self._tagger.open(self._path)
        return self

    def predict(self, feats: list[dict]) -> list[str]:
        if not feats:
            return []
        assert self._tagger is not None, "fit first"
        return list(self._tagger.tag([crfsuite_items(f) for f in feats]))

    def close(self) -> None:
        if self._tagger is not None:
            self._tagger.close()
            self._tagger = None
        if self._path and os.path.exists(self._path):
            os.unlink(self._path)
