"""Changes to the records and undoing them.

``trail`` records every editor's change as a ``Revision``; ``revert`` undoes
one; ``merge`` merges people and un-merges them; ``codec`` turns column values
into JSON for the revisions and back.
"""
