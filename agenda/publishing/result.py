"""What a step returns: one object saying what changed, what was checked, what to tell."""

from dataclasses import dataclass, field


@dataclass
class StepResult:
    """The outcome of one executed step."""

    step: str
    meeting: object
    before: str
    after: str
    transition: object = None
    checks: list = field(default_factory=list)
    messages: list = field(default_factory=list)  # warnings for the clerk (e.g. the pack)
    outputs: object = None  # effects.Outputs
    created: object = None  # what the step made, if anything (an erratum, an item)
    pending: object = None  # the Publication the worker is completing, if not done yet

    @property
    def changed(self):
        return self.before != self.after or self.created is not None
