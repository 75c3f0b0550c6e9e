"""Extractive summaries: the sentences that best stand for one source, and for all of them together.

- ``rules``: which sentences can never be chosen (captions, credits, fragments) and which point back;
- ``scoring``: centrality (LexRank + TextRank), position and title overlap; MMR selection;
- ``source``: the per-source summary;
- ``executive``: the executive summary across sources, with near-duplicates merged and cited together.
"""

from .executive import executive_summary
from .rules import points_back, unusable_reason
from .scoring import rank_sentences
from .source import summarise_source

__all__ = ["executive_summary", "points_back", "rank_sentences", "summarise_source", "unusable_reason"]
