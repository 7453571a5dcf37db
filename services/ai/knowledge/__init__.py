"""A small bilingual (English/Swahili) knowledge base for financial-literacy questions."""

from services.ai.knowledge.retrieval import Answer, answer

__all__ = ["Answer", "answer"]
