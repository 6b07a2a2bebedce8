"""Email that goes out: summons and changes to members, notices to subscribers.

Messages are written as `OutgoingEmail` rows inside the publication's transaction (so a
publication that fails sends nothing) and sent by the task worker after it commits, one
task per message, retried with backoff; each row is the log (who, what, when, sent or
failed). The row's unique key means nothing is written, or sent, twice.
"""
