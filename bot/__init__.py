"""Wellbeing Map domain: the map, reading what people type, the conversation flow,
storage, exports and summaries. Knows nothing of Rasa."""
