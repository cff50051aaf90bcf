"""The error of the pure modules: an English message with `{0}` placeholders, translated by the caller."""

from __future__ import annotations

from collections.abc import Callable


class DomainError(ValueError):
	def __init__(self, message: str, *args: object):
		super().__init__(message.format(*args))
		self.message = message
		self.args_ = args

	def translated(self, translate: Callable[[str], str]) -> str:
		"""The message in the user's language; string arguments (ID types, say) are translated too."""
		return translate(self.message).format(*(translate(a) if isinstance(a, str) else a for a in self.args_))
