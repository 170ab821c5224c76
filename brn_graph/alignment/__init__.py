"""Alignment analytics: scores with evidence, explanations, gaps, engagement and ranking."""
