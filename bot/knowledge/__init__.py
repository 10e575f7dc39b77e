"""The knowledge base: model, YAML loading and validation with file:line problems."""

from bot.knowledge.loader import KnowledgeError, LoadReport, load_knowledge, load_report
from bot.knowledge.model import (
    Admission,
    Entry,
    Faq,
    GlossaryTerm,
    KnowledgeBase,
    Problem,
    Resource,
    Section,
)

__all__ = [
    "Admission",
    "Entry",
    "Faq",
    "GlossaryTerm",
    "KnowledgeBase",
    "KnowledgeError",
    "LoadReport",
    "Problem",
    "Resource",
    "Section",
    "load_knowledge",
    "load_report",
]
