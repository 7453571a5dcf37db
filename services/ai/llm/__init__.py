"""Understanding by a language model: function-calling tools generated from our own proto
descriptors, the OpenAI and Anthropic adapters, and the chain that falls back to the offline
understanding."""
