"""The exception tree of digicoop's graph layer.

    DigicoopError
    ├── InputError            the input cannot become an article (caller's fault)
    │   ├── EmptyInput
    │   ├── UnsupportedLanguage
    │   ├── UnsupportedFormat
    │   └── InputTooLarge
    ├── QueryError            a SPARQL request is malformed or not allowed
    │   ├── QuerySyntaxError
    │   └── QueryRefused      (SERVICE, LOAD of local files, hidden graphs)
    ├── QueryTimeout          a query ran past its deadline
    ├── StoreError            the store failed
    │   └── StoreUnavailable  (remote engine down, read-only disk)
    └── NotFound              no such article or entity

Every message is written for the user who sent the input: it never carries a
library's internal exception text.
"""

from __future__ import annotations


class DigicoopError(Exception):
    """Base of every error digicoop raises on purpose."""


class InputError(DigicoopError):
    """The input cannot become an article."""


class EmptyInput(InputError):
    pass


class UnsupportedLanguage(InputError):
    pass


class UnsupportedFormat(InputError):
    pass


class InputTooLarge(InputError):
    pass


class QueryError(DigicoopError):
    """A SPARQL request is malformed or not allowed."""


class QuerySyntaxError(QueryError):
    pass


class QueryRefused(QueryError):
    pass


class QueryTimeout(DigicoopError):
    pass


class StoreError(DigicoopError):
    pass


class StoreUnavailable(StoreError):
    pass


class NotFound(DigicoopError):
    pass
