"""Does the index hold exactly what the database says it should? (tests, operations)"""

from .indexes import all_indexes
from .languages import all_aliases
from .queue import get_backend


def expected_documents(alias):
    """{identifier: title} of everything ``alias``'s index should hold now."""
    expected = {}
    for model, index in all_indexes().items():
        label = model._meta.label_lower
        for obj in index.index_queryset(using=alias):
            expected[f"{label}.{obj.pk}"] = index.prepare_title(obj)
    return expected


def differences():
    """{alias: {"missing": [...], "extra": [...], "stale": [...]}} for indexes that differ."""
    found = {}
    for alias in all_aliases():
        expected = expected_documents(alias)
        indexed = get_backend(alias).document_ids()
        problems = {
            "missing": sorted(set(expected) - set(indexed)),
            "extra": sorted(set(indexed) - set(expected)),
            "stale": sorted(key for key in set(expected) & set(indexed)
                            if expected[key] != indexed[key]),
        }
        if any(problems.values()):
            found[alias] = problems
    return found
