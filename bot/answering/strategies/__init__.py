"""The strategies that propose an answer, one module each, tried in the registry's order
(registry.py): each says whether it applies to a question and proposes a Draft, or None to
let the next one try. They never decide to decline: the verdict does."""
