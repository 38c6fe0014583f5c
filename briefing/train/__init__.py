"""Training the extractor's small classifiers from the annotated tuning sets.

``python -m briefing.train commitments`` and ``python -m briefing.train themes`` train a
spaCy text classifier on the annotated articles of the tuning sets (the dev corpus,
``eval/heldout``, ``eval/heldout2``, ``eval/heldout3``; never ``eval/blind``), print
leave-one-article-out precision and recall for the rules alone, the model alone and their
combinations, and save the model and the combination that scored best under
``resources/models/``. Training is seeded and repeatable. A development tool: it needs a
checkout with the annotated sets, and spaCy's training machinery.
"""
